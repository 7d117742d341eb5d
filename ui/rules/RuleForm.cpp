// Over 400 lines on purpose: one form, its nine registries' fields, their checks and preview.
#include "RuleForm.h"

#include "ErrorPresenter.h"
#include "FormValidation.h"
#include "RegistryChecks.h"
#include "RegistryIcons.h"
#include "SecretButtons.h"
#include "ui_RuleForm.h"

#include <QBoxLayout>
#include <QLabel>
#include <QLineEdit>

using namespace Qt::StringLiterals;

namespace ecr {

RuleForm::RuleForm(QWidget* parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::RuleForm>())
    , m_validation(new FormValidation(this))
{
    m_ui->setupUi(this);
    m_secretButtons = new SecretButtons(m_ui->credentialArnLineEdit);

    for (const UpstreamRegistryInfo& info : upstreamRegistries())
        m_ui->registryComboBox->addItem(registryIcon(info.registry),
            registryDisplayName(info.registry), static_cast<int>(info.registry));
    m_ui->registryComboBox->setCurrentIndex(-1);
    populateRegions();
    m_ui->pullHintLabel->hide();
    m_ui->upstreamUrlLabel->setTextFormat(Qt::PlainText);
    m_ui->pullPreviewLabel->setTextFormat(Qt::PlainText);
    // ROOT says what it does: it is the catch-all.
    m_rootHint = new QLabel(tr("ROOT catches every repository name that no other rule's prefix "
                               "matches: pulls of any such name go to this upstream."),
        m_ui->prefixLineEdit->parentWidget());
    m_rootHint->setObjectName(u"rootHintLabel"_s);
    m_rootHint->setWordWrap(true);
    m_rootHint->setTextFormat(Qt::PlainText);
    m_rootHint->hide();
    if (auto* column = qobject_cast<QBoxLayout*>(m_ui->prefixLineEdit->parentWidget()->layout()))
        column->addWidget(m_rootHint);

    // The fields in form order, each with its message line.
    auto field = [this](Input input, QWidget* editor, QLabel* label) {
        FormValidation::Field f;
        f.editor = editor;
        f.messageLabel = label;
        f.shown = [this, input] {
            return isShown(input);
        };
        f.hasValue = [this, input] {
            return !inputText(input).isEmpty();
        };
        m_validation->addField(int(input), f);
    };
    field(Input::Registry, m_ui->registryComboBox, m_ui->registryErrorLabel);
    field(Input::AzureName, m_ui->azureRegistryNameLineEdit, m_ui->azureRegistryNameErrorLabel);
    field(Input::EcrAccount, m_ui->ecrAccountLineEdit, m_ui->ecrAccountErrorLabel);
    field(Input::EcrRegion, m_ui->ecrRegionComboBox, m_ui->ecrRegionErrorLabel);
    {
        // The composed URL has no editor: its first free part takes the focus, else the registry.
        FormValidation::Field url;
        url.editor = m_ui->upstreamUrlLabel;
        url.messageLabel = m_ui->upstreamUrlErrorLabel;
        url.hasValue = [this] {
            return !upstreamUrl().isEmpty();
        };
        url.focusTarget = [this]() -> QWidget* {
            if (isShown(Input::AzureName))
                return m_ui->azureRegistryNameLineEdit;
            if (isShown(Input::EcrAccount))
                return m_ui->ecrAccountLineEdit;
            return m_ui->registryComboBox;
        };
        m_validation->addField(int(Input::Url), url);
    }
    field(Input::Prefix, m_ui->prefixLineEdit, m_ui->prefixErrorLabel);
    field(Input::CredentialArn, m_ui->credentialArnLineEdit, m_ui->credentialArnErrorLabel);
    field(Input::CustomRoleArn, m_ui->customRoleArnLineEdit, m_ui->customRoleArnErrorLabel);
    field(Input::UpstreamPrefix, m_ui->upstreamPrefixLineEdit, m_ui->upstreamPrefixErrorLabel);
    field(Input::RegistryId, m_ui->registryIdLineEdit, m_ui->registryIdErrorLabel);

    m_validation->setErrorFields([this](const AwsError& error) {
        QList<int> ids;
        for (ptc::Field field : fieldsForError(error)) {
            if (const auto input = inputFor(field); input && isFieldShown(field))
                ids.append(int(*input));
        }
        return ids;
    });
    connect(m_ui->registryComboBox, &QComboBox::currentIndexChanged, this,
        &RuleForm::onRegistryChanged);
    connect(m_ui->registryComboBox, &QComboBox::activated, this,
        [this] { m_validation->markTouched(int(Input::Registry)); });
    connect(m_ui->ecrRegionComboBox, &QComboBox::currentTextChanged, this,
        [this] { onValueChanged(Input::EcrRegion); });
    connect(m_ui->ecrRegionComboBox, &QComboBox::activated, this,
        [this] { m_validation->markTouched(int(Input::EcrRegion)); });
    connect(m_ui->ecrRegionComboBox->lineEdit(), &QLineEdit::textEdited, this,
        [this] { m_validation->markTouched(int(Input::EcrRegion)); });
    const std::pair<Input, QLineEdit*> lineEdits[] = {
        {Input::AzureName, m_ui->azureRegistryNameLineEdit},
        {Input::EcrAccount, m_ui->ecrAccountLineEdit},
        {Input::Prefix, m_ui->prefixLineEdit},
        {Input::CredentialArn, m_ui->credentialArnLineEdit},
        {Input::CustomRoleArn, m_ui->customRoleArnLineEdit},
        {Input::UpstreamPrefix, m_ui->upstreamPrefixLineEdit},
        {Input::RegistryId, m_ui->registryIdLineEdit},
    };
    for (const auto& [input, edit] : lineEdits)
        m_validation->watch(int(input), edit, [this, input = input] { onValueChanged(input); });

    updateVisibility();
    updateCredentialHint();
    refresh();
}

RuleForm::~RuleForm() = default;

void RuleForm::populateRegions()
{
    m_ui->ecrRegionComboBox->addItems(ecrUpstreamRegions());
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

void RuleForm::setRegistryLocation(const RegistryLocation& location)
{
    m_location = location;
    // Same-region ECR to ECR is the common case; the user can still pick another region.
    if (!m_validation->isTouched(int(Input::EcrRegion))
        && m_ui->ecrRegionComboBox->currentText().isEmpty() && !location.region.isEmpty())
        m_ui->ecrRegionComboBox->setEditText(location.region);
    updateCredentialHint();
    refresh();
}

void RuleForm::setExistingPrefixes(const QStringList& prefixes)
{
    m_existingPrefixes = prefixes;
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

void RuleForm::setFieldError(ptc::Field field, const QString& message)
{
    if (const auto input = inputFor(field))
        m_validation->setServerError(int(*input), message);
}

bool RuleForm::isFieldShown(ptc::Field field) const
{
    const auto input = inputFor(field);
    return input && (*input == Input::Url || isShown(*input));
}

void RuleForm::onRegistryChanged()
{
    m_validation->clearServerError(int(Input::Url));
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

void RuleForm::onValueChanged(Input input)
{
    m_validation->clearServerError(int(input));
    if (input == Input::AzureName || input == Input::EcrAccount || input == Input::EcrRegion)
        m_validation->clearServerError(int(Input::Url));
    refresh();
}

void RuleForm::refresh()
{
    const std::optional<UpstreamRegistry> chosen = registry();
    m_ui->upstreamUrlLabel->setText(chosen ? upstreamUrlForDisplay(*chosen, urlParts())
                                           : tr("Choose an upstream registry first."));
    QSet<int> eager;
    const QMap<int, QString> messages = validationMessages(&eager);
    m_validation->show(messages, eager);
    updatePreview();
    const bool root = ptc::normalizedPrefix(inputText(Input::Prefix)) == u"ROOT"_s;
    m_rootHint->setVisible(root);
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

void RuleForm::updatePreview()
{
    const std::optional<UpstreamRegistry> chosen = registry();
    const QString registryId = inputText(Input::RegistryId);
    RegistryLocation where = m_location;
    if (!registryId.isEmpty() && !ptc::checkField(ptc::Field::RegistryId, registryId))
        where.accountId = registryId;
    PullThroughCacheRule rule;
    rule.ecrRepositoryPrefix = inputText(Input::Prefix);
    rule.upstreamRegistry = chosen ? upstreamRegistryInfo(*chosen).wireName : QString();
    rule.registryId = where.accountId;
    m_ui->pullPreviewLabel->setText(u"docker pull "_s + where.pullReference(rule));
    if (chosen == UpstreamRegistry::DockerHub) {
        // The path after the registry host, e.g. "docker-hub/library/nginx:latest".
        const qsizetype hostLength = where.host().size() + 1;
        const auto path = [&](const QString& image) {
            return where.pullReference(rule, image).mid(hostLength);
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
    m_ui->credentialArnHintLabel->setText(
        m_location.accountId.isEmpty() || m_location.region.isEmpty()
            ? tr("The secret's name must start with ecr-pullthroughcache/, and the secret must be "
                 "in the same account and region as this registry.")
            : tr("The secret's name must start with ecr-pullthroughcache/, and the secret must be "
                 "in the same account (%1) and region (%2) as this registry.")
                  .arg(m_location.accountId, m_location.region));
}

QString RuleForm::inputText(Input input) const
{
    switch (input) {
    case Input::Registry: {
        const auto chosen = registry();
        return chosen ? upstreamRegistryInfo(*chosen).wireName : QString();
    }
    case Input::AzureName:
        return m_ui->azureRegistryNameLineEdit->text().trimmed();
    case Input::EcrAccount:
        return m_ui->ecrAccountLineEdit->text().trimmed();
    case Input::EcrRegion:
        return m_ui->ecrRegionComboBox->currentText().trimmed();
    case Input::Url:
        return upstreamUrl();
    case Input::Prefix:
        return m_ui->prefixLineEdit->text().trimmed();
    case Input::CredentialArn:
        return m_ui->credentialArnLineEdit->text().trimmed();
    case Input::CustomRoleArn:
        return m_ui->customRoleArnLineEdit->text().trimmed();
    case Input::UpstreamPrefix:
        return m_ui->upstreamPrefixLineEdit->text().trimmed();
    case Input::RegistryId:
        return m_ui->registryIdLineEdit->text().trimmed();
    case Input::Count:
        break;
    }
    return QString();
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

UpstreamUrlParts RuleForm::urlParts() const
{
    return {inputText(Input::AzureName), inputText(Input::EcrAccount), inputText(Input::EcrRegion)};
}

QString RuleForm::upstreamUrl() const
{
    const std::optional<UpstreamRegistry> chosen = registry();
    return chosen ? composeUpstreamUrl(*chosen, urlParts()) : QString();
}

QMap<int, QString> RuleForm::validationMessages(QSet<int>* eager) const
{
    QMap<int, QString> messages;
    const std::optional<UpstreamRegistry> chosen = registry();
    if (!chosen)
        messages.insert(int(Input::Registry), tr("Choose an upstream registry."));

    // The free parts of the URL, so that a problem shows under the part to fix.
    if (chosen == UpstreamRegistry::AzureContainerRegistry) {
        const QString name = inputText(Input::AzureName);
        if (name.isEmpty())
            messages.insert(
                int(Input::AzureName), tr("Enter the name of the Azure container registry."));
        else if (!upstreamUrlMatches(*chosen, upstreamUrl()))
            messages.insert(int(Input::AzureName),
                tr("Enter the registry name as in <name>.azurecr.io: 5 to 50 lower-case letters "
                   "and digits."));
    }
    if (chosen == UpstreamRegistry::Ecr) {
        const QString account = inputText(Input::EcrAccount);
        const QString region = inputText(Input::EcrRegion);
        if (account.isEmpty())
            messages.insert(int(Input::EcrAccount),
                tr("Enter the 12-digit ID of the account that owns the upstream registry."));
        else if (ptc::checkField(ptc::Field::RegistryId, account))
            messages.insert(int(Input::EcrAccount), tr("An AWS account ID has exactly 12 digits."));
        if (region.isEmpty())
            messages.insert(
                int(Input::EcrRegion), tr("Choose the region of the upstream registry."));
        else if (!isEcrUpstreamRegion(region))
            messages.insert(int(Input::EcrRegion),
                tr("'%1' is not an AWS region an upstream registry can be in, such as us-east-1.")
                    .arg(region));
    }
    const bool urlPartsSaid = !chosen || messages.contains(int(Input::AzureName))
        || messages.contains(int(Input::EcrAccount)) || messages.contains(int(Input::EcrRegion));

    QList<ptc::FieldError> errors = ptc::validateCreate(request());
    const qsizetype ownErrors = errors.size();
    errors.append(ptc::checkInRegistry(request(), m_location, m_existingPrefixes));
    for (qsizetype i = 0; i < errors.size(); ++i) {
        const ptc::FieldError& error = errors.at(i);
        std::optional<Input> input = inputFor(error.field);
        if (!input || !isShown(*input))
            input = Input::Url;
        if (*input == Input::Url && urlPartsSaid)
            continue; // already said under the registry or a URL part
        if (messages.contains(int(*input)))
            continue;
        messages.insert(int(*input), error.message);
        if (eager && i >= ownErrors)
            eager->insert(int(*input));
    }
    return messages;
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
