#pragma once

#include "CachedRepositories.h"
#include "Cancellation.h"

#include <QCoroTask>
#include <QDialog>

#include <memory>

class QCheckBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTreeWidget;

namespace ecr {

class EcrSession;
class MessagePresenter;

// Clean Up: choose cached repositories not pulled for N days and/or at least a size; the dry
// run lists what would go and how much it frees; Delete (after confirmation, and with the rule's
// prefix typed when more than a few would go) removes exactly those, one after another,
// reporting each, cancellable between repositories. "Use a lifecycle policy instead" leaves the
// repositories alone and opens the rule's template with a lifecycle preset.
class CleanupDialog final : public QDialog
{
    Q_OBJECT

public:
    static constexpr int kTypedConfirmationAbove = 3;

    CleanupDialog(std::shared_ptr<EcrSession> session, MessagePresenter& presenter, QString prefix,
        QList<CachedRepositoryRow> rows, QWidget* parent = nullptr);
    ~CleanupDialog() override;

    QTreeWidget* list() const { return m_list; }
    const CleanupPlan& plan() const { return m_plan; }
    void dryRun();
    QCoro::Task<void> deletePlanned();
    void reject() override;

Q_SIGNALS:
    void repositoryDeleted(const QString& name);
    // Every deletion tried (deleted or failed), for the activity log.
    void deletionTried(const ecr::CleanupOutcome& outcome);
    void lifecycleRequested();

private:
    CleanupCriteria criteria() const;
    void updateButtons();

    std::shared_ptr<EcrSession> m_session;
    MessagePresenter& m_presenter;
    QString m_prefix;
    QList<CachedRepositoryRow> m_rows;
    CleanupPlan m_plan;
    CleanupCriteria m_planned; // the criteria the dry run used
    bool m_running = false;
    CancelToken m_cancel;
    QCheckBox* m_byAge = nullptr;
    QSpinBox* m_days = nullptr;
    QCheckBox* m_bySize = nullptr;
    QSpinBox* m_megabytes = nullptr;
    QPushButton* m_dryRun = nullptr;
    QTreeWidget* m_list = nullptr;
    QLabel* m_summary = nullptr;
    QLabel* m_typeLabel = nullptr;
    QLineEdit* m_typed = nullptr;
    QProgressBar* m_progress = nullptr;
    QPushButton* m_delete = nullptr;
    QPushButton* m_cancelButton = nullptr;
};

} // namespace ecr
