#pragma once

#include "CachedRepositoriesModel.h"
#include "Cancellation.h"
#include "EcrTypes.h"

#include <QCoroTask>
#include <QDialog>
#include <QHash>

#include <memory>

class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;
class QTimer;

namespace ecr {

class EcrSession;
class MessagePresenter;
class RulesController;

// Cached Repositories: what a rule has cached, one row per repository under its prefix
// (DescribeRepositories, every page), with image count, size, last pull and push filled in as
// DescribeImages answers (at most kUsageInFlight at a time, applied in batches so thousands of
// rows stay responsive). Sortable and filterable; loading shows progress and can be stopped.
// From here: Test Pull…, Clean Up… and Node Mirror Configuration….
class CacheDialog final : public QDialog
{
    Q_OBJECT

public:
    // Qt's HTTP/1.1 layer opens at most six connections per host: more would only queue.
    static constexpr int kUsageInFlight = 6;

    // `otherPrefixes`: the registry's other rules, whose repositories a ROOT rule does not own.
    CacheDialog(RulesController& controller, MessagePresenter& presenter, PullThroughCacheRule rule,
        QStringList otherPrefixes, QWidget* parent = nullptr);
    ~CacheDialog() override;

    CachedRepositoriesModel& model() const { return *m_model; }
    QTableView* table() const { return m_table; }
    QSortFilterProxyModel* proxy() const { return m_proxy; }
    const PullThroughCacheRule& rule() const { return m_rule; }
    bool isLoading() const { return bool(m_cancel); }
    QCoro::Task<void> load();
    void openTestPull();
    void openCleanup();
    void openMirrorConfig();
    void reject() override;

Q_SIGNALS:
    // Fully listed, every usage asked (for the benchmark and the tests).
    void loaded();
    // The rule's template, for a lifecycle policy instead of a cleanup.
    void templateRequested(const QString& rulePrefix);

private:
    void flushUsage();
    void updateStatus();
    bool owns(const QString& name) const;

    RulesController& m_controller;
    MessagePresenter& m_presenter;
    PullThroughCacheRule m_rule;
    QStringList m_otherPrefixes;
    std::shared_ptr<EcrSession> m_session;
    CachedRepositoriesModel* m_model;
    QSortFilterProxyModel* m_proxy = nullptr;
    QTableView* m_table = nullptr;
    QLineEdit* m_filter = nullptr;
    QLabel* m_status = nullptr;
    QProgressBar* m_progress = nullptr;
    QPushButton* m_stop = nullptr;
    QPushButton* m_refresh = nullptr;
    QPushButton* m_cleanup = nullptr;
    QTimer* m_flush = nullptr;
    QHash<QString, RepositoryUsage> m_pending; // usage arrived, not yet in the model
    CancelToken m_cancel;
    int m_failed = 0;
    QString m_error;
};

} // namespace ecr
