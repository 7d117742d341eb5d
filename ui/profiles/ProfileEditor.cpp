#include "ProfileEditor.h"

#include "AccessKeysPage.h"
#include "AssumeRolePage.h"
#include "CredentialProcessPage.h"
#include "Endpoint.h"
#include "FormValidation.h"
#include "ProfileFields.h"
#include "SsoPage.h"
#include "SsoProfile.h"
#include "ui_ProfileEditor.h"

#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPixmap>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace ecr {

namespace {

QUrl urlFrom(const QLineEdit* lineEdit)
{
    const QString text = lineEdit->text().trimmed();
    return text.isEmpty() ? QUrl() : QUrl(text, QUrl::StrictMode);
}

std::optional<ProfileInput> inputFor(ProfileField field, CredentialSource source)
{
    switch (field) {
    case ProfileField::Name:
        return ProfileInput::Name;
    case ProfileField::Label:
        return ProfileInput::Label;
    case ProfileField::Region:
    case ProfileField::Partition: // no field of its own; it follows the region
        return ProfileInput::Region;
    case ProfileField::EndpointUrl:
        return ProfileInput::EndpointUrl;
    case ProfileField::StsEndpointUrl:
        return ProfileInput::StsEndpointUrl;
    case ProfileField::CaBundlePath:
        return ProfileInput::CaBundle;
    case ProfileField::ProxyUrl:
        return ProfileInput::ProxyUrl;
    case ProfileField::Source:
        return std::nullopt;
    case ProfileField::RoleArn:
        return ProfileInput::RoleArn;
    case ProfileField::SourceProfile:
        return ProfileInput::SourceProfile;
    case ProfileField::MfaSerial:
        return source == CredentialSource::AssumeRole ? ProfileInput::RoleMfaSerial
                                                      : ProfileInput::KeysMfaSerial;
    case ProfileField::ExternalId:
        return ProfileInput::ExternalId;
    case ProfileField::DurationSeconds:
        return ProfileInput::Duration;
    case ProfileField::SessionName:
        return ProfileInput::SessionName;
    case ProfileField::CredentialProcess:
        return ProfileInput::CredentialProcess;
    case ProfileField::SsoSession:
        return ProfileInput::SsoSession;
    case ProfileField::SsoStartUrl:
    case ProfileField::SsoEndpointUrl: // set in ~/.aws/config or the environment, not here
        return ProfileInput::SsoStartUrl;
    case ProfileField::SsoRegion:
        return ProfileInput::SsoRegion;
    case ProfileField::SsoAccountId:
        return ProfileInput::SsoAccountId;
    case ProfileField::SsoRoleName:
        return ProfileInput::SsoRoleName;
    }
    return std::nullopt;
}

} // namespace

ProfileEditor::ProfileEditor(QWidget* parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::ProfileEditor>())
    , m_validation(new FormValidation(this))
{
    m_ui->setupUi(this);

    // The stacked pages are in CredentialSource order.
    m_ui->sourceComboBox->addItem(tr("Access keys"), int(CredentialSource::StaticKeys));
    m_ui->sourceComboBox->addItem(tr("Assume a role"), int(CredentialSource::AssumeRole));
    m_ui->sourceComboBox->addItem(
        tr("credential_process command"), int(CredentialSource::CredentialProcess));
    m_ui->sourceComboBox->addItem(tr("Environment variables"), int(CredentialSource::Environment));
    m_ui->sourceComboBox->addItem(tr("IAM Identity Center (SSO)"), int(CredentialSource::Sso));
    m_ssoPage = new SsoPage(this);
    m_ui->sourceStackedWidget->addWidget(m_ssoPage); // after Environment, as CredentialSource
    m_ui->regionComboBox->lineEdit()->setPlaceholderText(tr("Optional; for example us-east-1"));
    m_ui->regionComboBox->lineEdit()->setClearButtonEnabled(true);
    fillRegions();

    addMarkerRow();
    addGeneralFields();
    auto onPage = [this](CredentialSource source) {
        return [this, source] {
            return currentSource() == source;
        };
    };
    m_ui->accessKeysPage->addFields(*m_validation, onPage(CredentialSource::StaticKeys));
    m_ui->assumeRolePage->addFields(*m_validation, onPage(CredentialSource::AssumeRole));
    m_ui->credentialProcessPage->addFields(
        *m_validation, onPage(CredentialSource::CredentialProcess));
    connect(m_ui->accessKeysPage, &AccessKeysPage::changed, this, &ProfileEditor::refresh);
    connect(m_ui->assumeRolePage, &AssumeRolePage::changed, this, &ProfileEditor::refresh);
    connect(m_ui->credentialProcessPage, &CredentialProcessPage::changed, this,
        &ProfileEditor::refresh);
    m_ssoPage->addFields(*m_validation, onPage(CredentialSource::Sso));
    connect(m_ssoPage, &SsoPage::changed, this, &ProfileEditor::refresh);
    alignFormLabels();

    connect(m_ui->sourceComboBox, &QComboBox::currentIndexChanged, this, [this] {
        m_ui->sourceStackedWidget->setCurrentIndex(int(currentSource()));
        refresh();
    });
    connect(
        m_ui->caBundleBrowseButton, &QPushButton::clicked, this, &ProfileEditor::browseCaBundle);

    setProfile(Profile{}, true);
}

