// Over 400 lines on purpose: one dialog, its list of every profile with their keychain states,
// and its seven actions (add, add SSO, edit, duplicate, delete, import, test) and the keychain
// re-check kept together.
#include "ProfileManagerDialog.h"

#include "AppIcon.h"
#include "CredentialProfileDirectory.h"
#include "ErrorPresenter.h"
#include "FieldMessage.h"
#include "ImportProfilesDialog.h"
#include "MessageBar.h"
#include "MessagePresenter.h"
#include "ProfileEditor.h"
#include "ProfileListModel.h"
#include "SsoProfileDialog.h"
#include "ui_ProfileManagerDialog.h"

#include <QDir>
#include <QHeaderView>
#include <QPushButton>
#include <QShortcut>

using namespace Qt::StringLiterals;

namespace ecr {

namespace {

QString withHomeAbbreviated(const QString& path)
{
    const QString home = QDir::homePath();
    if (!home.isEmpty() && home != u"/"_s && path.startsWith(home + u'/'))
        return u"~"_s + path.mid(home.size());
    return QDir::toNativeSeparators(path);
}

} // namespace

ProfileManagerDialog::ProfileManagerDialog(
    CredentialProfileDirectory& directory, MessagePresenter& presenter, QWidget* parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::ProfileManagerDialog>())
    , m_directory(directory)
    , m_presenter(presenter)
    , m_model(new ProfileListModel(this))
{
    m_ui->setupUi(this);
    setWindowIcon(applicationIcon());
    m_ui->profilesTreeView->setModel(m_model);
    m_ui->profilesTreeView->header()->setStretchLastSection(true);
    m_ui->profilesTreeView->header()->setSectionResizeMode(
        ProfileListModel::Name, QHeaderView::ResizeToContents);
    m_ui->profilesTreeView->setColumnWidth(ProfileListModel::Credentials, 200);
    connect(m_ui->profilesTreeView->selectionModel(), &QItemSelectionModel::selectionChanged, this,
        &ProfileManagerDialog::updateButtons);
    // Enter in the list edits; no button may take it as the dialog's default.
    if (QPushButton* close = m_ui->buttonBox->button(QDialogButtonBox::Close)) {
        close->setAutoDefault(false);
        close->setObjectName(u"closeButton"_s);
    }

    connect(m_ui->addButton, &QPushButton::clicked, this,
        [this] { openEditor(ProfileEditDialog::Mode::Add); });
    connect(m_ui->editButton, &QPushButton::clicked, this,
        [this] { openEditor(ProfileEditDialog::Mode::Edit); });
    connect(m_ui->duplicateButton, &QPushButton::clicked, this,
        [this] { openEditor(ProfileEditDialog::Mode::Duplicate); });
    connect(m_ui->deleteButton, &QPushButton::clicked, this, [this] { deleteSelected(); });
    connect(m_ui->importButton, &QPushButton::clicked, this, &ProfileManagerDialog::openImport);
    connect(m_ui->addSsoButton, &QPushButton::clicked, this, &ProfileManagerDialog::openAddSso);
    connect(m_ui->testConnectionButton, &QPushButton::clicked, this, [this] {
        if (m_testing && m_testCancel)
            m_testCancel->cancel();
        else
            testSelected();
    });
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &ProfileManagerDialog::reject);
    connect(m_ui->profilesTreeView, &QAbstractItemView::activated, this, [this] {
        const ProfileRow* row = selectedRow();
        if (row && !row->isReadOnly())
            openEditor(ProfileEditDialog::Mode::Edit);
    });
    auto* deleteShortcut = new QShortcut(QKeySequence::Delete, m_ui->profilesTreeView);
    deleteShortcut->setContext(Qt::WidgetShortcut);
    connect(deleteShortcut, &QShortcut::activated, this, [this] {
        if (m_ui->deleteButton->isEnabled())
            deleteSelected();
    });
    // After a locked, refused or absent keychain: the user unlocks it (or allows the app) and
    // asks again, without closing the dialog.
    connect(m_ui->recheckKeychainButton, &QPushButton::clicked, this, [this] { checkKeychain(); });
    connect(&m_directory, &ProfileDirectory::profilesChanged, this, [this] {
        reload();
        if (m_shown)
            checkKeychain();
    });

