// The create dialog: Create enabled by validity, the request it emits, busy state, and where a
// failure's message lands.
#include "HostileText.h"
#include "MessageBar.h"
#include "PtcValidation.h"
#include "RuleForm.h"
#include "RuleFormDialog.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using namespace ecr;
using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(ecr::CreateRuleRequest)

namespace {

const QString kArn
    = u"arn:aws:secretsmanager:us-east-1:123456789012:secret:ecr-pullthroughcache/docker-hub-AbCdEf"_s;

QLineEdit* lineEdit(const QWidget& dialog, const QString& name)
{
    return dialog.findChild<QLineEdit*>(name);
}

QLabel* label(const QWidget& dialog, const QString& name)
{
    return dialog.findChild<QLabel*>(name);
}

QPushButton* createButton(const QWidget& dialog)
{
    return dialog.findChild<QPushButton*>(u"createButton"_s);
}

void type(QLineEdit* edit, const QString& text)
{
    edit->selectAll();
    QTest::keyClicks(edit, text);
}

// A Docker Hub rule typed into the dialog, submitted with the Create button.
void fillAndCreate(RuleFormDialog& dialog)
{
    dialog.form()->setRegistry(UpstreamRegistry::DockerHub);
    type(lineEdit(dialog, u"prefixLineEdit"_s), u"hub"_s);
    type(lineEdit(dialog, u"credentialArnLineEdit"_s), kArn);
    QVERIFY(createButton(dialog)->isEnabled());
    QTest::mouseClick(createButton(dialog), Qt::LeftButton);
}

AwsError serviceError(const QString& code, const QString& message = {})
{
    AwsError error = makeError(ErrorKind::Service, code, message);
    error.httpStatus = 400;
    error.requestId = u"req-1"_s;
    return error;
}

QStringList visibleFieldMessages(const QWidget& dialog)
{
    QStringList names;
    for (const QLabel* l : dialog.findChildren<QLabel*>()) {
        if (l->objectName().endsWith(u"ErrorLabel"_s) && l->isVisibleTo(&dialog))
            names.append(l->objectName());
    }
    return names;
}

} // namespace

class TestRuleFormDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { qRegisterMetaType<CreateRuleRequest>(); }

    // Every field of the form, for every upstream, takes any text without crashing; whatever
    // Create sends then is a request the model's rules accept, and text that breaks them keeps
    // Create disabled with a message under a field.
    void hostileTextNeverMakesAnInvalidRequest()
    {
        for (const UpstreamRegistryInfo& info : upstreamRegistries()) {
            RuleFormDialog dialog;
            dialog.setRegistryLocation({u"123456789012"_s, u"us-east-1"_s, u"amazonaws.com"_s});
            dialog.form()->setRegistry(info.registry);
            QSignalSpy spy(&dialog, &RuleFormDialog::createRequested);
            const QList<QLineEdit*> fields = dialog.findChildren<QLineEdit*>();
            QVERIFY(!fields.isEmpty());
            for (QLineEdit* field : fields) {
                for (const QString& text : test::hostileTexts()) {
                    test::paste(field, text);
                    if (createButton(dialog)->isEnabled()) {
                        QTest::mouseClick(createButton(dialog), Qt::LeftButton);
                        if (!spy.isEmpty()) {
                            const auto request = spy.takeFirst().first().value<CreateRuleRequest>();
                            QVERIFY2(ptc::validateCreate(request).isEmpty(),
                                qPrintable(info.wireName + u' ' + field->objectName()));
                            dialog.fail(makeError(ErrorKind::Network, QString(), u"x"_s, 0));
                        }
                    }
                    test::paste(field, QString());
                }
            }
            // Text no rule allows in the prefix: Create stays disabled and says why.
            test::paste(lineEdit(dialog, u"prefixLineEdit"_s), test::hostileTexts().at(2));
            QVERIFY(!createButton(dialog)->isEnabled());
            QVERIFY(!visibleFieldMessages(dialog).isEmpty());
        }
    }

    void createDisabledUntilValid()
    {
        RuleFormDialog dialog;
        QPushButton* create = createButton(dialog);
        QVERIFY(create);
        QVERIFY(create->isDefault());
        QVERIFY(!create->isEnabled());
        dialog.form()->setRegistry(UpstreamRegistry::GitHubContainerRegistry);
        QVERIFY(!create->isEnabled()); // needs a credential
        type(lineEdit(dialog, u"credentialArnLineEdit"_s), kArn);
        QVERIFY(create->isEnabled());
        type(lineEdit(dialog, u"prefixLineEdit"_s), u"Bad Prefix"_s);
        QVERIFY(!create->isEnabled());
    }

    void createEmitsTheExactRequestAndGoesBusy()
    {
        RuleFormDialog dialog;
        dialog.setRegistryLocation({u"123456789012"_s, u"us-east-1"_s, u"amazonaws.com"_s});
        QSignalSpy spy(&dialog, &RuleFormDialog::createRequested);
        fillAndCreate(dialog);
        QCOMPARE(spy.count(), 1);
        const auto request = spy.first().first().value<CreateRuleRequest>();
        QCOMPARE(request.ecrRepositoryPrefix, u"hub"_s);
        QCOMPARE(request.upstreamRegistryUrl, u"registry-1.docker.io"_s);
        QCOMPARE(request.upstreamRegistry, u"docker-hub"_s);
        QCOMPARE(request.credentialArn, kArn);
        QVERIFY(request.registryId.isEmpty());
        QVERIFY(request.customRoleArn.isEmpty());
        QVERIFY(request.upstreamRepositoryPrefix.isEmpty());

        QVERIFY(dialog.isBusy());
        QVERIFY(!dialog.form()->isEnabled());
        QVERIFY(!createButton(dialog)->isEnabled());
        QVERIFY(label(dialog, u"busyLabel"_s)->isVisibleTo(&dialog));
        QVERIFY(label(dialog, u"busyLabel"_s)->text().startsWith(u"Creating"_s));

        // A second click while busy sends nothing.
        QTest::mouseClick(createButton(dialog), Qt::LeftButton);
        QCOMPARE(spy.count(), 1);
    }

    void enterSubmits()
    {
        RuleFormDialog dialog;
        dialog.show();
        QVERIFY(QTest::qWaitForWindowActive(&dialog));
        QSignalSpy spy(&dialog, &RuleFormDialog::createRequested);
        dialog.form()->setRegistry(UpstreamRegistry::Quay);
        QLineEdit* prefix = lineEdit(dialog, u"prefixLineEdit"_s);
        prefix->setFocus();
        QTest::keyClick(prefix, Qt::Key_Return);
        QCOMPARE(spy.count(), 1);
        QCOMPARE(spy.first().first().value<CreateRuleRequest>().ecrRepositoryPrefix, u"quay"_s);
    }

    void enterDoesNothingWhileInvalid()
    {
        RuleFormDialog dialog;
        dialog.show();
        QVERIFY(QTest::qWaitForWindowActive(&dialog));
        QSignalSpy spy(&dialog, &RuleFormDialog::createRequested);
        dialog.form()->setRegistry(UpstreamRegistry::DockerHub);
        QLineEdit* prefix = lineEdit(dialog, u"prefixLineEdit"_s);
        prefix->setFocus();
        QTest::keyClick(prefix, Qt::Key_Return);
        QCOMPARE(spy.count(), 0);
        QVERIFY(dialog.isVisible());
        QVERIFY(!dialog.isBusy());
    }

    void alreadyExistsLandsUnderThePrefix()
    {
        RuleFormDialog dialog;
        fillAndCreate(dialog);
        dialog.fail(serviceError(u"PullThroughCacheRuleAlreadyExistsException"_s));
        QVERIFY(!dialog.isBusy());
        QVERIFY(dialog.form()->isEnabled());
        QVERIFY(createButton(dialog)->isEnabled());
        QVERIFY(!label(dialog, u"busyLabel"_s)->isVisibleTo(&dialog));
        QCOMPARE(visibleFieldMessages(dialog), QStringList{u"prefixErrorLabel"_s});
        QVERIFY(label(dialog, u"prefixErrorLabel"_s)->text().contains(u"already exists"_s));
        QVERIFY(!dialog.findChild<MessageBar*>(u"messageBar"_s)->isVisibleTo(&dialog));
        // Everything the user typed is still there.
        QCOMPARE(lineEdit(dialog, u"prefixLineEdit"_s)->text(), u"hub"_s);
        QCOMPARE(lineEdit(dialog, u"credentialArnLineEdit"_s)->text(), kArn);
        QCOMPARE(dialog.form()->registry(), UpstreamRegistry::DockerHub);
        QCOMPARE(dialog.result(), int(QDialog::Rejected)); // not accepted
    }

    void fieldErrors_data()
    {
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("message");
        QTest::addColumn<QString>("errorLabel");
        QTest::addColumn<QString>("contains");
        QTest::newRow("secret not found") << u"SecretNotFoundException"_s << QString()
                                          << u"credentialArnErrorLabel"_s << u"try again"_s;
        QTest::newRow("unable to access secret")
            << u"UnableToAccessSecretException"_s << QString() << u"credentialArnErrorLabel"_s
            << u"resource policy"_s;
        QTest::newRow("unable to decrypt") << u"UnableToDecryptSecretValueException"_s << QString()
                                           << u"credentialArnErrorLabel"_s << u"KMS"_s;
        QTest::newRow("unsupported, authentication")
            << u"UnsupportedUpstreamRegistryException"_s
            << u"The specified upstream registry requires authentication."_s
            << u"credentialArnErrorLabel"_s << u"ecr-pullthroughcache/"_s;
        QTest::newRow("unsupported, url") << u"UnsupportedUpstreamRegistryException"_s
                                          << u"The upstream registry URL x is invalid"_s
                                          << u"upstreamUrlErrorLabel"_s << u"not support"_s;
        QTest::newRow("validation names the prefix")
            << u"ValidationException"_s
            << u"1 validation error detected: Value at 'ecrRepositoryPrefix' failed"_s
            << u"prefixErrorLabel"_s << u"ecrRepositoryPrefix"_s;
        QTest::newRow("invalid parameter names the credential")
            << u"InvalidParameterException"_s << u"Invalid parameter credentialArn"_s
            << u"credentialArnErrorLabel"_s << u"credentialArn"_s;
    }
    void fieldErrors()
    {
        QFETCH(QString, code);
        QFETCH(QString, message);
        QFETCH(QString, errorLabel);
        QFETCH(QString, contains);
        RuleFormDialog dialog;
        fillAndCreate(dialog);
        dialog.fail(serviceError(code, message));
        QCOMPARE(visibleFieldMessages(dialog), QStringList{errorLabel});
        QVERIFY2(label(dialog, errorLabel)->text().contains(contains, Qt::CaseInsensitive),
            qPrintable(label(dialog, errorLabel)->text()));
        QVERIFY(!dialog.findChild<MessageBar*>(u"messageBar"_s)->isVisibleTo(&dialog));
        QVERIFY(createButton(dialog)->isEnabled()); // retrying is allowed
    }

    void unmappedErrorGoesToTheTop()
    {
        RuleFormDialog dialog;
        fillAndCreate(dialog);
        dialog.fail(serviceError(u"LimitExceededException"_s));
        auto* bar = dialog.findChild<MessageBar*>(u"messageBar"_s);
        QVERIFY(bar->isVisibleTo(&dialog));
        QCOMPARE(bar->type(), MessageBar::Type::Error);
        QVERIFY(bar->text().contains(u"50"_s));
        QVERIFY(bar->toolTip().contains(u"req-1"_s));
        QVERIFY(visibleFieldMessages(dialog).isEmpty());
        QVERIFY(!dialog.isBusy());

        // The next attempt clears the old message.
        QTest::mouseClick(createButton(dialog), Qt::LeftButton);
        QVERIFY(!bar->isVisibleTo(&dialog));
    }

    void errorForAHiddenFieldGoesToTheTop()
    {
        RuleFormDialog dialog;
        dialog.form()->setRegistry(UpstreamRegistry::Quay); // no credential field
        QTest::mouseClick(createButton(dialog), Qt::LeftButton);
        QVERIFY(dialog.isBusy());
        dialog.fail(serviceError(u"SecretNotFoundException"_s));
        QVERIFY(dialog.findChild<MessageBar*>(u"messageBar"_s)->isVisibleTo(&dialog));
        QVERIFY(visibleFieldMessages(dialog).isEmpty());
    }

    void transportErrorGoesToTheTop()
    {
        RuleFormDialog dialog;
        fillAndCreate(dialog);
        dialog.fail(makeError(ErrorKind::HostNotFound, QString(), u"Host not found"_s));
        auto* bar = dialog.findChild<MessageBar*>(u"messageBar"_s);
        QVERIFY(bar->isVisibleTo(&dialog));
        QVERIFY(bar->text().contains(u"region"_s));
    }

    void succeedAccepts()
    {
        RuleFormDialog dialog;
        dialog.open();
        QSignalSpy accepted(&dialog, &QDialog::accepted);
        fillAndCreate(dialog);
        QVERIFY(dialog.isVisible());
        QCOMPARE(accepted.count(), 0); // Create alone does not close
        dialog.succeed();
        QCOMPARE(accepted.count(), 1);
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QVERIFY(!dialog.isVisible());
        QVERIFY(!dialog.isBusy());
    }

    void cancelWhileBusyAsksToCancel()
    {
        RuleFormDialog dialog;
        dialog.open();
        QSignalSpy cancel(&dialog, &RuleFormDialog::cancelRequested);
        QSignalSpy rejected(&dialog, &QDialog::rejected);
        fillAndCreate(dialog);
        auto* box = dialog.findChild<QDialogButtonBox*>(u"buttonBox"_s);
        QTest::mouseClick(box->button(QDialogButtonBox::Cancel), Qt::LeftButton);
        QCOMPARE(cancel.count(), 1);
        QCOMPARE(rejected.count(), 1);

        RuleFormDialog idle;
        idle.open();
        QSignalSpy idleCancel(&idle, &RuleFormDialog::cancelRequested);
        idle.reject();
        QCOMPARE(idleCancel.count(), 0);
    }
};

QTEST_MAIN(TestRuleFormDialog)
#include "tst_ruleformdialog.moc"
