#pragma once

#include <QFrame>

#include <chrono>

class QLabel;
class QPushButton;
class QTimer;
class QToolButton;

namespace ecr {

// An inline, non-modal message above the content it is about: an icon, a word-wrapped text, an
// optional action button ("Retry") and a close button. For problems the user can recover from
// without a modal dialog.
class MessageBar final : public QFrame
{
    Q_OBJECT

public:
    enum class Type
    {
        Information,
        Warning,
        Error,
    };
    Q_ENUM(Type)

    explicit MessageBar(QWidget* parent = nullptr);
    ~MessageBar() override;

    // Shows the bar with text; a non-empty actionText shows the action button.
    void showMessage(const QString& text, Type type, const QString& actionText = {});
    // A success: an information that hides itself after `duration` (failures stay until closed).
    void showNotice(
        const QString& text, std::chrono::milliseconds duration = std::chrono::seconds(8));
    bool isNotice() const;
    void hideMessage();

    QString text() const;
    Type type() const { return m_type; }

Q_SIGNALS:
    void actionTriggered();
    // The user closed the bar with its close button.
    void closed();

private:
    void applyType();

    QLabel* m_iconLabel;
    QLabel* m_textLabel;
    QPushButton* m_actionButton;
    QToolButton* m_closeButton;
    QTimer* m_autoHide;
    Type m_type = Type::Information;
};

} // namespace ecr
