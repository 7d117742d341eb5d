#pragma once

#include "ActivityLog.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QTableWidget;

namespace ecr {

// File › Activity log: the changes this app made, newest first, filtered by time, account and
// operation, and exported as CSV (the rows shown).
class ActivityDialog final : public QDialog
{
    Q_OBJECT

public:
    explicit ActivityDialog(ActivityLog& log, QWidget* parent = nullptr);

    QTableWidget* table() const { return m_table; }
    QComboBox* periodBox() const { return m_period; }
    QComboBox* accountBox() const { return m_account; }
    QComboBox* operationBox() const { return m_operation; }
    const QList<ActivityEntry>& shown() const { return m_shown; }
    void reload();
    // Export CSV… writes the rows shown to `path`; false with *error.
    bool exportTo(const QString& path, QString* error) const;

private:
    ActivityFilter filter() const;
    void fillChoices();
    void exportCsv();

    ActivityLog& m_log;
    QList<ActivityEntry> m_shown;
    QComboBox* m_period = nullptr;
    QComboBox* m_account = nullptr;
    QComboBox* m_operation = nullptr;
    QTableWidget* m_table = nullptr;
    QLabel* m_status = nullptr;
};

} // namespace ecr
