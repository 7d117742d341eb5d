#include "ProfileEditor.h"

#include "Endpoint.h"
#include "FieldMessage.h"
#include "ui_ProfileEditor.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QLineEdit>
#include <QRegularExpression>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace ecr {

namespace {

// The source-profile item that stands for "credential_source = Environment". Profile ids are
// UUIDs or "shared:<name>", so this cannot collide with one.
const QString kEnvironmentSource = u"\u0001environment"_s;

QUrl urlFrom(const QLineEdit* lineEdit)
{
    const QString text = lineEdit->text().trimmed();
    return text.isEmpty() ? QUrl() : QUrl(text, QUrl::StrictMode);
}

bool isValidAccessKeyId(const QString& id)
{
    static const QRegularExpression pattern(u"^[A-Za-z0-9]{16,128}$"_s);
    return pattern.match(id).hasMatch();
}

} // namespace

ProfileEditor::ProfileEditor(QWidget* parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::ProfileEditor>())
{
    m_ui->setupUi(this);
    for (int i = 0; i < int(Input::Count); ++i)
        initFieldMessageLabel(widgets(Input(i)).messageLabel);
    alignFormLabels();

    // The stacked pages are in CredentialSource order.
    m_ui->sourceComboBox->addItem(tr("Access keys"), int(CredentialSource::StaticKeys));
    m_ui->sourceComboBox->addItem(tr("Assume a role"), int(CredentialSource::AssumeRole));
    m_ui->sourceComboBox->addItem(
        tr("credential_process command"), int(CredentialSource::CredentialProcess));
    m_ui->sourceComboBox->addItem(tr("Environment variables"), int(CredentialSource::Environment));
    m_ui->regionComboBox->lineEdit()->setPlaceholderText(tr("Optional; for example us-east-1"));
    m_ui->regionComboBox->lineEdit()->setClearButtonEnabled(true);
    fillRegions();
    m_ui->durationSpinBox->setToolTip(
        tr("How long the role's temporary credentials last: 900 to 43200 seconds."));

    const QList<std::pair<QLineEdit*, Input>> lineEdits{
        {m_ui->nameLineEdit, Input::Name},
        {m_ui->endpointUrlLineEdit, Input::EndpointUrl},
        {m_ui->stsEndpointUrlLineEdit, Input::StsEndpointUrl},
        {m_ui->caBundleLineEdit, Input::CaBundle},
        {m_ui->accessKeyIdLineEdit, Input::AccessKeyId},
        {m_ui->secretAccessKeyLineEdit, Input::SecretAccessKey},
        {m_ui->keysMfaSerialLineEdit, Input::KeysMfaSerial},
        {m_ui->roleArnLineEdit, Input::RoleArn},
        {m_ui->roleMfaSerialLineEdit, Input::RoleMfaSerial},
        {m_ui->externalIdLineEdit, Input::ExternalId},
        {m_ui->sessionNameLineEdit, Input::SessionName},
        {m_ui->credentialProcessLineEdit, Input::CredentialProcess},
    };
    for (const auto& [lineEdit, input] : lineEdits) {
        connect(lineEdit, &QLineEdit::textChanged, this, &ProfileEditor::refresh);
        connect(
            lineEdit, &QLineEdit::textEdited, this, [this, input = input] { markTouched(input); });
    }
    connect(m_ui->sessionTokenLineEdit, &QLineEdit::textChanged, this, &ProfileEditor::refresh);
    connect(m_ui->sessionTokenLineEdit, &QLineEdit::textEdited, this, [this] {
        if (hasStoredKeys())
            markTouched(Input::AccessKeyId);
    });
    connect(m_ui->regionComboBox, &QComboBox::editTextChanged, this, [this] {
        if (!m_filling)
            markTouched(Input::Region);
        refresh();
    });
    connect(m_ui->sourceProfileComboBox, &QComboBox::currentIndexChanged, this, [this] {
        if (!m_filling)
            markTouched(Input::SourceProfile);
        refresh();
    });
    // The spin box's own signals stay silent while the text is out of range ("500" on the way to
    // "5000"); its line edit tells every keystroke, so the message shows as the user types.
    if (auto* durationEdit = m_ui->durationSpinBox->findChild<QLineEdit*>()) {
        connect(durationEdit, &QLineEdit::textChanged, this, [this] {
            if (!m_filling)
                markTouched(Input::Duration);
            refresh();
        });
    }
    connect(m_ui->sourceComboBox, &QComboBox::currentIndexChanged, this, [this] {
        m_ui->sourceStackedWidget->setCurrentIndex(int(currentSource()));
        refresh();
    });
    connect(
        m_ui->caBundleBrowseButton, &QPushButton::clicked, this, &ProfileEditor::browseCaBundle);

    setProfile(Profile{}, true);
}

