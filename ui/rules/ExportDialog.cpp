#include "ExportDialog.h"

#include "AppIcon.h"

#include <QClipboard>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFontDatabase>
#include <QGuiApplication>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSaveFile>
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
    addTab(tr("AWS &CLI"), u"cliText"_s, exportAwsCli(input), u"ecr-pull-through-cache.sh"_s);
    addTab(tr("&Terraform"), u"terraformText"_s, exportTerraform(input),
        u"ecr-pull-through-cache.tf"_s);
    addTab(tr("Cloud&Formation"), u"cloudFormationText"_s, exportCloudFormation(input),
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

void ExportDialog::addTab(
    const QString& title, const QString& name, const QString& text, const QString& fileName)
{
    auto* edit = new QPlainTextEdit(m_tabs);
    edit->setObjectName(name);
    edit->setReadOnly(true);
    edit->setPlainText(text);
    edit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    edit->setLineWrapMode(QPlainTextEdit::NoWrap);
    edit->setProperty("fileName", fileName);
    m_tabs->addTab(edit, title);
}

QString ExportDialog::currentText() const
{
    auto* edit = qobject_cast<QPlainTextEdit*>(m_tabs->currentWidget());
    return edit ? edit->toPlainText() : QString();
}

bool ExportDialog::saveTo(const QString& path, QString* error) const
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(currentText().toUtf8()) < 0
        || !file.commit()) {
        *error = tr("Could not save %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

void ExportDialog::save()
{
    auto* edit = qobject_cast<QPlainTextEdit*>(m_tabs->currentWidget());
    auto* dialog = new QFileDialog(this, tr("Save the Export"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    if (edit)
        dialog->selectFile(edit->property("fileName").toString());
    connect(dialog, &QFileDialog::fileSelected, this, [this](const QString& path) {
        QString error;
        if (!saveTo(path, &error)) {
            auto* failed = new QLabel(error, this);
            failed->setObjectName(u"saveErrorLabel"_s);
            layout()->addWidget(failed);
        }
    });
    dialog->open();
}

} // namespace ecr
