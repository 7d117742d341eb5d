#include "ImportProfilesDialog.h"

#include "AppIcon.h"
#include "CredentialProfileDirectory.h"
#include "ui_ImportProfilesDialog.h"

#include <QDir>
#include <QList>
#include <QPointer>
#include <QPushButton>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace ecr {

namespace {

constexpr int kNameRole = Qt::UserRole;

} // namespace

ImportProfilesDialog::ImportProfilesDialog(CredentialProfileDirectory& directory, QWidget* parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::ImportProfilesDialog>())
    , m_directory(directory)
{
    m_ui->setupUi(this);
    setWindowIcon(applicationIcon());
    m_importButton = m_ui->buttonBox->addButton(tr("&Import"), QDialogButtonBox::AcceptRole);
    m_importButton->setObjectName(u"importButton"_s);
    m_importButton->setDefault(true);
    m_ui->busyLabel->hide();
    m_ui->summaryLabel->hide();
    m_ui->summaryLabel->setTextFormat(Qt::PlainText);
    m_ui->issuesLabel->setTextFormat(Qt::PlainText);
    m_ui->introLabel->setTextFormat(Qt::PlainText);

    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, [this] { runImport(); });
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &ImportProfilesDialog::reject);
    connect(m_ui->profilesTreeWidget, &QTreeWidget::itemChanged, this,
        &ImportProfilesDialog::updateImportButton);

    // The files may have changed since the app read them.
    m_directory.reloadSharedConfig();
    fill();
}

ImportProfilesDialog::~ImportProfilesDialog() = default;

QStringList ImportProfilesDialog::checkedNames() const
{
    QStringList names;
    for (int i = 0; i < m_ui->profilesTreeWidget->topLevelItemCount(); ++i) {
        const QTreeWidgetItem* item = m_ui->profilesTreeWidget->topLevelItem(i);
        if ((item->flags() & Qt::ItemIsEnabled) && item->checkState(0) == Qt::Checked)
            names.append(item->data(0, kNameRole).toString());
    }
    return names;
}

bool ImportProfilesDialog::setChecked(const QString& name, bool checked)
{
    for (int i = 0; i < m_ui->profilesTreeWidget->topLevelItemCount(); ++i) {
        QTreeWidgetItem* item = m_ui->profilesTreeWidget->topLevelItem(i);
        if (item->data(0, kNameRole).toString() != name)
            continue;
        if (!(item->flags() & Qt::ItemIsEnabled))
            return false;
        item->setCheckState(0, checked ? Qt::Checked : Qt::Unchecked);
        return true;
    }
    return false;
}

void ImportProfilesDialog::fill()
{
    const SharedConfig& config = m_directory.sharedConfig();
    const QString configFile = QDir::toNativeSeparators(config.paths().config);
    const QString credentialsFile = QDir::toNativeSeparators(config.paths().credentials);
    QStringList files;
    if (config.configFileExists())
        files.append(configFile);
    if (config.credentialsFileExists())
        files.append(credentialsFile);
    const bool anyKeys = std::any_of(config.profiles().cbegin(), config.profiles().cend(),
        [](const SharedProfile& shared) { return shared.hasStaticKeys(); });
    QString intro;
    if (config.profiles().isEmpty()) {
        intro = tr("No profiles were found in %1 or %2.").arg(configFile, credentialsFile);
    } else {
        intro = tr("Profiles of the AWS CLI in %1. Importing copies the checked profiles into the "
                   "app: their settings into the app's settings and their access keys into the "
                   "system keychain. The AWS files are not changed.")
                    .arg(files.join(tr(" and ")));
        if (anyKeys)
            intro += u' '
                + tr("The keys stay in plain text in %1 until you remove them there.")
                      .arg(credentialsFile);
    }
    m_ui->introLabel->setText(intro);

    QStringList issues;
    for (const SharedConfigIssue& issue : config.issues())
        issues.append(issue.toString());
    m_ui->issuesLabel->setText(issues.isEmpty()
            ? QString()
            : tr("Problems in the files (these lines were skipped):") + u'\n' + issues.join(u'\n'));
    m_ui->issuesLabel->setVisible(!issues.isEmpty());

    QTreeWidget* tree = m_ui->profilesTreeWidget;
    const QSignalBlocker blocker(tree);
    tree->clear();
    for (const SharedProfile& shared : config.profiles()) {
        QStringList notes = shared.notes;
        bool importable = true;
        if (const Result<Profile> converted = config.toProfile(shared.name); !converted) {
            // The notes usually say why already.
            if (notes.isEmpty())
                notes.append(tr("Cannot be imported: %1").arg(converted.error().message));
            else
                notes.prepend(tr("Cannot be imported:"));
            importable = false;
        } else if (m_directory.appProfileNamed(shared.name)) {
            notes.append(tr("The app already has a profile named %1.").arg(shared.name));
            importable = false;
        } else if (shared.hasStaticKeys()) {
            notes.append(tr("Its access keys will be copied to the system keychain."));
        }
        auto* item = new QTreeWidgetItem(tree, {shared.name, notes.join(u'\n')});
        item->setData(0, kNameRole, shared.name);
        item->setToolTip(1, notes.join(u'\n'));
        Qt::ItemFlags flags = Qt::ItemIsSelectable | Qt::ItemIsUserCheckable;
        if (importable)
            flags |= Qt::ItemIsEnabled;
        item->setFlags(flags);
        item->setCheckState(0, importable ? Qt::Checked : Qt::Unchecked);
    }
    tree->resizeColumnToContents(0);
    if (tree->topLevelItemCount() > 0)
        tree->setCurrentItem(tree->topLevelItem(0));
    updateImportButton();
}

void ImportProfilesDialog::setBusy(bool busy)
{
    m_busy = busy;
    m_ui->profilesTreeWidget->setEnabled(!busy);
    m_ui->busyLabel->setVisible(busy);
    updateImportButton();
}

void ImportProfilesDialog::updateImportButton()
{
    m_importButton->setEnabled(!m_busy && !checkedNames().isEmpty());
}

QCoro::Task<void> ImportProfilesDialog::runImport()
{
    const QStringList names = checkedNames();
    if (m_busy || names.isEmpty())
        co_return;
    setBusy(true);
    QPointer<ImportProfilesDialog> self(this);
    const ImportReport report = co_await m_directory.importShared(names);
    if (!self)
        co_return;
    setBusy(false);
    m_report = report;
    m_ui->summaryLabel->setText(report.summary());
    m_ui->summaryLabel->show();
    fill(); // imported names are now the app's
    QStringList imported;
    for (const Profile& profile : report.imported)
        imported.append(profile.name);
    Q_EMIT profilesImported(imported);
}

} // namespace ecr
