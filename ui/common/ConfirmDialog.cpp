#include "ConfirmDialog.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStyle>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace ecr {

namespace {

QLabel* plainLabel(const QString& text, const QString& objectName, QWidget* parent)
{
    auto* label = new QLabel(text, parent);
    label->setObjectName(objectName);
    label->setTextFormat(Qt::PlainText);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

} // namespace

ConfirmDialog::ConfirmDialog(const Confirmation& confirmation, QWidget* parent)
    : QDialog(parent)
{
    setWindowTitle(confirmation.title);
    setObjectName(u"confirmDialog"_s);
    auto* layout = new QVBoxLayout(this);
    if (!confirmation.bandText.isEmpty()) {
        QLabel* band = plainLabel(confirmation.bandText, u"bandLabel"_s, this);
        band->setAlignment(Qt::AlignCenter);
        band->setAutoFillBackground(true);
        QPalette palette = band->palette();
        palette.setColor(QPalette::Window, confirmation.bandColor);
        palette.setColor(QPalette::WindowText, confirmation.bandTextColor);
        band->setPalette(palette);
        QFont font = band->font();
        font.setBold(true);
        band->setFont(font);
        band->setMargin(6);
        layout->addWidget(band);
    }
    auto* row = new QHBoxLayout;
    auto* icon = new QLabel(this);
    const int size = style()->pixelMetric(QStyle::PM_MessageBoxIconSize, nullptr, this);
    icon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxQuestion).pixmap(size));
    icon->setAlignment(Qt::AlignTop);
    row->addWidget(icon);
    auto* texts = new QVBoxLayout;
    texts->addWidget(plainLabel(confirmation.text, u"textLabel"_s, this));
    if (!confirmation.target.isEmpty())
        texts->addWidget(plainLabel(confirmation.target, u"targetLabel"_s, this));
    row->addLayout(texts, 1);
    layout->addLayout(row);
    if (!confirmation.items.isEmpty()) {
        auto* items = new QPlainTextEdit(confirmation.items.join(u'\n'), this);
        items->setObjectName(u"itemsTextEdit"_s);
        items->setReadOnly(true);
        items->setMaximumHeight(fontMetrics().lineSpacing() * 8);
        layout->addWidget(items);
    }
    auto* buttons = new QDialogButtonBox(this);
    m_accept = buttons->addButton(confirmation.acceptLabel, QDialogButtonBox::AcceptRole);
    m_accept->setObjectName(u"acceptButton"_s);
    m_accept->setAutoDefault(false);
    m_cancel = buttons->addButton(QDialogButtonBox::Cancel);
    m_cancel->setObjectName(u"cancelButton"_s);
    m_cancel->setDefault(true);
    m_cancel->setFocus();
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
}

} // namespace ecr
