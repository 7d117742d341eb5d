// The create-rule form: fields per registry, validation per field, pull preview, keyboard use.
#include "FormValidation.h"
#include "RuleForm.h"

#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using namespace ecr;
using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(ecr::UpstreamRegistry)

namespace {

const QString kAccount = u"123456789012"_s;
const QString kArn
    = u"arn:aws:secretsmanager:us-east-1:123456789012:secret:ecr-pullthroughcache/docker-hub-AbCdEf"_s;
const QString kRoleArn = u"arn:aws:iam::123456789012:role/PullThroughCacheRole"_s;

template <typename T>
T* child(const QWidget& parent, const QString& name)
{
    return parent.findChild<T*>(name);
}

QLineEdit* lineEdit(const QWidget& form, const QString& name)
{
    return child<QLineEdit>(form, name);
}

QLabel* label(const QWidget& form, const QString& name)
{
    return child<QLabel>(form, name);
}

// Replaces the text the way a user does: the last character arrives as a key press, so the
// field counts as edited (textEdited), without typing thousands of keys for long values.
void typeInto(QLineEdit* edit, const QString& text)
{
    edit->setText(text.chopped(text.isEmpty() ? 0 : 1));
    if (text.isEmpty()) {
        edit->setText(u"x"_s);
        QTest::keyClick(edit, Qt::Key_Backspace);
    } else {
        edit->end(false);
        QTest::keyClicks(edit, text.right(1));
    }
}

void typeRegion(RuleForm& form, const QString& region)
{
    auto* combo = child<QComboBox>(form, u"ecrRegionComboBox"_s);
    combo->setEditText(QString());
    combo->lineEdit()->setText(region.chopped(1));
    combo->lineEdit()->end(false);
    QTest::keyClicks(combo->lineEdit(), region.right(1));
}

// Fills every required field of the registry with a valid value.
void fillValid(RuleForm& form, UpstreamRegistry registry)
{
    form.setRegistry(registry);
    if (registry == UpstreamRegistry::AzureContainerRegistry)
        typeInto(lineEdit(form, u"azureRegistryNameLineEdit"_s), u"contosoregistry"_s);
    if (registry == UpstreamRegistry::Ecr) {
        typeInto(lineEdit(form, u"ecrAccountLineEdit"_s), u"444455556666"_s);
        typeRegion(form, u"us-west-2"_s);
    }
    if (upstreamRegistryInfo(registry).auth == UpstreamAuth::SecretsManager)
        typeInto(lineEdit(form, u"credentialArnLineEdit"_s), kArn);
}

} // namespace

