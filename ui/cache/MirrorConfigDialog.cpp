#include "MirrorConfigDialog.h"

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
        addCodePage(m_tabs, tr("&containerd"), u"containerdText"_s, config.containerdToml,
            u"hosts.toml"_s, tr("Save as %1 on each node.").arg(config.containerdPath));
    else
        addCodePage(
            m_tabs, tr("&containerd"), u"containerdText"_s, QString(), {}, config.containerdWhyNot);
    addCodePage(m_tabs, tr("CRI-O / &Podman"), u"registriesConfText"_s, config.registriesConf,
        config.registriesConfPath.section(u'/', -1),
        tr("Save as %1 on each node.").arg(config.registriesConfPath));
    addCodePage(m_tabs, tr("&Rewrite"), u"rewriteText"_s,
        tr("%1/<path>  →  %2/<path>\n\nFor example:\n%3\n→ %4\n")
            .arg(config.rewriteFrom, config.rewriteTo, config.rewriteExampleFrom,
                config.rewriteExampleTo),
        u"rewrite.txt"_s,
        tr("Change the image references in manifests, charts or CI: works with every runtime, "
           "Docker Engine included."));
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

QString MirrorConfigDialog::currentText() const
{
    return currentCode(m_tabs);
}

bool MirrorConfigDialog::saveTo(const QString& path, QString* error) const
{
    return saveTextFile(path, currentText(), error);
}

void MirrorConfigDialog::save()
{
    saveCurrentCode(this, m_tabs, tr("Save Configuration"), [this](const QString& error) {
        auto* failed = new QLabel(error, this);
        failed->setObjectName(u"saveErrorLabel"_s);
        layout()->addWidget(failed);
    });
}

} // namespace ecr
