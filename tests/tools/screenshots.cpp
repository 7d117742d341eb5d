// Renders the documentation screenshots: the main window with rules, a marked profile and the
// details pane; the same window in a dark palette; the rule form; an error dialog; the IAM
// Identity Center sign-in and Add SSO Profile after signing in to the sandbox. Run through
// scripts/screenshots, which starts it under Xvfb (with a throwaway HOME).
#include "Appearance.h"
#include "CacheDialog.h"
#include "CreateSecretDialog.h"
#include "CredentialProfileDirectory.h"
#include "EcrClient.h"
#include "EcrRegistryClient.h"
#include "ErrorPresenter.h"
#include "FormValidation.h"
#include "MainWindow.h"
#include "MessagePresenter.h"
#include "RuleForm.h"
#include "RuleFormDialog.h"
#include "RulesController.h"
#include "RulesFilterProxyModel.h"
#include "RulesTableModel.h"
#include "RulesView.h"
#include "SandboxServer.h"
#include "SandboxService.h"
#include "SessionFactory.h"
#include "SsoProfileDialog.h"
#include "SsoSignInDialog.h"
#include "StsClient.h"
#include "TemplatesDialog.h"
#include "TestPullDialog.h"

#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QEventLoop>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QNetworkAccessManager>
#include <QPalette>
#include <QPushButton>
#include <QSettings>
#include <QStyleFactory>
#include <QTableView>
#include <QTableWidget>
#include <QTimer>
#include <QTreeView>

using namespace ecr;
using namespace Qt::StringLiterals;

namespace {

// One profile over the sandbox, marked "production" in red, whose identity comes from the
// sandbox's STS as it would from AWS.
class SandboxProfiles final : public ProfileDirectory
{
public:
    SandboxProfiles(QNetworkAccessManager& network, const Clock& clock, const QUrl& url,
        sigv4::Credentials credentials)
        : m_network(network)
        , m_clock(clock)
        , m_url(url)
        , m_credentials(std::move(credentials))
    { }
    QList<ProfileEntry> profiles() const override
    {
        return {{u"prod"_s, u"prod-admin"_s, ProfileEntry::Kind::Keychain, u"eu-central-1"_s,
            u"aws"_s, QApplication::translate("screenshots", "production"), u"red"_s}};
    }
    QCoro::Task<Result<ConnectionTarget>> resolve(QString, QString region, CancelToken) override
    {
        ConnectionTarget target;
        target.displayName = u"prod-admin"_s;
        target.region = region;
        target.customEndpoint = m_url;
        target.credentials = std::make_shared<StaticCredentialsProvider>(m_credentials);
        target.identify = [this, region](CancelToken cancel) {
            return identify(region, cancel);
        };
        co_return target;
    }

private:
    QCoro::Task<Result<CallerIdentity>> identify(QString region, CancelToken cancel)
    {
        StsConfig config;
        config.region = region;
        config.customEndpoint = m_url;
        StsClient sts(m_network, m_clock, config);
        const sigv4::Credentials keys = m_credentials;
        co_return co_await sts.getCallerIdentity(keys, cancel);
    }

    QNetworkAccessManager& m_network;
    const Clock& m_clock;
    QUrl m_url;
    sigv4::Credentials m_credentials;
};

class NoPresenter final : public MessagePresenter
{
public:
    QCoro::Task<void> showError(QWidget*, ErrorText) override { co_return; }
    QCoro::Task<bool> confirm(QWidget*, Confirmation) override { co_return false; }
    QCoro::Task<void> showInformation(QWidget*, QString, QString) override { co_return; }
};

void settle(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

bool save(QWidget* widget, const QString& path)
{
    const bool ok = widget->grab().save(path);
    std::printf("%s %s\n", ok ? "wrote" : "FAILED", qPrintable(path));
    return ok;
}

QJsonObject rule(const char* prefix, const char* url, const char* arn = nullptr,
    const char* role = nullptr, const char* upstreamPrefix = nullptr)
{
    QJsonObject o{{u"ecrRepositoryPrefix"_s, QString::fromLatin1(prefix)},
        {u"upstreamRegistryUrl"_s, QString::fromLatin1(url)}};
    if (arn)
        o.insert(u"credentialArn"_s, QString::fromLatin1(arn));
    if (role)
        o.insert(u"customRoleArn"_s, QString::fromLatin1(role));
    if (upstreamPrefix)
        o.insert(u"upstreamRepositoryPrefix"_s, QString::fromLatin1(upstreamPrefix));
    return o;
}

} // namespace

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationDisplayName(u"ECR Pull-Through Cache Admin"_s);
    QApplication::setApplicationVersion(u"0.1.0"_s);
    const QString outDir = argc > 1 ? QString::fromLocal8Bit(argv[1]) : u"docs/screenshots"_s;
    QDir().mkpath(outDir);

