#pragma once

#include "AppSettings.h"
#include "ProfileDirectory.h"

#include <QObject>

class QComboBox;
class QToolBar;

namespace ecr {

class ElidedLabel;
class RulesController;

// The Profile and Region selectors of the main window's toolbar. The region list follows the
// profile's partition, and each profile's last region is remembered. What they show is always
// the session in use: refilling the profile list (after a profile was added, edited or
// imported) keeps the entry that is in use selected, and only a choice of the user's emits
// selectionChanged().
class ConnectionSelector final : public QObject
{
    Q_OBJECT

public:
    ConnectionSelector(AppSettings& settings, QToolBar* toolBar, QObject* parent = nullptr);

    // Refills the profile list; `inUse` stays selected when it is still listed. Returns false
    // when it is gone (or empty): the caller then picks another with choose().
    bool setProfiles(const QList<ProfileEntry>& entries, const QString& inUse);
    // Selects a profile and a region (empty: the remembered or default one) without emitting.
    bool choose(const QString& profileId, const QString& region = {});
    // The entry to fall back on when the one in use is gone: the last used, else the first.
    QString fallbackProfile() const;

    QString profileId() const;
    QString region() const;
    QComboBox* profileComboBox() const { return m_profileCombo; }
    QComboBox* regionComboBox() const { return m_regionCombo; }

    // Whom the window works as: the account and principal (or a placeholder while STS has not
    // said), and the region with its partition.
    // `details` (the principal's ARN) go into the tooltip.
    void setIdentity(const QString& account, const QString& principal, const QString& details);
    // Keeps the identity in step with the controller's session: connecting, known (from STS;
    // "Local sandbox" for the sandbox), unknown, not connected.
    void followIdentity(RulesController& controller);
    QString identityText() const;

Q_SIGNALS:
    // The user chose another profile or region.
    void selectionChanged(const QString& profileId, const QString& region);

private:
    void fillRegions(const QString& profileId, const QString& preferred);

    AppSettings& m_settings;
    QList<ProfileEntry> m_entries;
    QComboBox* m_profileCombo;
    QComboBox* m_regionCombo;
    ElidedLabel* m_identity;
    bool m_filling = false;
};

} // namespace ecr
