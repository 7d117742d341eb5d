#pragma once

#include "Profile.h"

#include <QList>
#include <QWidget>

#include <functional>
#include <memory>

namespace Ui {
class AssumeRolePage;
}

namespace ecr {

class FormValidation;

// The profile editor's page for assuming a role: the role ARN, where the source credentials
// come from (another profile, or the environment variables), an MFA device, the external id,
// the session's duration and name.
class AssumeRolePage final : public QWidget
{
    Q_OBJECT

public:
    explicit AssumeRolePage(QWidget* parent = nullptr);
    ~AssumeRolePage() override;

    // `profile` is the edited one; `others` the profiles it may take its credentials from.
    void load(const Profile& profile, const QList<Profile>& others);
    // A new list of other profiles; the user's choice of source is kept.
    void setOtherProfiles(const Profile& profile, const QList<Profile>& others);
    void store(Profile& profile) const;

    void addFields(FormValidation& validation, std::function<bool()> shown);

Q_SIGNALS:
    void changed();

private:
    void fillSourceProfiles(const Profile& profile, const QList<Profile>& others, bool keepChoice);
    int typedDuration() const;

    std::unique_ptr<Ui::AssumeRolePage> m_ui;
    FormValidation* m_validation = nullptr;
    bool m_filling = false; // load() or a new list is writing the fields
};

} // namespace ecr
