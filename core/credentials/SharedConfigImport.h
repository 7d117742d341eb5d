#pragma once

#include "AwsError.h"
#include "ProfileStore.h"
#include "SharedConfig.h"
#include "StaticKeyStore.h"

#include <QCoroTask>

namespace ecr {

struct ImportReport
{
    struct Skipped
    {
        QString name;
        QString reason;
    };
    QList<Profile> imported;
    QList<Skipped> skipped;
    // Files that still hold, in plain text, keys that were copied to the keychain. The import
    // never edits the user's AWS files; the user removes the keys once the profiles work.
    QStringList plaintextFiles;

    QString summary() const; // a paragraph for the profile manager
};

// Copies chosen shared-file profiles into the app: non-secret fields into the ProfileStore,
// static keys into the keychain (keys first: a profile whose keys could not be stored is not
// saved). A source_profile that is imported in the same batch points at its imported copy,
// otherwise at the shared-file profile ("shared:<name>"). Names that exist in the app already
// are skipped, as are profiles the app cannot use (SSO, web identity, no credentials).
QCoro::Task<ImportReport> importSharedProfiles(
    ProfileStore& store, StaticKeyStore& keys, SharedConfig config, QStringList names);

} // namespace ecr
