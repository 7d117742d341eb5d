#pragma once

#include "MirrorConfig.h"

#include <QDialog>

class QTabWidget;

namespace ecr {

// Node mirror configuration of a rule: containerd's hosts.toml, the CRI-O/Podman
// registries.conf drop-in and the reference rewrite, each to copy or save, with where the file
// goes and what Docker Engine cannot do.
class MirrorConfigDialog final : public QDialog
{
    Q_OBJECT

public:
    MirrorConfigDialog(
        const MirrorConfig& config, const QString& prefix, QWidget* parent = nullptr);

    QTabWidget* tabs() const { return m_tabs; }
    // The text of the current tab, as Copy puts it on the clipboard.
    QString currentText() const;
    // Save… writes the current tab's text to `path` (atomically); false with a message.
    bool saveTo(const QString& path, QString* error) const;

private:
    void save();

    MirrorConfig m_config;
    QTabWidget* m_tabs = nullptr;
};

} // namespace ecr
