// Renders the documentation screenshots: the main window with rules, the rule form, and an error
// dialog. Run through scripts/screenshots, which starts it under Xvfb.
#include "EcrClient.h"
#include "ErrorPresenter.h"
#include "FormValidation.h"
#include "MainWindow.h"
#include "MessagePresenter.h"
#include "RuleForm.h"
#include "RuleFormDialog.h"
#include "RulesController.h"
#include "RulesTableModel.h"
#include "SandboxServer.h"
#include "SandboxService.h"
#include "SessionFactory.h"

#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QEventLoop>
#include <QLineEdit>
#include <QMessageBox>
#include <QNetworkAccessManager>
#include <QTableView>
#include <QTimer>

using namespace ecr;
using namespace Qt::StringLiterals;

namespace {

class SandboxProfiles final : public ProfileDirectory
{
public:
    SandboxProfiles(const QUrl& url, sigv4::Credentials credentials)
        : m_url(url)
        , m_credentials(std::move(credentials))
    { }
    QList<ProfileEntry> profiles() const override
    {
        return {{u"sandbox"_s, QApplication::translate("screenshots", "Local sandbox"),
            ProfileEntry::Kind::LocalSandbox, u"eu-central-1"_s, u"aws"_s, {}, {}}};
    }
    QCoro::Task<Result<ConnectionTarget>> resolve(QString, QString region, CancelToken) override
    {
        ConnectionTarget target;
        target.displayName = QApplication::translate("screenshots", "Local sandbox");
        target.region = region;
        target.customEndpoint = m_url;
        target.credentials = std::make_shared<StaticCredentialsProvider>(m_credentials);
        target.accountId = u"123456789012"_s;
        co_return target;
    }

private:
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
    sandbox::SandboxService service(clock, {});
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

    SandboxProfiles profiles(server.url(), credentials);
    NoPresenter presenter;
    DirectorySessionFactory sessions(profiles, network, clock);
    MainWindow window(profiles, sessions, presenter);
    window.resize(1280, 560);
    window.show();
    while (window.model().rowCount() < int(rules.size()))
        settle(50);
    window.findChild<QTableView*>(u"rulesTableView"_s)->selectRow(3);
    settle(300);
    bool ok = save(&window, outDir + u"/main-window.png"_s);

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
    return ok ? 0 : 1;
}
