#include "MessageBar.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QStyle>
#include <QTimer>
#include <QToolButton>

using namespace Qt::StringLiterals;

namespace ecr {

namespace {

struct Colours
{
    QColor background;
    QColor border;
};

Colours coloursFor(MessageBar::Type type)
{
    switch (type) {
    case MessageBar::Type::Information:
        return {QColor(0x3D, 0xAE, 0xE9, 0x33), QColor(0x3D, 0xAE, 0xE9)};
    case MessageBar::Type::Warning:
        return {QColor(0xF6, 0x74, 0x00, 0x33), QColor(0xF6, 0x74, 0x00)};
    case MessageBar::Type::Error:
        return {QColor(0xDA, 0x44, 0x53, 0x33), QColor(0xDA, 0x44, 0x53)};
    }
    Q_UNREACHABLE();
}

QStyle::StandardPixmap pixmapFor(MessageBar::Type type)
{
    switch (type) {
    case MessageBar::Type::Information:
        return QStyle::SP_MessageBoxInformation;
    case MessageBar::Type::Warning:
        return QStyle::SP_MessageBoxWarning;
    case MessageBar::Type::Error:
        return QStyle::SP_MessageBoxCritical;
    }
    Q_UNREACHABLE();
}

} // namespace

MessageBar::MessageBar(QWidget* parent)
    : QFrame(parent)
    , m_iconLabel(new QLabel(this))
    , m_textLabel(new QLabel(this))
    , m_actionButton(new QPushButton(this))
    , m_closeButton(new QToolButton(this))
    , m_autoHide(new QTimer(this))
{
    setObjectName(u"messageBar"_s);
    setFrameShape(QFrame::StyledPanel);
    m_iconLabel->setObjectName(u"messageIconLabel"_s);
    m_iconLabel->setAlignment(Qt::AlignTop);
    m_textLabel->setObjectName(u"messageTextLabel"_s);
    m_textLabel->setWordWrap(true);
    m_textLabel->setTextFormat(Qt::PlainText);
    m_textLabel->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_textLabel->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    m_actionButton->setObjectName(u"messageActionButton"_s);
    m_actionButton->hide();
    m_closeButton->setObjectName(u"messageCloseButton"_s);
    m_closeButton->setAutoRaise(true);
    m_closeButton->setIcon(style()->standardIcon(QStyle::SP_TitleBarCloseButton));
    m_closeButton->setToolTip(tr("Close message"));
    m_closeButton->setAccessibleName(tr("Close message"));

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 6, 6, 6);
    layout->addWidget(m_iconLabel);
    layout->addWidget(m_textLabel, 1);
    layout->addWidget(m_actionButton, 0, Qt::AlignTop);
    layout->addWidget(m_closeButton, 0, Qt::AlignTop);

    connect(m_actionButton, &QPushButton::clicked, this, &MessageBar::actionTriggered);
    connect(m_closeButton, &QToolButton::clicked, this, [this] {
        hideMessage();
        Q_EMIT closed();
    });

    m_autoHide->setSingleShot(true);
    connect(m_autoHide, &QTimer::timeout, this, &MessageBar::hideMessage);
    applyType();
    hide();
}

MessageBar::~MessageBar() = default;

void MessageBar::showMessage(const QString& text, Type type, const QString& actionText)
{
    m_autoHide->stop();
    m_type = type;
    m_textLabel->setText(text);
    m_actionButton->setText(actionText);
    m_actionButton->setVisible(!actionText.isEmpty());
    applyType();
    show();
}

void MessageBar::showNotice(const QString& text, std::chrono::milliseconds duration)
{
    showMessage(text, Type::Information);
    m_autoHide->start(duration);
}

bool MessageBar::isNotice() const
{
    return m_autoHide->isActive();
}

void MessageBar::hideMessage()
{
    m_autoHide->stop();
    hide();
    m_textLabel->clear();
    m_actionButton->hide();
}

QString MessageBar::text() const
{
    return m_textLabel->text();
}

void MessageBar::applyType()
{
    const Colours colours = coloursFor(m_type);
    setStyleSheet(u"QFrame#messageBar { background-color: %1; border: 1px solid %2; "
                  "border-radius: 4px; }"_s.arg(colours.background.name(QColor::HexArgb),
                      colours.border.name(QColor::HexRgb)));
    const int size = style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, this);
    m_iconLabel->setPixmap(style()->standardIcon(pixmapFor(m_type), nullptr, this).pixmap(size));
    setAccessibleDescription(text());
}

} // namespace ecr
