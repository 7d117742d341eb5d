#include "SsoProfileDialog.h"

#include "AppIcon.h"
#include "CredentialProfileDirectory.h"
#include "ErrorPresenter.h"
#include "SharedConfigWriter.h"
#include "SsoProfile.h"
#include "SsoProfileDialogParts.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QRegularExpression>
#include <QSortFilterProxyModel>
#include <QStandardItemModel>
#include <QTreeView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace ecr {

using namespace sso_dialog;

namespace {

const QStringList kDefaultScopes{u"sso:account:access"_s}; // what `aws configure sso` offers

QString describe(const AwsError& error, const QString& operation)
{
    const ErrorText text = describeError(error, operation, false);
    return text.action.isEmpty() ? text.what : text.what + u' ' + text.action;
}

} // namespace

SsoProfileDialog::SsoProfileDialog(CredentialProfileDirectory& directory, QWidget* parent)
    : QDialog(parent)
    , m_directory(directory)
{
    setObjectName(u"ssoProfileDialog"_s);
    setWindowTitle(tr("Add SSO Profile"));
    setWindowIcon(applicationIcon());
    buildForm();
    fillSessions();
    refresh();
}

SsoProfileDialog::~SsoProfileDialog()
{
    cancelAll();
}

void SsoProfileDialog::fillSessions()
{
    const QSignalBlocker quiet(m_sessionCombo);
    m_sessionCombo->clear();
    m_sessionCombo->addItem(tr("A new sign-in"));
    QStringList seen;
    const SharedConfig& shared = m_directory.sharedConfig();
    for (const QString& name : shared.ssoSessions()) {
        const QMap<QString, QString> values = shared.ssoSession(name);
        seen.append(name);
        m_sessionCombo->addItem(tr("%1 (AWS CLI config)").arg(name),
            QStringList{name, values.value(u"sso_start_url"_s), values.value(u"sso_region"_s),
                values.value(u"sso_registration_scopes"_s)});
    }
    for (const Profile& p : m_directory.appProfiles()) {
        if (p.source != CredentialSource::Sso || p.ssoSession.isEmpty()
            || seen.contains(p.ssoSession))
            continue;
        seen.append(p.ssoSession);
        m_sessionCombo->addItem(tr("%1 (profile %2)").arg(p.ssoSession, p.name),
            QStringList{
                p.ssoSession, p.ssoStartUrl, p.ssoRegion, p.ssoRegistrationScopes.join(u',')});
    }
}

void SsoProfileDialog::setTemplate(const Profile& profile)
{
    m_template = profile;
}

void SsoProfileDialog::sessionChosen()
{
    const QStringList values = m_sessionCombo->currentData().toStringList();
    const bool existing = values.size() == 4;
    for (QLineEdit* edit : {m_sessionName, m_startUrl, m_ssoRegion})
        edit->setReadOnly(existing);
    if (existing) {
        m_sessionName->setText(values.at(0));
        m_startUrl->setText(values.at(1));
        m_ssoRegion->setText(values.at(2));
    }
    refresh();
}

Profile SsoProfileDialog::profile() const
{
    Profile p = m_template;
    p.source = CredentialSource::Sso;
    p.name = m_profileName->text().trimmed();
    p.region = m_region->text().trimmed();
    p.ssoSession = m_sessionName->text().trimmed();
    p.ssoStartUrl = m_startUrl->text().trimmed();
    p.ssoRegion = m_ssoRegion->text().trimmed();
    const QStringList values = m_sessionCombo->currentData().toStringList();
    p.ssoRegistrationScopes = values.size() == 4
        ? values.at(3).split(u',', Qt::SkipEmptyParts)
        : (p.ssoSession.isEmpty() ? QStringList() : kDefaultScopes);
    for (QString& scope : p.ssoRegistrationScopes)
        scope = scope.trimmed();
    const QModelIndex account = m_accounts->currentIndex();
    if (account.isValid())
        p.ssoAccountId = m_accountProxy->index(account.row(), AccountId).data().toString();
    if (m_roles->currentItem())
        p.ssoRoleName = m_roles->currentItem()->text();
    return p;
}

QString SsoProfileDialog::configText(QString* conflict) const
{
    const Profile p = profile();
    bool withSession = false;
    *conflict = ssoConfigConflict(m_directory.sharedConfig(), p, &withSession);
    return ssoConfigText(p, withSession);
}