ProfileEditor::~ProfileEditor() = default;

void ProfileEditor::setProfile(const Profile& profile, bool isNew)
{
    m_filling = true;
    m_base = profile;
    m_isNew = isNew;
    m_touched.clear();
    m_allTouched = false;

    m_ui->nameLineEdit->setText(profile.name);
    m_ui->regionComboBox->setCurrentIndex(m_ui->regionComboBox->findText(profile.region));
    m_ui->regionComboBox->setEditText(profile.region);
    m_ui->endpointUrlLineEdit->setText(profile.endpointUrl.toString());
    m_ui->stsEndpointUrlLineEdit->setText(profile.stsEndpointUrl.toString());
    m_ui->caBundleLineEdit->setText(profile.caBundlePath);
    setCurrentSource(profile.source);

    // Secrets are never read back into the form.
    m_ui->accessKeyIdLineEdit->clear();
    m_ui->secretAccessKeyLineEdit->clear();
    m_ui->sessionTokenLineEdit->clear();
    m_ui->keysMfaSerialLineEdit->setText(profile.mfaSerial);
    m_ui->roleMfaSerialLineEdit->setText(profile.mfaSerial);

    m_ui->roleArnLineEdit->setText(profile.roleArn);
    m_ui->externalIdLineEdit->setText(profile.externalId);
    m_ui->durationSpinBox->setValue(profile.durationSeconds);
    m_ui->sessionNameLineEdit->setText(profile.sessionName);
    m_ui->credentialProcessLineEdit->setText(profile.credentialProcess);
    fillSourceProfiles(false);
    updateKeyPlaceholders();
    m_filling = false;
    refresh();
}

void ProfileEditor::setOtherProfiles(QList<Profile> others)
{
    m_others = std::move(others);
    std::sort(m_others.begin(), m_others.end(), [](const Profile& a, const Profile& b) {
        return a.name.compare(b.name, Qt::CaseInsensitive) < 0;
    });
    const bool filling = m_filling;
    m_filling = true; // a refill is no edit of the user's
    fillSourceProfiles(true);
    m_filling = filling;
    refresh();
}

void ProfileEditor::setKeysStoredElsewhere(bool stored)
{
    m_keysStoredElsewhere = stored;
    updateKeyPlaceholders();
    refresh();
}

bool ProfileEditor::hasStoredKeys() const
{
    return m_keysStoredElsewhere || (!m_isNew && m_base.source == CredentialSource::StaticKeys);
}

Profile ProfileEditor::profile() const
{
    Profile p = m_base;
    p.name = m_ui->nameLineEdit->text();
    p.region = m_ui->regionComboBox->currentText().trimmed();
    if (p.region != m_base.region)
        p.partition.clear(); // derived from the new region
    p.endpointUrl = urlFrom(m_ui->endpointUrlLineEdit);
    p.stsEndpointUrl = urlFrom(m_ui->stsEndpointUrlLineEdit);
    p.caBundlePath = m_ui->caBundleLineEdit->text().trimmed();
    p.source = currentSource();

    // Only the chosen source's fields are kept.
    const Profile defaults;
    p.mfaSerial.clear();
    p.roleArn.clear();
    p.sourceProfile.clear();
    p.roleSourceIsEnvironment = false;
    p.externalId.clear();
    p.durationSeconds = defaults.durationSeconds;
    p.sessionName.clear();
    p.credentialProcess.clear();
    switch (p.source) {
    case CredentialSource::StaticKeys:
        p.mfaSerial = m_ui->keysMfaSerialLineEdit->text().trimmed();
        break;
    case CredentialSource::AssumeRole: {
        p.roleArn = m_ui->roleArnLineEdit->text().trimmed();
        const QString source = m_ui->sourceProfileComboBox->currentData().toString();
        if (source == kEnvironmentSource)
            p.roleSourceIsEnvironment = true;
        else
            p.sourceProfile = source;
        p.mfaSerial = m_ui->roleMfaSerialLineEdit->text().trimmed();
        p.externalId = m_ui->externalIdLineEdit->text().trimmed();
        p.durationSeconds = typedDuration();
        p.sessionName = m_ui->sessionNameLineEdit->text().trimmed();
        break;
    }
    case CredentialSource::CredentialProcess:
        p.credentialProcess = m_ui->credentialProcessLineEdit->text().trimmed();
        break;
    case CredentialSource::Environment:
        break;
    }
    return p;
}

