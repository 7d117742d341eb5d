#include "MirrorConfig.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace ecr {

namespace {

// The tr() of this file's messages; lupdate reads the context from the macro.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(ecr::MirrorConfig)
};

// A prefix as a path: no trailing '/', and ROOT (or nothing) as no path at all.
QString asPath(const QString& prefix)
{
    QString path = prefix.trimmed();
    while (path.endsWith(u'/'))
        path.chop(1);
    return path == u"ROOT"_s ? QString() : path;
}

QString joined(const QString& head, const QString& tail)
{
    return tail.isEmpty() ? head : head + u'/' + tail;
}

// A file name from a prefix: the characters a prefix allows, '/' turned into '-'.
QString fileStem(const QString& path)
{
    QString stem = path.isEmpty() ? u"root"_s : path;
    stem.replace(u'/', u'-');
    return stem;
}

} // namespace

MirrorConfig mirrorConfig(const PullThroughCacheRule& rule, const RegistryLocation& location)
{
    const std::optional<UpstreamRegistry> registry = rule.upstreamRegistry.isEmpty()
        ? upstreamRegistryForUrl(rule.upstreamRegistryUrl)
        : upstreamRegistryFromWireName(rule.upstreamRegistry);
    const bool dockerHub = registry == UpstreamRegistry::DockerHub;
    RegistryLocation where = location;
    if (!rule.registryId.isEmpty())
        where.accountId = rule.registryId;
    const QString host = where.host();
    const QString ecrPath = asPath(rule.ecrRepositoryPrefix);
    const QString upstreamPath = asPath(rule.upstreamRepositoryPrefix);
    const QString upstreamUrl = rule.upstreamRegistryUrl;

    MirrorConfig out;
    out.imageHost = dockerHub ? u"docker.io"_s : upstreamUrl;
    out.mirrorUrl = u"https://"_s + joined(host + u"/v2"_s, ecrPath);

    // containerd: the repository path is appended to the mirror's, unchanged; it cannot drop
    // an upstream repository prefix.
    if (upstreamPath.isEmpty()) {
        out.containerdPath = u"/etc/containerd/certs.d/%1/hosts.toml"_s.arg(out.imageHost);
        out.containerdToml
            = u"# %1\n"
              "# %2 images through the pull-through cache %3 (account %4, %5).\n"
              "server = \"https://%6\" # used when the cache fails; remove to use only the cache\n"
              "\n"
              "[host.\"%7\"]\n"
              "  capabilities = [\"pull\", \"resolve\"]\n"
              "  override_path = true\n"_s.arg(out.containerdPath, out.imageHost,
                  ecrPath.isEmpty() ? u"ROOT"_s : ecrPath, where.accountId, where.region,
                  upstreamUrl, out.mirrorUrl);
    } else {
        out.containerdWhyNot
            = Tr::tr("containerd appends the image's whole path to the mirror's, so it cannot map "
                     "the upstream prefix %1 to %2: use registries.conf or the rewrite.")
                  .arg(upstreamPath, ecrPath.isEmpty() ? u"ROOT"_s : ecrPath);
    }

    // CRI-O and Podman: a prefix (with a path) maps to a mirror location (with a path).
    out.registriesConfPath
        = u"/etc/containers/registries.conf.d/50-ecr-pull-through-%1.conf"_s.arg(fileStem(ecrPath));
    out.registriesConf
        = u"# %1\n"
          "[[registry]]\n"
          "prefix = \"%2\"\n"
          "location = \"%3\"\n"
          "\n"
          "[[registry.mirror]]\n"
          "location = \"%4\"\n"_s.arg(out.registriesConfPath, joined(out.imageHost, upstreamPath),
              joined(upstreamUrl, upstreamPath), joined(host, ecrPath));

    // The rewrite.
    out.rewriteFrom = joined(out.imageHost, upstreamPath);
    out.rewriteTo = joined(host, ecrPath);
    QString example = exampleImage(registry).section(u':', 0, 0);
    if (!upstreamPath.isEmpty())
        example = joined(upstreamPath, example.section(u'/', -1));
    out.rewriteExampleFrom = joined(out.imageHost, example);
    QString rest = example;
    if (!upstreamPath.isEmpty())
        rest = rest.mid(upstreamPath.size() + 1);
    out.rewriteExampleTo = joined(host, joined(ecrPath, rest));

    if (!out.containerdToml.isEmpty())
        out.notes.append(Tr::tr(
            "containerd reads %1 when its CRI registry config_path is /etc/containerd/certs.d "
            "(containerd 2: plugins.\"io.containerd.cri.v1.images\".registry; 1.x: "
            "plugins.\"io.containerd.grpc.v1.cri\".registry); no restart is needed for "
            "hosts.toml changes.")
                             .arg(out.containerdPath));
    out.notes.append(Tr::tr("CRI-O and Podman read %1 (or add the table to "
                            "/etc/containers/registries.conf); restart CRI-O after the change.")
                         .arg(out.registriesConfPath));
    out.notes.append(
        Tr::tr("Nodes need an ECR token for %1: a kubelet credential provider or credential helper "
               "keyed on that host. Tokens last 12 hours, so static credentials do not work.")
            .arg(host));
    out.notes.append(dockerHub
            ? Tr::tr("Docker Engine's registry-mirrors cannot point at an ECR prefix (it puts the "
                     "path before /v2): with Docker Engine, rewrite the references.")
            : Tr::tr("Docker Engine mirrors only Docker Hub: with Docker Engine, rewrite the "
                     "references."));
    if (dockerHub)
        out.notes.append(Tr::tr("Official images are under library/: nginx becomes "
                                "%1/library/nginx.")
                             .arg(out.rewriteTo));
    return out;
}

} // namespace ecr
