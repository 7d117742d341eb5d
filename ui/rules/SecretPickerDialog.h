#pragma once

#include "SecretsManagerClient.h"

#include <QDialog>

class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;

namespace ecr {

// Choose one of the registry's ecr-pullthroughcache/ secrets (names and dates only; values are
// never read). The caller lists them (setSecrets, or setError) and takes selectedArn() once the
// dialog is accepted. Closing it cancels the listing (cancelRequested).
class SecretPickerDialog final : public QDialog
{
    Q_OBJECT

public:
    explicit SecretPickerDialog(QWidget* parent = nullptr);

    void setLoading(const QString& where);
    void setSecrets(const QList<SecretSummary>& secrets, const QString& current = {});
    void setError(const QString& message);
    QString selectedArn() const;
    void reject() override;

Q_SIGNALS:
    void cancelRequested();
    // Replace Token… on the selected secret.
    void replaceTokenRequested(const QString& arn, const QString& name);

private:
    void updateButtons();

    QLabel* m_status = nullptr;
    QLineEdit* m_filter = nullptr;
    QListWidget* m_list = nullptr;
    QPushButton* m_ok = nullptr;
    QPushButton* m_replace = nullptr;
};

} // namespace ecr
