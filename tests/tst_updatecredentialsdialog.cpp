// The update-credentials dialog: fields per upstream, validation, the request it emits.
#include "MessageBar.h"
#include "UpdateCredentialsDialog.h"

#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using namespace ecr;
using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(ecr::UpdateRuleRequest)

namespace {

const QString kOldArn
    = u"arn:aws:secretsmanager:us-east-1:123456789012:secret:ecr-pullthroughcache/docker-hub-AbCdEf"_s;
const QString kNewArn
    = u"arn:aws:secretsmanager:us-east-1:123456789012:secret:ecr-pullthroughcache/docker-hub-v2-XyZ123"_s;
const QString kRole = u"arn:aws:iam::123456789012:role/PtcUpstream"_s;

PullThroughCacheRule dockerHubRule()
{
    PullThroughCacheRule rule;
    rule.ecrRepositoryPrefix = u"docker-hub"_s;
    rule.upstreamRegistryUrl = u"registry-1.docker.io"_s;
    rule.upstreamRegistry = u"docker-hub"_s;
    rule.registryId = u"123456789012"_s;
    rule.credentialArn = kOldArn;
    return rule;
}

PullThroughCacheRule ecrRule()
{
    PullThroughCacheRule rule;
    rule.ecrRepositoryPrefix = u"central"_s;
    rule.upstreamRegistryUrl = u"444455556666.dkr.ecr.us-west-2.amazonaws.com"_s;
    rule.upstreamRegistry = u"ecr"_s;
    rule.registryId = u"123456789012"_s;
    rule.customRoleArn = kRole;
    rule.upstreamRepositoryPrefix = u"team-a"_s;
    return rule;
}

QLineEdit* lineEdit(const QWidget& dialog, const QString& name)
{
    return dialog.findChild<QLineEdit*>(name);
}

QLabel* label(const QWidget& dialog, const QString& name)
{
    return dialog.findChild<QLabel*>(name);
}

QPushButton* saveButton(const QWidget& dialog)
{
    return dialog.findChild<QPushButton*>(u"saveButton"_s);
}

void type(QLineEdit* edit, const QString& text)
{
    edit->selectAll();
    if (text.isEmpty())
        QTest::keyClick(edit, Qt::Key_Delete);
    else
        QTest::keyClicks(edit, text);
}

} // namespace

class TestUpdateCredentialsDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { qRegisterMetaType<UpdateRuleRequest>(); }

    void secretBasedRule()
    {
        UpdateCredentialsDialog dialog(dockerHubRule());
        QCOMPARE(label(dialog, u"prefixValueLabel"_s)->text(), u"docker-hub"_s);
        QVERIFY(label(dialog, u"upstreamValueLabel"_s)->text().contains(u"Docker Hub"_s));
        QVERIFY(label(dialog, u"upstreamValueLabel"_s)->text().contains(u"registry-1.docker.io"_s));
        QLineEdit* credential = lineEdit(dialog, u"credentialArnLineEdit"_s);
        QVERIFY(credential->isVisibleTo(&dialog));
        QVERIFY(!lineEdit(dialog, u"customRoleArnLineEdit"_s)->isVisibleTo(&dialog));
        QCOMPARE(credential->text(), kOldArn);
        QVERIFY(saveButton(dialog)->isDefault());
        QVERIFY(!saveButton(dialog)->isEnabled()); // unchanged
        QVERIFY(!dialog.isValid());

        type(credential, kNewArn);
        QVERIFY(dialog.isChanged());
        QVERIFY(saveButton(dialog)->isEnabled());

        QSignalSpy spy(&dialog, &UpdateCredentialsDialog::updateRequested);
        QTest::mouseClick(saveButton(dialog), Qt::LeftButton);
        QCOMPARE(spy.count(), 1);
        const auto request = spy.first().first().value<UpdateRuleRequest>();
        QCOMPARE(request.ecrRepositoryPrefix, u"docker-hub"_s);
        QCOMPARE(request.registryId, u"123456789012"_s);
        QCOMPARE(request.credentialArn, kNewArn);
        QVERIFY(request.customRoleArn.isEmpty());
        QVERIFY(dialog.isBusy());
        QVERIFY(!saveButton(dialog)->isEnabled());
        QVERIFY(!credential->isEnabled());
        QVERIFY(label(dialog, u"busyLabel"_s)->isVisibleTo(&dialog));

        QSignalSpy accepted(&dialog, &QDialog::accepted);
        dialog.succeed();
        QCOMPARE(accepted.count(), 1);
    }

    void credentialValidation_data()
    {
        QTest::addColumn<QString>("value");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<QString>("message");
        QTest::newRow("new ARN") << kNewArn << true << QString();
        QTest::newRow("same ARN with spaces") << u"  "_s + kOldArn << false << QString();
        QTest::newRow("not a pull-through-cache secret")
            << u"arn:aws:secretsmanager:us-east-1:123456789012:secret:other/docker-hub-AbCdEf"_s
            << false << u"ecr-pullthroughcache/"_s;
        QTest::newRow("too short") << u"arn:aws:secretsmanager:x"_s << false << u"at least 50"_s;
        QTest::newRow("cleared") << QString() << false << u"Enter a new credential ARN"_s;
    }
    void credentialValidation()
    {
        QFETCH(QString, value);
        QFETCH(bool, valid);
        QFETCH(QString, message);
        UpdateCredentialsDialog dialog(dockerHubRule());
        type(lineEdit(dialog, u"credentialArnLineEdit"_s), value);
        QCOMPARE(dialog.isValid(), valid);
        QCOMPARE(saveButton(dialog)->isEnabled(), valid);
        QLabel* error = label(dialog, u"credentialArnErrorLabel"_s);
        QCOMPARE(error->isVisibleTo(&dialog), !message.isEmpty());
        if (!message.isEmpty())
            QVERIFY2(error->text().contains(message), qPrintable(error->text()));
    }

    void ecrRuleEditsTheRole()
    {
        UpdateCredentialsDialog dialog(ecrRule());
        QLineEdit* role = lineEdit(dialog, u"customRoleArnLineEdit"_s);
        QVERIFY(role->isVisibleTo(&dialog));
        QVERIFY(!lineEdit(dialog, u"credentialArnLineEdit"_s)->isVisibleTo(&dialog));
        QCOMPARE(role->text(), kRole);

        // Clearing the only field: the "one of the two" message lands under the shown field.
        type(role, QString());
        QVERIFY(!dialog.isValid());
        QLabel* roleError = label(dialog, u"customRoleArnErrorLabel"_s);
        QVERIFY(roleError->isVisibleTo(&dialog));
        QVERIFY(roleError->text().contains(u"custom role ARN"_s));

        type(role, QString(2049, u'r'));
        QVERIFY(!dialog.isValid());
        QVERIFY(roleError->text().contains(u"2048"_s));

        const QString newRole = u"arn:aws:iam::123456789012:role/PtcUpstreamV2"_s;
        type(role, newRole);
        QVERIFY(dialog.isValid());
        QSignalSpy spy(&dialog, &UpdateCredentialsDialog::updateRequested);
        QTest::mouseClick(saveButton(dialog), Qt::LeftButton);
        QCOMPARE(spy.count(), 1);
        const auto request = spy.first().first().value<UpdateRuleRequest>();
        QCOMPARE(request.ecrRepositoryPrefix, u"central"_s);
        QCOMPARE(request.customRoleArn, newRole);
        QVERIFY(request.credentialArn.isEmpty());
    }

    void failShowsUnderTheFieldOrAtTheTop()
    {
        UpdateCredentialsDialog dialog(dockerHubRule());
        type(lineEdit(dialog, u"credentialArnLineEdit"_s), kNewArn);
        QTest::mouseClick(saveButton(dialog), Qt::LeftButton);
        QVERIFY(dialog.isBusy());
        dialog.fail(makeError(ErrorKind::Service, u"SecretNotFoundException"_s, QString()));
        QVERIFY(!dialog.isBusy());
        QLabel* error = label(dialog, u"credentialArnErrorLabel"_s);
        QVERIFY(error->isVisibleTo(&dialog));
        QVERIFY(error->text().contains(u"few seconds"_s));
        QCOMPARE(lineEdit(dialog, u"credentialArnLineEdit"_s)->text(), kNewArn);
        QVERIFY(saveButton(dialog)->isEnabled()); // try again as advised

        QTest::mouseClick(saveButton(dialog), Qt::LeftButton);
        QVERIFY(!error->isVisibleTo(&dialog)); // a new attempt clears the old answer
        dialog.fail(
            makeError(ErrorKind::Service, u"PullThroughCacheRuleNotFoundException"_s, QString()));
        auto* bar = dialog.findChild<MessageBar*>(u"messageBar"_s);
        QVERIFY(bar->isVisibleTo(&dialog));
        QVERIFY(bar->text().contains(u"Rule not found"_s));
        QVERIFY(!error->isVisibleTo(&dialog));
    }

    void publicUpstreamHasNothingToChange()
    {
        PullThroughCacheRule rule;
        rule.ecrRepositoryPrefix = u"quay"_s;
        rule.upstreamRegistryUrl = u"quay.io"_s;
        UpdateCredentialsDialog dialog(rule);
        QVERIFY(!lineEdit(dialog, u"credentialArnLineEdit"_s)->isVisibleTo(&dialog));
        QVERIFY(!lineEdit(dialog, u"customRoleArnLineEdit"_s)->isVisibleTo(&dialog));
        QVERIFY(!saveButton(dialog)->isEnabled());
        auto* bar = dialog.findChild<MessageBar*>(u"messageBar"_s);
        QVERIFY(bar->isVisibleTo(&dialog));
        QCOMPARE(bar->type(), MessageBar::Type::Information);
    }
};

QTEST_MAIN(TestUpdateCredentialsDialog)
#include "tst_updatecredentialsdialog.moc"
