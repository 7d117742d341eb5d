#pragma once

#include "FleetFetch.h"
#include "RuleCopy.h"

#include <QDialog>

class QLabel;
class QProgressBar;
class QPushButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace ecr {

class ActivityLog;
class RegistryPicker;

struct CopySource
{
    QString label; // "prod-admin · us-east-1", or "3 registries"
    QList<PullThroughCacheRule> rules;
    QList<RepositoryCreationTemplate> templates;
};

// Copy rules and templates to other regions and accounts: pick the destinations, Preview reads
// each of them (concurrently, bounded as the fleet view) and shows per destination what will be
// created, what exists identically, what conflicts (left alone unless Overwrite is ticked) and
// what needs the destination's own secret (Map Secret… picks one there), role or key. Apply
// makes the changes in every destination at once and reports each; every change goes to the
// activity log.
class CopyDialog final : public QDialog
{
    Q_OBJECT

public:
    CopyDialog(ProfileDirectory& profiles, const Clock& clock, CopySource source,
        FleetOptions options = {}, QWidget* parent = nullptr);
    ~CopyDialog() override;

    void setActivityLog(ActivityLog* log) { m_activityLog = log; }
    QString activityLogError() const { return m_logError; }

    struct Destination
    {
        FleetRegistry registry; // as read: its rules, templates or error
        std::shared_ptr<EcrSession> session;
        QHash<QString, QString> secretMap; // source secret ARN → one of this destination's
        QList<CopyPlanItem> rules;
        QList<TemplateCopyItem> templates;
        QList<CopyOutcome> ruleOutcomes;
        QList<CopyOutcome> templateOutcomes;
        std::optional<AwsError> applyError;
        bool applied = false;
        int planned() const; // the changes Apply would make (nothing once applied)
        int changed() const; // made by Apply
        int failed() const; // failed in Apply
    };
    const QList<Destination>& destinations() const { return m_destinations; }

    QCoro::Task<void> preview();
    QCoro::Task<void> apply();
    void stop();
    bool isBusy() const { return m_busy; }

    // What the tree's Overwrite boxes and the secret picker do.
    bool setOverwrite(int destination, const QString& prefix, bool isTemplate, bool overwrite);
    void mapSecret(int destination, const QString& sourceArn, const QString& destinationArn);
    // Opens the secret picker for the selected "needs a secret" row.
    QCoro::Task<void> chooseSecretForSelected();
    // Selects the row of a rule or template of a destination (for the keyboard and for tests).
    bool selectItem(int destination, const QString& prefix, bool isTemplate);

    RegistryPicker* picker() const { return m_picker; }
    QTreeWidget* planView() const { return m_plan; }
    QPushButton* previewButton() const { return m_previewButton; }
    QPushButton* applyButton() const { return m_applyButton; }
    QPushButton* mapSecretButton() const { return m_mapSecretButton; }
    QLabel* statusLabel() const { return m_status; }

    void reject() override;

Q_SIGNALS:
    void previewed();
    void applied();

private:
    void replan(int destination);
    void fillTree();
    void updateButtons();
    void recordChanges(const Destination& destination);
    QTreeWidgetItem* selectedChild() const;
    QCoro::Task<void> applyTo(int destination, CancelToken cancel);

    ProfileDirectory& m_profiles;
    const Clock& m_clock;
    CopySource m_source;
    FleetOptions m_options;
    ActivityLog* m_activityLog = nullptr;
    QString m_logError;
    RegistryPicker* m_picker = nullptr;
    FleetFetch* m_fetch = nullptr;
    QLabel* m_summary = nullptr;
    QTreeWidget* m_plan = nullptr;
    QProgressBar* m_progress = nullptr;
    QLabel* m_status = nullptr;
    QPushButton* m_previewButton = nullptr;
    QPushButton* m_applyButton = nullptr;
    QPushButton* m_mapSecretButton = nullptr;
    QPushButton* m_stopButton = nullptr;
    QList<Destination> m_destinations;
    CancelToken m_cancel;
    bool m_busy = false;
    bool m_filling = false;
};

} // namespace ecr
