#include "ProfileEditDialog.h"

#include "MessageBar.h"
#include "ProfileEditor.h"
#include "ui_ProfileEditDialog.h"

#include <QPushButton>

using namespace Qt::StringLiterals;

namespace ecr {

ProfileEditDialog::ProfileEditDialog(QWidget* parent)
    : SubmitDialog(parent)
    , m_ui(std::make_unique<Ui::ProfileEditDialog>())
{
    m_ui->setupUi(this);
    initSubmit(m_ui->buttonBox, tr("&Save"), u"saveButton"_s, m_ui->busyLabel, m_ui->messageBar,
        {m_ui->profileEditor}, &m_ui->profileEditor->validation(), tr("Saving the profile"));
    connect(this, &SubmitDialog::submitted, this, &ProfileEditDialog::saveRequested);
}

ProfileEditDialog::~ProfileEditDialog() = default;

ProfileEditor* ProfileEditDialog::editor() const
{
    return m_ui->profileEditor;
}

void ProfileEditDialog::setProfile(
    const Profile& profile, Mode mode, const QString& keysFromProfileId)
{
    m_mode = mode;
    m_keysFromProfileId = mode == Mode::Duplicate && profile.source == CredentialSource::StaticKeys
        ? keysFromProfileId
        : QString();
    switch (mode) {
    case Mode::Add:
        setWindowTitle(tr("Add Profile"));
        break;
    case Mode::Edit:
        setWindowTitle(tr("Edit Profile %1").arg(profile.name));
        break;
    case Mode::Duplicate:
        setWindowTitle(tr("Duplicate Profile"));
        break;
    }
    m_ui->profileEditor->setProfile(profile, mode != Mode::Edit);
    m_ui->profileEditor->setKeysStoredElsewhere(!m_keysFromProfileId.isEmpty());
    m_ui->messageBar->hideMessage();
    updateSubmitButton();
}

void ProfileEditDialog::setOtherProfiles(QList<Profile> others)
{
    m_ui->profileEditor->setOtherProfiles(std::move(others));
}

Profile ProfileEditDialog::profile() const
{
    return m_ui->profileEditor->profile();
}

} // namespace ecr
