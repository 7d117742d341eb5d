#include "ElidedLabel.h"

#include <QResizeEvent>

using namespace Qt::StringLiterals;

namespace ecr {

namespace {
constexpr int kMinimumCharacters = 12;
constexpr int kPreferredCharacters = 40;
} // namespace

ElidedLabel::ElidedLabel(QWidget* parent)
    : QLabel(parent)
{
    setTextFormat(Qt::PlainText);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
}

void ElidedLabel::setFullText(const QString& text, const QString& details)
{
    m_fullText = text;
    setToolTip(details.isEmpty() ? text : text + u'\n' + details);
    elide();
    updateGeometry();
}

QSize ElidedLabel::sizeHint() const
{
    const QFontMetrics metrics(font());
    const int wanted = metrics.horizontalAdvance(m_fullText);
    const int preferred = metrics.averageCharWidth() * kPreferredCharacters;
    const QMargins margins = contentsMargins();
    return {std::min(wanted, preferred) + margins.left() + margins.right(),
        QLabel::sizeHint().height()};
}

QSize ElidedLabel::minimumSizeHint() const
{
    const QFontMetrics metrics(font());
    const QMargins margins = contentsMargins();
    return {metrics.averageCharWidth() * kMinimumCharacters + margins.left() + margins.right(),
        QLabel::minimumSizeHint().height()};
}

void ElidedLabel::resizeEvent(QResizeEvent* event)
{
    QLabel::resizeEvent(event);
    elide();
}

void ElidedLabel::elide()
{
    const QFontMetrics metrics(font());
    QLabel::setText(metrics.elidedText(m_fullText, Qt::ElideMiddle, contentsRect().width()));
}

} // namespace ecr
