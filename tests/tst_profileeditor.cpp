// The profile editor on its own (no keychain): which fields each credential source shows, the
// validation messages under their fields, the profile it builds, and how it treats secrets: never
// pre-filled, masked, and newKeys() empty until the user types keys.
#include "FormValidation.h"
#include "HostileText.h"
#include "ProfileEditDialog.h"
#include "ProfileEditor.h"

#include <QAction>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTest>

using namespace ecr;
using namespace Qt::StringLiterals;

namespace {

// Example keys only; the secret carries the sentinel the suite's secret scan looks for, so it is
// compared with QVERIFY (a failing QCOMPARE would print it into the log).
const QString kAccessKey = u"AKIAIOSFODNN7EXAMPLE"_s;
const QString kSecret = u"wJalrXUtnFEMI-K7MDENG-EXAMPLESECRETSENTINEL"_s;
const QString kRoleArn = u"arn:aws:iam::123456789012:role/Admin"_s;
const QString kMfaSerial = u"arn:aws:iam::123456789012:mfa/alice"_s;

template <typename T = QLineEdit>
T* field(const QWidget& editor, const QString& name)
{
    auto* widget = editor.findChild<T*>(name);
    if (!widget)
        qFatal("no widget %s", qPrintable(name));
    return widget;
}

QLabel* label(const QWidget& editor, const QString& name)
{
    return field<QLabel>(editor, name);
}

// The message under a field, empty while it is hidden.
QString message(const QWidget& editor, const QString& labelName)
{
    QLabel* l = label(editor, labelName);
    return l->isVisibleTo(&editor) ? l->text() : QString();
}

void type(QLineEdit* edit, const QString& text)
{
    edit->selectAll();
    if (text.isEmpty())
        QTest::keyClick(edit, Qt::Key_Delete);
    else
        QTest::keyClicks(edit, text);
}

void chooseSource(ProfileEditor& editor, CredentialSource source)
{
    auto* combo = field<QComboBox>(editor, u"sourceComboBox"_s);
    combo->setCurrentIndex(combo->findData(int(source)));
    QCOMPARE(combo->currentData().toInt(), int(source));
}

Profile staticProfile()
{
    Profile p;
    p.id = u"11111111-2222-3333-4444-555555555555"_s;
    p.name = u"prod"_s;
    p.region = u"eu-west-1"_s;
    p.source = CredentialSource::StaticKeys;
    return p;
}

Profile otherProfile(const QString& name)
{
    Profile p;
    p.id = u"id-"_s + name;
    p.name = name;
    p.source = CredentialSource::StaticKeys;
    return p;
}

} // namespace