void SsoProfileDialog::refresh()
{
    const Profile p = profile();
    const QString key = p.ssoStartUrl + u'\n' + p.ssoRegion + u'\n' + p.ssoSession;
    const bool signedIn = !m_signedInKey.isEmpty() && m_signedInKey == key;
    const bool busy = m_signInCancel && !m_signInCancel->isCancelled();
    m_signInButton->setText(busy ? tr("Cancel Sign-&In") : tr("Sign &In…"));
    m_accountFilter->setEnabled(signedIn);
    m_accounts->setEnabled(signedIn);
    m_roles->setEnabled(signedIn);

    // The first problem, in form order; the sign-in fields first.
    QString problem;
    QList<ProfileIssue> issues = validateProfile(p, m_directory.appProfiles());
    auto first = [&](std::initializer_list<ProfileField> fields) {
        for (const ProfileIssue& issue : std::as_const(issues)) {
            if (std::find(fields.begin(), fields.end(), issue.field) != fields.end())
                return issue.message;
        }
        return QString();
    };
    const QString signInProblem = first({ProfileField::SsoSession, ProfileField::SsoStartUrl,
        ProfileField::SsoRegion, ProfileField::SsoEndpointUrl});
    m_signInButton->setEnabled(busy || signInProblem.isEmpty());
    if (!signInProblem.isEmpty() && (!p.ssoStartUrl.isEmpty() || !p.ssoRegion.isEmpty()))
        problem = signInProblem;
    else if (!signedIn)
        problem = tr("Sign in to list the accounts and roles you may use.");
    else if (p.ssoAccountId.isEmpty())
        problem = tr("Choose an account.");
    else if (p.ssoRoleName.isEmpty())
        problem = tr("Choose a role.");
    else if (!issues.isEmpty())
        problem = issues.first().message;

    // A new sign-in under a name the CLI's config uses for another portal would share (and
    // overwrite) that session's token file.
    if (problem.isEmpty() || !signedIn) {
        const SharedConfig& shared = m_directory.sharedConfig();
        const bool isNew = m_sessionCombo->currentData().toStringList().size() != 4;
        if (isNew && !p.ssoSession.isEmpty() && shared.ssoSessions().contains(p.ssoSession)) {
            const QMap<QString, QString> known = shared.ssoSession(p.ssoSession);
            if (known.value(u"sso_start_url"_s) != p.ssoStartUrl
                || known.value(u"sso_region"_s) != p.ssoRegion) {
                problem = tr("The AWS CLI's config has an sso-session '%1' for another portal or "
                             "region; choose another session name, or choose that sign-in above.")
                              .arg(p.ssoSession);
                m_signInButton->setEnabled(busy);
            }
        }
    }
    const bool customEndpoints = !p.ssoEndpointUrl.isEmpty() || !p.ssoOidcEndpointUrl.isEmpty()
        || !p.endpointUrl.isEmpty();
    m_writeConfig->setEnabled(!customEndpoints);
    m_writeConfig->setToolTip(customEndpoints
            ? tr("A profile with custom endpoints (such as the Local sandbox's) stays in the app.")
            : tr("Adds the text below to %1; the profile list then shows the app's profile and "
                 "the AWS CLI's, marked (AWS CLI).")
                  .arg(m_directory.sharedConfig().paths().config));
    const bool writing = m_writeConfig->isChecked() && m_writeConfig->isEnabled();
    m_configPreview->setVisible(writing);
    if (writing) {
        QString conflict;
        m_configPreview->setPlainText(
            tr("# Added to %1:").arg(m_directory.sharedConfig().paths().config)
            + configText(&conflict));
        if (problem.isEmpty())
            problem = conflict;
    }
    m_problem->setText(problem);
    m_saveButton->setEnabled(problem.isEmpty() && !m_saving);
}

void SsoProfileDialog::setBusy(const QString& status)
{
    m_status->setText(status);
    refresh();
}