    reload();
}

ProfileManagerDialog::~ProfileManagerDialog() = default;

void ProfileManagerDialog::showEvent(QShowEvent* event)
{
    QDialog::showEvent(event);
    if (!m_shown) {
        m_shown = true;
        m_ui->profilesTreeView->setFocus(Qt::OtherFocusReason);
        checkKeychain();
    }
}

void ProfileManagerDialog::selectEntry(const QString& entryId)
{
    const int row = m_model->rowOfEntry(entryId);
    if (row < 0)
        return;
    m_ui->profilesTreeView->setCurrentIndex(m_model->index(row, ProfileListModel::Name));
}

QString ProfileManagerDialog::selectedEntryId() const
{
    const ProfileRow* row = selectedRow();
    return row ? row->entryId : QString();
}

const ProfileRow* ProfileManagerDialog::selectedRow() const
{
    const QModelIndexList rows = m_ui->profilesTreeView->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return nullptr;
    return &m_model->rowAt(rows.first().row());
}

void ProfileManagerDialog::reload()
{
    const QString selected = selectedEntryId();
    QList<ProfileRow> rows;
    for (const Profile& profile : m_directory.appProfiles()) {
        ProfileRow row;
        row.origin = ProfileRow::Origin::App;
        row.entryId = CredentialProfileDirectory::keychainEntryId(profile.id);
        row.displayName = profile.name;
        row.profile = profile;
        rows.append(row);
    }
    for (const ProfileEntry& entry : m_directory.profiles()) {
        if (entry.kind != ProfileEntry::Kind::Environment
            && entry.kind != ProfileEntry::Kind::SharedConfig)
            continue;
        ProfileRow row;
        row.entryId = entry.id;
        row.displayName = entry.displayName;
        if (const std::optional<Profile> profile = m_directory.profileForEntry(entry.id))
            row.profile = *profile;
        if (entry.id == CredentialProfileDirectory::environmentId()) {
            row.origin = ProfileRow::Origin::Environment;
            row.originText = tr("From the environment variables AWS_ACCESS_KEY_ID and "
                                "AWS_SECRET_ACCESS_KEY — read-only");
        } else {
            row.origin = ProfileRow::Origin::SharedFile;
            const QString name = entry.id.mid(SharedConfig::idPrefix().size());
            row.originText = originText(name);
            const SharedProfile* shared = m_directory.sharedConfig().profile(name);
            row.plaintextKeys = shared && shared->hasStaticKeys();
        }
        rows.append(row);
    }
    m_model->setRows(rows);

    if (!selected.isEmpty())
        selectEntry(selected);
    if (!selectedRow() && m_model->rowCount() > 0)
        m_ui->profilesTreeView->setCurrentIndex(m_model->index(0, ProfileListModel::Name));
    updateButtons();
}

QString ProfileManagerDialog::originText(const QString& sharedName) const
{
    const SharedConfig& config = m_directory.sharedConfig();
    const SharedProfile* shared = config.profile(sharedName);
    QStringList files;
    if (shared) {
        bool fromConfig = false;
        for (auto it = shared->settings.cbegin(); it != shared->settings.cend(); ++it) {
            if (!shared->credentialsFileKeys.contains(it.key()))
                fromConfig = true;
        }
        if (fromConfig || shared->credentialsFileKeys.isEmpty())
            files.append(withHomeAbbreviated(config.paths().config));
        if (!shared->credentialsFileKeys.isEmpty())
            files.append(withHomeAbbreviated(config.paths().credentials));
    }
    if (files.isEmpty())
        files.append(withHomeAbbreviated(config.paths().config));
    return tr("From %1 — import to manage it here").arg(files.join(tr(" and ")));
}

void ProfileManagerDialog::updateButtons()
{
    const ProfileRow* row = selectedRow();
    const bool editable = row && !row->isReadOnly();
    m_ui->editButton->setEnabled(editable);
    m_ui->duplicateButton->setEnabled(editable);
    m_ui->deleteButton->setEnabled(editable);
    // While a test runs the button stops it.
    m_ui->testConnectionButton->setText(m_testing ? tr("&Cancel Test") : tr("&Test Connection"));
    m_ui->testConnectionButton->setEnabled(m_testing || row);
}

