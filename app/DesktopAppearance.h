#pragma once

#include <QObject>
#include <QPalette>
#include <QString>

class QDBusVariant;

namespace ecr {

// Follows the desktop's light or dark preference. Desktops publish it through the XDG desktop
// portal (org.freedesktop.appearance color-scheme: 0 none, 1 dark, 2 light), read here without
// blocking and followed when it changes. When the desktop prefers dark but the platform theme
// gave the app a light palette (Qt 6.4 without a desktop integration plugin), the app switches
// to the Fusion style with ui/common's darkPalette(); back to light, it restores what it had.
// ECR_PTC_COLOR_SCHEME=dark|light decides instead, for desktops without a portal.
class DesktopAppearance final : public QObject
{
    Q_OBJECT

public:
    enum class Scheme
    {
        NoPreference = 0,
        Dark = 1,
        Light = 2,
    };

    explicit DesktopAppearance(QObject* parent = nullptr);
    // Starts reading the portal (and the environment override).
    void start();
    void apply(Scheme scheme);
    Scheme scheme() const { return m_scheme; }

private Q_SLOTS:
    void onSettingChanged(const QString& group, const QString& key, const QDBusVariant& value);

private:
    QPalette m_original;
    QString m_originalStyle;
    bool m_switched = false;
    Scheme m_scheme = Scheme::NoPreference;
};

} // namespace ecr