std::optional<sigv4::Credentials> ProfileEditor::newKeys() const
{
    if (currentSource() != CredentialSource::StaticKeys || !keysTyped())
        return std::nullopt;
    return sigv4::Credentials{m_ui->accessKeyIdLineEdit->text().trimmed(),
        m_ui->secretAccessKeyLineEdit->text().trimmed(),
        m_ui->sessionTokenLineEdit->text().trimmed()};
}

bool ProfileEditor::isValid() const
{
    return issues().isEmpty();
}

void ProfileEditor::markAllTouched()
{
    m_allTouched = true;
    refresh();
}

void ProfileEditor::focusFirstMessage()
{
    for (int i = 0; i < int(Input::Count); ++i) {
        const InputWidgets w = widgets(Input(i));
        if (w.messageLabel->isVisibleTo(this)) {
            w.editor->setFocus(Qt::OtherFocusReason);
            return;
        }
    }
}

CredentialSource ProfileEditor::currentSource() const
{
    return CredentialSource(m_ui->sourceComboBox->currentData().toInt());
}

void ProfileEditor::setCurrentSource(CredentialSource source)
{
    m_ui->sourceComboBox->setCurrentIndex(m_ui->sourceComboBox->findData(int(source)));
    m_ui->sourceStackedWidget->setCurrentIndex(int(source));
}

void ProfileEditor::alignFormLabels()
{
    // The common fields and each source's page are separate forms; one label width lines them up.
    const QList<QFormLayout*> forms{m_ui->generalFormLayout, m_ui->accessKeysFormLayout,
        m_ui->assumeRoleFormLayout, m_ui->credentialProcessFormLayout};
    QList<QWidget*> labels;
    int width = 0;
    for (QFormLayout* form : forms) {
        for (int row = 0; row < form->rowCount(); ++row) {
            if (QLayoutItem* item = form->itemAt(row, QFormLayout::LabelRole);
                item && item->widget()) {
                labels.append(item->widget());
                width = std::max(width, item->widget()->sizeHint().width());
            }
        }
    }
    for (QWidget* label : std::as_const(labels))
        label->setMinimumWidth(width);
}

void ProfileEditor::fillRegions()
{
    QComboBox* combo = m_ui->regionComboBox;
    for (const Partition& partition : partitions()) {
        if (combo->count() > 0)
            combo->insertSeparator(combo->count());
        for (qsizetype i = 0; i < partition.regions.size(); ++i) {
            combo->addItem(partition.regions.at(i));
            const QString description = partition.regionDescriptions.value(i);
            if (!description.isEmpty())
                combo->setItemData(combo->count() - 1, description, Qt::ToolTipRole);
        }
    }
    combo->setCurrentIndex(-1);
}

void ProfileEditor::fillSourceProfiles(bool keepChoice)
{
    QComboBox* combo = m_ui->sourceProfileComboBox;
    QString wanted = combo->currentData().toString();
    if (!keepChoice || combo->currentIndex() < 0)
        wanted = m_base.roleSourceIsEnvironment ? kEnvironmentSource : m_base.sourceProfile;

    combo->clear();
    combo->addItem(tr("Environment variables"), kEnvironmentSource);
    combo->setItemData(0,
        tr("AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN of the app's process"),
        Qt::ToolTipRole);
    for (const Profile& other : std::as_const(m_others)) {
        if (!m_base.id.isEmpty() && other.id == m_base.id)
            continue;
        combo->addItem(other.name, other.id);
    }
    int index = combo->findData(wanted);
    if (index < 0 && !wanted.isEmpty()) {
        // A name instead of an id, or a profile the app does not keep.
        const auto byName = std::find_if(m_others.cbegin(), m_others.cend(),
            [&](const Profile& other) { return other.name == wanted; });
        if (byName != m_others.cend()) {
            index = combo->findData(byName->id);
        } else {
            const QString sharedPrefix = u"shared:"_s;
            const QString text = wanted.startsWith(sharedPrefix)
                ? tr("%1 (AWS CLI)").arg(wanted.mid(sharedPrefix.size()))
                : tr("%1 (not found)").arg(wanted);
            combo->addItem(text, wanted);
            index = combo->count() - 1;
        }
    }
    combo->setCurrentIndex(index);
}