    SystemClock clock;
    sandbox::SandboxConfig sandboxConfig;
    sandboxConfig.sso.pollIntervalSeconds = 1;
    sandbox::SandboxService service(clock, sandboxConfig);
    sandbox::SandboxServer server(service);
    if (!server.listen())
        return 1;
    const auto key = sandbox::SandboxService::defaultKey();
    const sigv4::Credentials credentials{key.accessKeyId, key.secretAccessKey, {}};

    QNetworkAccessManager network;
    StaticCredentialsProvider provider(credentials);
    SigV4Auth auth(provider, clock);
    ServiceClientConfig config;
    config.service = EcrClient::service();
    config.endpoint = {server.url(), u"eu-central-1"_s, u"aws"_s};
    ServiceClient transport(network, clock, config, &auth);
    const QList<QJsonObject> rules{
        rule("ecr-public", "public.ecr.aws"),
        rule("kubernetes", "registry.k8s.io"),
        rule("quay", "quay.io"),
        rule("docker-hub", "registry-1.docker.io",
            "arn:aws:secretsmanager:eu-central-1:123456789012:secret:ecr-pullthroughcache/"
            "docker-hub-a1B2c3"),
        rule("github", "ghcr.io",
            "arn:aws:secretsmanager:eu-central-1:123456789012:secret:ecr-pullthroughcache/"
            "github-D4e5F6"),
        rule("team-a", "444455556666.dkr.ecr.eu-central-1.amazonaws.com", nullptr,
            "arn:aws:iam::123456789012:role/ecr-pull-through-cache", "team-a"),
    };
    int pending = int(rules.size());
    for (const QJsonObject& r : rules) {
        OperationRequest create;
        create.name = u"CreatePullThroughCacheRule"_s;
        create.body = r;
        transport.call(create).then([&pending](const auto&) { --pending; });
    }
    while (pending > 0)
        settle(20);

    SandboxProfiles profiles(network, clock, server.url(), credentials);
    NoPresenter presenter;
    DirectorySessionFactory sessions(profiles, network, clock);
    const auto showWindow = [&](MainWindow& window) {
        window.resize(1360, 640);
        window.show();
        window.selectProfile(u"prod"_s);
        while (window.model().rowCount() < int(rules.size()) || window.controller().isBusy())
            settle(50);
        auto* table = window.findChild<QTableView*>(u"rulesTableView"_s);
        const int row = window.model().rowOfPrefix(u"docker-hub"_s);
        table->selectRow(
            window.rulesView().proxy()->mapFromSource(window.model().index(row, 0)).row());
        settle(400);
    };
    MainWindow window(profiles, sessions, presenter);
    showWindow(window);
    bool ok = save(&window, outDir + u"/main-window.png"_s);

    {
        // The same window on a desktop in dark mode.
        const QPalette light = QApplication::palette();
        QStyle* const lightStyle = QApplication::style();
        const QString lightStyleName = lightStyle->name();
        QApplication::setStyle(QStyleFactory::create(u"Fusion"_s));
        QApplication::setPalette(darkPalette());
        MainWindow dark(profiles, sessions, presenter);
        showWindow(dark);
        ok = save(&dark, outDir + u"/main-window-dark.png"_s) && ok;
        dark.close();
        QApplication::setStyle(QStyleFactory::create(lightStyleName));
        QApplication::setPalette(light);
    }

