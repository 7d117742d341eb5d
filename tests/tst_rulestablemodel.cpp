// The rules table model and its filter proxy, under QAbstractItemModelTester.
#include "RulesFilterProxyModel.h"
#include "RulesTableModel.h"

#include <QAbstractItemModelTester>
#include <QIcon>
#include <QLocale>
#include <QSignalSpy>
#include <QTest>

#include <algorithm>

using namespace ecr;
using namespace Qt::StringLiterals;

namespace {

const QString kArn
    = u"arn:aws:secretsmanager:us-east-1:123456789012:secret:ecr-pullthroughcache/docker-hub-AbCdEf"_s;
const QString kRole = u"arn:aws:iam::123456789012:role/service/PtcUpstream"_s;

PullThroughCacheRule rule(const QString& prefix, const QString& url, const QString& upstream,
    std::optional<EpochSeconds> created)
{
    PullThroughCacheRule r;
    r.ecrRepositoryPrefix = prefix;
    r.upstreamRegistryUrl = url;
    r.upstreamRegistry = upstream;
    r.createdAt = created;
    return r;
}

QList<PullThroughCacheRule> fixture()
{
    PullThroughCacheRule quay = rule(u"quay"_s, u"quay.io"_s, u"quay"_s, 1700000300);
    PullThroughCacheRule hub
        = rule(u"docker-hub"_s, u"registry-1.docker.io"_s, u"docker-hub"_s, 1700000000.75);
    hub.credentialArn = kArn;
    hub.updatedAt = 1700003600;
    hub.registryId = u"123456789012"_s;
    PullThroughCacheRule ecr = rule(
        u"central"_s, u"444455556666.dkr.ecr.us-west-2.amazonaws.com"_s, QString(), 1700000100);
    ecr.customRoleArn = kRole;
    ecr.upstreamRepositoryPrefix = u"team-a"_s;
    // An upstream this app does not know (no wire name, URL matches no registry).
    PullThroughCacheRule odd = rule(u"legacy"_s, u"harbor.example.com"_s, QString(), 1700000200);
    return {quay, hub, ecr, odd}; // not sorted on purpose
}

QStringList column(const QAbstractItemModel& model, int col, int role = Qt::DisplayRole)
{
    QStringList values;
    for (int row = 0; row < model.rowCount(); ++row)
        values.append(model.index(row, col).data(role).toString());
    return values;
}

} // namespace

class TestRulesTableModel : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<RulesTableModel> m_model;
    std::unique_ptr<RulesFilterProxyModel> m_proxy;
    std::unique_ptr<QAbstractItemModelTester> m_modelTester;
    std::unique_ptr<QAbstractItemModelTester> m_proxyTester;