void ProfileEditor::updateKeyPlaceholders()
{
    if (hasStoredKeys()) {
        const QString stored = m_keysStoredElsewhere
            ? tr("Copied from the original profile — type to replace")
            : tr("Stored in the keychain — type to replace");
        m_ui->accessKeyIdLineEdit->setPlaceholderText(stored);
        m_ui->secretAccessKeyLineEdit->setPlaceholderText(stored);
        m_ui->sessionTokenLineEdit->setPlaceholderText(tr("Optional — type to replace"));
    } else {
        m_ui->accessKeyIdLineEdit->setPlaceholderText(tr("AKIA…"));
        m_ui->secretAccessKeyLineEdit->setPlaceholderText(tr("Required"));
        m_ui->sessionTokenLineEdit->setPlaceholderText(tr("Optional"));
    }
}

void ProfileEditor::browseCaBundle()
{
    const QString current = m_ui->caBundleLineEdit->text().trimmed();
    const QString folder = current.isEmpty() ? QDir::homePath() : QFileInfo(current).absolutePath();
    auto* dialog = new QFileDialog(this, tr("Choose a CA Bundle"), folder,
        tr("PEM certificates (*.pem *.crt *.cer);;All files (*)"));
    dialog->setObjectName(u"caBundleFileDialog"_s);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setFileMode(QFileDialog::ExistingFile);
    dialog->setAcceptMode(QFileDialog::AcceptOpen);
    connect(dialog, &QFileDialog::fileSelected, this, [this](const QString& file) {
        m_ui->caBundleLineEdit->setText(QDir::toNativeSeparators(file));
        markTouched(Input::CaBundle);
    });
    dialog->open();
}

void ProfileEditor::markTouched(Input input)
{
    QList<Input> inputs{input};
    // Replacing stored keys takes the whole pair: typing one of them explains the other.
    if (hasStoredKeys() && (input == Input::AccessKeyId || input == Input::SecretAccessKey))
        inputs = {Input::AccessKeyId, Input::SecretAccessKey};
    for (Input touched : std::as_const(inputs)) {
        if (!m_touched.contains(touched))
            m_touched.append(touched);
    }
    refresh();
}

void ProfileEditor::refresh()
{
    if (m_filling)
        return;
    const QList<std::pair<Input, QString>> found = issues();
    for (int i = 0; i < int(Input::Count); ++i) {
        const Input input = Input(i);
        QString message;
        if (isShown(input) && (m_allTouched || m_touched.contains(input) || hasValue(input))) {
            for (const auto& [issueInput, text] : found) {
                if (issueInput == input) {
                    message = text;
                    break;
                }
            }
        }
        const InputWidgets w = widgets(input);
        setFieldMessage(w.messageLabel, w.editor, message);
    }
    const bool valid = found.isEmpty();
    if (valid != m_valid) {
        m_valid = valid;
        Q_EMIT validityChanged(valid);
    }
}

QList<std::pair<ProfileEditor::Input, QString>> ProfileEditor::issues() const
{
    QList<std::pair<Input, QString>> out;
    for (const ProfileIssue& issue : validateProfile(profile(), m_others)) {
        if (const std::optional<Input> input = inputFor(issue.field))
            out.append({*input, issue.message});
    }
    if (currentSource() == CredentialSource::StaticKeys) {
        const QString id = m_ui->accessKeyIdLineEdit->text().trimmed();
        const QString secret = m_ui->secretAccessKeyLineEdit->text().trimmed();
        const bool replacing = keysTyped() && hasStoredKeys();
        if (keysTyped() || !hasStoredKeys()) {
            if (id.isEmpty())
                out.append({Input::AccessKeyId,
                    replacing ? tr("To replace the stored keys, enter the access key ID too.")
                              : tr("Enter the access key ID.")});
            else if (!isValidAccessKeyId(id))
                out.append({Input::AccessKeyId,
                    tr("An access key ID is 16 to 128 letters and digits, such as "
                       "AKIAIOSFODNN7EXAMPLE.")});
            if (secret.isEmpty())
                out.append({Input::SecretAccessKey,
                    replacing ? tr("To replace the stored keys, enter the secret access key too.")
                              : tr("Enter the secret access key.")});
        }
    }
    std::stable_sort(out.begin(), out.end(),
        [](const auto& a, const auto& b) { return int(a.first) < int(b.first); });
    return out;
}

