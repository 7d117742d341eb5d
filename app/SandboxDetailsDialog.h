#pragma once

#include <QDialog>

class QPlainTextEdit;

namespace ecr {

class LocalSandbox;

// Local sandbox › Connection details: the running sandbox's endpoint, account and the demo keys
// of this run, with `export AWS_…` lines to paste into a shell, so the AWS CLI can drive the
// same sandbox. The keys are made up per run and accepted by nothing else.
class SandboxDetailsDialog final : public QDialog
{
    Q_OBJECT

public:
    SandboxDetailsDialog(const LocalSandbox& sandbox, QWidget* parent = nullptr);
    QString exportText() const;

private:
    QPlainTextEdit* m_text;
};

} // namespace ecr
