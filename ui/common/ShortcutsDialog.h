#pragma once

#include <QDialog>
#include <QList>

class QAction;

namespace ecr {

// Help › Keyboard shortcuts: every action with a shortcut, and the keys that work without one
// (Esc, Enter, Down in the filter), in a table the user can read and close.
class ShortcutsDialog final : public QDialog
{
    Q_OBJECT

public:
    ShortcutsDialog(const QList<QAction*>& actions, QWidget* parent = nullptr);
    // "Text|Shortcut" per row, for tests.
    QStringList rows() const;

private:
    QStringList m_rows;
};

} // namespace ecr