QCoro::Task<void> SsoProfileDialog::signIn()
{
    QPointer<SsoProfileDialog> self(this);
    cancelAll();
    m_signInCancel = Cancellation::create();
    const CancelToken cancel = m_signInCancel;
    const Profile p = profile();
    const SsoSessionConfig session = ssoSessionOf(p);
    m_accountModel->removeRows(0, m_accountModel->rowCount());
    m_roles->clear();
    m_accountList.clear();
    m_signedInKey.clear();
    setBusy(tr("Signing in to %1…").arg(session.displayName()));
    const Result<QList<SsoAccount>> accounts
        = co_await m_directory.ssoTokens().listAccounts(session, cancel);
    if (!self || cancel != m_signInCancel)
        co_return; // closed, or a newer sign-in runs
    m_signInCancel.reset();
    if (!accounts) {
        setBusy(accounts.error().kind == ErrorKind::Cancelled
                ? tr("Signing in was cancelled.")
                : describe(accounts.error(), tr("Signing in")));
        co_return;
    }
    m_accountList = accounts.value();
    m_signedInKey = p.ssoStartUrl + u'\n' + p.ssoRegion + u'\n' + p.ssoSession;
    for (const SsoAccount& account : std::as_const(m_accountList)) {
        QList<QStandardItem*> row{new QStandardItem(account.accountName),
            new QStandardItem(account.accountId), new QStandardItem(account.emailAddress)};
        for (QStandardItem* item : row)
            item->setEditable(false);
        m_accountModel->appendRow(row);
    }
    if (m_region->text().isEmpty())
        m_region->setText(p.ssoRegion);
    setBusy(m_accountList.isEmpty()
            ? tr("Signed in, but this sign-in reaches no account. Ask your administrator for an "
                 "assignment.")
            : tr("Signed in: %n account(s).", nullptr, int(m_accountList.size())));
    m_accountFilter->setFocus();
}

void SsoProfileDialog::accountChosen()
{
    m_roles->clear();
    const QModelIndex current = m_accounts->currentIndex();
    if (!current.isValid()) {
        refresh();
        return;
    }
    loadRoles(m_accountProxy->index(current.row(), AccountId).data().toString());
}

QCoro::Task<void> SsoProfileDialog::loadRoles(QString accountId)
{
    QPointer<SsoProfileDialog> self(this);
    if (m_rolesCancel)
        m_rolesCancel->cancel();
    m_rolesCancel = Cancellation::create();
    const CancelToken cancel = m_rolesCancel;
    const SsoSessionConfig session = ssoSessionOf(profile());
    setBusy(tr("Listing the roles of account %1…").arg(accountId));
    const Result<QList<SsoRole>> roles
        = co_await m_directory.ssoTokens().listAccountRoles(session, accountId, cancel);
    if (!self || cancel != m_rolesCancel)
        co_return;
    m_rolesCancel.reset();
    if (!roles) {
        if (roles.error().kind != ErrorKind::Cancelled)
            setBusy(describe(roles.error(), tr("Listing the roles")));
        co_return;
    }
    for (const SsoRole& role : roles.value())
        m_roles->addItem(role.roleName);
    if (m_roles->count() == 1)
        m_roles->setCurrentRow(0);
    setBusy(tr("Account %1: %n role(s).", nullptr, int(m_roles->count())).arg(accountId));
}

QCoro::Task<void> SsoProfileDialog::save()
{
    refresh();
    if (!m_saveButton->isEnabled())
        co_return;
    QPointer<SsoProfileDialog> self(this);
    const Profile p = profile();
    const bool writing = m_writeConfig->isChecked() && m_writeConfig->isEnabled();
    m_saving = true;
    refresh();
    QString text;
    if (writing) {
        // The file may have changed since the dialog read it: look again before anything.
        m_directory.reloadSharedConfig();
        QString conflict;
        text = configText(&conflict);
        if (!conflict.isEmpty()) {
            m_saving = false;
            refresh();
            m_problem->setText(conflict);
            co_return;
        }
    }
    // The app's profile first, then the file; a file that cannot be written takes the profile
    // back out, so that Save can simply be tried again.
    const Result<Profile> stored = co_await m_directory.saveProfile(p);
    if (!self)
        co_return;
    if (!stored) {
        m_saving = false;
        refresh();
        m_problem->setText(describe(stored.error(), tr("Saving the profile")));
        co_return;
    }
    if (writing) {
        const Result<Unit> written
            = appendToConfigFile(m_directory.sharedConfig().paths().config, text);
        if (!written) {
            const QString id = stored.value().id;
            const Result<Unit> removed = co_await m_directory.removeProfile(id);
            if (!self)
                co_return;
            m_saving = false;
            refresh();
            m_problem->setText(removed ? tr("%1 Nothing was saved.").arg(written.error().message)
                                       : written.error().message);
            co_return;
        }
        m_directory.reloadSharedConfig();
    }
    m_saving = false;
    Q_EMIT saved(
        CredentialProfileDirectory::keychainEntryId(stored.value().id), stored.value().name);
    accept();
}

void SsoProfileDialog::cancelAll()
{
    for (CancelToken* token : {&m_signInCancel, &m_rolesCancel}) {
        if (*token) {
            (*token)->cancel();
            token->reset();
        }
    }
}

void SsoProfileDialog::reject()
{
    cancelAll();
    QDialog::reject();
}

} // namespace ecr
