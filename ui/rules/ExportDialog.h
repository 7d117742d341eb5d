#pragma once

#include "CodeExport.h"

#include <QDialog>

class QTabWidget;

namespace ecr {

// Rules › Export as code: the selected rules and the templates their repositories get, as AWS
// CLI commands, Terraform (with import blocks) and CloudFormation; each to copy or save.
class ExportDialog final : public QDialog
{
    Q_OBJECT

public:
    explicit ExportDialog(const ExportInput& input, QWidget* parent = nullptr);

    QTabWidget* tabs() const { return m_tabs; }
    QString currentText() const;
    bool saveTo(const QString& path, QString* error) const;

private:
    void addTab(
        const QString& title, const QString& name, const QString& text, const QString& fileName);
    void save();

    QTabWidget* m_tabs = nullptr;
};

} // namespace ecr