private Q_SLOTS:
    void init()
    {
        m_model = std::make_unique<RulesTableModel>();
        m_proxy = std::make_unique<RulesFilterProxyModel>();
        m_proxy->setSourceModel(m_model.get());
        m_modelTester = std::make_unique<QAbstractItemModelTester>(
            m_model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        m_proxyTester = std::make_unique<QAbstractItemModelTester>(
            m_proxy.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        m_model->setRegistryLocation({u"123456789012"_s, u"us-east-1"_s, u"amazonaws.com"_s});
        m_model->setRules(fixture());
    }
    void cleanup()
    {
        m_proxyTester.reset();
        m_modelTester.reset();
        m_proxy.reset();
        m_model.reset();
    }

    void setRulesSortsByPrefix()
    {
        QCOMPARE(m_model->rowCount(), 4);
        QCOMPARE(m_model->columnCount(), int(RulesTableModel::ColumnCount));
        QCOMPARE(column(*m_model, RulesTableModel::Prefix),
            (QStringList{u"central"_s, u"docker-hub"_s, u"legacy"_s, u"quay"_s}));
        QCOMPARE(m_model->rowOfPrefix(u"docker-hub"_s), 1);
        QCOMPARE(m_model->rowOfPrefix(u"nope"_s), -1);
        QCOMPARE(m_model->ruleAt(1).credentialArn, kArn);
        QCOMPARE(m_model->ruleAt(0).customRoleArn, kRole);

        QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
        m_model->setRules({});
        QCOMPARE(reset.count(), 1);
        QCOMPARE(m_model->rowCount(), 0);
    }

    void headers()
    {
        const QStringList expected{u"Prefix"_s, u"Upstream"_s, u"Upstream URL"_s,
            u"Upstream prefix"_s, u"Credential"_s, u"Custom role"_s, u"Registry ID"_s, u"Created"_s,
            u"Updated"_s, u"Pull URL"_s, u"Template"_s};
        QCOMPARE(expected.size(), int(RulesTableModel::ColumnCount));
        for (int section = 0; section < RulesTableModel::ColumnCount; ++section)
            QCOMPARE(m_model->headerData(section, Qt::Horizontal).toString(), expected.at(section));
    }

    // The template each rule's repositories get: the rule's prefix or a parent's, else ROOT;
    // nothing said while the templates are not known.
    void templateColumn()
    {
        const int hub = m_model->rowOfPrefix(u"docker-hub"_s);
        const auto cell = [this, hub](int role = Qt::DisplayRole) {
            return m_model->index(hub, RulesTableModel::Template).data(role).toString();
        };
        QCOMPARE(cell(), QString());
        QVERIFY(cell(Qt::ToolTipRole).contains(u"Not checked"_s));
        QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
        RepositoryCreationTemplate root;
        root.prefix = u"ROOT"_s;
        root.appliedFor = {u"PULL_THROUGH_CACHE"_s};
        m_model->setTemplates(QList<RepositoryCreationTemplate>{root});
        QCOMPARE(changed.size(), 1);
        QCOMPARE(cell(), u"ROOT"_s);
        RepositoryCreationTemplate hubTemplate = root;
        hubTemplate.prefix = u"docker-hub"_s;
        hubTemplate.resourceTags = {{u"team"_s, u"x"_s}};
        m_model->setTemplates(QList<RepositoryCreationTemplate>{root, hubTemplate});
        QCOMPARE(cell(), u"docker-hub"_s);
        QVERIFY(cell(Qt::ToolTipRole).contains(u"no custom role"_s));
        m_model->setTemplates(QList<RepositoryCreationTemplate>{});
        QCOMPARE(cell(), u"None"_s);
        m_model->setTemplates(std::nullopt);
    }

    void displayAndRoles()
    {
        const int hub = m_model->rowOfPrefix(u"docker-hub"_s);
        const auto at = [this](int row, int col, int role = Qt::DisplayRole) {
            return m_model->index(row, col).data(role);
        };
        QCOMPARE(at(hub, RulesTableModel::Upstream).toString(), u"Docker Hub"_s);
        const QIcon icon = at(hub, RulesTableModel::Upstream, Qt::DecorationRole).value<QIcon>();
        QVERIFY(!icon.isNull());
        QVERIFY(!icon.pixmap(16).isNull());
        QCOMPARE(at(hub, RulesTableModel::UpstreamUrl).toString(), u"registry-1.docker.io"_s);
        QCOMPARE(at(hub, RulesTableModel::CredentialArn).toString(),
            u"ecr-pullthroughcache/docker-hub-AbCdEf"_s);
        QCOMPARE(at(hub, RulesTableModel::CredentialArn, Qt::ToolTipRole).toString(), kArn);
        QCOMPARE(at(hub, RulesTableModel::RegistryId).toString(), u"123456789012"_s);

        // Dates: local, in the locale's short format, on screen, UTC ISO in the tool tip, epoch
        // seconds to sort.
        const QDateTime created = toDateTime(1700000000.75);
        QCOMPARE(at(hub, RulesTableModel::Created).toString(),
            QLocale().toString(created.toLocalTime(), QLocale::ShortFormat));
        QCOMPARE(at(hub, RulesTableModel::Created, Qt::ToolTipRole).toString(),
            u"2023-11-14T22:13:20Z"_s);
        QCOMPARE(at(hub, RulesTableModel::Created, RulesTableModel::SortRole).toLongLong(),
            1700000000LL);
        QCOMPARE(at(hub, RulesTableModel::Updated, RulesTableModel::SortRole).toLongLong(),
            1700003600LL);
        QVERIFY(!at(0, RulesTableModel::Updated).isValid()); // central was never updated

        // The ECR rule: the upstream inferred from its URL, the role shortened.
        const int central = m_model->rowOfPrefix(u"central"_s);
        QCOMPARE(at(central, RulesTableModel::Upstream).toString(), u"Amazon ECR (private)"_s);
        QCOMPARE(at(central, RulesTableModel::CustomRoleArn).toString(), u"service/PtcUpstream"_s);
        QCOMPARE(at(central, RulesTableModel::CustomRoleArn, Qt::ToolTipRole).toString(), kRole);
        QCOMPARE(at(central, RulesTableModel::UpstreamPrefix).toString(), u"team-a"_s);

        // An unknown upstream has no icon and no invented name.
        const int legacy = m_model->rowOfPrefix(u"legacy"_s);
        QVERIFY(!at(legacy, RulesTableModel::Upstream, Qt::DecorationRole).isValid());
        QCOMPARE(at(legacy, RulesTableModel::UpstreamUrl).toString(), u"harbor.example.com"_s);

        // RuleRole gives the prefix in every column.
        for (int col = 0; col < RulesTableModel::ColumnCount; ++col)
            QCOMPARE(at(hub, col, RulesTableModel::RuleRole).toString(), u"docker-hub"_s);
    }

    void pullUrlColumn()
    {
        const int hub = m_model->rowOfPrefix(u"docker-hub"_s);
        const int central = m_model->rowOfPrefix(u"central"_s);
        const auto pull = [this](int row, int role = Qt::DisplayRole) {
            return m_model->index(row, RulesTableModel::PullUrl).data(role).toString();
        };
        QCOMPARE(pull(hub),
            u"123456789012.dkr.ecr.us-east-1.amazonaws.com/docker-hub/library/<image>:<tag>"_s);
        QCOMPARE(pull(hub, Qt::ToolTipRole), u"docker pull "_s + pull(hub));
        QCOMPARE(pull(central),
            u"123456789012.dkr.ecr.us-east-1.amazonaws.com/central/<repository>/<image>:<tag>"_s);

        QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
        m_model->setRegistryLocation({u"210987654321"_s, u"cn-north-1"_s, u"amazonaws.com.cn"_s});
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed.first().at(0).toModelIndex().column(), int(RulesTableModel::PullUrl));
        QCOMPARE(changed.first().at(1).toModelIndex().row(), m_model->rowCount() - 1);
        // A rule's own registry ID wins over the context account.
        QCOMPARE(pull(hub),
            u"123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/docker-hub/library/<image>:<tag>"_s);
        QCOMPARE(pull(central),
            u"210987654321.dkr.ecr.cn-north-1.amazonaws.com.cn/central/<repository>/<image>:<tag>"_s);
    }

    void upsertInsertsSortedOrUpdates()
    {
        QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
        QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
        m_model->upsertRule(rule(u"github"_s, u"ghcr.io"_s, u"github-container-registry"_s, 1));
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(inserted.first().at(1).toInt(), 2); // between docker-hub and legacy
        QCOMPARE(m_model->rowOfPrefix(u"github"_s), 2);
        QCOMPARE(m_model->rowCount(), 5);

        m_model->upsertRule(rule(u"aaa"_s, u"cgr.dev"_s, u"chainguard"_s, 1));
        QCOMPARE(inserted.last().at(1).toInt(), 0);
        m_model->upsertRule(rule(u"zzz"_s, u"quay.io"_s, u"quay"_s, 1));
        QCOMPARE(inserted.last().at(1).toInt(), m_model->rowCount() - 1);

        PullThroughCacheRule updated = m_model->ruleAt(m_model->rowOfPrefix(u"docker-hub"_s));
        updated.credentialArn
            = u"arn:aws:secretsmanager:us-east-1:123456789012:secret:ecr-pullthroughcache/hub-v2-Q1w2E3"_s;
        const int rowsBefore = m_model->rowCount();
        m_model->upsertRule(updated);
        QCOMPARE(m_model->rowCount(), rowsBefore);
        QCOMPARE(inserted.count(), 3);
        QCOMPARE(changed.count(), 1);
        const int row = m_model->rowOfPrefix(u"docker-hub"_s);
        QCOMPARE(changed.first().at(0).toModelIndex(), m_model->index(row, 0));
        QCOMPARE(changed.first().at(1).toModelIndex(),
            m_model->index(row, RulesTableModel::ColumnCount - 1));
        QCOMPARE(m_model->index(row, RulesTableModel::CredentialArn).data().toString(),
            u"ecr-pullthroughcache/hub-v2-Q1w2E3"_s);
    }

    void removeRule()
    {
        QSignalSpy removed(m_model.get(), &QAbstractItemModel::rowsRemoved);
        QVERIFY(m_model->removeRule(u"legacy"_s));
        QCOMPARE(removed.count(), 1);
        QCOMPARE(removed.first().at(1).toInt(), 2);
        QCOMPARE(m_model->rowOfPrefix(u"legacy"_s), -1);
        QCOMPARE(m_model->rowOfPrefix(u"quay"_s), 2);
        QVERIFY(!m_model->removeRule(u"legacy"_s));
        QCOMPARE(removed.count(), 1);
    }

    void filter_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("prefixes");
        QTest::newRow("empty") << QString()
                               << QStringList{
                                      u"central"_s, u"docker-hub"_s, u"legacy"_s, u"quay"_s};
        QTest::newRow("prefix, any case") << u"QUAY"_s << QStringList{u"quay"_s};
        QTest::newRow("upstream display name") << u"docker hub"_s << QStringList{u"docker-hub"_s};
        QTest::newRow("upstream name of an inferred registry")
            << u"private"_s << QStringList{u"central"_s};
        QTest::newRow("url") << u"444455556666"_s << QStringList{u"central"_s};
        QTest::newRow("url of unknown upstream") << u"harbor"_s << QStringList{u"legacy"_s};
        QTest::newRow("credential ARN")
            << u"ECR-PULLTHROUGHCACHE/docker"_s << QStringList{u"docker-hub"_s};
        QTest::newRow("not the role") << u"PtcUpstream"_s << QStringList{};
        QTest::newRow("no match") << u"gitlab"_s << QStringList{};
    }
    void filter()
    {
        QFETCH(QString, text);
        QFETCH(QStringList, prefixes);
        m_proxy->sort(RulesTableModel::Prefix);
        m_proxy->setFilterText(text);
        QCOMPARE(column(*m_proxy, RulesTableModel::Prefix), prefixes);
        QCOMPARE(m_proxy->filterText(), text);
    }

    // Typing and deleting over 5,000 rows, the filter each time against a plain search of each
    // row: the whole-text search, its narrowing steps, its few-rows-left path (under 1/64), and
    // both ways of telling the view (a few rows changed: row signals; many: one layout change),
    // which the proxy's QAbstractItemModelTester checks.
    void filterAsTypedOverManyRows()
    {
        const QStringList words{u"docker"_s, u"quay"_s, u"kube"_s, u"ghcr"_s, u"dockyard"_s};
        QList<PullThroughCacheRule> rules;
        for (int i = 0; i < 5000; ++i) {
            // One rule in 100 on a .org mirror: a filter that drops few rows (".com") and one
            // that drops most (".org"), each typed into an empty filter and cleared again.
            const QString url = i % 100 == 0 ? u"mirror-%1.example.org"_s.arg(i % 7)
                                             : u"harbor-%1.example.com"_s.arg(i % 7);
            rules.append(
                rule(u"%1-%2"_s.arg(words.at(i % words.size())).arg(i), url, QString(), i));
        }
        m_model->setRules(rules);
        m_proxy->sort(RulesTableModel::Prefix);
        const QStringList typed{u"d"_s, u"do"_s, u"doc"_s, u"DOCK"_s, u"docke"_s, u"docker"_s,
            u"docke"_s, u"dock"_s, u"dock 3"_s, u"dock 31"_s, u"dock 3"_s, QString(), u"4"_s,
            u"49"_s, u"499"_s, u"4999"_s, u"49999"_s, u"4999"_s, u"499"_s, QString(), u"harbor-3"_s,
            u"harbor-3 quay"_s, u"harbor-3 quay 12"_s, u"zzz"_s, u"harbor"_s, u"-1.example"_s,
            QString(), u".com"_s, QString(), u".co"_s, u".com"_s, u".co"_s, u".org"_s, QString(),
            u".org 40"_s, QString(), u"com\ndocker"_s, u"com\ndocker-1"_s, u"\t4\t9 "_s, QString()};
        for (const QString& text : typed) {
            m_proxy->setFilterText(text);
            // Words split at any white space: a pasted "com\ndocker" is two words, never one
            // that matches from the end of one row's text into the next.
            const QStringList terms = text.toLower().simplified().split(u' ', Qt::SkipEmptyParts);
            QStringList expected;
            for (const PullThroughCacheRule& r : std::as_const(rules)) {
                const QString row = r.ecrRepositoryPrefix + u'\n' + r.upstreamRegistryUrl;
                if (std::all_of(terms.cbegin(), terms.cend(),
                        [&](const QString& term) { return row.contains(term); }))
                    expected.append(r.ecrRepositoryPrefix);
            }
            // In the proxy's order too (by prefix), however the rows came back.
            const QStringList shown = column(*m_proxy, RulesTableModel::Prefix);
            std::sort(expected.begin(), expected.end());
            QVERIFY2(shown == expected,
                qPrintable(u"\"%1\": %2 rows shown, %3 expected"_s.arg(text)
                               .arg(shown.size())
                               .arg(expected.size())));
        }
    }

    void filterFollowsModelChanges()
    {
        m_proxy->sort(RulesTableModel::Prefix);
        m_proxy->setFilterText(u"hub"_s);
        QCOMPARE(m_proxy->rowCount(), 1);
        m_model->upsertRule(rule(u"hub-mirror"_s, u"quay.io"_s, u"quay"_s, 5));
        QCOMPARE(column(*m_proxy, RulesTableModel::Prefix),
            (QStringList{u"docker-hub"_s, u"hub-mirror"_s}));
        m_model->removeRule(u"docker-hub"_s);
        QCOMPARE(column(*m_proxy, RulesTableModel::Prefix), QStringList{u"hub-mirror"_s});
        m_proxy->setFilterText(QString());
        QCOMPARE(m_proxy->rowCount(), 4);
    }

    void sortsBySortRole()
    {
        m_proxy->sort(RulesTableModel::Created, Qt::AscendingOrder);
        QCOMPARE(column(*m_proxy, RulesTableModel::Prefix),
            (QStringList{u"docker-hub"_s, u"central"_s, u"legacy"_s, u"quay"_s}));
        m_proxy->sort(RulesTableModel::Created, Qt::DescendingOrder);
        QCOMPARE(column(*m_proxy, RulesTableModel::Prefix),
            (QStringList{u"quay"_s, u"legacy"_s, u"central"_s, u"docker-hub"_s}));
        m_proxy->sort(RulesTableModel::Upstream, Qt::AscendingOrder);
        // The unknown upstream has no name and sorts first.
        QCOMPARE(column(*m_proxy, RulesTableModel::Upstream),
            (QStringList{QString(), u"Amazon ECR (private)"_s, u"Docker Hub"_s, u"Quay"_s}));
    }
};

QTEST_MAIN(TestRulesTableModel)
#include "tst_rulestablemodel.moc"
