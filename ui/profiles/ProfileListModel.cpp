#include "ProfileListModel.h"

#include <QApplication>
#include <QPalette>
#include <QStyle>

using namespace Qt::StringLiterals;

namespace ecr {

KeychainStatus keychainStatusForCode(const QString& code)
{
    if (code == u"KeychainEntryMissing")
        return KeychainStatus::Missing;
    if (code == u"KeychainLocked")
        return KeychainStatus::Locked;
    if (code == u"KeychainAccessDenied")
        return KeychainStatus::AccessDenied;
    return KeychainStatus::Unavailable;
}

ProfileListModel::ProfileListModel(QObject* parent)
    : QAbstractTableModel(parent)
{ }

ProfileListModel::~ProfileListModel() = default;

int ProfileListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ProfileListModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ProfileListModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ProfileRow& row = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return displayData(row, index.column());
    case Qt::ToolTipRole:
        return toolTipData(row, index.column());
    case Qt::ForegroundRole:
        if (row.isReadOnly())
            return QApplication::palette().brush(QPalette::Disabled, QPalette::Text);
        return {};
    case Qt::DecorationRole: {
        if (index.column() != Keychain || row.isReadOnly())
            return {};
        QStyle* style = QApplication::style();
        switch (row.keychain) {
        case KeychainStatus::Stored:
            return style->standardIcon(QStyle::SP_DialogApplyButton);
        case KeychainStatus::Missing:
        case KeychainStatus::Locked:
        case KeychainStatus::AccessDenied:
            return style->standardIcon(QStyle::SP_MessageBoxWarning);
        case KeychainStatus::Unavailable:
            return style->standardIcon(QStyle::SP_MessageBoxCritical);
        case KeychainStatus::NotApplicable:
        case KeychainStatus::Checking:
            break;
        }
        return {};
    }
    case EntryIdRole:
        return row.entryId;
    default:
        return {};
    }
}

QVariant ProfileListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Name:
        return tr("Profile");
    case Credentials:
        return tr("Credentials");
    case Region:
        return tr("Region");
    case Keychain:
        return tr("Keys");
    default:
        return {};
    }
}

const ProfileRow& ProfileListModel::rowAt(int row) const
{
    return m_rows.at(row);
}

int ProfileListModel::rowOfEntry(const QString& entryId) const
{
    for (qsizetype i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).entryId == entryId)
            return int(i);
    }
    return -1;
}

void ProfileListModel::setRows(QList<ProfileRow> rows)
{
    for (ProfileRow& row : rows) {
        if (row.isReadOnly() || row.profile.source != CredentialSource::StaticKeys) {
            row.keychain = KeychainStatus::NotApplicable;
            continue;
        }
        const int old = rowOfEntry(row.entryId);
        row.keychain = old >= 0 && m_rows.at(old).keychain != KeychainStatus::NotApplicable
            ? m_rows.at(old).keychain
            : KeychainStatus::Checking;
    }
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
}

void ProfileListModel::setKeychainStatus(const QString& entryId, KeychainStatus status)
{
    const int row = rowOfEntry(entryId);
    if (row < 0 || m_rows.at(row).keychain == status)
        return;
    m_rows[row].keychain = status;
    const QModelIndex changed = index(row, Keychain);
    Q_EMIT dataChanged(changed, changed, {Qt::DisplayRole, Qt::DecorationRole, Qt::ToolTipRole});
}

QString ProfileListModel::keychainStatusText(KeychainStatus status)
{
    switch (status) {
    case KeychainStatus::NotApplicable:
        return tr("No keys stored");
    case KeychainStatus::Checking:
        return tr("Checking…");
    case KeychainStatus::Stored:
        return tr("Keys in keychain");
    case KeychainStatus::Missing:
        return tr("Keys missing");
    case KeychainStatus::Locked:
        return tr("Keychain locked");
    case KeychainStatus::AccessDenied:
        return tr("Access denied");
    case KeychainStatus::Unavailable:
        return tr("Keychain unavailable");
    }
    return {};
}

QString ProfileListModel::credentialsText(const Profile& profile)
{
    switch (profile.source) {
    case CredentialSource::StaticKeys:
        return profile.mfaSerial.isEmpty() ? tr("Access keys") : tr("Access keys with MFA");
    case CredentialSource::AssumeRole: {
        const QString role = profile.roleArn.section(u'/', -1);
        return profile.mfaSerial.isEmpty() ? tr("Role %1").arg(role)
                                           : tr("Role %1 with MFA").arg(role);
    }
    case CredentialSource::CredentialProcess:
        return tr("credential_process");
    case CredentialSource::Environment:
        return tr("Environment variables");
    case CredentialSource::Sso:
        return tr("SSO role %1 in %2").arg(profile.ssoRoleName, profile.ssoAccountId);
    }
    return {};
}

QVariant ProfileListModel::displayData(const ProfileRow& row, int column) const
{
    switch (column) {
    case Name:
        return row.displayName;
    case Credentials:
        return credentialsText(row.profile);
    case Region:
        return row.profile.region.isEmpty() ? tr("—") : row.profile.region;
    case Keychain:
        return keychainText(row);
    default:
        return {};
    }
}

QVariant ProfileListModel::toolTipData(const ProfileRow& row, int column) const
{
    if (row.isReadOnly())
        return row.originText;
    switch (column) {
    case Credentials:
        if (row.profile.source == CredentialSource::AssumeRole)
            return row.profile.roleArn;
        if (row.profile.source == CredentialSource::CredentialProcess)
            return row.profile.credentialProcess;
        return {};
    case Keychain:
        switch (row.keychain) {
        case KeychainStatus::Missing:
            return tr("The keychain has no keys for this profile. Edit it and enter its access "
                      "key again.");
        case KeychainStatus::Locked:
            return tr("Unlock the system keychain, then reopen this window.");
        case KeychainStatus::AccessDenied:
            return tr("Access to the keychain was refused. Allow this app when the keychain asks.");
        case KeychainStatus::Unavailable:
            return tr("No system keychain (Secret Service) answered.");
        default:
            return {};
        }
    default:
        return {};
    }
}

QString ProfileListModel::keychainText(const ProfileRow& row) const
{
    switch (row.origin) {
    case ProfileRow::Origin::Environment:
        return tr("Environment");
    case ProfileRow::Origin::SharedFile:
        return row.plaintextKeys ? tr("Plain-text file") : tr("—");
    case ProfileRow::Origin::App:
        break;
    }
    if (row.keychain == KeychainStatus::NotApplicable)
        return tr("—");
    return keychainStatusText(row.keychain);
}

} // namespace ecr
