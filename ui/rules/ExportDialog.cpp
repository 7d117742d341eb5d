#include "ExportDialog.h"

#include "AppIcon.h"
#include "CodePages.h"

#include <QClipboard>
#include <QDialogButtonBox>
#include <QGuiApplication>
#include <QLabel>
#include <QPushButton>
#include <QTabWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace ecr {

ExportDialog::ExportDialog(const ExportInput& input, QWidget* parent)
    : QDialog(parent)
{
    setObjectName(u"exportDialog"_s);
    setWindowTitle(tr("Export as Code"));
    setWindowIcon(applicationIcon());
    auto* layout = new QVBoxLayout(this);
    auto* intro = new QLabel(
        tr("%n rule(s) and %1 in %2. Terraform's import blocks adopt what "
           "exists instead of creating it again.",
            nullptr, int(input.rules.size()))
            .arg(tr("%n template(s)", nullptr, int(input.templates.size())), input.region),
        this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(u"formatTabs"_s);
    addCodePage(
        m_tabs, tr("AWS &CLI"), u"cliText"_s, exportAwsCli(input), u"ecr-pull-through-cache.sh"_s);
    addCodePage(m_tabs, tr("&Terraform"), u"terraformText"_s, exportTerraform(input),
        u"ecr-pull-through-cache.tf"_s);
    addCodePage(m_tabs, tr("Cloud&Formation"), u"cloudFormationText"_s, exportCloudFormation(input),
        u"ecr-pull-through-cache.json"_s);
    layout->addWidget(m_tabs, 1);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto* copy = buttons->addButton(tr("C&opy"), QDialogButtonBox::ActionRole);
    copy->setObjectName(u"copyButton"_s);
    auto* saveButton = buttons->addButton(tr("&Save…"), QDialogButtonBox::ActionRole);
    saveButton->setObjectName(u"saveButton"_s);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(copy, &QPushButton::clicked, this,
        [this] { QGuiApplication::clipboard()->setText(currentText()); });
    connect(saveButton, &QPushButton::clicked, this, &ExportDialog::save);
    resize(860, 600);
}

QString ExportDialog::currentText() const
{
    return currentCode(m_tabs);
}

bool ExportDialog::saveTo(const QString& path, QString* error) const
{
    return saveTextFile(path, currentText(), error);
}

void ExportDialog::save()
{
    saveCurrentCode(this, m_tabs, tr("Save the Export"), [this](const QString& error) {
        auto* failed = new QLabel(error, this);
        failed->setObjectName(u"saveErrorLabel"_s);
        layout()->addWidget(failed);
    });
}

} // namespace ecr
