#include "SecretPickerDialog.h"

#include "AppIcon.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace ecr {

SecretPickerDialog::SecretPickerDialog(QWidget* parent)
    : QDialog(parent)
{
    setObjectName(u"secretPickerDialog"_s);
    setWindowTitle(tr("Choose a Secret"));
    setWindowIcon(applicationIcon());
    auto* layout = new QVBoxLayout(this);
    m_status = new QLabel(this);
    m_status->setObjectName(u"statusLabel"_s);
    m_status->setWordWrap(true);
    layout->addWidget(m_status);
    m_filter = new QLineEdit(this);
    m_filter->setObjectName(u"filterLineEdit"_s);
    m_filter->setPlaceholderText(tr("Filter by name"));
    m_filter->setClearButtonEnabled(true);
    auto* filterLabel = new QLabel(tr("&Filter:"), this);
    filterLabel->setBuddy(m_filter);
    auto* filterRow = new QHBoxLayout;
    filterRow->addWidget(filterLabel);
    filterRow->addWidget(m_filter, 1);
    layout->addLayout(filterRow);
    m_list = new QListWidget(this);
    m_list->setObjectName(u"secretsList"_s);
    m_list->setAccessibleName(tr("Secrets"));
    layout->addWidget(m_list, 1);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    m_ok->setObjectName(u"okButton"_s);
    m_ok->setText(tr("&Use This Secret"));
    m_replace = buttons->addButton(tr("Replace &Token…"), QDialogButtonBox::ActionRole);
    m_replace->setObjectName(u"replaceTokenButton"_s);
    m_replace->setAutoDefault(false);
    connect(m_replace, &QPushButton::clicked, this, [this] {
        if (const QListWidgetItem* item = m_list->currentItem(); item && !item->isHidden())
            Q_EMIT replaceTokenRequested(item->data(Qt::UserRole).toString(), item->text());
    });
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        if (!selectedArn().isEmpty())
            accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &SecretPickerDialog::reject);
    connect(m_list, &QListWidget::itemActivated, this, [this] {
        if (!selectedArn().isEmpty())
            accept();
    });
    connect(m_list, &QListWidget::currentRowChanged, this, &SecretPickerDialog::updateButtons);
    connect(m_filter, &QLineEdit::textChanged, this, [this](const QString& text) {
        for (int i = 0; i < m_list->count(); ++i)
            m_list->item(i)->setHidden(
                !m_list->item(i)->text().contains(text, Qt::CaseInsensitive));
        updateButtons();
    });
    resize(520, 380);
    updateButtons();
}

void SecretPickerDialog::setLoading(const QString& where)
{
    m_list->clear();
    m_status->setText(tr("Listing the ecr-pullthroughcache/ secrets of %1…").arg(where));
    updateButtons();
}

void SecretPickerDialog::setSecrets(const QList<SecretSummary>& secrets, const QString& current)
{
    m_list->clear();
    const QLocale locale;
    for (const SecretSummary& secret : secrets) {
        auto* item = new QListWidgetItem(secret.name, m_list);
        item->setData(Qt::UserRole, secret.arn);
        QStringList facts{secret.arn};
        if (secret.lastChangedDate.isValid())
            facts.append(tr("Changed %1")
                             .arg(locale.toString(
                                 secret.lastChangedDate.toLocalTime(), QLocale::ShortFormat)));
        if (!secret.kmsKeyId.isEmpty())
            facts.append(tr("KMS key %1").arg(secret.kmsKeyId));
        item->setToolTip(facts.join(u'\n'));
        if (secret.arn == current)
            m_list->setCurrentItem(item);
    }
    m_status->setText(secrets.isEmpty()
            ? tr("There is no ecr-pullthroughcache/ secret here yet. Create one with Create "
                 "Secret… in the form.")
            : tr("%n secret(s). Amazon ECR only uses secrets whose name starts with "
                 "ecr-pullthroughcache/.",
                nullptr, int(secrets.size())));
    if (!m_list->currentItem() && m_list->count() > 0)
        m_list->setCurrentRow(0);
    m_list->setFocus();
    updateButtons();
}

void SecretPickerDialog::setError(const QString& message)
{
    m_list->clear();
    m_status->setText(message);
    updateButtons();
}

QString SecretPickerDialog::selectedArn() const
{
    const QListWidgetItem* item = m_list->currentItem();
    return item && !item->isHidden() ? item->data(Qt::UserRole).toString() : QString();
}

void SecretPickerDialog::reject()
{
    Q_EMIT cancelRequested();
    QDialog::reject();
}

void SecretPickerDialog::updateButtons()
{
    m_ok->setEnabled(!selectedArn().isEmpty());
    m_replace->setEnabled(!selectedArn().isEmpty());
}

} // namespace ecr
