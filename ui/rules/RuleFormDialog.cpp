#include "RuleFormDialog.h"

#include "RuleForm.h"
#include "ui_RuleFormDialog.h"

#include <QPushButton>

using namespace Qt::StringLiterals;

namespace ecr {

RuleFormDialog::RuleFormDialog(QWidget* parent)
    : SubmitDialog(parent)
    , m_ui(std::make_unique<Ui::RuleFormDialog>())
{
    m_ui->setupUi(this);
    initSubmit(m_ui->buttonBox, tr("Crea&te"), u"createButton"_s, m_ui->busyLabel, m_ui->messageBar,
        {m_ui->ruleForm}, &m_ui->ruleForm->validation(), tr("Creating the rule"));
    connect(this, &SubmitDialog::submitted, this,
        [this] { Q_EMIT createRequested(m_ui->ruleForm->request()); });
    auto* check = m_ui->buttonBox->addButton(tr("Chec&k…"), QDialogButtonBox::ActionRole);
    check->setObjectName(u"checkButton"_s);
    check->setAutoDefault(false);
    check->setToolTip(tr("Check what the rule needs to work (secret, registry policy, template) "
                         "before creating it"));
    connect(check, &QPushButton::clicked, this,
        [this] { Q_EMIT checkRequested(m_ui->ruleForm->request()); });
}

RuleFormDialog::~RuleFormDialog() = default;

RuleForm* RuleFormDialog::form() const
{
    return m_ui->ruleForm;
}

void RuleFormDialog::setRegistryLocation(const RegistryLocation& location)
{
    m_ui->ruleForm->setRegistryLocation(location);
}

} // namespace ecr
