#include "CreateSecretDialog.h"

#include "AppIcon.h"
#include "FormValidation.h"
#include "MessageBar.h"
#include "SecretField.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace ecr {

CreateSecretDialog::CreateSecretDialog(QWidget* parent)
    : SubmitDialog(parent)
    , m_validation(new FormValidation(this))
{
    setObjectName(u"createSecretDialog"_s);
    setWindowTitle(tr("Create Secret"));
    setWindowIcon(applicationIcon());
    auto* layout = new QVBoxLayout(this);
    m_messageBar = new MessageBar(this);
    m_messageBar->setObjectName(u"messageBar"_s);
    layout->addWidget(m_messageBar);
    m_location = new QLabel(this);
    m_location->setObjectName(u"locationLabel"_s);
    m_location->setWordWrap(true);
    layout->addWidget(m_location);

    auto* fields = new QWidget(this);
    auto* form = new QFormLayout(fields);
    form->setContentsMargins(0, 0, 0, 0);
    auto addField = [&](Input input, const QString& title, const QString& name,
                        const QString& placeholder, QWidget* prefix = nullptr) {
        auto* column = new QWidget(fields);
        auto* v = new QVBoxLayout(column);
        v->setContentsMargins(0, 0, 0, 0);
        v->setSpacing(2);
        auto* row = new QHBoxLayout;
        if (prefix)
            row->addWidget(prefix);
        auto* edit = new QLineEdit(column);
        edit->setObjectName(name);
        edit->setPlaceholderText(placeholder);
        row->addWidget(edit, 1);
        v->addLayout(row);
        auto* message = new QLabel(column);
        message->setObjectName(QString(name).replace(u"LineEdit"_s, u"ErrorLabel"_s));
        message->setWordWrap(true);
        v->addWidget(message);
        auto* label = new QLabel(title, fields);
        label->setBuddy(edit);
        form->addRow(label, column);
        m_validation->addFields({{int(input), edit, message}});
        m_validation->watch(int(input), edit, [this] { refresh(); });
        return edit;
    };
    auto* prefix = new QLabel(QString(kPtcSecretPrefix), fields);
    prefix->setObjectName(u"namePrefixLabel"_s);
    m_name = addField(
        Input::Name, tr("&Name:"), u"nameLineEdit"_s, tr("for example docker-hub"), prefix);
    m_username = addField(Input::Username, tr("&User name:"), u"usernameLineEdit"_s,
        tr("The upstream registry's user"));
    m_token = addField(Input::Token, tr("Access &token:"), u"tokenLineEdit"_s,
        tr("A personal access token or password"));
    makeSecretField(m_token);
    m_token->setAccessibleDescription(
        tr("Sent to AWS Secrets Manager once; not stored on this computer."));
    m_kmsKey = addField(Input::KmsKey, tr("&KMS key:"), u"kmsKeyLineEdit"_s,
        tr("Optional; empty: the account's aws/secretsmanager key"));
    m_description = new QLineEdit(fields);
    m_description->setObjectName(u"descriptionLineEdit"_s);
    m_description->setPlaceholderText(tr("Optional"));
    auto* descriptionLabel = new QLabel(tr("&Description:"), fields);
    descriptionLabel->setBuddy(m_description);
    form->addRow(descriptionLabel, m_description);
    layout->addWidget(fields);
    auto* note = new QLabel(tr("The token goes to AWS Secrets Manager only; this app never stores "
                               "it and never reads it back. Amazon ECR reads it when it pulls "
                               "from the upstream registry."),
        this);
    note->setWordWrap(true);
    layout->addWidget(note);
    auto* busy = new QLabel(this);
    busy->setObjectName(u"busyLabel"_s);
    layout->addWidget(busy);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    layout->addWidget(buttons);
    m_validation->setErrorFields([](const AwsError& error) {
        if (error.code == u"Name" || error.isService(u"ResourceExistsException")
            || error.isService(u"InvalidParameterException"))
            return QList<int>{int(Input::Name)};
        if (error.isService(u"ResourceNotFoundException") || error.isService(u"EncryptionFailure"))
            return QList<int>{int(Input::KmsKey)};
        return QList<int>();
    });
    initSubmit(buttons, tr("C&reate"), u"createSecretSubmitButton"_s, busy, m_messageBar, {fields},
        m_validation, tr("Creating the secret"));
    connect(this, &SubmitDialog::submitted, this, [this] { Q_EMIT createRequested(request()); });
    refresh();
}

CreateSecretDialog::~CreateSecretDialog()
{
    clearToken();
}

void CreateSecretDialog::setLocation(const QString& account, const QString& region)
{
    m_location->setText(account.isEmpty()
            ? tr("The secret is created in %1, the registry's region.").arg(region)
            : tr("The secret is created in account %1, region %2: the registry's.")
                  .arg(account, region));
}

void CreateSecretDialog::setSuggestedName(const QString& name)
{
    m_name->setText(name);
}

CreateSecretRequest CreateSecretDialog::request() const
{
    CreateSecretRequest r;
    r.name = QString(kPtcSecretPrefix) + m_name->text().trimmed();
    r.description = m_description->text().trimmed();
    r.kmsKeyId = m_kmsKey->text().trimmed();
    r.credentials = {m_username->text().trimmed(), m_token->text()};
    return r;
}

void CreateSecretDialog::clearToken()
{
    if (m_token) {
        // setText, not clear(): it also empties the undo history, so Ctrl+Z cannot bring the
        // token back; and the field is masked again.
        m_token->setText(QString());
        m_token->setModified(false);
        if (auto* show = m_token->findChild<QAction*>(m_token->objectName() + u"ShowAction"_s))
            show->setChecked(false);
    }
}

void CreateSecretDialog::done(int result)
{
    clearToken();
    SubmitDialog::done(result);
}

void CreateSecretDialog::refresh()
{
    QMap<int, QString> messages;
    const CreateSecretRequest r = request();
    if (const QString problem = secretNameProblem(r.name); !problem.isEmpty())
        messages.insert(int(Input::Name), problem);
    if (r.credentials.username.isEmpty())
        messages.insert(int(Input::Username), tr("Enter the upstream registry's user name."));
    if (r.credentials.accessToken.isEmpty())
        messages.insert(
            int(Input::Token), tr("Enter the access token (or password) of that user."));
    else if (const QString problem = credentialsProblem(r.credentials); !problem.isEmpty())
        messages.insert(int(Input::Token), problem);
    if (r.kmsKeyId.contains(u' '))
        messages.insert(
            int(Input::KmsKey), tr("A KMS key is an ID, an ARN or alias/name, without spaces."));
    m_validation->show(messages);
    updateSubmitButton();
}

} // namespace ecr
