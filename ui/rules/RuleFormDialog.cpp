#include "RuleFormDialog.h"

#include "RuleForm.h"
#include "ui_RuleFormDialog.h"

#include <QBoxLayout>
#include <QCheckBox>
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
    m_templateAfterwards
        = new QCheckBox(tr("Then create a repository creation &template for this prefix"), this);
    m_templateAfterwards->setObjectName(u"createTemplateCheckBox"_s);
    m_templateAfterwards->setToolTip(tr("Encryption, tag mutability, tags and policies of the "
                                        "repositories this rule caches into"));
    if (auto* box = qobject_cast<QBoxLayout*>(layout()))
        box->insertWidget(std::max(0, box->indexOf(m_ui->buttonBox)), m_templateAfterwards);
    auto* check = m_ui->buttonBox->addButton(tr("Chec&k…"), QDialogButtonBox::ActionRole);
    check->setObjectName(u"checkButton"_s);
    check->setAutoDefault(false);
    check->setToolTip(tr("Check what the rule needs to work (secret, registry policy, template) "
                         "before creating it"));
    connect(check, &QPushButton::clicked, this,
        [this] { Q_EMIT checkRequested(m_ui->ruleForm->request()); });
}

RuleFormDialog::~RuleFormDialog() = default;

bool RuleFormDialog::createTemplateAfterwards() const
{
    return m_templateAfterwards->isChecked();
}

RuleForm* RuleFormDialog::form() const
{
    return m_ui->ruleForm;
}

void RuleFormDialog::setRegistryLocation(const RegistryLocation& location)
{
    m_ui->ruleForm->setRegistryLocation(location);
}

} // namespace ecr
