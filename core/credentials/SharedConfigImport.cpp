#include "SharedConfigImport.h"

#include <QCoreApplication>
#include <QHash>

#include <algorithm>

namespace ecr {

using namespace Qt::StringLiterals;

namespace {

// The tr() of this file's messages; lupdate reads the context from the macro.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(ecr::SharedConfigImport)
};

} // namespace

QString ImportReport::summary() const
{
    QStringList parts;
    parts.append(imported.isEmpty()
            ? Tr::tr("No profile was imported.")
            : Tr::tr("Imported %n profile(s).", nullptr, int(imported.size())));
    for (const Skipped& skip : skipped)
        parts.append(Tr::tr("Skipped '%1': %2").arg(skip.name, skip.reason));
    if (!plaintextFiles.isEmpty())
        parts.append(Tr::tr("The access keys are now in the system keychain, but %1 still contains "
                            "them in plain text. Remove them from that file once the imported "
                            "profiles work.")
                         .arg(plaintextFiles.join(u", "_s)));
    return parts.join(u'\n');
}

QCoro::Task<ImportReport> importSharedProfiles(
    ProfileStore& store, StaticKeyStore& keys, SharedConfig config, QStringList names)
{
    ImportReport report;
    struct Candidate
    {
        Profile profile;
        const SharedProfile* shared;
    };
    QList<Candidate> candidates;
    QHash<QString, QString> newIds; // shared name → imported id
    for (const QString& name : std::as_const(names)) {
        const Result<Profile> converted = config.toProfile(name);
        if (!converted) {
            report.skipped.append({name, converted.error().message});
            continue;
        }
        if (store.profileByName(name)) {
            report.skipped.append({name, Tr::tr("the app already has a profile with this name")});
            continue;
        }
        Profile profile = converted.value();
        if (profile.sourceProfile.endsWith(SharedConfig::selfKeysSuffix())) {
            report.skipped.append({name,
                Tr::tr("it assumes a role with its own keys (source_profile names itself); import "
                       "the keys as a separate profile and make it the source")});
            continue;
        }
        profile.id = Profile::newId();
        newIds.insert(name, profile.id);
        candidates.append({profile, config.profile(name)});
    }

    // Sources before the profiles that name them.
    auto sharedSourceOf = [](const Profile& profile) {
        return profile.sourceProfile.startsWith(SharedConfig::idPrefix())
            ? profile.sourceProfile.mid(SharedConfig::idPrefix().size())
            : QString();
    };
    auto depth = [&](const Candidate& candidate) {
        int d = 0;
        QString source = sharedSourceOf(candidate.profile);
        while (!source.isEmpty() && newIds.contains(source) && d <= int(candidates.size())) {
            ++d;
            const auto next = std::find_if(candidates.cbegin(), candidates.cend(),
                [&](const Candidate& c) { return c.profile.name == source; });
            source = next == candidates.cend() ? QString() : sharedSourceOf(next->profile);
        }
        return d;
    };
    std::stable_sort(candidates.begin(), candidates.end(),
        [&](const Candidate& a, const Candidate& b) { return depth(a) < depth(b); });

    QStringList failed;
    for (Candidate& candidate : candidates) {
        Profile& profile = candidate.profile;
        const QString sharedSource = sharedSourceOf(profile);
        if (failed.contains(sharedSource)) {
            report.skipped.append({profile.name,
                Tr::tr("its source profile '%1' was not imported").arg(sharedSource)});
            failed.append(profile.name);
            continue;
        }
        if (!sharedSource.isEmpty() && newIds.contains(sharedSource))
            profile.sourceProfile = newIds.value(sharedSource);

        bool storedKeys = false;
        if (profile.source == CredentialSource::StaticKeys) {
            const sigv4::Credentials staticKeys = candidate.shared->staticKeys();
            const QString id = profile.id;
            const KeychainResult<Unit> written = co_await keys.store(id, staticKeys);
            if (!written) {
                report.skipped.append({profile.name, written.toAwsError().message});
                failed.append(profile.name);
                continue;
            }
            storedKeys = true;
            const QString file
                = candidate.shared->credentialsFileKeys.contains(u"aws_access_key_id"_s)
                ? config.paths().credentials
                : config.paths().config;
            if (!report.plaintextFiles.contains(file))
                report.plaintextFiles.append(file);
        }
        const Result<Profile> saved = store.save(profile);
        if (!saved) {
            report.skipped.append({profile.name, saved.error().message});
            failed.append(profile.name);
            if (storedKeys) {
                const QString id = profile.id;
                co_await keys.remove(id);
            }
            continue;
        }
        report.imported.append(saved.value());
    }
    co_return report;
}

} // namespace ecr
