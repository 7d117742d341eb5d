#include "AssumeRolePage.h"

#include "FormValidation.h"
#include "ProfileFields.h"
#include "ui_AssumeRolePage.h"

#include <QLineEdit>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace ecr {

namespace {

// The source-profile item that stands for "credential_source = Environment". Profile ids are
// UUIDs or "shared:<name>", so this cannot collide with one.
const QString kEnvironmentSource = u"\u0001environment"_s;

} // namespace

AssumeRolePage::AssumeRolePage(QWidget* parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::AssumeRolePage>())
{
    m_ui->setupUi(this);
    m_ui->durationSpinBox->setToolTip(
        tr("How long the role's temporary credentials last: 900 to 43200 seconds."));
    for (QLineEdit* edit : {m_ui->roleArnLineEdit, m_ui->roleMfaSerialLineEdit,
             m_ui->externalIdLineEdit, m_ui->sessionNameLineEdit})
        connect(edit, &QLineEdit::textChanged, this, &AssumeRolePage::changed);
    connect(m_ui->sourceProfileComboBox, &QComboBox::currentIndexChanged, this, [this] {
        if (!m_filling && m_validation)
            m_validation->markTouched(int(ProfileInput::SourceProfile));
        Q_EMIT changed();
    });
    // The spin box's own signals stay silent while the text is out of range ("500" on the way to
    // "5000"); its line edit tells every keystroke, so the message shows as the user types.
    if (auto* durationEdit = m_ui->durationSpinBox->findChild<QLineEdit*>()) {
        connect(durationEdit, &QLineEdit::textChanged, this, [this] {
            if (!m_filling && m_validation)
                m_validation->markTouched(int(ProfileInput::Duration));
            Q_EMIT changed();
        });
    }
}

AssumeRolePage::~AssumeRolePage() = default;

void AssumeRolePage::addFields(FormValidation& validation, std::function<bool()> shown)
{
    m_validation = &validation;
    validation.addFields(
        {
            {int(ProfileInput::RoleArn), m_ui->roleArnLineEdit, m_ui->roleArnErrorLabel},
            {int(ProfileInput::RoleMfaSerial), m_ui->roleMfaSerialLineEdit,
                m_ui->roleMfaSerialErrorLabel},
            {int(ProfileInput::ExternalId), m_ui->externalIdLineEdit, m_ui->externalIdErrorLabel},
            {int(ProfileInput::SessionName), m_ui->sessionNameLineEdit,
                m_ui->sessionNameErrorLabel},
        },
        shown);
    // The source and the duration always count as filled in: their message shows at once.
    FormValidation::Field source;
    source.editor = m_ui->sourceProfileComboBox;
    source.messageLabel = m_ui->sourceProfileErrorLabel;
    source.shown = shown;
    source.hasValue = [this] {
        return m_ui->sourceProfileComboBox->currentIndex() >= 0;
    };
    validation.addField(int(ProfileInput::SourceProfile), source);
    FormValidation::Field duration = source;
    duration.editor = m_ui->durationSpinBox;
    duration.messageLabel = m_ui->durationErrorLabel;
    duration.hasValue = [] {
        return true;
    };
    validation.addField(int(ProfileInput::Duration), duration);
}

void AssumeRolePage::load(const Profile& profile, const QList<Profile>& others)
{
    m_filling = true;
    m_ui->roleArnLineEdit->setText(profile.roleArn);
    m_ui->roleMfaSerialLineEdit->setText(profile.mfaSerial);
    m_ui->externalIdLineEdit->setText(profile.externalId);
    m_ui->durationSpinBox->setValue(profile.durationSeconds);
    m_ui->sessionNameLineEdit->setText(profile.sessionName);
    fillSourceProfiles(profile, others, false);
    m_filling = false;
}

void AssumeRolePage::setOtherProfiles(const Profile& profile, const QList<Profile>& others)
{
    const bool filling = m_filling;
    m_filling = true; // a refill is no edit of the user's
    fillSourceProfiles(profile, others, true);
    m_filling = filling;
}

void AssumeRolePage::store(Profile& profile) const
{
    profile.roleArn = m_ui->roleArnLineEdit->text().trimmed();
    const QString source = m_ui->sourceProfileComboBox->currentData().toString();
    if (source == kEnvironmentSource)
        profile.roleSourceIsEnvironment = true;
    else
        profile.sourceProfile = source;
    profile.mfaSerial = m_ui->roleMfaSerialLineEdit->text().trimmed();
    profile.externalId = m_ui->externalIdLineEdit->text().trimmed();
    profile.durationSeconds = typedDuration();
    profile.sessionName = m_ui->sessionNameLineEdit->text().trimmed();
}

void AssumeRolePage::fillSourceProfiles(
    const Profile& profile, const QList<Profile>& others, bool keepChoice)
{
    QComboBox* combo = m_ui->sourceProfileComboBox;
    QString wanted = combo->currentData().toString();
    if (!keepChoice || combo->currentIndex() < 0)
        wanted = profile.roleSourceIsEnvironment ? kEnvironmentSource : profile.sourceProfile;

    QList<Profile> sorted = others;
    std::sort(sorted.begin(), sorted.end(), [](const Profile& a, const Profile& b) {
        return a.name.compare(b.name, Qt::CaseInsensitive) < 0;
    });
    combo->clear();
    combo->addItem(tr("Environment variables"), kEnvironmentSource);
    combo->setItemData(0,
        tr("AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN of the app's process"),
        Qt::ToolTipRole);
    for (const Profile& other : std::as_const(sorted)) {
        if (!profile.id.isEmpty() && other.id == profile.id)
            continue;
        combo->addItem(other.name, other.id);
    }
    int index = combo->findData(wanted);
    if (index < 0 && !wanted.isEmpty()) {
        // A name instead of an id, or a profile the app does not keep.
        const auto byName = std::find_if(sorted.cbegin(), sorted.cend(),
            [&](const Profile& other) { return other.name == wanted; });
        if (byName != sorted.cend()) {
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

int AssumeRolePage::typedDuration() const
{
    // The text as typed, even out of range, so an invalid duration is reported instead of being
    // silently replaced by the last valid value.
    bool ok = false;
    const int seconds = locale().toInt(m_ui->durationSpinBox->cleanText(), &ok);
    return ok ? seconds : 0;
}

} // namespace ecr
