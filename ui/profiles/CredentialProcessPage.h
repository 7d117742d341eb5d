#pragma once

#include "Profile.h"

#include <QWidget>

#include <functional>
#include <memory>

namespace Ui {
class CredentialProcessPage;
}

namespace ecr {

class FormValidation;

// The profile editor's page for a credential_process command (split like a shell would, run
// without one; its output is never shown or stored).
class CredentialProcessPage final : public QWidget
{
    Q_OBJECT

public:
    explicit CredentialProcessPage(QWidget* parent = nullptr);
    ~CredentialProcessPage() override;

    void load(const Profile& profile);
    void store(Profile& profile) const;
    void addFields(FormValidation& validation, std::function<bool()> shown);

Q_SIGNALS:
    void changed();

private:
    std::unique_ptr<Ui::CredentialProcessPage> m_ui;
};

} // namespace ecr