void ProfileManagerDialog::openEditor(ProfileEditDialog::Mode mode)
{
    const ProfileRow* row = selectedRow();
    if (mode != ProfileEditDialog::Mode::Add && (!row || row->isReadOnly()))
        return;
    auto* dialog = new ProfileEditDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setOtherProfiles(m_directory.appProfiles());
    switch (mode) {
    case ProfileEditDialog::Mode::Add:
        dialog->setProfile(Profile{}, mode);
        break;
    case ProfileEditDialog::Mode::Edit:
        dialog->setProfile(row->profile, mode);
        break;
    case ProfileEditDialog::Mode::Duplicate: {
        Profile copy = row->profile;
        copy.id.clear();
        copy.name = tr("%1 copy").arg(row->profile.name);
        dialog->setProfile(copy, mode, row->profile.id);
        break;
    }
    }
    connect(dialog, &ProfileEditDialog::saveRequested, this,
        [this, dialog = QPointer<ProfileEditDialog>(dialog)] { save(dialog); });
    dialog->open();
}

void ProfileManagerDialog::openImport()
{
    auto* dialog = new ImportProfilesDialog(m_directory, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void ProfileManagerDialog::openAddSso()
{
    auto* dialog = new SsoProfileDialog(m_directory, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setTemplate(m_newProfileTemplate);
    connect(dialog, &SsoProfileDialog::saved, this,
        [this](const QString& entryId, const QString& name) {
            selectEntry(entryId);
            m_ui->messageBar->showMessage(
                tr("Saved the profile %1.").arg(name), MessageBar::Type::Information);
        });
    dialog->open();
}

QCoro::Task<void> ProfileManagerDialog::checkKeychain()
{
    const quint64 generation = ++m_checkGeneration;
    QPointer<ProfileManagerDialog> self(this);
    QStringList entries;
    for (const ProfileRow& row : m_model->rows()) {
        if (!row.isReadOnly() && row.profile.source == CredentialSource::StaticKeys)
            entries.append(row.entryId);
    }
    for (const QString& entryId : std::as_const(entries))
        m_model->setKeychainStatus(entryId, KeychainStatus::Checking);
    m_ui->recheckKeychainButton->setEnabled(false);
    std::optional<KeychainStatus> sameForAll;
    for (const QString& entryId : std::as_const(entries)) {
        if (sameForAll) {
            m_model->setKeychainStatus(entryId, *sameForAll);
            continue;
        }
        const QString profileId = entryId.mid(CredentialProfileDirectory::keychainPrefix().size());
        const Result<Unit> keys = co_await m_directory.checkStoredKeys(profileId);
        if (!self || generation != m_checkGeneration)
            co_return; // closed, or the list changed and a newer check runs
        const KeychainStatus status
            = keys ? KeychainStatus::Stored : keychainStatusForCode(keys.error().code);
        m_model->setKeychainStatus(entryId, status);
        if (status != KeychainStatus::Stored && status != KeychainStatus::Missing)
            sameForAll = status; // locked, refused or absent: asking again would not help
    }
    // The way out of such a state is the button, shown while there is one.
    const bool blocked = sameForAll.has_value();
    m_ui->recheckKeychainButton->setVisible(blocked);
    m_ui->recheckKeychainButton->setEnabled(true);
}

QCoro::Task<void> ProfileManagerDialog::save(QPointer<ProfileEditDialog> dialog)
{
    if (!dialog)
        co_return;
    const Profile profile = dialog->profile();
    const std::optional<sigv4::Credentials> keys = dialog->editor()->newKeys();
    const QString keysFrom = dialog->keysFromProfileId();
    QPointer<ProfileManagerDialog> self(this);
    const Result<Profile> saved = co_await m_directory.saveProfile(profile, keys, keysFrom);
    if (!self)
        co_return;
    if (!saved) {
        if (dialog)
            dialog->fail(saved.error());
        else // the user closed the dialog meanwhile, but asked for the save
            m_presenter.showError(this, describeError(saved.error(), tr("Saving the profile")));
        co_return;
    }
    const QString entryId = CredentialProfileDirectory::keychainEntryId(saved.value().id);
    selectEntry(entryId);
    m_ui->messageBar->showMessage(
        tr("Saved the profile %1.").arg(saved.value().name), MessageBar::Type::Information);
    if (dialog)
        dialog->succeed();
}

QCoro::Task<void> ProfileManagerDialog::deleteSelected()
{
    const ProfileRow* row = selectedRow();
    if (!row || row->isReadOnly())
        co_return;
    const Profile profile = row->profile;
    QStringList dependents;
    for (const Profile& other : m_directory.appProfiles()) {
        if (other.id != profile.id
            && (other.sourceProfile == profile.id || other.sourceProfile == profile.name))
            dependents.append(other.name);
    }
    QString text = profile.source == CredentialSource::StaticKeys
        ? tr("Delete the profile '%1'?\n\nIts access keys and cached sessions will be removed "
             "from the system keychain. This cannot be undone.")
              .arg(profile.name)
        : tr("Delete the profile '%1'?\n\nIts cached sessions will be removed from the system "
             "keychain.")
              .arg(profile.name);
    if (!dependents.isEmpty())
        text += u"\n\n"_s
            + tr("These profiles use it as their source profile and will stop working: %1.")
                  .arg(dependents.join(u", "_s));
    QPointer<ProfileManagerDialog> self(this);
    Confirmation confirmation;
    confirmation.title = tr("Delete Profile");
    confirmation.text = text;
    confirmation.acceptLabel = tr("&Delete");
    if (const ProfileColor* color = profileColor(profile.color); !profile.label.isEmpty()) {
        confirmation.bandText = profile.label.toUpper();
        confirmation.bandColor = QColor(color ? color->background : QStringLiteral("#546e7a"));
        confirmation.bandTextColor = QColor(color ? color->foreground : QStringLiteral("#ffffff"));
    }
    confirmation.target = tr("Profile %1").arg(profile.name);
    const bool confirmed = co_await m_presenter.confirm(this, confirmation);
    if (!self || !confirmed)
        co_return;

    const QString profileId = profile.id;
    const Result<Unit> removed = co_await m_directory.removeProfile(profileId);
    if (!self)
        co_return;
    if (!removed) {
        m_presenter.showError(this, describeError(removed.error(), tr("Deleting the profile")));
        co_return;
    }
    m_ui->messageBar->showMessage(
        tr("Deleted the profile %1 and removed its secrets from the keychain.").arg(profile.name),
        MessageBar::Type::Information);
}

void ProfileManagerDialog::reject()
{
    if (m_testCancel)
        m_testCancel->cancel(); // a test in flight stops with the dialog
    QDialog::reject();
}

QCoro::Task<void> ProfileManagerDialog::testSelected()
{
    const ProfileRow* row = selectedRow();
    if (!row || m_testing)
        co_return;
    const QString entryId = row->entryId;
    const QString name = row->displayName;
    const quint64 generation = ++m_testGeneration;
    m_testing = true;
    m_testCancel = Cancellation::create();
    const CancelToken cancel = m_testCancel;
    updateButtons();
    m_ui->messageBar->setToolTip(QString());
    m_ui->messageBar->showMessage(
        tr("Testing the connection of %1…").arg(name), MessageBar::Type::Information);

    QPointer<ProfileManagerDialog> self(this);
    const QString region; // the profile's own, else the default STS region
    const Result<CallerIdentity> identity
        = co_await m_directory.testConnection(entryId, region, cancel);
    if (!self || generation != m_testGeneration)
        co_return;
    m_testing = false;
    updateButtons();
    if (!identity) {
        const AwsError& error = identity.error();
        if (error.kind == ErrorKind::Cancelled) {
            m_ui->messageBar->showMessage(
                tr("The connection test of %1 was stopped; nothing was changed.").arg(name),
                MessageBar::Type::Information);
            co_return;
        }
        const ErrorText text
            = describeError(error, tr("Testing the connection of %1").arg(name), false);
        m_ui->messageBar->showMessage(inlineErrorText(text), MessageBar::Type::Error);
        m_ui->messageBar->setToolTip(plainToolTip(text.details));
        co_return;
    }
    m_ui->messageBar->showMessage(
        tr("%1 works: account %2, %3").arg(name, identity.value().account, identity.value().arn),
        MessageBar::Type::Information);
}

} // namespace ecr
