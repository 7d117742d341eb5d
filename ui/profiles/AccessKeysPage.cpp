#include "AccessKeysPage.h"

#include "AppIcon.h"
#include "FormValidation.h"
#include "ProfileFields.h"
#include "SecretField.h"
#include "ui_AccessKeysPage.h"

#include <QAction>

using namespace Qt::StringLiterals;

namespace ecr {

AccessKeysPage::AccessKeysPage(QWidget* parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::AccessKeysPage>())
{
    m_ui->setupUi(this);
    for (QLineEdit* edit : {m_ui->accessKeyIdLineEdit, m_ui->secretAccessKeyLineEdit,
             m_ui->sessionTokenLineEdit, m_ui->keysMfaSerialLineEdit})
        connect(edit, &QLineEdit::textChanged, this, &AccessKeysPage::changed);
    // Secret fields can be shown while typing, and hide again.
    for (QLineEdit* edit : {m_ui->secretAccessKeyLineEdit, m_ui->sessionTokenLineEdit})
        makeSecretField(edit);
    updatePlaceholders();
}

AccessKeysPage::~AccessKeysPage() = default;

void AccessKeysPage::addFields(FormValidation& validation, std::function<bool()> shown)
{
    m_validation = &validation;
    // The key fields mark touched themselves (below): replacing keys takes both.
    validation.addFields({{int(ProfileInput::KeysMfaSerial), m_ui->keysMfaSerialLineEdit,
                             m_ui->keysMfaSerialErrorLabel}},
        shown);
    for (const auto& [input, edit, label] :
        {std::tuple{
             ProfileInput::AccessKeyId, m_ui->accessKeyIdLineEdit, m_ui->accessKeyIdErrorLabel},
            std::tuple{ProfileInput::SecretAccessKey, m_ui->secretAccessKeyLineEdit,
                m_ui->secretAccessKeyErrorLabel}}) {
        FormValidation::Field field;
        field.editor = edit;
        field.messageLabel = label;
        field.shown = shown;
        validation.addField(int(input), field);
    }
    // Replacing stored keys takes the whole pair: typing one of them explains the other, and so
    // does typing a new session token.
    auto touchKeys = [this](ProfileInput input) {
        if (hasStoredKeys()) {
            m_validation->markTouched(int(ProfileInput::AccessKeyId));
            m_validation->markTouched(int(ProfileInput::SecretAccessKey));
        } else {
            m_validation->markTouched(int(input));
        }
    };
    connect(m_ui->accessKeyIdLineEdit, &QLineEdit::textEdited, this,
        [touchKeys] { touchKeys(ProfileInput::AccessKeyId); });
    connect(m_ui->secretAccessKeyLineEdit, &QLineEdit::textEdited, this,
        [touchKeys] { touchKeys(ProfileInput::SecretAccessKey); });
    connect(m_ui->sessionTokenLineEdit, &QLineEdit::textEdited, this, [this] {
        if (hasStoredKeys())
            m_validation->markTouched(int(ProfileInput::AccessKeyId));
    });
}

void AccessKeysPage::load(const Profile& profile)
{
    // Secrets are never read back into the form.
    m_ui->accessKeyIdLineEdit->clear();
    m_ui->secretAccessKeyLineEdit->clear();
    m_ui->sessionTokenLineEdit->clear();
    m_ui->keysMfaSerialLineEdit->setText(profile.mfaSerial);
}

void AccessKeysPage::setStoredKeys(StoredKeys stored)
{
    m_stored = stored;
    updatePlaceholders();
}

void AccessKeysPage::store(Profile& profile) const
{
    profile.mfaSerial = m_ui->keysMfaSerialLineEdit->text().trimmed();
}

std::optional<sigv4::Credentials> AccessKeysPage::typedKeys() const
{
    if (!keysTyped())
        return std::nullopt;
    return sigv4::Credentials{m_ui->accessKeyIdLineEdit->text().trimmed(),
        m_ui->secretAccessKeyLineEdit->text().trimmed(),
        m_ui->sessionTokenLineEdit->text().trimmed()};
}

void AccessKeysPage::addMessages(QMap<int, QString>& messages) const
{
    for (const AccessKeyIssue& issue :
        validateTypedKeys(m_ui->accessKeyIdLineEdit->text().trimmed(),
            m_ui->secretAccessKeyLineEdit->text().trimmed(), keysTyped(), hasStoredKeys())) {
        const ProfileInput input = issue.field == AccessKeyField::AccessKeyId
            ? ProfileInput::AccessKeyId
            : ProfileInput::SecretAccessKey;
        if (!messages.contains(int(input)))
            messages.insert(int(input), issue.message);
    }
}

bool AccessKeysPage::keysTyped() const
{
    return !m_ui->accessKeyIdLineEdit->text().trimmed().isEmpty()
        || !m_ui->secretAccessKeyLineEdit->text().trimmed().isEmpty()
        || !m_ui->sessionTokenLineEdit->text().trimmed().isEmpty();
}

void AccessKeysPage::updatePlaceholders()
{
    if (hasStoredKeys()) {
        const QString stored = m_stored == StoredKeys::CopiedFromOriginal
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

} // namespace ecr