ProfileEditor::~ProfileEditor() = default;

void ProfileEditor::addMarkerRow()
{
    // Label and colour: the marker the window and every destructive confirmation show.
    auto* field = new QWidget(this);
    auto* column = new QVBoxLayout(field);
    column->setContentsMargins(0, 0, 0, 0);
    column->setSpacing(2);
    auto* row = new QHBoxLayout;
    m_labelEdit = new QLineEdit(field);
    m_labelEdit->setObjectName(u"labelLineEdit"_s);
    m_labelEdit->setPlaceholderText(tr("Optional; for example production"));
    m_labelEdit->setMaxLength(kMaxProfileLabelLength + 20); // longer is reported, not cut
    m_labelEdit->setClearButtonEnabled(true);
    m_labelEdit->setAccessibleName(tr("Label"));
    m_colorCombo = new QComboBox(field);
    m_colorCombo->setObjectName(u"colorComboBox"_s);
    m_colorCombo->setAccessibleName(tr("Colour"));
    m_colorCombo->addItem(tr("No colour"), QString());
    for (const ProfileColor& color : profileColors()) {
        QPixmap swatch(16, 16);
        swatch.fill(QColor(color.background));
        m_colorCombo->addItem(QIcon(swatch), color.displayName, color.name);
    }
    row->addWidget(m_labelEdit, 1);
    row->addWidget(m_colorCombo);
    column->addLayout(row);
    auto* message = new QLabel(field);
    message->setObjectName(u"labelErrorLabel"_s);
    column->addWidget(message);
    auto* title = new QLabel(tr("&Label:"), this);
    title->setBuddy(m_labelEdit);
    m_ui->generalFormLayout->insertRow(1, title, field);
    m_validation->addFields({{int(ProfileInput::Label), m_labelEdit, message}});
    connect(m_labelEdit, &QLineEdit::textChanged, this, &ProfileEditor::refresh);
    connect(m_colorCombo, &QComboBox::currentIndexChanged, this, &ProfileEditor::refresh);
}

void ProfileEditor::addGeneralFields()
{
    m_validation->addFields({
        {int(ProfileInput::Name), m_ui->nameLineEdit, m_ui->nameErrorLabel},
        {int(ProfileInput::EndpointUrl), m_ui->endpointUrlLineEdit, m_ui->endpointUrlErrorLabel},
        {int(ProfileInput::StsEndpointUrl), m_ui->stsEndpointUrlLineEdit,
            m_ui->stsEndpointUrlErrorLabel},
        {int(ProfileInput::CaBundle), m_ui->caBundleLineEdit, m_ui->caBundleErrorLabel},
        {int(ProfileInput::ProxyUrl), m_ui->proxyLineEdit, m_ui->proxyErrorLabel},
    });
    FormValidation::Field region;
    region.editor = m_ui->regionComboBox;
    region.messageLabel = m_ui->regionErrorLabel;
    region.hasValue = [this] {
        return !m_ui->regionComboBox->currentText().isEmpty();
    };
    m_validation->addField(int(ProfileInput::Region), region);
    for (QLineEdit* edit : {m_ui->nameLineEdit, m_ui->endpointUrlLineEdit,
             m_ui->stsEndpointUrlLineEdit, m_ui->caBundleLineEdit, m_ui->proxyLineEdit})
        connect(edit, &QLineEdit::textChanged, this, &ProfileEditor::refresh);
    connect(m_ui->regionComboBox, &QComboBox::editTextChanged, this, [this] {
        if (!m_filling)
            m_validation->markTouched(int(ProfileInput::Region));
        refresh();
    });
}

