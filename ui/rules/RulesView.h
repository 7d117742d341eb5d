#pragma once

#include "EcrTypes.h"

#include <QDateTime>
#include <QWidget>

#include <optional>

class QLabel;
class QLineEdit;
class QPushButton;
class QStackedWidget;
class QTableView;

namespace ecr {

class AppSettings;
class RuleDetailsPane;
class RulesController;
class RulesFilterProxyModel;
class RulesTableModel;

// The rules of the registry in view: the filter, the counts (against the 50-rule quota) and
// when they were last refreshed, the table (columns chosen from its header's context menu;
// widths, order and visibility remembered; long values elided in the middle), the table's
// state when it has no rows to show (loading, cancelled, failed, empty — never mistaken for
// one another), and the details pane of the selected rule.
class RulesView final : public QWidget
{
    Q_OBJECT

public:
    enum class State
    {
        Rows, // the table
        NotConnected,
        Loading,
        Cancelled, // with Retry
        Failed, // with the error and Retry
    };

    RulesView(RulesTableModel& model, AppSettings& settings, QWidget* parent = nullptr);
    ~RulesView() override;

    QTableView* table() const { return m_table; }
    RulesTableModel& model() const { return m_model; }
    QLineEdit* filterEdit() const { return m_filter; }
    RuleDetailsPane* details() const { return m_details; }
    RulesFilterProxyModel* proxy() const { return m_proxy; }

    std::optional<PullThroughCacheRule> currentRule() const;
    QList<PullThroughCacheRule> selectedRules() const;
    void selectPrefix(const QString& prefix);

    // Loading, Cancelled and Failed show over the table; an empty registry shows "No rules yet".
    void setState(State state, const QString& detail = {});
    State state() const { return m_state; }
    void setRefreshedAt(const QDateTime& time);
    void saveLayout();
    // Shows what the controller does: the session's rules and location, loading, cancelled,
    // failed, empty.
    void follow(RulesController& controller);

Q_SIGNALS:
    void selectionChanged();
    void contentChanged(); // rules added, removed or replaced
    void ruleActivated(const ecr::PullThroughCacheRule& rule); // double-click, Enter
    void retryRequested();
    void newRuleRequested();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void setUpTable();
    void showColumnMenu(const QPoint& position);
    void updateCounts();
    void updatePage();

    RulesTableModel& m_model;
    AppSettings& m_settings;
    RulesFilterProxyModel* m_proxy;
    QLineEdit* m_filter;
    QLabel* m_countLabel;
    QLabel* m_refreshedLabel;
    QStackedWidget* m_tableStack;
    QTableView* m_table;
    QLabel* m_stateTitle;
    QLabel* m_stateText;
    QPushButton* m_stateButton;
    RuleDetailsPane* m_details;
    State m_state = State::NotConnected;
};

} // namespace ecr
