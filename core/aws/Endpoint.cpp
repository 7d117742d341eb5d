#include "Endpoint.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace ecr {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("ecr::Endpoint", text);
}

QList<Partition> loadPartitions()
{
    QFile file(QStringLiteral(":/aws-models/partitions.json"));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("the bundled partitions.json resource is missing");
    const QJsonArray array
        = QJsonDocument::fromJson(file.readAll()).object().value(u"partitions").toArray();
    QList<Partition> out;
    for (const QJsonValue& value : array) {
        const QJsonObject p = value.toObject();
        const QJsonObject outputs = p.value(u"outputs").toObject();
        Partition partition;
        partition.id = p.value(u"id").toString();
        partition.dnsSuffix = outputs.value(u"dnsSuffix").toString();
        partition.dualStackDnsSuffix = outputs.value(u"dualStackDnsSuffix").toString();
        partition.supportsFips = outputs.value(u"supportsFIPS").toBool(true);
        partition.supportsDualStack = outputs.value(u"supportsDualStack").toBool(true);
        partition.regionRegex = QRegularExpression(p.value(u"regionRegex").toString());
        const QJsonObject regions = p.value(u"regions").toObject();
        for (auto it = regions.begin(); it != regions.end(); ++it) {
            if (it.key().endsWith(u"-global"))
                continue;
            partition.regions.append(it.key());
            partition.regionDescriptions.append(
                it.value().toObject().value(u"description").toString());
        }
        out.append(std::move(partition));
    }
    return out;
}

bool isValidHostLabel(const QString& label)
{
    static const QRegularExpression re(QStringLiteral("^[a-z0-9][a-z0-9-]{0,62}$"));
    return re.match(label).hasMatch();
}

} // namespace

const QList<Partition>& partitions()
{
    static const QList<Partition> list = loadPartitions();
    return list;
}

const Partition* partitionById(const QString& id)
{
    for (const Partition& p : partitions()) {
        if (p.id == id)
            return &p;
    }
    return nullptr;
}

const Partition& partitionForRegion(const QString& region)
{
    for (const Partition& p : partitions()) {
        if (p.regions.contains(region))
            return p;
    }
    for (const Partition& p : partitions()) {
        if (p.regionRegex.match(region).hasMatch())
            return p;
    }
    return *partitionById(QStringLiteral("aws"));
}

Result<ResolvedEndpoint> resolveEcrEndpoint(const EndpointConfig& config)
{
    auto configError = [](const QString& message) {
        return makeError(
            ErrorKind::Configuration, QStringLiteral("InvalidConfiguration"), message, 0);
    };
    if (config.region.isEmpty())
        return configError(tr("No region is set. Choose a region for this profile."));

    if (!config.customEndpoint.isEmpty()) {
        if (config.useFips)
            return configError(tr("Invalid configuration: FIPS and a custom endpoint are not "
                                  "supported together."));
        if (config.useDualStack)
            return configError(tr("Invalid configuration: dual-stack and a custom endpoint are "
                                  "not supported together."));
        const QUrl& url = config.customEndpoint;
        if (!url.isValid() || url.host().isEmpty()
            || (url.scheme() != u"https" && url.scheme() != u"http"))
            return configError(
                tr("The endpoint URL '%1' is not a valid http(s) URL.").arg(url.toDisplayString()));
        return ResolvedEndpoint{url, config.region, partitionForRegion(config.region).id};
    }

    if (!isValidHostLabel(config.region))
        return configError(
            tr("Invalid configuration: '%1' is not a valid region name.").arg(config.region));

    const Partition& partition = partitionForRegion(config.region);
    if (config.useFips && !partition.supportsFips)
        return configError(
            tr("FIPS is enabled but partition %1 does not support it.").arg(partition.id));
    if (config.useDualStack && !partition.supportsDualStack)
        return configError(
            tr("Dual-stack is enabled but partition %1 does not support it.").arg(partition.id));

    QString host;
    if (config.useDualStack) {
        host = (config.useFips ? QStringLiteral("ecr-fips.") : QStringLiteral("ecr."))
            + config.region + u'.' + partition.dualStackDnsSuffix;
    } else {
        host = (config.useFips ? QStringLiteral("api.ecr-fips.") : QStringLiteral("api.ecr."))
            + config.region + u'.' + partition.dnsSuffix;
    }
    QUrl url;
    url.setScheme(QStringLiteral("https"));
    url.setHost(host);
    url.setPath(QStringLiteral("/"));
    return ResolvedEndpoint{url, config.region, partition.id};
}

} // namespace ecr