    RuleFormDialog dialog(&window);
    dialog.setRegistryLocation({u"123456789012"_s, u"eu-central-1"_s, u"amazonaws.com"_s});
    auto* registry = dialog.findChild<QComboBox*>(u"registryComboBox"_s);
    registry->setCurrentIndex(registry->findText(u"GitHub Container Registry"_s));
    auto* prefix = dialog.findChild<QLineEdit*>(u"prefixLineEdit"_s);
    prefix->setText(u"ghcr"_s);
    auto* arn = dialog.findChild<QLineEdit*>(u"credentialArnLineEdit"_s);
    arn->setText(u"arn:aws:secretsmanager:eu-central-1:123456789012:secret:github-token"_s);
    dialog.form()->validation().markAllTouched();
    dialog.show();
    settle(300);
    ok = save(&dialog, outDir + u"/rule-form.png"_s) && ok;
    dialog.hide();

    AwsError error = makeError(ErrorKind::Service, u"SecretNotFoundException"_s,
        u"The ARN of the secret specified in the pull through cache rule was not found."_s);
    error.httpStatus = 400;
    error.requestId = u"6f1c2a9e-3b7d-4c1e-9a57-2d8e4b0c7f31"_s;
    const ErrorText text
        = describeError(error, QApplication::translate("screenshots", "Creating the rule"));
    QMessageBox box(QMessageBox::Warning, text.title, text.what, QMessageBox::Ok, &window);
    box.setInformativeText(text.action);
    box.setDetailedText(text.details);
    box.show();
    settle(300);
    ok = save(&box, outDir + u"/error-dialog.png"_s) && ok;
    box.hide();

    // Create Secret from the rule form, filled in (the token masked).
    {
        CreateSecretDialog secret(&window);
        secret.setLocation(u"123456789012"_s, u"eu-central-1"_s);
        secret.setSuggestedName(u"docker-hub"_s);
        secret.findChild<QLineEdit*>(u"usernameLineEdit"_s)->setText(u"ci-puller"_s);
        secret.findChild<QLineEdit*>(u"tokenLineEdit"_s)->setText(u"dckr_pat_example"_s);
        secret.show();
        settle(300);
        ok = save(&secret, outDir + u"/create-secret.png"_s) && ok;
    }
    // Repository › Templates with two templates, one of them the known pitfall.
    {
        EcrRegistryClient registry(transport);
        RepositoryCreationTemplate hub;
        hub.prefix = u"docker-hub"_s;
        hub.appliedFor = {u"PULL_THROUGH_CACHE"_s};
        hub.imageTagMutability = u"IMMUTABLE_WITH_EXCLUSION"_s;
        hub.exclusionFilters = {{u"WILDCARD"_s, u"latest"_s}};
        hub.lifecyclePolicy = lifecyclePresets().first().policy;
        RepositoryCreationTemplate root;
        root.prefix = u"ROOT"_s;
        root.appliedFor = {u"PULL_THROUGH_CACHE"_s, u"REPLICATION"_s};
        root.resourceTags = {{u"cost-centre"_s, u"platform"_s}};
        int made = 0;
        registry.createTemplate(hub).then([&made](const auto&) { ++made; });
        registry.createTemplate(root).then([&made](const auto&) { ++made; });
        while (made < 2)
            settle(20);
        TemplatesDialog templates(window.controller(), presenter, &window);
        templates.show();
        for (int i = 0; i < 100 && templates.table()->rowCount() < 2; ++i)
            settle(50);
        settle(200);
        ok = templates.table()->rowCount() == 2 && save(&templates, outDir + u"/templates.png"_s)
            && ok;
    }

