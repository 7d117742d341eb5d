#pragma once

#include "EcrTypes.h"
#include "PullCommand.h"
#include "SubmitDialog.h"

#include <memory>

class QCheckBox;

namespace Ui {
class RuleFormDialog;
}

namespace ecr {

class RuleForm;

// A thin dialog around RuleForm. Create asks the caller to create the rule (createRequested) and
// waits in a busy state; the caller answers with succeed() or fail(error) (SubmitDialog).
class RuleFormDialog final : public SubmitDialog
{
    Q_OBJECT

public:
    explicit RuleFormDialog(QWidget* parent = nullptr);
    ~RuleFormDialog() override;

    RuleForm* form() const;
    // "Then create a template for this prefix": asked for after the rule is created.
    bool createTemplateAfterwards() const;
    void setRegistryLocation(const RegistryLocation& location);

Q_SIGNALS:
    void createRequested(const ecr::CreateRuleRequest& request);
    // Check…: the pre-flight check of the rule as the form stands, before anything is created.
    void checkRequested(const ecr::CreateRuleRequest& request);

private:
    std::unique_ptr<Ui::RuleFormDialog> m_ui;
    QCheckBox* m_templateAfterwards = nullptr;
};

} // namespace ecr
