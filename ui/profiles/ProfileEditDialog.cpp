#include "ProfileEditDialog.h"

#include "ErrorPresenter.h"
#include "MessageBar.h"
#include "ProfileEditor.h"
#include "AppIcon.h"
#include "ui_ProfileEditDialog.h"

#include <QPushButton>

using namespace Qt::StringLiterals;

namespace ecr {

ProfileEditDialog::ProfileEditDialog(QWidget* parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::ProfileEditDialog>())
{
    m_ui->setupUi(this);
    setWindowIcon(applicationIcon());
    m_saveButton = m_ui->buttonBox->addButton(tr("&Save"), QDialogButtonBox::AcceptRole);
    m_saveButton->setObjectName(u"saveButton"_s);
    m_saveButton->setDefault(true);
    m_ui->busyLabel->hide();

    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &ProfileEditDialog::submit);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &ProfileEditDialog::reject);
    connect(m_ui->profileEditor, &ProfileEditor::validityChanged, this,
        &ProfileEditDialog::updateSaveButton);
    updateSaveButton();
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
    updateSaveButton();
}

void ProfileEditDialog::setOtherProfiles(QList<Profile> others)
{
    m_ui->profileEditor->setOtherProfiles(std::move(others));
}

Profile ProfileEditDialog::profile() const
{
    return m_ui->profileEditor->profile();
}

void ProfileEditDialog::setBusy(bool busy)
{
    m_busy = busy;
    m_ui->profileEditor->setEnabled(!busy);
    m_ui->busyLabel->setVisible(busy);
    updateSaveButton();
}

void ProfileEditDialog::succeed()
{
    setBusy(false);
    accept();
}

void ProfileEditDialog::fail(const AwsError& error)
{
    setBusy(false);
    const ErrorText text = describeError(error, tr("Saving the profile"));
    m_ui->messageBar->showMessage(
        tr("%1: %2 %3").arg(text.title, text.what, text.action), MessageBar::Type::Error);
    m_ui->messageBar->setToolTip(text.details);
}

void ProfileEditDialog::submit()
{
    if (m_busy)
        return;
    if (!m_ui->profileEditor->isValid()) {
        m_ui->profileEditor->markAllTouched();
        m_ui->profileEditor->focusFirstMessage();
        return;
    }
    m_ui->messageBar->hideMessage();
    setBusy(true);
    Q_EMIT saveRequested();
}

void ProfileEditDialog::updateSaveButton()
{
    m_saveButton->setEnabled(!m_busy && m_ui->profileEditor->isValid());
}

} // namespace ecr
