#include "ReplaceTokenDialog.h"

#include "AppIcon.h"
#include "FormValidation.h"
#include "MessageBar.h"
#include "SecretField.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace ecr {

namespace {

enum Input
{
    Username,
    Token,
};

} // namespace

ReplaceTokenDialog::ReplaceTokenDialog(const QString& secretName, QWidget* parent)
    : SubmitDialog(parent)
    , m_validation(new FormValidation(this))
{
    setObjectName(u"replaceTokenDialog"_s);
    setWindowTitle(tr("Replace Token"));
    setWindowIcon(applicationIcon());
    auto* layout = new QVBoxLayout(this);
    auto* bar = new MessageBar(this);
    bar->setObjectName(u"messageBar"_s);
    layout->addWidget(bar);
    auto* intro = new QLabel(tr("New credentials for %1. Every rule that uses the secret is "
                                "verified with them afterwards.")
                                 .arg(secretName),
        this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    auto* fields = new QWidget(this);
    auto* form = new QFormLayout(fields);
    form->setContentsMargins(0, 0, 0, 0);
    auto add = [&](int input, const QString& title, const QString& name) {
        auto* column = new QWidget(fields);
        auto* v = new QVBoxLayout(column);
        v->setContentsMargins(0, 0, 0, 0);
        auto* edit = new QLineEdit(column);
        edit->setObjectName(name);
        v->addWidget(edit);
        auto* message = new QLabel(column);
        message->setObjectName(QString(name).replace(u"LineEdit"_s, u"ErrorLabel"_s));
        v->addWidget(message);
        auto* label = new QLabel(title, fields);
        label->setBuddy(edit);
        form->addRow(label, column);
        m_validation->addFields({{input, edit, message}});
        m_validation->watch(input, edit, [this] { refresh(); });
        return edit;
    };
    m_username = add(Username, tr("&User name:"), u"usernameLineEdit"_s);
    m_token = add(Token, tr("Access &token:"), u"tokenLineEdit"_s);
    makeSecretField(m_token);
    layout->addWidget(fields);
    auto* busy = new QLabel(this);
    busy->setObjectName(u"busyLabel"_s);
    layout->addWidget(busy);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    layout->addWidget(buttons);
    initSubmit(buttons, tr("&Replace"), u"replaceButton"_s, busy, bar, {fields}, m_validation,
        tr("Replacing the token"));
    connect(
        this, &SubmitDialog::submitted, this, [this] { Q_EMIT replaceRequested(credentials()); });
    refresh();
}

ReplaceTokenDialog::~ReplaceTokenDialog()
{
    clearToken();
}

UpstreamCredentials ReplaceTokenDialog::credentials() const
{
    return {m_username->text().trimmed(), m_token->text()};
}

void ReplaceTokenDialog::clearToken()
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

void ReplaceTokenDialog::done(int result)
{
    clearToken();
    SubmitDialog::done(result);
}

void ReplaceTokenDialog::refresh()
{
    QMap<int, QString> messages;
    const UpstreamCredentials c = credentials();
    if (c.username.isEmpty())
        messages.insert(Username, tr("Enter the upstream registry's user name."));
    if (c.accessToken.isEmpty())
        messages.insert(Token, tr("Enter the new access token (or password)."));
    m_validation->show(messages);
    updateSubmitButton();
}

} // namespace ecr
