#pragma once

#include <QDialog>

#include <memory>

class QPushButton;

namespace Ui {
class MfaCodeDialog;
}

namespace ecr {

// Asks for the current six-digit code of an MFA device. OK is enabled only for exactly six
// digits; the field takes nothing but digits. Open it with open(); DialogMfaPrompter awaits it.
class MfaCodeDialog final : public QDialog
{
    Q_OBJECT

public:
    explicit MfaCodeDialog(QWidget* parent = nullptr);
    ~MfaCodeDialog() override;

    void setRequest(const QString& profileName, const QString& mfaSerial);
    QString code() const;
    bool isCodeComplete() const;

private:
    void updateOkButton();

    std::unique_ptr<Ui::MfaCodeDialog> m_ui;
    QPushButton* m_okButton;
};

} // namespace ecr