    // Cached Repositories of the quay rule (some cached weeks ago), and a Test Pull through it.
    {
        const QDateTime now = QDateTime::currentDateTimeUtc();
        const QStringList seeded{u"quay/argoproj/argocd"_s,
            u"quay/jetstack/cert-manager-controller"_s, u"quay/calico/node"_s,
            u"quay/prometheus/alertmanager"_s, u"quay/cilium/cilium"_s};
        for (int i = 0; i < seeded.size(); ++i) {
            sandbox::SandboxRepository r;
            r.name = seeded.at(i);
            r.createdAt = now.addDays(-30 * (i + 1));
            sandbox::SandboxImage image;
            image.digest
                = u"sha256:%1"_s.arg(QString::number(qHash(r.name), 16).rightJustified(64, u'0'));
            image.mediaType = u"application/vnd.oci.image.manifest.v1+json"_s;
            image.tags = {u"v1.%1.0"_s.arg(i)};
            image.size = 18'000'000LL * (i + 2);
            image.pushedAt = r.createdAt;
            image.lastPull = now.addDays(-25 * i);
            r.images.append(image);
            service.repositories().addRepository(u"eu-central-1"_s, r);
        }
        const PullThroughCacheRule quay
            = window.model().ruleAt(window.model().rowOfPrefix(u"quay"_s));
        CacheDialog panel(window.controller(), presenter, quay, {}, &window);
        bool loaded = false;
        QObject::connect(&panel, &CacheDialog::loaded, [&loaded] { loaded = true; });
        panel.show();
        panel.load();
        for (int i = 0; i < 200 && !loaded; ++i)
            settle(50);
        panel.openTestPull();
        auto* pull = panel.findChild<TestPullDialog*>();
        pull->pullButton()->click();
        for (int i = 0; i < 200 && !pull->findChild<QLabel*>(u"digestLabel"_s); ++i)
            settle(50);
        settle(300);
        ok = pull->findChild<QLabel*>(u"digestLabel"_s) && save(pull, outDir + u"/test-pull.png"_s)
            && ok;
        pull->reject();
        for (int i = 0; i < 200 && (panel.isLoading() || panel.model().rowCount() < 6); ++i)
            settle(50);
        settle(300);
        ok = panel.model().rowCount() == 6 && save(&panel, outDir + u"/cached-repositories.png"_s)
            && ok;
    }

    // Add SSO Profile: sign in to the sandbox's Identity Center (its switch approves the code
    // once the sign-in dialog is on screen), then an account and a role.
    QSettings settings(QDir::temp().filePath(u"ecr-screenshots.ini"_s), QSettings::IniFormat);
    ProfileStore store(settings);
    KeychainStore keychain; // not touched: listing accounts needs no secret of the keychain
    CredentialProfileDirectory directory(store, keychain, network, clock);
    DialogSsoPrompter prompter(&window);
    directory.setSsoPrompter(&prompter);
    prompter.setUrlOpener([&](const QUrl&) {
        QTimer::singleShot(400, [&] {
            if (auto* signIn = window.findChild<SsoSignInDialog*>())
                ok = save(signIn, outDir + u"/sso-sign-in.png"_s) && ok;
            service.sso().approve();
        });
        return true;
    });
    SsoProfileDialog sso(directory, &window);
    Profile endpoints;
    for (QUrl* url : {&endpoints.endpointUrl, &endpoints.stsEndpointUrl, &endpoints.ssoEndpointUrl,
             &endpoints.ssoOidcEndpointUrl})
        *url = server.url();
    sso.setTemplate(endpoints);
    sso.findChild<QLineEdit*>(u"sessionNameLineEdit"_s)->setText(u"my-sso"_s);
    sso.findChild<QLineEdit*>(u"startUrlLineEdit"_s)->setText(sandboxConfig.sso.startUrl);
    sso.findChild<QLineEdit*>(u"ssoRegionLineEdit"_s)->setText(u"us-east-1"_s);
    sso.show();
    sso.findChild<QPushButton*>(u"signInButton"_s)->click();
    auto* accounts = sso.findChild<QTreeView*>(u"accountsView"_s);
    for (int i = 0; i < 200 && accounts->model()->rowCount() == 0; ++i)
        settle(50);
    accounts->setCurrentIndex(accounts->model()->index(0, 0));
    auto* roles = sso.findChild<QListWidget*>(u"rolesList"_s);
    for (int i = 0; i < 100 && roles->count() == 0; ++i)
        settle(50);
    roles->setCurrentRow(0);
    settle(300);
    ok = accounts->model()->rowCount() > 0 && save(&sso, outDir + u"/add-sso-profile.png"_s) && ok;
    settings.clear();
    return ok ? 0 : 1;
}