void ProfileEditor::setProfile(const Profile& profile, bool isNew)
{
    m_filling = true;
    m_base = profile;
    m_isNew = isNew;
    m_ui->nameLineEdit->setText(profile.name);
    m_labelEdit->setText(profile.label);
    m_colorCombo->setCurrentIndex(std::max(0, m_colorCombo->findData(profile.color)));
    m_ui->regionComboBox->setCurrentIndex(m_ui->regionComboBox->findText(profile.region));
    m_ui->regionComboBox->setEditText(profile.region);
    m_ui->endpointUrlLineEdit->setText(profile.endpointUrl.toString());
    m_ui->stsEndpointUrlLineEdit->setText(profile.stsEndpointUrl.toString());
    m_ui->caBundleLineEdit->setText(profile.caBundlePath);
    m_ui->proxyLineEdit->setText(profile.proxyUrl.toString());
    setCurrentSource(profile.source);
    m_ui->accessKeysPage->load(profile);
    m_ui->assumeRolePage->load(profile, m_others);
    m_ui->credentialProcessPage->load(profile);
    m_ssoPage->load(profile);
    updateStoredKeys();
    m_filling = false;
    m_validation->resetTouched();
    refresh();
}

void ProfileEditor::setOtherProfiles(QList<Profile> others)
{
    m_others = std::move(others);
    m_ui->assumeRolePage->setOtherProfiles(m_base, m_others);
    refresh();
}

void ProfileEditor::setKeysStoredElsewhere(bool stored)
{
    m_keysStoredElsewhere = stored;
    updateStoredKeys();
    refresh();
}

bool ProfileEditor::hasStoredKeys() const
{
    return m_ui->accessKeysPage->hasStoredKeys();
}

void ProfileEditor::updateStoredKeys()
{
    using Stored = AccessKeysPage::StoredKeys;
    m_ui->accessKeysPage->setStoredKeys(m_keysStoredElsewhere ? Stored::CopiedFromOriginal
            : (!m_isNew && m_base.source == CredentialSource::StaticKeys) ? Stored::InKeychain
                                                                          : Stored::None);
}

Profile ProfileEditor::profile() const
{
    Profile p = m_base;
    p.name = m_ui->nameLineEdit->text();
    p.label = m_labelEdit->text();
    p.color = m_colorCombo->currentData().toString();
    p.region = m_ui->regionComboBox->currentText().trimmed();
    if (p.region != m_base.region)
        p.partition.clear(); // derived from the new region
    p.endpointUrl = urlFrom(m_ui->endpointUrlLineEdit);
    p.stsEndpointUrl = urlFrom(m_ui->stsEndpointUrlLineEdit);
    p.caBundlePath = m_ui->caBundleLineEdit->text().trimmed();
    p.proxyUrl = QUrl(m_ui->proxyLineEdit->text().trimmed());
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
    if (p.source != CredentialSource::Sso)
        clearSsoSettings(p);
    switch (p.source) {
    case CredentialSource::StaticKeys:
        m_ui->accessKeysPage->store(p);
        break;
    case CredentialSource::AssumeRole:
        m_ui->assumeRolePage->store(p);
        break;
    case CredentialSource::CredentialProcess:
        m_ui->credentialProcessPage->store(p);
        break;
    case CredentialSource::Environment:
        break;
    case CredentialSource::Sso:
        m_ssoPage->store(p);
        break;
    }
    return p;
}

std::optional<sigv4::Credentials> ProfileEditor::newKeys() const
{
    if (currentSource() != CredentialSource::StaticKeys)
        return std::nullopt;
    return m_ui->accessKeysPage->typedKeys();
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
    QList<QWidget*> labels;
    int width = 0;
    for (QFormLayout* form : findChildren<QFormLayout*>()) {
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
        m_validation->markTouched(int(ProfileInput::CaBundle));
    });
    dialog->open();
}

void ProfileEditor::refresh()
{
    if (m_filling)
        return;
    QMap<int, QString> messages;
    const CredentialSource source = currentSource();
    for (const ProfileIssue& issue : validateProfile(profile(), m_others)) {
        const std::optional<ProfileInput> input = inputFor(issue.field, source);
        if (input && !messages.contains(int(*input)))
            messages.insert(int(*input), issue.message);
    }
    if (source == CredentialSource::StaticKeys)
        m_ui->accessKeysPage->addMessages(messages);
    m_validation->show(messages);
}

} // namespace ecr
