#include "Endpoint.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace ecr {

namespace {

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

} // namespace

bool isValidRegionLabel(const QString& label)
{
    static const QRegularExpression re(QStringLiteral("^[a-z0-9][a-z0-9-]{0,62}$"));
    return re.match(label).hasMatch();
}

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

} // namespace ecr
