#pragma once

#include "Profile.h"
#include "SubmitDialog.h"

#include <memory>

namespace Ui {
class ProfileEditDialog;
}

namespace ecr {

class ProfileEditor;

// A thin dialog around ProfileEditor for Add, Edit and Duplicate. Save (enabled while the
// profile is valid) emits saveRequested() and waits in a busy state; the caller reads profile()
// and the editor's newKeys(), saves, and answers with succeed() or fail(error) (SubmitDialog).
class ProfileEditDialog final : public SubmitDialog
{
    Q_OBJECT

public:
    enum class Mode
    {
        Add,
        Edit,
        Duplicate,
    };

    explicit ProfileEditDialog(QWidget* parent = nullptr);
    ~ProfileEditDialog() override;

    ProfileEditor* editor() const;
    // Duplicate: `profile` is the copy to save (no id); its keys come from `keysFromProfileId`
    // unless the user types new ones.
    void setProfile(const Profile& profile, Mode mode, const QString& keysFromProfileId = {});
    void setOtherProfiles(QList<Profile> others);
    Mode mode() const { return m_mode; }
    Profile profile() const;
    // Duplicate of an access-keys profile: whose stored keys to copy when none are typed.
    QString keysFromProfileId() const { return m_keysFromProfileId; }

Q_SIGNALS:
    void saveRequested();

private:
    std::unique_ptr<Ui::ProfileEditDialog> m_ui;
    Mode m_mode = Mode::Add;
    QString m_keysFromProfileId;
};

} // namespace ecr