class TestProfileEditor : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fieldsFollowTheSource_data()
    {
        QTest::addColumn<int>("source");
        QTest::newRow("access keys") << int(CredentialSource::StaticKeys);
        QTest::newRow("role") << int(CredentialSource::AssumeRole);
        QTest::newRow("process") << int(CredentialSource::CredentialProcess);
        QTest::newRow("environment") << int(CredentialSource::Environment);
        QTest::newRow("sso") << int(CredentialSource::Sso);
    }
    void fieldsFollowTheSource()
    {
        QFETCH(int, source);
        ProfileEditor editor;
        editor.show();
        chooseSource(editor, CredentialSource(source));
        const QList<std::pair<QString, CredentialSource>> sourceFields{
            {u"accessKeyIdLineEdit"_s, CredentialSource::StaticKeys},
            {u"secretAccessKeyLineEdit"_s, CredentialSource::StaticKeys},
            {u"sessionTokenLineEdit"_s, CredentialSource::StaticKeys},
            {u"keysMfaSerialLineEdit"_s, CredentialSource::StaticKeys},
            {u"roleArnLineEdit"_s, CredentialSource::AssumeRole},
            {u"sourceProfileComboBox"_s, CredentialSource::AssumeRole},
            {u"roleMfaSerialLineEdit"_s, CredentialSource::AssumeRole},
            {u"externalIdLineEdit"_s, CredentialSource::AssumeRole},
            {u"durationSpinBox"_s, CredentialSource::AssumeRole},
            {u"sessionNameLineEdit"_s, CredentialSource::AssumeRole},
            {u"credentialProcessLineEdit"_s, CredentialSource::CredentialProcess},
            {u"credentialProcessNoteLabel"_s, CredentialSource::CredentialProcess},
            {u"environmentNoteLabel"_s, CredentialSource::Environment},
            {u"ssoSessionLineEdit"_s, CredentialSource::Sso},
            {u"ssoStartUrlLineEdit"_s, CredentialSource::Sso},
            {u"ssoRegionLineEdit"_s, CredentialSource::Sso},
            {u"ssoAccountIdLineEdit"_s, CredentialSource::Sso},
            {u"ssoRoleNameLineEdit"_s, CredentialSource::Sso},
        };
        for (const auto& [name, fieldSource] : sourceFields)
            QVERIFY2(field<QWidget>(editor, name)->isVisible() == (int(fieldSource) == source),
                qPrintable(name));
        // The common fields are always there.
        for (const QString& name :
            {u"nameLineEdit"_s, u"regionComboBox"_s, u"endpointUrlLineEdit"_s,
                u"stsEndpointUrlLineEdit"_s, u"caBundleLineEdit"_s, u"caBundleBrowseButton"_s})
            QVERIFY2(field<QWidget>(editor, name)->isVisible(), qPrintable(name));
        QCOMPARE(int(editor.profile().source), source);
    }

    void processPageSaysThereIsNoShell()
    {
        ProfileEditor editor;
        QVERIFY(
            label(editor, u"credentialProcessNoteLabel"_s)->text().contains(u"without a shell"_s));
    }

    void nameMessages()
    {
        ProfileEditor editor;
        editor.show();
        editor.setOtherProfiles({otherProfile(u"prod"_s)});
        QLineEdit* name = field(editor, u"nameLineEdit"_s);
        QCOMPARE(message(editor, u"nameErrorLabel"_s), QString()); // untouched: no message yet
        QVERIFY(!editor.validation().isValid());

        type(name, u"dev"_s);
        QCOMPARE(message(editor, u"nameErrorLabel"_s), QString());
        type(name, QString());
        QCOMPARE(message(editor, u"nameErrorLabel"_s), u"Enter a name for the profile."_s);
        type(name, u"PROD"_s);
        QCOMPARE(message(editor, u"nameErrorLabel"_s), u"A profile named 'PROD' already exists."_s);
        type(name, u" dev"_s);
        QVERIFY(message(editor, u"nameErrorLabel"_s).contains(u"white space"_s));
        QCOMPARE(name->accessibleDescription(), message(editor, u"nameErrorLabel"_s));
    }

    void nameOfTheEditedProfileItselfIsNoConflict()
    {
        ProfileEditor editor;
        editor.show();
        const Profile p = staticProfile();
        editor.setOtherProfiles({p, otherProfile(u"dev"_s)});
        editor.setProfile(p, false);
        QCOMPARE(message(editor, u"nameErrorLabel"_s), QString());
        QVERIFY(editor.validation().isValid());
    }

    void regionMessages()
    {
        ProfileEditor editor;
        editor.show();
        auto* region = field<QComboBox>(editor, u"regionComboBox"_s);
        QVERIFY(region->isEditable());
        QVERIFY(region->findText(u"us-east-1"_s) >= 0);
        QVERIFY(region->findText(u"cn-north-1"_s) >= 0); // every partition's regions
        type(region->lineEdit(), u"mars-central-1"_s);
        QVERIFY2(message(editor, u"regionErrorLabel"_s).contains(u"not a region"_s),
            qPrintable(message(editor, u"regionErrorLabel"_s)));
        type(region->lineEdit(), u"us-west-2"_s);
        QCOMPARE(message(editor, u"regionErrorLabel"_s), QString());
        QCOMPARE(editor.profile().region, u"us-west-2"_s);
        type(region->lineEdit(), QString()); // the region is optional
        QCOMPARE(message(editor, u"regionErrorLabel"_s), QString());
        QVERIFY(editor.profile().region.isEmpty());
    }

    void endpointMessages()
    {
        ProfileEditor editor;
        editor.show();
        type(field(editor, u"endpointUrlLineEdit"_s), u"localhost:4566"_s);
        QVERIFY(message(editor, u"endpointUrlErrorLabel"_s).contains(u"not a valid http(s) URL"_s));
        type(field(editor, u"endpointUrlLineEdit"_s), u"http://127.0.0.1:4566"_s);
        QCOMPARE(message(editor, u"endpointUrlErrorLabel"_s), QString());
        QCOMPARE(editor.profile().endpointUrl, QUrl(u"http://127.0.0.1:4566"_s));
        type(field(editor, u"caBundleLineEdit"_s), u"/nonexistent/ca.pem"_s);
        QVERIFY(message(editor, u"caBundleErrorLabel"_s).contains(u"cannot be read"_s));
    }

    void roleMessages()
    {
        ProfileEditor editor;
        editor.show();
        editor.setOtherProfiles({otherProfile(u"base"_s)});
        type(field(editor, u"nameLineEdit"_s), u"admin"_s);
        chooseSource(editor, CredentialSource::AssumeRole);
        QVERIFY(!editor.validation().isValid());
        QLineEdit* arn = field(editor, u"roleArnLineEdit"_s);
        type(arn, u"arn:aws:iam::123:role/Admin"_s);
        QVERIFY(message(editor, u"roleArnErrorLabel"_s).contains(u"is not a role ARN"_s));
        type(arn, QString());
        QCOMPARE(
            message(editor, u"roleArnErrorLabel"_s), u"Enter the ARN of the role to assume."_s);
        type(arn, kRoleArn);
        QCOMPARE(message(editor, u"roleArnErrorLabel"_s), QString());

        editor.validation().markAllTouched(); // the user pressed Save
        QCOMPARE(message(editor, u"sourceProfileErrorLabel"_s),
            u"Choose the profile whose credentials assume the role."_s);
        auto* source = field<QComboBox>(editor, u"sourceProfileComboBox"_s);
        QCOMPARE(source->count(), 2); // the environment and "base"
        source->setCurrentIndex(source->findText(u"base"_s));
        QCOMPARE(message(editor, u"sourceProfileErrorLabel"_s), QString());
        QVERIFY(editor.validation().isValid());

        QLineEdit* mfa = field(editor, u"roleMfaSerialLineEdit"_s);
        type(mfa, u"short"_s);
        QVERIFY(message(editor, u"roleMfaSerialErrorLabel"_s).contains(u"MFA device"_s));
        QVERIFY(!editor.validation().isValid());
        type(mfa, kMfaSerial);
        QCOMPARE(message(editor, u"roleMfaSerialErrorLabel"_s), QString());

        type(field(editor, u"externalIdLineEdit"_s), u"x"_s);
        QVERIFY(message(editor, u"externalIdErrorLabel"_s).contains(u"external ID"_s));
        type(field(editor, u"externalIdLineEdit"_s), u"ext-42"_s);
        type(field(editor, u"sessionNameLineEdit"_s), u"has space"_s);
        QVERIFY(message(editor, u"sessionNameErrorLabel"_s).contains(u"session name"_s));
        type(field(editor, u"sessionNameLineEdit"_s), u"ops-session"_s);
        QVERIFY(editor.validation().isValid());

        const Profile p = editor.profile();
        QCOMPARE(p.source, CredentialSource::AssumeRole);
        QCOMPARE(p.roleArn, kRoleArn);
        QCOMPARE(p.sourceProfile, u"id-base"_s);
        QVERIFY(!p.roleSourceIsEnvironment);
        QCOMPARE(p.mfaSerial, kMfaSerial);
        QCOMPARE(p.externalId, u"ext-42"_s);
        QCOMPARE(p.sessionName, u"ops-session"_s);
        QCOMPARE(p.durationSeconds, Profile::kDefaultDurationSeconds);
        QVERIFY(!editor.newKeys());

        source->setCurrentIndex(0);
        QVERIFY(editor.profile().roleSourceIsEnvironment);
        QVERIFY(editor.profile().sourceProfile.isEmpty());
    }

    void durationMessage()
    {
        ProfileEditor editor;
        editor.show();
        type(field(editor, u"nameLineEdit"_s), u"admin"_s);
        chooseSource(editor, CredentialSource::AssumeRole);
        type(field(editor, u"roleArnLineEdit"_s), kRoleArn);
        auto* source = field<QComboBox>(editor, u"sourceProfileComboBox"_s);
        source->setCurrentIndex(0);
        QVERIFY(editor.validation().isValid());

        auto* duration = field<QSpinBox>(editor, u"durationSpinBox"_s);
        QCOMPARE(duration->minimum(), 900);
        QCOMPARE(duration->maximum(), 43200);
        duration->setFocus();
        duration->selectAll();
        QTest::keyClicks(duration, u"500"_s);
        QVERIFY2(message(editor, u"durationErrorLabel"_s).contains(u"between 900 seconds"_s),
            qPrintable(message(editor, u"durationErrorLabel"_s)));
        QVERIFY(!editor.validation().isValid());
        QTest::keyClick(duration, Qt::Key_0); // 5000
        QCOMPARE(message(editor, u"durationErrorLabel"_s), QString());
        QVERIFY(editor.validation().isValid());
        QCOMPARE(editor.profile().durationSeconds, 5000);
    }

    void ssoMessages()
    {
        ProfileEditor editor;
        editor.show();
        type(field(editor, u"nameLineEdit"_s), u"corp"_s);
        chooseSource(editor, CredentialSource::Sso);
        QVERIFY(!editor.validation().isValid());
        type(field(editor, u"ssoStartUrlLineEdit"_s), u"http://corp.awsapps.com/start"_s);
        QVERIFY(message(editor, u"ssoStartUrlErrorLabel"_s).contains(u"is not an https URL"_s));
        type(field(editor, u"ssoStartUrlLineEdit"_s), u"https://corp.awsapps.com/start"_s);
        QCOMPARE(message(editor, u"ssoStartUrlErrorLabel"_s), QString());
        type(field(editor, u"ssoRegionLineEdit"_s), u"mars-1"_s);
        QVERIFY(message(editor, u"ssoRegionErrorLabel"_s).contains(u"not a region"_s));
        type(field(editor, u"ssoRegionLineEdit"_s), u"eu-west-1"_s);
        type(field(editor, u"ssoAccountIdLineEdit"_s), u"12345"_s);
        QCOMPARE(message(editor, u"ssoAccountIdErrorLabel"_s),
            u"An account ID is 12 digits, such as 123456789012."_s);
        type(field(editor, u"ssoAccountIdLineEdit"_s), u"123456789012"_s);
        type(field(editor, u"ssoSessionLineEdit"_s), u"my sso"_s);
        QVERIFY(message(editor, u"ssoSessionErrorLabel"_s).contains(u"no spaces"_s));
        type(field(editor, u"ssoSessionLineEdit"_s), u"corp"_s);
        QVERIFY(!editor.validation().isValid()); // no role yet
        type(field(editor, u"ssoRoleNameLineEdit"_s), u"AdministratorAccess"_s);
        QVERIFY(editor.validation().isValid());
        const Profile p = editor.profile();
        QCOMPARE(p.source, CredentialSource::Sso);
        QCOMPARE(p.ssoSession, u"corp"_s);
        QCOMPARE(p.ssoStartUrl, u"https://corp.awsapps.com/start"_s);
        QCOMPARE(p.ssoAccountId, u"123456789012"_s);
        // Another source keeps none of it.
        chooseSource(editor, CredentialSource::Environment);
        QVERIFY(editor.profile().ssoStartUrl.isEmpty());
        QVERIFY(editor.profile().ssoRoleName.isEmpty());
    }

    void credentialProcessMessage()
    {
        ProfileEditor editor;
        editor.show();
        type(field(editor, u"nameLineEdit"_s), u"sso"_s);
        chooseSource(editor, CredentialSource::CredentialProcess);
        QVERIFY(!editor.validation().isValid());
        QLineEdit* command = field(editor, u"credentialProcessLineEdit"_s);
        type(command, u"/usr/bin/aws-vault export --format=json prod"_s);
        QVERIFY(editor.validation().isValid());
        type(command, u"   "_s);
        QCOMPARE(message(editor, u"credentialProcessErrorLabel"_s),
            u"Enter the command that prints the credentials."_s);
        QVERIFY(!editor.validation().isValid());
    }

    void newAccessKeysProfileNeedsBothKeys()
    {
        ProfileEditor editor;
        editor.show();
        QSignalSpy validity(&editor.validation(), &FormValidation::validityChanged);
        type(field(editor, u"nameLineEdit"_s), u"prod"_s);
        QVERIFY(!editor.validation().isValid());
        QVERIFY(validity.isEmpty());
        editor.validation().markAllTouched();
        QCOMPARE(message(editor, u"accessKeyIdErrorLabel"_s), u"Enter the access key ID."_s);
        QCOMPARE(
            message(editor, u"secretAccessKeyErrorLabel"_s), u"Enter the secret access key."_s);
        QVERIFY(
            field(editor, u"secretAccessKeyLineEdit"_s)->placeholderText().contains(u"Required"_s));

        type(field(editor, u"accessKeyIdLineEdit"_s), u"AKIA 123"_s);
        QVERIFY(message(editor, u"accessKeyIdErrorLabel"_s).contains(u"16 to 128"_s));
        type(field(editor, u"accessKeyIdLineEdit"_s), kAccessKey);
        QCOMPARE(message(editor, u"accessKeyIdErrorLabel"_s), QString());
        QVERIFY(!editor.validation().isValid());
        type(field(editor, u"secretAccessKeyLineEdit"_s), kSecret);
        QVERIFY(editor.validation().isValid());
        QCOMPARE(validity.size(), 1);
        QCOMPARE(validity.first().first().toBool(), true);

        const std::optional<sigv4::Credentials> keys = editor.newKeys();
        QVERIFY(keys.has_value());
        QCOMPARE(keys->accessKeyId, kAccessKey);
        QVERIFY(keys->secretAccessKey == kSecret);
        QVERIFY(keys->sessionToken.isEmpty());
        // The keys are not part of the profile.
        QVERIFY(editor.profile().source == CredentialSource::StaticKeys);
    }

    // The secret fields hide what is typed, and show it on request (mouse or Ctrl+H).
    void secretFieldsHaveAShowHideToggle()
    {
        ProfileEditor editor;
        editor.show();
        QVERIFY(QTest::qWaitForWindowExposed(&editor));
        for (const QString& name : {u"secretAccessKeyLineEdit"_s, u"sessionTokenLineEdit"_s}) {
            QLineEdit* edit = field(editor, name);
            QCOMPARE(edit->echoMode(), QLineEdit::Password);
            auto* toggle = edit->findChild<QAction*>(name + u"ShowAction"_s);
            QVERIFY2(toggle, qPrintable(name));
            QVERIFY(toggle->toolTip().startsWith(u"Show"_s));
            toggle->trigger();
            QCOMPARE(edit->echoMode(), QLineEdit::Normal);
            QVERIFY(toggle->toolTip().startsWith(u"Hide"_s));
            toggle->trigger();
            QCOMPARE(edit->echoMode(), QLineEdit::Password);
        }
        QLineEdit* secret = field(editor, u"secretAccessKeyLineEdit"_s);
        secret->setFocus();
        QTRY_VERIFY(secret->hasFocus());
        QTest::keyClick(secret, Qt::Key_H, Qt::ControlModifier);
        QCOMPARE(secret->echoMode(), QLineEdit::Normal);
        QTest::keyClick(secret, Qt::Key_H, Qt::ControlModifier);
        QCOMPARE(secret->echoMode(), QLineEdit::Password);
    }

    void existingProfileNeverShowsItsSecrets()
    {
        ProfileEditor editor;
        editor.show();
        // Whatever was typed before setProfile() is gone.
        type(field(editor, u"secretAccessKeyLineEdit"_s), kSecret);
        Profile p = staticProfile();
        p.mfaSerial = kMfaSerial;
        editor.setProfile(p, false);

        QLineEdit* id = field(editor, u"accessKeyIdLineEdit"_s);
        QLineEdit* secret = field(editor, u"secretAccessKeyLineEdit"_s);
        QLineEdit* token = field(editor, u"sessionTokenLineEdit"_s);
        QVERIFY(id->text().isEmpty());
        QVERIFY(secret->text().isEmpty());
        QVERIFY(token->text().isEmpty());
        QCOMPARE(secret->echoMode(), QLineEdit::Password);
        QCOMPARE(token->echoMode(), QLineEdit::Password);
        QCOMPARE(secret->placeholderText(), u"Stored in the keychain — type to replace"_s);
        QCOMPARE(id->placeholderText(), u"Stored in the keychain — type to replace"_s);
        QVERIFY(editor.hasStoredKeys());
        QVERIFY(editor.validation().isValid());
        QVERIFY(!editor.newKeys().has_value());
        QCOMPARE(field(editor, u"keysMfaSerialLineEdit"_s)->text(), kMfaSerial);

        // Other fields change without touching the keys.
        type(field<QComboBox>(editor, u"regionComboBox"_s)->lineEdit(), u"us-west-2"_s);
        QVERIFY(!editor.newKeys().has_value());
        QCOMPARE(editor.profile().region, u"us-west-2"_s);
        QCOMPARE(editor.profile().id, p.id);

        // Typing a secret alone is half a replacement.
        type(secret, kSecret);
        QVERIFY(!editor.validation().isValid());
        QCOMPARE(message(editor, u"accessKeyIdErrorLabel"_s),
            u"To replace the stored keys, enter the access key ID too."_s);
        type(id, kAccessKey);
        QVERIFY(editor.validation().isValid());
        const std::optional<sigv4::Credentials> keys = editor.newKeys();
        QVERIFY(keys.has_value());
        QCOMPARE(keys->accessKeyId, kAccessKey);
        QVERIFY(keys->secretAccessKey == kSecret);

        // Cleared again: back to keeping the stored keys.
        type(secret, QString());
        type(id, QString());
        QVERIFY(!editor.newKeys().has_value());
        QVERIFY(editor.validation().isValid());
    }

    void switchingAnExistingProfileToKeysNeedsKeys()
    {
        ProfileEditor editor;
        editor.show();
        Profile p = staticProfile();
        p.source = CredentialSource::CredentialProcess;
        p.credentialProcess = u"/bin/creds"_s;
        editor.setProfile(p, false);
        QVERIFY(editor.validation().isValid());
        QCOMPARE(field(editor, u"credentialProcessLineEdit"_s)->text(), u"/bin/creds"_s);
        chooseSource(editor, CredentialSource::StaticKeys);
        QVERIFY(!editor.hasStoredKeys());
        QVERIFY(!editor.validation().isValid());
        QVERIFY(editor.profile().credentialProcess.isEmpty()); // only the chosen source's fields
    }

    void roundTripKeepsUnshownFields()
    {
        ProfileEditor editor;
        Profile p = staticProfile();
        p.source = CredentialSource::AssumeRole;
        p.roleArn = kRoleArn;
        p.roleSourceIsEnvironment = true;
        p.durationSeconds = 7200;
        p.externalId = u"ext-1"_s;
        p.partition = u"aws"_s;
        p.endpointUrl = QUrl(u"https://ecr.example.test"_s);
        p.stsEndpointUrl = QUrl(u"https://sts.example.test"_s);
        editor.setProfile(p, false);
        QCOMPARE(editor.profile(), p);
        // A role profile keeps no keys, and its source is offered first.
        QCOMPARE(field<QComboBox>(editor, u"sourceProfileComboBox"_s)->currentIndex(), 0);
    }

    void sourceProfileFromTheSharedFilesIsKept()
    {
        ProfileEditor editor;
        Profile p = staticProfile();
        p.source = CredentialSource::AssumeRole;
        p.roleArn = kRoleArn;
        p.sourceProfile = u"shared:base"_s;
        editor.setOtherProfiles({otherProfile(u"dev"_s)});
        editor.setProfile(p, false);
        auto* source = field<QComboBox>(editor, u"sourceProfileComboBox"_s);
        QCOMPARE(source->currentText(), u"base (AWS CLI)"_s);
        QCOMPARE(editor.profile().sourceProfile, u"shared:base"_s);
        // The edited profile is no candidate for its own source.
        editor.setOtherProfiles({otherProfile(u"dev"_s), p});
        QCOMPARE(source->findText(u"prod"_s), -1);
        QCOMPARE(editor.profile().sourceProfile, u"shared:base"_s);
    }

    // Every field of the profile editor, for every credential source, takes any text without
    // crashing; a profile it lets the user save passes the store's own checks.
    void hostileTextNeverMakesAnInvalidProfile()
    {
        for (int source = 0;; ++source) {
            ProfileEditDialog dialog;
            dialog.setProfile(Profile{}, ProfileEditDialog::Mode::Add);
            auto* sources = dialog.findChild<QComboBox*>(u"sourceComboBox"_s);
            QVERIFY(sources);
            if (source >= sources->count())
                break;
            sources->setCurrentIndex(source);
            QSignalSpy save(&dialog, &ProfileEditDialog::saveRequested);
            auto* saveButton = dialog.findChild<QPushButton*>(u"saveButton"_s);
            for (QLineEdit* edit : dialog.findChildren<QLineEdit*>()) {
                for (const QString& text : test::hostileTexts()) {
                    test::paste(edit, text);
                    if (saveButton->isEnabled()) {
                        QTest::mouseClick(saveButton, Qt::LeftButton);
                        if (!save.isEmpty()) {
                            save.clear();
                            QVERIFY2(validateProfile(dialog.profile(), {}).isEmpty(),
                                qPrintable(edit->objectName()));
                            dialog.fail(makeError(ErrorKind::Network, QString(), u"x"_s, 0));
                        }
                    }
                    test::paste(edit, QString());
                }
            }
        }
    }

    void editDialogSavesOnlyWhenValid()
    {
        ProfileEditDialog dialog;
        dialog.setProfile(Profile{}, ProfileEditDialog::Mode::Add);
        dialog.show();
        QSignalSpy save(&dialog, &ProfileEditDialog::saveRequested);
        auto* saveButton = dialog.findChild<QPushButton*>(u"saveButton"_s);
        QVERIFY(saveButton && !saveButton->isEnabled());
        ProfileEditor& editor = *dialog.editor();
        type(field(editor, u"nameLineEdit"_s), u"prod"_s);
        type(field(editor, u"accessKeyIdLineEdit"_s), kAccessKey);
        QVERIFY(!saveButton->isEnabled());
        type(field(editor, u"secretAccessKeyLineEdit"_s), kSecret);
        QVERIFY(saveButton->isEnabled());
        QTest::mouseClick(saveButton, Qt::LeftButton);
        QCOMPARE(save.size(), 1);
        QVERIFY(dialog.isBusy());
        QVERIFY(!saveButton->isEnabled());
        QVERIFY(!editor.isEnabled());
        QVERIFY(label(dialog, u"busyLabel"_s)->isVisible());

        dialog.fail(makeError(ErrorKind::Credentials, u"KeychainLocked"_s, u"locked"_s, 0));
        QVERIFY(dialog.isVisible()); // stays open with what was typed
        QVERIFY(!dialog.isBusy());
        QVERIFY(saveButton->isEnabled());
        QCOMPARE(field(editor, u"nameLineEdit"_s)->text(), u"prod"_s);
        QVERIFY(dialog.findChild<QWidget*>(u"messageBar"_s)->isVisible());

        dialog.succeed();
        QVERIFY(!dialog.isVisible());
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
    }
};

QTEST_MAIN(TestProfileEditor)
#include "tst_profileeditor.moc"
