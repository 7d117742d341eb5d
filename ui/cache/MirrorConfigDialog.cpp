#include "MirrorConfigDialog.h"

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

MirrorConfigDialog::MirrorConfigDialog(
    const MirrorConfig& config, const QString& prefix, QWidget* parent)
    : QDialog(parent)
    , m_config(config)
{
    setObjectName(u"mirrorConfigDialog"_s);
    setWindowTitle(tr("Node Mirror Configuration for %1").arg(prefix));
    setWindowIcon(applicationIcon());
    auto* layout = new QVBoxLayout(this);
    auto* intro = new QLabel(tr("Make nodes pull %1 images through the cache without rewriting "
                                "every image reference.")
                                 .arg(config.imageHost),
        this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(u"formatTabs"_s);
    if (!config.containerdToml.isEmpty())
        addTab(tr("&containerd"), u"containerdText"_s, config.containerdToml,
            tr("Save as %1 on each node.").arg(config.containerdPath), u"hosts.toml"_s);
    else
        addTab(tr("&containerd"), u"containerdText"_s, QString(), config.containerdWhyNot, {});
    addTab(tr("CRI-O / &Podman"), u"registriesConfText"_s, config.registriesConf,
        tr("Save as %1 on each node.").arg(config.registriesConfPath),
        config.registriesConfPath.section(u'/', -1));
    addTab(tr("&Rewrite"), u"rewriteText"_s,
        tr("%1/<path>  →  %2/<path>\n\nFor example:\n%3\n→ %4\n")
            .arg(config.rewriteFrom, config.rewriteTo, config.rewriteExampleFrom,
                config.rewriteExampleTo),
        tr("Change the image references in manifests, charts or CI: works with every runtime, "
           "Docker Engine included."),
        u"rewrite.txt"_s);
    layout->addWidget(m_tabs, 1);
    auto* notes = new QLabel(u"• "_s + config.notes.join(u"\n• "_s), this);
    notes->setObjectName(u"notesLabel"_s);
    notes->setWordWrap(true);
    notes->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    layout->addWidget(notes);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto* copy = buttons->addButton(tr("C&opy"), QDialogButtonBox::ActionRole);
    copy->setObjectName(u"copyButton"_s);
    auto* saveButton = buttons->addButton(tr("&Save…"), QDialogButtonBox::ActionRole);
    saveButton->setObjectName(u"saveButton"_s);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(copy, &QPushButton::clicked, this,
        [this] { QGuiApplication::clipboard()->setText(currentText()); });
    connect(saveButton, &QPushButton::clicked, this, &MirrorConfigDialog::save);
    auto enable = [this, copy, saveButton] {
        const bool any = !currentText().isEmpty();
        copy->setEnabled(any);
        saveButton->setEnabled(any);
    };
    connect(m_tabs, &QTabWidget::currentChanged, this, enable);
    enable();
    resize(760, 520);
}

void MirrorConfigDialog::addTab(const QString& title, const QString& name, const QString& text,
    const QString& where, const QString& fileName)
{
    auto* page = new QWidget(m_tabs);
    auto* v = new QVBoxLayout(page);
    auto* whereLabel = new QLabel(where, page);
    whereLabel->setWordWrap(true);
    whereLabel->setObjectName(name + u"Where"_s);
    v->addWidget(whereLabel);
    auto* edit = new QPlainTextEdit(page);
    edit->setObjectName(name);
    edit->setReadOnly(true);
    edit->setPlainText(text);
    edit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    edit->setLineWrapMode(QPlainTextEdit::NoWrap);
    edit->setVisible(!text.isEmpty());
    edit->setProperty("fileName", fileName);
    v->addWidget(edit, 1);
    if (text.isEmpty())
        v->addStretch();
    m_tabs->addTab(page, title);
}

QString MirrorConfigDialog::currentText() const
{
    QWidget* page = m_tabs->currentWidget();
    auto* edit = page ? page->findChild<QPlainTextEdit*>() : nullptr;
    return edit ? edit->toPlainText() : QString();
}

bool MirrorConfigDialog::saveTo(const QString& path, QString* error) const
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(currentText().toUtf8()) < 0
        || !file.commit()) {
        *error = tr("Could not save %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

void MirrorConfigDialog::save()
{
    QWidget* page = m_tabs->currentWidget();
    auto* edit = page ? page->findChild<QPlainTextEdit*>() : nullptr;
    auto* dialog = new QFileDialog(this, tr("Save Configuration"));
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
