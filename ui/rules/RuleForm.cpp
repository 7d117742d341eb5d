#include "RuleForm.h"

#include "Endpoint.h"
#include "FieldMessage.h"
#include "PullCommand.h"
#include "RegistryIcons.h"
#include "ui_RuleForm.h"

#include <QLineEdit>

using namespace Qt::StringLiterals;

namespace ecr {

namespace {

constexpr QLatin1StringView kAzureSuffix(".azurecr.io");

QString ecrUrl(const QString& account, const QString& region)
{
    return account + u".dkr.ecr."_s + region + u'.' + partitionForRegion(region).dnsSuffix;
}

// A region an ECR upstream can be in: the table's URL pattern decides, with a well-formed account.
bool isEcrUpstreamRegion(const QString& region)
{
    return upstreamUrlMatches(UpstreamRegistry::Ecr, ecrUrl(u"000000000000"_s, region));
}

} // namespace

RuleForm::RuleForm(QWidget* parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::RuleForm>())
{
    m_ui->setupUi(this);

    for (const UpstreamRegistryInfo& info : upstreamRegistries())
        m_ui->registryComboBox->addItem(registryIcon(info.registry),
            registryDisplayName(info.registry), static_cast<int>(info.registry));
    m_ui->registryComboBox->setCurrentIndex(-1);
    populateRegions();

    for (int i = 0; i < static_cast<int>(Input::Count); ++i)
        initFieldMessageLabel(widgetsFor(static_cast<Input>(i)).messageLabel);
    m_ui->pullHintLabel->hide();
    m_ui->upstreamUrlLabel->setTextFormat(Qt::PlainText);
    m_ui->pullPreviewLabel->setTextFormat(Qt::PlainText);

    connect(m_ui->registryComboBox, &QComboBox::currentIndexChanged, this,
        &RuleForm::onRegistryChanged);
    connect(
        m_ui->registryComboBox, &QComboBox::activated, this, [this] { onEdited(Input::Registry); });
    connect(m_ui->ecrRegionComboBox, &QComboBox::currentTextChanged, this,
        [this] { onValueChanged(Input::EcrRegion); });
    connect(m_ui->ecrRegionComboBox, &QComboBox::activated, this,
        [this] { onEdited(Input::EcrRegion); });
    connect(m_ui->ecrRegionComboBox->lineEdit(), &QLineEdit::textEdited, this,
        [this] { onEdited(Input::EcrRegion); });
    for (Input input : {Input::AzureName, Input::EcrAccount, Input::Prefix, Input::CredentialArn,
             Input::CustomRoleArn, Input::UpstreamPrefix, Input::RegistryId}) {
        auto* lineEdit = qobject_cast<QLineEdit*>(widgetsFor(input).editor);
        connect(lineEdit, &QLineEdit::textChanged, this, [this, input] { onValueChanged(input); });
        connect(lineEdit, &QLineEdit::textEdited, this, [this, input] { onEdited(input); });
    }

    updateVisibility();
    updateCredentialHint();
    refresh();
}

RuleForm::~RuleForm() = default;

void RuleForm::populateRegions()
{
    QStringList regions;
    for (const Partition& partition : partitions()) {
        for (const QString& region : partition.regions) {
            if (isEcrUpstreamRegion(region))
                regions.append(region);
        }
    }
    regions.sort();
    regions.removeDuplicates();
    m_ui->ecrRegionComboBox->addItems(regions);
    m_ui->ecrRegionComboBox->setCurrentIndex(-1);
    m_ui->ecrRegionComboBox->lineEdit()->setPlaceholderText(u"us-east-1"_s);
}

std::optional<UpstreamRegistry> RuleForm::registry() const
{
    const QVariant data = m_ui->registryComboBox->currentData();
    if (!data.isValid())
        return std::nullopt;
    return static_cast<UpstreamRegistry>(data.toInt());
}

void RuleForm::setRegistry(UpstreamRegistry registry)
{
    m_ui->registryComboBox->setCurrentIndex(
        m_ui->registryComboBox->findData(static_cast<int>(registry)));
}

void RuleForm::setRegistryContext(
    const QString& accountId, const QString& region, const QString& dnsSuffix)
{
    m_accountId = accountId;
    m_region = region;
    m_dnsSuffix = dnsSuffix;
    // Same-region ECR to ECR is the common case; the user can still pick another region.
    if (!m_touched[static_cast<int>(Input::EcrRegion)]
        && m_ui->ecrRegionComboBox->currentText().isEmpty() && !region.isEmpty())
        m_ui->ecrRegionComboBox->setEditText(region);
    updateCredentialHint();
    refresh();
}

CreateRuleRequest RuleForm::request() const
{
    CreateRuleRequest request;
    request.ecrRepositoryPrefix = inputText(Input::Prefix);
    request.upstreamRegistryUrl = upstreamUrl();
    request.registryId = inputText(Input::RegistryId);
    if (const auto chosen = registry())
        request.upstreamRegistry = upstreamRegistryInfo(*chosen).wireName;
    if (isShown(Input::CredentialArn))
        request.credentialArn = inputText(Input::CredentialArn);
    if (isShown(Input::CustomRoleArn))
        request.customRoleArn = inputText(Input::CustomRoleArn);
    if (isShown(Input::UpstreamPrefix))
        request.upstreamRepositoryPrefix = inputText(Input::UpstreamPrefix);
    return request;
}

bool RuleForm::isValid() const
{
    return validationMessages().isEmpty();
}

void RuleForm::setFieldError(ptc::Field field, const QString& message)
{
    if (field == ptc::Field::UpstreamRegistryUrl || field == ptc::Field::UpstreamRegistry)
        m_urlServerError = message;
    else if (const auto input = inputFor(field))
        m_serverErrors.insert(*input, message);
    updateMessages();
}

void RuleForm::clearFieldErrors()
{
    m_serverErrors.clear();
    m_urlServerError.clear();
    updateMessages();
}

bool RuleForm::isFieldShown(ptc::Field field) const
{
    if (field == ptc::Field::UpstreamRegistryUrl || field == ptc::Field::UpstreamRegistry)
        return true;
    const auto input = inputFor(field);
    return input && isShown(*input);
}

void RuleForm::markAllTouched()
{
    m_allTouched = true;
    updateMessages();
}

void RuleForm::focusFirstMessage()
{
    for (int i = 0; i < static_cast<int>(Input::Count); ++i) {
        const auto input = static_cast<Input>(i);
        if (!widgetsFor(input).messageLabel->isVisibleTo(this))
            continue;
        if (input != Input::Url) {
            widgetsFor(input).editor->setFocus(Qt::OtherFocusReason);
            return;
        }
        // The URL has no editor: its first free part, else the registry choice.
        for (Input part : {Input::AzureName, Input::EcrAccount, Input::EcrRegion}) {
            if (isShown(part)) {
                widgetsFor(part).editor->setFocus(Qt::OtherFocusReason);
                return;
            }
        }
        m_ui->registryComboBox->setFocus(Qt::OtherFocusReason);
        return;
    }
}

void RuleForm::onRegistryChanged()
{
    m_urlServerError.clear();
    if (const auto chosen = registry()) {
        // Fill the console's default prefix unless the user typed their own.
        const UpstreamRegistryInfo& info = upstreamRegistryInfo(*chosen);
        const QString current = inputText(Input::Prefix);
        if (current.isEmpty() || current == m_lastDefaultPrefix)
            m_ui->prefixLineEdit->setText(info.defaultPrefix);
        m_lastDefaultPrefix = info.defaultPrefix;
    }
    updateVisibility();
    refresh();
}

void RuleForm::onEdited(Input input)
{
    m_touched[static_cast<int>(input)] = true;
    updateMessages();
}

void RuleForm::onValueChanged(Input input)
{
    m_serverErrors.remove(input);
    if (input == Input::AzureName || input == Input::EcrAccount || input == Input::EcrRegion)
        m_urlServerError.clear();
    refresh();
}

void RuleForm::refresh()
{
    m_ui->upstreamUrlLabel->setText(upstreamUrlForDisplay());
    updateMessages();
    updatePreview();
    const bool valid = isValid();
    if (valid != m_valid) {
        m_valid = valid;
        Q_EMIT validityChanged(valid);
    }
}

void RuleForm::updateVisibility()
{
    const std::pair<Input, QWidget*> rows[] = {
        {Input::AzureName, m_ui->azureRegistryNameFieldWidget},
        {Input::EcrAccount, m_ui->ecrAccountFieldWidget},
        {Input::EcrRegion, m_ui->ecrRegionFieldWidget},
        {Input::CredentialArn, m_ui->credentialArnFieldWidget},
        {Input::CustomRoleArn, m_ui->customRoleArnFieldWidget},
        {Input::UpstreamPrefix, m_ui->upstreamPrefixFieldWidget},
    };
    for (const auto& [input, row] : rows)
        m_ui->fieldsFormLayout->setRowVisible(row, isShown(input));
}

void RuleForm::updateMessages()
{
    const QMap<Input, QString> messages = validationMessages();
    for (int i = 0; i < static_cast<int>(Input::Count); ++i) {
        const auto input = static_cast<Input>(i);
        QString text;
        if (input == Input::Url && !m_urlServerError.isEmpty())
            text = m_urlServerError;
        else if (m_serverErrors.contains(input))
            text = m_serverErrors.value(input);
        else if (messages.contains(input)
            && (m_allTouched || m_touched[i] || !inputText(input).isEmpty()))
            text = messages.value(input);
        const InputWidgets widgets = widgetsFor(input);
        setFieldMessage(widgets.messageLabel, widgets.editor, text);
    }
}

void RuleForm::updatePreview()
{
    const std::optional<UpstreamRegistry> chosen = registry();
    const QString registryId = inputText(Input::RegistryId);
    const QString account
        = registryId.isEmpty() || ptc::checkField(ptc::Field::RegistryId, registryId) ? m_accountId
                                                                                      : registryId;
    const QString prefix = inputText(Input::Prefix);
    m_ui->pullPreviewLabel->setText(pullCommand(account, m_region, m_dnsSuffix, prefix, chosen));
    if (chosen == UpstreamRegistry::DockerHub) {
        // The path after the registry host, e.g. "docker-hub/library/nginx:latest".
        const qsizetype hostLength = privateRegistryHost(account, m_region, m_dnsSuffix).size() + 1;
        const auto path = [&](const QString& image) {
            return pullImageReference(account, m_region, m_dnsSuffix, prefix, chosen, image)
                .mid(hostLength);
        };
        m_ui->pullHintLabel->setText(
            tr("Official images need library/, as in %1; other repositories do not, as in %2.")
                .arg(path(u"nginx:latest"_s), path(u"bitnami/redis:latest"_s)));
        m_ui->pullHintLabel->show();
    } else {
        m_ui->pullHintLabel->clear();
        m_ui->pullHintLabel->hide();
    }
}

void RuleForm::updateCredentialHint()
{
    m_ui->credentialArnHintLabel->setText(m_accountId.isEmpty() || m_region.isEmpty()
            ? tr("The secret's name must start with ecr-pullthroughcache/, and the secret must be "
                 "in the same account and region as this registry.")
            : tr("The secret's name must start with ecr-pullthroughcache/, and the secret must be "
                 "in the same account (%1) and region (%2) as this registry.")
                  .arg(m_accountId, m_region));
}

QString RuleForm::inputText(Input input) const
{
    switch (input) {
    case Input::Registry: {
        const auto chosen = registry();
        return chosen ? upstreamRegistryInfo(*chosen).wireName : QString();
    }
    case Input::EcrRegion:
        return m_ui->ecrRegionComboBox->currentText().trimmed();
    case Input::Url:
        return upstreamUrl();
    case Input::Count:
        return QString();
    default: {
        const auto* lineEdit = qobject_cast<const QLineEdit*>(widgetsFor(input).editor);
        return lineEdit ? lineEdit->text().trimmed() : QString();
    }
    }
}

bool RuleForm::isShown(Input input) const
{
    const std::optional<UpstreamRegistry> chosen = registry();
    switch (input) {
    case Input::AzureName:
        return chosen == UpstreamRegistry::AzureContainerRegistry;
    case Input::EcrAccount:
    case Input::EcrRegion:
    case Input::CustomRoleArn:
    case Input::UpstreamPrefix:
        return chosen == UpstreamRegistry::Ecr;
    case Input::CredentialArn:
        return chosen && upstreamRegistryInfo(*chosen).auth == UpstreamAuth::SecretsManager;
    default:
        return true;
    }
}

QString RuleForm::upstreamUrl() const
{
    const std::optional<UpstreamRegistry> chosen = registry();
    if (!chosen)
        return QString();
    if (*chosen == UpstreamRegistry::AzureContainerRegistry) {
        const QString name = inputText(Input::AzureName);
        return name.isEmpty() ? QString() : name + kAzureSuffix;
    }
    if (*chosen == UpstreamRegistry::Ecr) {
        const QString account = inputText(Input::EcrAccount);
        const QString region = inputText(Input::EcrRegion);
        return account.isEmpty() || region.isEmpty() ? QString() : ecrUrl(account, region);
    }
    return upstreamRegistryInfo(*chosen).defaultUrl;
}

QString RuleForm::upstreamUrlForDisplay() const
{
    const std::optional<UpstreamRegistry> chosen = registry();
    if (!chosen)
        return tr("Choose an upstream registry first.");
    if (*chosen == UpstreamRegistry::AzureContainerRegistry) {
        const QString name = inputText(Input::AzureName);
        return (name.isEmpty() ? u"<registry-name>"_s : name) + kAzureSuffix;
    }
    if (*chosen == UpstreamRegistry::Ecr) {
        const QString account = inputText(Input::EcrAccount);
        const QString region = inputText(Input::EcrRegion);
        const QString shownAccount = account.isEmpty() ? u"<account-id>"_s : account;
        if (region.isEmpty())
            return shownAccount + u".dkr.ecr.<region>.amazonaws.com"_s;
        return ecrUrl(shownAccount, region);
    }
    return upstreamRegistryInfo(*chosen).defaultUrl;
}

QMap<RuleForm::Input, QString> RuleForm::validationMessages() const
{
    QMap<Input, QString> messages;
    const std::optional<UpstreamRegistry> chosen = registry();
    if (!chosen)
        messages.insert(Input::Registry, tr("Choose an upstream registry."));

    // The free parts of the URL, so that a problem shows under the part to fix.
    if (chosen == UpstreamRegistry::AzureContainerRegistry) {
        const QString name = inputText(Input::AzureName);
        if (name.isEmpty())
            messages.insert(
                Input::AzureName, tr("Enter the name of the Azure container registry."));
        else if (!upstreamUrlMatches(*chosen, upstreamUrl()))
            messages.insert(Input::AzureName,
                tr("Enter the registry name as in <name>.azurecr.io: 5 to 50 lower-case letters "
                   "and digits."));
    }
    if (chosen == UpstreamRegistry::Ecr) {
        const QString account = inputText(Input::EcrAccount);
        const QString region = inputText(Input::EcrRegion);
        if (account.isEmpty())
            messages.insert(Input::EcrAccount,
                tr("Enter the 12-digit ID of the account that owns the upstream registry."));
        else if (ptc::checkField(ptc::Field::RegistryId, account))
            messages.insert(Input::EcrAccount, tr("An AWS account ID has exactly 12 digits."));
        if (region.isEmpty())
            messages.insert(Input::EcrRegion, tr("Choose the region of the upstream registry."));
        else if (!isEcrUpstreamRegion(region))
            messages.insert(Input::EcrRegion,
                tr("'%1' is not an AWS region an upstream registry can be in, such as us-east-1.")
                    .arg(region));
    }

    for (const ptc::FieldError& error : ptc::validateCreate(request())) {
        std::optional<Input> input = inputFor(error.field);
        if (!input || !isShown(*input))
            input = Input::Url;
        if (*input == Input::Url
            && (!chosen || messages.contains(Input::AzureName)
                || messages.contains(Input::EcrAccount) || messages.contains(Input::EcrRegion)))
            continue; // already said under the registry or a URL part
        if (!messages.contains(*input))
            messages.insert(*input, error.message);
    }
    return messages;
}

RuleForm::InputWidgets RuleForm::widgetsFor(Input input) const
{
    switch (input) {
    case Input::Registry:
        return {m_ui->registryComboBox, m_ui->registryErrorLabel};
    case Input::AzureName:
        return {m_ui->azureRegistryNameLineEdit, m_ui->azureRegistryNameErrorLabel};
    case Input::EcrAccount:
        return {m_ui->ecrAccountLineEdit, m_ui->ecrAccountErrorLabel};
    case Input::EcrRegion:
        return {m_ui->ecrRegionComboBox, m_ui->ecrRegionErrorLabel};
    case Input::Url:
        return {m_ui->upstreamUrlLabel, m_ui->upstreamUrlErrorLabel};
    case Input::Prefix:
        return {m_ui->prefixLineEdit, m_ui->prefixErrorLabel};
    case Input::CredentialArn:
        return {m_ui->credentialArnLineEdit, m_ui->credentialArnErrorLabel};
    case Input::CustomRoleArn:
        return {m_ui->customRoleArnLineEdit, m_ui->customRoleArnErrorLabel};
    case Input::UpstreamPrefix:
        return {m_ui->upstreamPrefixLineEdit, m_ui->upstreamPrefixErrorLabel};
    case Input::RegistryId:
    case Input::Count:
        break;
    }
    return {m_ui->registryIdLineEdit, m_ui->registryIdErrorLabel};
}

std::optional<RuleForm::Input> RuleForm::inputFor(ptc::Field field)
{
    switch (field) {
    case ptc::Field::EcrRepositoryPrefix:
        return Input::Prefix;
    case ptc::Field::CredentialArn:
        return Input::CredentialArn;
    case ptc::Field::CustomRoleArn:
        return Input::CustomRoleArn;
    case ptc::Field::UpstreamRepositoryPrefix:
        return Input::UpstreamPrefix;
    case ptc::Field::RegistryId:
        return Input::RegistryId;
    case ptc::Field::UpstreamRegistryUrl:
    case ptc::Field::UpstreamRegistry:
        return Input::Url;
    case ptc::Field::MaxResults:
        break;
    }
    return std::nullopt;
}

} // namespace ecr
