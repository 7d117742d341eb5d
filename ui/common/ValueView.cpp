#include "ValueView.h"

#include <QAbstractTextDocumentLayout>
#include <QResizeEvent>

#include <cmath>

namespace ecr {

ValueView::ValueView(QWidget* parent)
    : QTextEdit(parent)
{
    setReadOnly(true);
    setAcceptRichText(false);
    setTabChangesFocus(true);
    setFrameShape(QFrame::NoFrame);
    setLineWrapMode(QTextEdit::WidgetWidth);
    setWordWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    viewport()->setAutoFillBackground(false);
    setAutoFillBackground(false);
    document()->setDocumentMargin(1);
    fitHeight();
}

void ValueView::setValue(const QString& value)
{
    if (value == toPlainText())
        return;
    setPlainText(value);
    moveCursor(QTextCursor::Start);
    fitHeight();
}

int ValueView::contentHeight() const
{
    return int(std::ceil(document()->documentLayout()->documentSize().height())) + 2 * frameWidth();
}

QSize ValueView::sizeHint() const
{
    return {QTextEdit::sizeHint().width(), contentHeight()};
}

QSize ValueView::minimumSizeHint() const
{
    return {fontMetrics().averageCharWidth() * 10, contentHeight()};
}

void ValueView::resizeEvent(QResizeEvent* event)
{
    QTextEdit::resizeEvent(event);
    if (event->size().width() != event->oldSize().width())
        fitHeight();
}

void ValueView::fitHeight()
{
    document()->setTextWidth(viewport()->width());
    const int height = contentHeight();
    if (height != this->height())
        setFixedHeight(height);
}

} // namespace ecr
