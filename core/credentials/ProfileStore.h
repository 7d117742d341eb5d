#pragma once

#include "AwsError.h"
#include "Profile.h"

#include <QObject>
#include <QSettings>

namespace ecr {

// The app's credential profiles: their non-secret fields in QSettings (group "profiles/<id>",
// one typed table of keys in ProfileStore.cpp). Never reads or writes a secret: static keys go
// to the keychain (CredentialProfileDirectory::saveProfile does both).
class ProfileStore final : public QObject
{
    Q_OBJECT

public:
    explicit ProfileStore(QSettings& settings, QObject* parent = nullptr);

    QList<Profile> profiles() const; // sorted by name, case-insensitively
    std::optional<Profile> profile(const QString& id) const;
    std::optional<Profile> profileByName(const QString& name) const;

    QList<ProfileIssue> validate(const Profile& profile) const;
    // Validates, gives a new profile an id, writes it and emits changed(). An InvalidInput error
    // carries every issue's message, one per line.
    Result<Profile> save(Profile profile);
    // false when there was no such profile.
    bool remove(const QString& id);

Q_SIGNALS:
    void changed();

private:
    QSettings& m_settings;
};

} // namespace ecr
