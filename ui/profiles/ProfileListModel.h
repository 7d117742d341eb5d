#pragma once

#include "Profile.h"

#include <QAbstractTableModel>
#include <QList>

namespace ecr {

// What the keychain holds for an app profile with access keys, as the profile manager last found
// it (it asks only while it is open).
enum class KeychainStatus
{
    NotApplicable, // no keys of its own: a role, a process, the environment, a shared file
    Checking, // not asked yet, or the answer is pending
    Stored,
    Missing,
    Locked,
    AccessDenied,
    Unavailable,
};

// The keychain status an error code of a keychain read stands for ("KeychainLocked" → Locked…);
// any other code is Unavailable.
KeychainStatus keychainStatusForCode(const QString& code);

// One line of the profile manager: an app profile (editable) or a read-only one from the shared
// files or the environment.
struct ProfileRow
{
    enum class Origin
    {
        App,
        SharedFile,
        Environment,
    };
    Origin origin = Origin::App;
    QString entryId; // the directory's id: "keychain:<id>", "shared:<name>", "env"
    QString displayName;
    Profile profile; // for read-only rows as the directory resolves them
    QString originText; // read-only rows: where they come from, for the tooltip
    bool plaintextKeys = false; // read-only rows with keys in a shared file
    KeychainStatus keychain = KeychainStatus::NotApplicable;

    bool isReadOnly() const { return origin != Origin::App; }
};

// The profile manager's list: the app's profiles first, then the read-only ones, greyed. Views
// read rows through rowAt() and EntryIdRole, never by parsing display text.
class ProfileListModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        Name,
        Credentials,
        Region,
        Keychain,
        ColumnCount,
    };
    Q_ENUM(Column)

    enum Role
    {
        EntryIdRole = Qt::UserRole, // the row's entryId (QString), in every column
    };
    Q_ENUM(Role)

    explicit ProfileListModel(QObject* parent = nullptr);
    ~ProfileListModel() override;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    const ProfileRow& rowAt(int row) const;
    const QList<ProfileRow>& rows() const { return m_rows; }
    int rowOfEntry(const QString& entryId) const; // -1 when absent

    // Replaces the rows. An app row with access keys keeps the keychain status it had (until the
    // next check answers), a new one starts as Checking.
    void setRows(QList<ProfileRow> rows);
    void setKeychainStatus(const QString& entryId, KeychainStatus status);

    static QString keychainStatusText(KeychainStatus status);
    static QString credentialsText(const Profile& profile);

private:
    QVariant displayData(const ProfileRow& row, int column) const;
    QVariant toolTipData(const ProfileRow& row, int column) const;
    QString keychainText(const ProfileRow& row) const;

    QList<ProfileRow> m_rows;
};

} // namespace ecr