class TestRuleForm : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void listsAllRegistriesInTableOrder()
    {
        RuleForm form;
        auto* combo = child<QComboBox>(form, u"registryComboBox"_s);
        QVERIFY(combo);
        QCOMPARE(combo->count(), 9);
        QCOMPARE(combo->currentIndex(), -1); // a conscious choice, not a silent default
        for (int i = 0; i < combo->count(); ++i) {
            const UpstreamRegistryInfo& info = upstreamRegistries().at(i);
            QCOMPARE(combo->itemData(i).toInt(), int(info.registry));
            QCOMPARE(combo->itemText(i), info.displayName);
            QVERIFY2(!combo->itemIcon(i).isNull(), qPrintable(info.iconName));
            QVERIFY(!combo->itemIcon(i).pixmap(16).isNull());
        }
        QVERIFY(!form.validation().isValid());
        QVERIFY(!form.registry());
    }

    void fieldVisibility_data()
    {
        QTest::addColumn<UpstreamRegistry>("registry");
        QTest::addColumn<bool>("azureName");
        QTest::addColumn<bool>("ecrParts"); // account, region, role ARN, upstream prefix
        QTest::addColumn<bool>("credential");
        QTest::addColumn<QString>("url"); // shown while the free parts are empty
        using R = UpstreamRegistry;
        QTest::newRow("ecr-public")
            << R::EcrPublic << false << false << false << u"public.ecr.aws"_s;
        QTest::newRow("k8s") << R::Kubernetes << false << false << false << u"registry.k8s.io"_s;
        QTest::newRow("quay") << R::Quay << false << false << false << u"quay.io"_s;
        QTest::newRow("docker-hub")
            << R::DockerHub << false << false << true << u"registry-1.docker.io"_s;
        QTest::newRow("github") << R::GitHubContainerRegistry << false << false << true
                                << u"ghcr.io"_s;
        QTest::newRow("azure") << R::AzureContainerRegistry << true << false << true
                               << u"<registry-name>.azurecr.io"_s;
        QTest::newRow("gitlab") << R::GitLabContainerRegistry << false << false << true
                                << u"registry.gitlab.com"_s;
        QTest::newRow("chainguard") << R::Chainguard << false << false << true << u"cgr.dev"_s;
        QTest::newRow("ecr") << R::Ecr << false << true << false
                             << u"<account-id>.dkr.ecr.<region>.amazonaws.com"_s;
    }
    void fieldVisibility()
    {
        QFETCH(UpstreamRegistry, registry);
        QFETCH(bool, azureName);
        QFETCH(bool, ecrParts);
        QFETCH(bool, credential);
        QFETCH(QString, url);
        RuleForm form;
        form.setRegistry(registry);
        QCOMPARE(form.registry(), registry);
        const auto shown = [&form](const QString& name) {
            QWidget* widget = form.findChild<QWidget*>(name);
            return widget && widget->isVisibleTo(&form);
        };
        QCOMPARE(shown(u"azureRegistryNameLineEdit"_s), azureName);
        QCOMPARE(shown(u"azureRegistryNameLabel"_s), azureName);
        QCOMPARE(shown(u"ecrAccountLineEdit"_s), ecrParts);
        QCOMPARE(shown(u"ecrRegionComboBox"_s), ecrParts);
        QCOMPARE(shown(u"customRoleArnLineEdit"_s), ecrParts);
        QCOMPARE(shown(u"upstreamPrefixLineEdit"_s), ecrParts);
        QCOMPARE(shown(u"credentialArnLineEdit"_s), credential);
        QCOMPARE(shown(u"credentialArnHintLabel"_s), credential);
        QCOMPARE(shown(u"credentialArnLabel"_s), credential);
        QVERIFY(shown(u"prefixLineEdit"_s));
        QVERIFY(shown(u"registryIdLineEdit"_s));
        QVERIFY(shown(u"upstreamUrlLabel"_s));
        QCOMPARE(label(form, u"upstreamUrlLabel"_s)->text(), url);
        QCOMPARE(form.isFieldShown(ptc::Field::CredentialArn), credential);
        QCOMPARE(form.isFieldShown(ptc::Field::CustomRoleArn), ecrParts);
        QCOMPARE(form.isFieldShown(ptc::Field::UpstreamRepositoryPrefix), ecrParts);
        QVERIFY(form.isFieldShown(ptc::Field::EcrRepositoryPrefix));
        QVERIFY(form.isFieldShown(ptc::Field::RegistryId));
        // Public upstreams need nothing else: the default prefix makes the form complete.
        QCOMPARE(form.validation().isValid(), !azureName && !ecrParts && !credential);

        const CreateRuleRequest request = form.request();
        QCOMPARE(request.upstreamRegistry, upstreamRegistryInfo(registry).wireName);
        QCOMPARE(request.ecrRepositoryPrefix, upstreamRegistryInfo(registry).defaultPrefix);
        QVERIFY(request.credentialArn.isEmpty());
        QVERIFY(request.customRoleArn.isEmpty());
    }

    void hiddenFieldsDoNotContribute()
    {
        RuleForm form;
        fillValid(form, UpstreamRegistry::Ecr);
        typeInto(lineEdit(form, u"customRoleArnLineEdit"_s), kRoleArn);
        typeInto(lineEdit(form, u"upstreamPrefixLineEdit"_s), u"Not Valid"_s);
        QVERIFY(!form.validation().isValid());

        form.setRegistry(UpstreamRegistry::Quay); // role and upstream prefix are hidden now
        QVERIFY(form.validation().isValid());
        CreateRuleRequest request = form.request();
        QVERIFY(request.customRoleArn.isEmpty());
        QVERIFY(request.upstreamRepositoryPrefix.isEmpty());
        QCOMPARE(request.upstreamRegistryUrl, u"quay.io"_s);

        // Switching back shows what the user typed, still checked.
        form.setRegistry(UpstreamRegistry::Ecr);
        QCOMPARE(lineEdit(form, u"customRoleArnLineEdit"_s)->text(), kRoleArn);
        QVERIFY(!form.validation().isValid());
        typeInto(lineEdit(form, u"upstreamPrefixLineEdit"_s), u"team-a"_s);
        QVERIFY(form.validation().isValid());
        request = form.request();
        QCOMPARE(request.customRoleArn, kRoleArn);
        QCOMPARE(request.upstreamRepositoryPrefix, u"team-a"_s);
        QCOMPARE(request.upstreamRegistryUrl, u"444455556666.dkr.ecr.us-west-2.amazonaws.com"_s);

        // A bad credential of a secret-based registry does not follow to a public one.
        form.setRegistry(UpstreamRegistry::DockerHub);
        typeInto(lineEdit(form, u"credentialArnLineEdit"_s), u"arn:nonsense"_s);
        QVERIFY(!form.validation().isValid());
        form.setRegistry(UpstreamRegistry::EcrPublic);
        QVERIFY(form.validation().isValid());
        QVERIFY(form.request().credentialArn.isEmpty());
    }

    void fieldValidation_data()
    {
        QTest::addColumn<UpstreamRegistry>("registry");
        QTest::addColumn<QString>("field"); // object name of the editor
        QTest::addColumn<QString>("errorLabel");
        QTest::addColumn<QString>("value");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<QString>("message"); // part of the message when invalid
        using R = UpstreamRegistry;
        const QString prefix = u"prefixLineEdit"_s;
        const QString prefixError = u"prefixErrorLabel"_s;
        QTest::newRow("prefix ok")
            << R::Quay << prefix << prefixError << u"team-a/quay"_s << true << QString();
        QTest::newRow("prefix ROOT")
            << R::Quay << prefix << prefixError << u"ROOT"_s << true << QString();
        QTest::newRow("prefix upper case")
            << R::Quay << prefix << prefixError << u"Quay"_s << false << u"lower-case"_s;
        QTest::newRow("prefix double slash")
            << R::Quay << prefix << prefixError << u"foo//bar"_s << false << u"not valid"_s;
        QTest::newRow("prefix too short")
            << R::Quay << prefix << prefixError << u"q"_s << false << u"at least 2"_s;
        QTest::newRow("prefix too long")
            << R::Quay << prefix << prefixError << QString(31, u'a') << false << u"at most 30"_s;
        QTest::newRow("prefix emptied")
            << R::Quay << prefix << prefixError << QString() << false << u"required"_s;

        const QString azure = u"azureRegistryNameLineEdit"_s;
        const QString azureError = u"azureRegistryNameErrorLabel"_s;
        QTest::newRow("azure ok") << R::AzureContainerRegistry << azure << azureError
                                  << u"contoso2024"_s << true << QString();
        QTest::newRow("azure too short") << R::AzureContainerRegistry << azure << azureError
                                         << u"abcd"_s << false << u"5 to 50"_s;
        QTest::newRow("azure upper case") << R::AzureContainerRegistry << azure << azureError
                                          << u"Contoso"_s << false << u"lower-case"_s;
        QTest::newRow("azure emptied") << R::AzureContainerRegistry << azure << azureError
                                       << QString() << false << u"Enter the name"_s;

        const QString account = u"ecrAccountLineEdit"_s;
        const QString accountError = u"ecrAccountErrorLabel"_s;
        QTest::newRow("ecr account ok")
            << R::Ecr << account << accountError << u"210987654321"_s << true << QString();
        QTest::newRow("ecr account short")
            << R::Ecr << account << accountError << u"2109876"_s << false << u"12 digits"_s;
        QTest::newRow("ecr account letters")
            << R::Ecr << account << accountError << u"21098765432x"_s << false << u"12 digits"_s;

        const QString region = u"ecrRegionComboBox"_s;
        const QString regionError = u"ecrRegionErrorLabel"_s;
        QTest::newRow("ecr region ok")
            << R::Ecr << region << regionError << u"eu-west-1"_s << true << QString();
        QTest::newRow("ecr region China")
            << R::Ecr << region << regionError << u"cn-north-1"_s << true << QString();
        QTest::newRow("ecr region unknown")
            << R::Ecr << region << regionError << u"mars-north"_s << false << u"mars-north"_s;

        const QString credential = u"credentialArnLineEdit"_s;
        const QString credentialError = u"credentialArnErrorLabel"_s;
        QTest::newRow("credential ok") << R::GitHubContainerRegistry << credential
                                       << credentialError << kArn << true << QString();
        QTest::newRow("credential China partition")
            << R::GitHubContainerRegistry << credential << credentialError
            << u"arn:aws-cn:secretsmanager:cn-north-1:123456789012:secret:ecr-pullthroughcache/gh-x1"_s
            << true << QString();
        QTest::newRow("credential wrong secret name")
            << R::GitHubContainerRegistry << credential << credentialError
            << u"arn:aws:secretsmanager:us-east-1:123456789012:secret:github-token-AbCdEf"_s
            << false << u"ecr-pullthroughcache/"_s;
        QTest::newRow("credential too short")
            << R::GitHubContainerRegistry << credential << credentialError
            << u"arn:aws:secretsmanager"_s << false << u"at least 50"_s;
        QTest::newRow("credential emptied")
            << R::GitHubContainerRegistry << credential << credentialError << QString() << false
            << u"requires authentication"_s;

        const QString role = u"customRoleArnLineEdit"_s;
        const QString roleError = u"customRoleArnErrorLabel"_s;
        QTest::newRow("role ok") << R::Ecr << role << roleError << kRoleArn << true << QString();
        QTest::newRow("role too long") << R::Ecr << role << roleError
                                       << u"arn:aws:iam::123456789012:role/"_s + QString(2030, u'r')
                                       << false << u"at most 2048"_s;

        const QString upstream = u"upstreamPrefixLineEdit"_s;
        const QString upstreamError = u"upstreamPrefixErrorLabel"_s;
        QTest::newRow("upstream prefix ok")
            << R::Ecr << upstream << upstreamError << u"upstream-app"_s << true << QString();
        QTest::newRow("upstream prefix invalid")
            << R::Ecr << upstream << upstreamError << u"-app"_s << false << u"not valid"_s;

        const QString registryId = u"registryIdLineEdit"_s;
        const QString registryIdError = u"registryIdErrorLabel"_s;
        QTest::newRow("registry id ok")
            << R::Quay << registryId << registryIdError << u"123456789012"_s << true << QString();
        QTest::newRow("registry id emptied (optional)")
            << R::Quay << registryId << registryIdError << QString() << true << QString();
        QTest::newRow("registry id short")
            << R::Quay << registryId << registryIdError << u"12345"_s << false << u"12-digit"_s;
    }
    void fieldValidation()
    {
        QFETCH(UpstreamRegistry, registry);
        QFETCH(QString, field);
        QFETCH(QString, errorLabel);
        QFETCH(QString, value);
        QFETCH(bool, valid);
        QFETCH(QString, message);

        RuleForm form;
        fillValid(form, registry);
        QVERIFY(form.validation().isValid());
        QSignalSpy validity(&form.validation(), &FormValidation::validityChanged);

        if (field == u"ecrRegionComboBox")
            typeRegion(form, value);
        else
            typeInto(lineEdit(form, field), value);

        QLabel* error = label(form, errorLabel);
        QVERIFY(error);
        QCOMPARE(form.validation().isValid(), valid);
        QCOMPARE(error->isVisibleTo(&form), !valid);
        if (valid) {
            QVERIFY(error->text().isEmpty());
            // Intermediate states may flip validity, but the last word is "valid".
            if (!validity.isEmpty())
                QCOMPARE(validity.last().first().toBool(), true);
        } else {
            QVERIFY2(
                error->text().contains(message, Qt::CaseInsensitive), qPrintable(error->text()));
            QVERIFY(!validity.isEmpty());
            QCOMPARE(validity.last().first().toBool(), false);
        }
        // Only the edited field speaks.
        const QList<QLabel*> labels = form.findChildren<QLabel*>();
        for (const QLabel* other : labels) {
            if (other != error && other->objectName().endsWith(u"ErrorLabel"_s))
                QVERIFY2(!other->isVisibleTo(&form), qPrintable(other->objectName()));
        }
    }

    void upstreamPrefixNeedsNonRootPrefix()
    {
        RuleForm form;
        fillValid(form, UpstreamRegistry::Ecr);
        typeInto(lineEdit(form, u"prefixLineEdit"_s), u"ROOT"_s);
        typeInto(lineEdit(form, u"upstreamPrefixLineEdit"_s), u"team-a"_s);
        QVERIFY(!form.validation().isValid());
        QVERIFY(label(form, u"upstreamPrefixErrorLabel"_s)->text().contains(u"not ROOT"_s));
        typeInto(lineEdit(form, u"prefixLineEdit"_s), u"team-a"_s);
        QVERIFY(form.validation().isValid());
    }

    void untouchedEmptyFieldsStayQuietUntilSubmit()
    {
        RuleForm form;
        QLabel* registryError = label(form, u"registryErrorLabel"_s);
        QVERIFY(!registryError->isVisibleTo(&form));
        form.validation().markAllTouched();
        QVERIFY(registryError->isVisibleTo(&form));
        QVERIFY(registryError->text().contains(u"Choose an upstream registry"_s));
        QVERIFY(label(form, u"prefixErrorLabel"_s)->isVisibleTo(&form));

        RuleForm docker;
        docker.setRegistry(UpstreamRegistry::DockerHub);
        QLabel* credentialError = label(docker, u"credentialArnErrorLabel"_s);
        QVERIFY(!docker.validation().isValid());
        QVERIFY(!credentialError->isVisibleTo(&docker));
        QVERIFY(!label(docker, u"registryErrorLabel"_s)->isVisibleTo(&docker));
        docker.validation().markAllTouched();
        QVERIFY(credentialError->isVisibleTo(&docker));
        QVERIFY(credentialError->text().contains(u"requires authentication"_s));
        QVERIFY(!label(docker, u"prefixErrorLabel"_s)->isVisibleTo(&docker));

        RuleForm ecr;
        ecr.setRegistry(UpstreamRegistry::Ecr);
        QVERIFY(!label(ecr, u"ecrAccountErrorLabel"_s)->isVisibleTo(&ecr));
        ecr.validation().markAllTouched();
        QVERIFY(label(ecr, u"ecrAccountErrorLabel"_s)->isVisibleTo(&ecr));
        QVERIFY(label(ecr, u"ecrRegionErrorLabel"_s)->isVisibleTo(&ecr));
        QVERIFY(!label(ecr, u"customRoleArnErrorLabel"_s)->isVisibleTo(&ecr)); // optional
    }

    void serverErrorStaysUntilTheFieldIsEdited()
    {
        RuleForm form;
        fillValid(form, UpstreamRegistry::DockerHub);
        form.setFieldError(ptc::Field::EcrRepositoryPrefix, u"This prefix is taken."_s);
        form.setFieldError(ptc::Field::CredentialArn, u"Secret not found."_s);
        QLabel* prefixError = label(form, u"prefixErrorLabel"_s);
        QLabel* credentialError = label(form, u"credentialArnErrorLabel"_s);
        QCOMPARE(prefixError->text(), u"This prefix is taken."_s);
        QVERIFY(prefixError->isVisibleTo(&form));
        QCOMPARE(credentialError->text(), u"Secret not found."_s);
        QVERIFY(form.validation().isValid()); // the same request may succeed a moment later
        QCOMPARE(lineEdit(form, u"prefixLineEdit"_s)->accessibleDescription(),
            u"This prefix is taken."_s);

        typeInto(lineEdit(form, u"prefixLineEdit"_s), u"hub"_s);
        QVERIFY(!prefixError->isVisibleTo(&form));
        QCOMPARE(credentialError->text(), u"Secret not found."_s); // untouched field keeps it

        form.setFieldError(ptc::Field::UpstreamRegistryUrl, u"Not supported."_s);
        QLabel* urlError = label(form, u"upstreamUrlErrorLabel"_s);
        QCOMPARE(urlError->text(), u"Not supported."_s);
        form.setRegistry(UpstreamRegistry::Quay);
        QVERIFY(!urlError->isVisibleTo(&form));
    }

    // A server error focuses the field the server blamed, even when an earlier field still
    // shows a message of its own.
    void serverErrorFocusesTheBlamedField()
    {
        RuleForm form;
        form.show();
        QVERIFY(QTest::qWaitForWindowExposed(&form));
        fillValid(form, UpstreamRegistry::DockerHub);
        form.setFieldError(ptc::Field::EcrRepositoryPrefix, u"This prefix is taken."_s);
        AwsError missing = makeError(ErrorKind::Service, u"SecretNotFoundException"_s,
            u"The ARN of the secret specified in the pull through cache rule was not found."_s);
        QVERIFY(form.validation().showServerError(missing, u"Secret not found."_s));
        QTRY_VERIFY(lineEdit(form, u"credentialArnLineEdit"_s)->hasFocus());
        QVERIFY(label(form, u"prefixErrorLabel"_s)->isVisibleTo(&form));
    }

    void defaultPrefixFillsButNeverOverwritesTyping()
    {
        RuleForm form;
        QLineEdit* prefix = lineEdit(form, u"prefixLineEdit"_s);
        form.setRegistry(UpstreamRegistry::Quay);
        QCOMPARE(prefix->text(), u"quay"_s);
        form.setRegistry(UpstreamRegistry::Kubernetes);
        QCOMPARE(prefix->text(), u"kubernetes"_s); // still the default: follows the registry

        typeInto(prefix, u"mirror"_s);
        form.setRegistry(UpstreamRegistry::GitHubContainerRegistry);
        QCOMPARE(prefix->text(), u"mirror"_s);
        form.setRegistry(UpstreamRegistry::Ecr);
        QCOMPARE(prefix->text(), u"mirror"_s);

        typeInto(prefix, QString()); // cleared: the defaults take over again
        form.setRegistry(UpstreamRegistry::Chainguard);
        QCOMPARE(prefix->text(), u"chainguard"_s);
    }

    void validityChangedFollowsTheForm()
    {
        RuleForm form;
        QSignalSpy spy(&form.validation(), &FormValidation::validityChanged);
        form.setRegistry(UpstreamRegistry::Quay);
        QCOMPARE(spy.count(), 1);
        QCOMPARE(spy.takeFirst().first().toBool(), true);
        form.setRegistry(UpstreamRegistry::DockerHub); // needs a credential now
        QCOMPARE(spy.count(), 1);
        QCOMPARE(spy.takeFirst().first().toBool(), false);
        typeInto(lineEdit(form, u"credentialArnLineEdit"_s), kArn);
        QCOMPARE(spy.count(), 1);
        QCOMPARE(spy.takeFirst().first().toBool(), true);
        typeInto(lineEdit(form, u"registryIdLineEdit"_s), u"1234"_s);
        QCOMPARE(spy.count(), 1);
        QCOMPARE(spy.takeFirst().first().toBool(), false);
        QTest::keyClicks(lineEdit(form, u"registryIdLineEdit"_s), u"56"_s); // still invalid
        QCOMPARE(spy.count(), 0);
    }

    void pullPreview_data()
    {
        QTest::addColumn<UpstreamRegistry>("registry");
        QTest::addColumn<QString>("accountId");
        QTest::addColumn<QString>("region");
        QTest::addColumn<QString>("dnsSuffix");
        QTest::addColumn<QString>("prefix"); // empty: the default
        QTest::addColumn<QString>("registryId");
        QTest::addColumn<QString>("expected");
        using R = UpstreamRegistry;
        const QString east = u"us-east-1"_s;
        const QString com = u"amazonaws.com"_s;
        QTest::newRow("docker hub, library/ hint")
            << R::DockerHub << kAccount << east << com << QString() << QString()
            << u"docker pull 123456789012.dkr.ecr.us-east-1.amazonaws.com/docker-hub/library/<image>:<tag>"_s;
        QTest::newRow("quay")
            << R::Quay << kAccount << east << com << QString() << QString()
            << u"docker pull 123456789012.dkr.ecr.us-east-1.amazonaws.com/quay/<repository>/<image>:<tag>"_s;
        QTest::newRow("typed prefix")
            << R::GitHubContainerRegistry << kAccount << east << com << u"team/gh"_s << QString()
            << u"docker pull 123456789012.dkr.ecr.us-east-1.amazonaws.com/team/gh/<repository>/<image>:<tag>"_s;
        QTest::newRow("ROOT")
            << R::Ecr << kAccount << east << com << u"ROOT"_s << QString()
            << u"docker pull 123456789012.dkr.ecr.us-east-1.amazonaws.com/<repository>/<image>:<tag>"_s;
        QTest::newRow("unknown account")
            << R::Kubernetes << QString() << u"eu-central-1"_s << com << QString() << QString()
            << u"docker pull <account-id>.dkr.ecr.eu-central-1.amazonaws.com/kubernetes/<repository>/<image>:<tag>"_s;
        QTest::newRow("China")
            << R::EcrPublic << kAccount << u"cn-north-1"_s << u"amazonaws.com.cn"_s << QString()
            << QString()
            << u"docker pull 123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/ecr-public/<repository>/<image>:<tag>"_s;
        QTest::newRow("registry id field wins")
            << R::Quay << kAccount << east << com << QString() << u"999988887777"_s
            << u"docker pull 999988887777.dkr.ecr.us-east-1.amazonaws.com/quay/<repository>/<image>:<tag>"_s;
    }
    void pullPreview()
    {
        QFETCH(UpstreamRegistry, registry);
        QFETCH(QString, accountId);
        QFETCH(QString, region);
        QFETCH(QString, dnsSuffix);
        QFETCH(QString, prefix);
        QFETCH(QString, registryId);
        QFETCH(QString, expected);
        RuleForm form;
        form.setRegistryLocation({accountId, region, dnsSuffix});
        form.setRegistry(registry);
        if (!prefix.isEmpty())
            typeInto(lineEdit(form, u"prefixLineEdit"_s), prefix);
        if (!registryId.isEmpty())
            typeInto(lineEdit(form, u"registryIdLineEdit"_s), registryId);
        QCOMPARE(label(form, u"pullPreviewLabel"_s)->text(), expected);

        QLabel* hint = label(form, u"pullHintLabel"_s);
        QCOMPARE(hint->isVisibleTo(&form), registry == UpstreamRegistry::DockerHub);
        if (registry == UpstreamRegistry::DockerHub) {
            QVERIFY2(hint->text().contains(u" docker-hub/library/nginx:latest;"_s),
                qPrintable(hint->text()));
            QVERIFY(hint->text().contains(u" docker-hub/bitnami/redis:latest."_s));
        }
    }

    void credentialHintNamesAccountAndRegion()
    {
        RuleForm form;
        form.setRegistry(UpstreamRegistry::GitLabContainerRegistry);
        QLabel* hint = label(form, u"credentialArnHintLabel"_s);
        QVERIFY(hint->text().contains(u"ecr-pullthroughcache/"_s));
        form.setRegistryLocation({kAccount, u"eu-west-1"_s, u"amazonaws.com"_s});
        QVERIFY(hint->text().contains(kAccount));
        QVERIFY(hint->text().contains(u"eu-west-1"_s));
    }

    void keyboardOnlyFill()
    {
        RuleForm form;
        form.setRegistryLocation({kAccount, u"us-east-1"_s, u"amazonaws.com"_s});
        form.show();
        QVERIFY(QTest::qWaitForWindowActive(&form));
        auto* registry = child<QComboBox>(form, u"registryComboBox"_s);
        QTRY_COMPARE(QApplication::focusWidget(), registry); // first in the tab order

        for (int i = 0; i < 4; ++i)
            QTest::keyClick(registry, Qt::Key_Down);
        QCOMPARE(form.registry(), UpstreamRegistry::DockerHub);

        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        QCOMPARE(QApplication::focusWidget(), lineEdit(form, u"prefixLineEdit"_s));
        QTest::keyClicks(QApplication::focusWidget(), u"hub-mirror"_s); // Tab selected the default

        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        QCOMPARE(QApplication::focusWidget(), lineEdit(form, u"credentialArnLineEdit"_s));
        QTest::keyClicks(QApplication::focusWidget(), kArn);

        // Then the field's own buttons: Choose… and Create Secret….
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        QCOMPARE(QApplication::focusWidget(), child<QPushButton>(form, u"chooseSecretButton"_s));
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        QCOMPARE(QApplication::focusWidget(), child<QPushButton>(form, u"createSecretButton"_s));

        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        QCOMPARE(QApplication::focusWidget(), lineEdit(form, u"registryIdLineEdit"_s));
        QTest::keyClicks(QApplication::focusWidget(), kAccount);

        QVERIFY(form.validation().isValid());
        const CreateRuleRequest request = form.request();
        QCOMPARE(request.upstreamRegistry, u"docker-hub"_s);
        QCOMPARE(request.upstreamRegistryUrl, u"registry-1.docker.io"_s);
        QCOMPARE(request.ecrRepositoryPrefix, u"hub-mirror"_s);
        QCOMPARE(request.credentialArn, kArn);
        QCOMPARE(request.registryId, kAccount);
        QVERIFY(request.customRoleArn.isEmpty());

        // The label mnemonics reach their buddies.
        QTest::keyClick(&form, Qt::Key_P, Qt::AltModifier);
        QTRY_COMPARE(QApplication::focusWidget(), lineEdit(form, u"prefixLineEdit"_s));
        QTest::keyClick(&form, Qt::Key_U, Qt::AltModifier);
        QTRY_COMPARE(QApplication::focusWidget(), registry);
    }

    void keyboardOnlyFillEcr()
    {
        RuleForm form;
        form.show();
        QVERIFY(QTest::qWaitForWindowActive(&form));
        auto* registry = child<QComboBox>(form, u"registryComboBox"_s);
        QTRY_COMPARE(QApplication::focusWidget(), registry);
        for (int i = 0; i < 9; ++i)
            QTest::keyClick(registry, Qt::Key_Down);
        QCOMPARE(form.registry(), UpstreamRegistry::Ecr);

        const QStringList order{u"ecrAccountLineEdit"_s, u"ecrRegionComboBox"_s,
            u"prefixLineEdit"_s, u"customRoleArnLineEdit"_s, u"upstreamPrefixLineEdit"_s,
            u"registryIdLineEdit"_s};
        const QStringList values{u"444455556666"_s, u"eu-west-1"_s, u"central"_s, kRoleArn,
            u"upstream-app"_s, QString()};
        for (int i = 0; i < order.size(); ++i) {
            QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
            QWidget* focused = QApplication::focusWidget();
            QWidget* expected = form.findChild<QWidget*>(order.at(i));
            // An editable combo box gives the focus to its line edit.
            QVERIFY2(focused == expected || focused->parentWidget() == expected,
                qPrintable(order.at(i) + u" expected, focus on "_s + focused->objectName()));
            if (!values.at(i).isEmpty())
                QTest::keyClicks(focused, values.at(i));
        }
        QVERIFY(form.validation().isValid());
        const CreateRuleRequest request = form.request();
        QCOMPARE(request.upstreamRegistryUrl, u"444455556666.dkr.ecr.eu-west-1.amazonaws.com"_s);
        QCOMPARE(request.ecrRepositoryPrefix, u"central"_s);
        QCOMPARE(request.customRoleArn, kRoleArn);
        QCOMPARE(request.upstreamRepositoryPrefix, u"upstream-app"_s);
        QCOMPARE(label(form, u"upstreamUrlLabel"_s)->text(),
            u"444455556666.dkr.ecr.eu-west-1.amazonaws.com"_s);
    }
};

QTEST_MAIN(TestRuleForm)
#include "tst_ruleform.moc"
