// The shared-config INI parser: part 1 is ~/.aws/config, part 2 ~/.aws/credentials. Every
// profile it finds is also turned into the app's profile and checked as the editor checks one.
#include "FuzzInput.h"
#include "Profile.h"
#include "SharedConfig.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QList<QByteArray> input = ecr::fuzz::parts(ecr::fuzz::bytes(data, size), 2);
    const ecr::SharedConfigPaths paths{QStringLiteral("/home/fuzz/.aws/config"),
        QStringLiteral("/home/fuzz/.aws/credentials"), QStringLiteral("/home/fuzz")};
    const ecr::SharedConfig config = ecr::SharedConfig::parse(input[0], input[1], paths);
    for (const ecr::SharedConfigIssue& issue : config.issues())
        (void)issue.toString();
    QList<ecr::Profile> profiles;
    for (const ecr::SharedProfile& shared : config.profiles()) {
        (void)shared.usesSso();
        (void)shared.staticKeys();
        const ecr::Result<ecr::Profile> profile = config.toProfile(shared.name);
        if (profile)
            profiles.append(profile.value());
    }
    for (const QString& session : config.ssoSessions())
        (void)config.ssoSession(session);
    for (const ecr::Profile& profile : profiles)
        (void)ecr::validateProfile(profile, profiles);
    return 0;
}
