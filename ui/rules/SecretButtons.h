#pragma once

#include <QObject>

class QLineEdit;
class QPushButton;

namespace ecr {

// "Choose…" and "Create Secret…" beside a credential ARN field: they ask (the signals), the
// caller opens SecretPickerDialog or CreateSecretDialog and hands the ARN back with setArn().
class SecretButtons final : public QObject
{
    Q_OBJECT

public:
    // Puts the buttons on the field's row, right of it, in the field's own layout.
    explicit SecretButtons(QLineEdit* arnEdit);

    void setArn(const QString& arn);
    QString currentArn() const;
    QPushButton* chooseButton() const { return m_choose; }
    QPushButton* createButton() const { return m_create; }

Q_SIGNALS:
    void chooseRequested();
    void createRequested();
    void arnSet(const QString& arn); // setArn(): a secret was chosen or created

private:
    QLineEdit* m_edit;
    QPushButton* m_choose;
    QPushButton* m_create;
};

} // namespace ecr