std::optional<ProfileEditor::Input> ProfileEditor::inputFor(ProfileField field) const
{
    switch (field) {
    case ProfileField::Name:
        return Input::Name;
    case ProfileField::Region:
    case ProfileField::Partition: // no field of its own; it follows the region
        return Input::Region;
    case ProfileField::EndpointUrl:
        return Input::EndpointUrl;
    case ProfileField::StsEndpointUrl:
        return Input::StsEndpointUrl;
    case ProfileField::CaBundlePath:
        return Input::CaBundle;
    case ProfileField::Source:
        return std::nullopt;
    case ProfileField::RoleArn:
        return Input::RoleArn;
    case ProfileField::SourceProfile:
        return Input::SourceProfile;
    case ProfileField::MfaSerial:
        return currentSource() == CredentialSource::AssumeRole ? Input::RoleMfaSerial
                                                               : Input::KeysMfaSerial;
    case ProfileField::ExternalId:
        return Input::ExternalId;
    case ProfileField::DurationSeconds:
        return Input::Duration;
    case ProfileField::SessionName:
        return Input::SessionName;
    case ProfileField::CredentialProcess:
        return Input::CredentialProcess;
    }
    return std::nullopt;
}

bool ProfileEditor::isShown(Input input) const
{
    switch (input) {
    case Input::AccessKeyId:
    case Input::SecretAccessKey:
    case Input::KeysMfaSerial:
        return currentSource() == CredentialSource::StaticKeys;
    case Input::RoleArn:
    case Input::SourceProfile:
    case Input::RoleMfaSerial:
    case Input::ExternalId:
    case Input::Duration:
    case Input::SessionName:
        return currentSource() == CredentialSource::AssumeRole;
    case Input::CredentialProcess:
        return currentSource() == CredentialSource::CredentialProcess;
    default:
        return true;
    }
}

bool ProfileEditor::hasValue(Input input) const
{
    switch (input) {
    case Input::Region:
        return !m_ui->regionComboBox->currentText().isEmpty();
    case Input::SourceProfile:
        return m_ui->sourceProfileComboBox->currentIndex() >= 0;
    case Input::Duration:
        return true;
    default:
        if (const auto* lineEdit = qobject_cast<const QLineEdit*>(widgets(input).editor))
            return !lineEdit->text().isEmpty();
        return false;
    }
}

ProfileEditor::InputWidgets ProfileEditor::widgets(Input input) const
{
    switch (input) {
    case Input::Name:
        return {m_ui->nameLineEdit, m_ui->nameErrorLabel};
    case Input::Region:
        return {m_ui->regionComboBox, m_ui->regionErrorLabel};
    case Input::EndpointUrl:
        return {m_ui->endpointUrlLineEdit, m_ui->endpointUrlErrorLabel};
    case Input::StsEndpointUrl:
        return {m_ui->stsEndpointUrlLineEdit, m_ui->stsEndpointUrlErrorLabel};
    case Input::CaBundle:
        return {m_ui->caBundleLineEdit, m_ui->caBundleErrorLabel};
    case Input::AccessKeyId:
        return {m_ui->accessKeyIdLineEdit, m_ui->accessKeyIdErrorLabel};
    case Input::SecretAccessKey:
        return {m_ui->secretAccessKeyLineEdit, m_ui->secretAccessKeyErrorLabel};
    case Input::KeysMfaSerial:
        return {m_ui->keysMfaSerialLineEdit, m_ui->keysMfaSerialErrorLabel};
    case Input::RoleArn:
        return {m_ui->roleArnLineEdit, m_ui->roleArnErrorLabel};
    case Input::SourceProfile:
        return {m_ui->sourceProfileComboBox, m_ui->sourceProfileErrorLabel};
    case Input::RoleMfaSerial:
        return {m_ui->roleMfaSerialLineEdit, m_ui->roleMfaSerialErrorLabel};
    case Input::ExternalId:
        return {m_ui->externalIdLineEdit, m_ui->externalIdErrorLabel};
    case Input::Duration:
        return {m_ui->durationSpinBox, m_ui->durationErrorLabel};
    case Input::SessionName:
        return {m_ui->sessionNameLineEdit, m_ui->sessionNameErrorLabel};
    case Input::CredentialProcess:
    case Input::Count:
        break;
    }
    return {m_ui->credentialProcessLineEdit, m_ui->credentialProcessErrorLabel};
}

bool ProfileEditor::keysTyped() const
{
    return !m_ui->accessKeyIdLineEdit->text().trimmed().isEmpty()
        || !m_ui->secretAccessKeyLineEdit->text().trimmed().isEmpty()
        || !m_ui->sessionTokenLineEdit->text().trimmed().isEmpty();
}

int ProfileEditor::typedDuration() const
{
    // The text as typed, even out of range, so an invalid duration is reported instead of being
    // silently replaced by the last valid value.
    bool ok = false;
    const int seconds = locale().toInt(m_ui->durationSpinBox->cleanText(), &ok);
    return ok ? seconds : 0;
}

} // namespace ecr
