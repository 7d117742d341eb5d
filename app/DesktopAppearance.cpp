#include "DesktopAppearance.h"

#include "Appearance.h"

#include <QApplication>
#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QDBusVariant>
#include <QLoggingCategory>
#include <QStyle>
#include <QStyleFactory>

Q_LOGGING_CATEGORY(lcAppearance, "ecr.app.appearance", QtInfoMsg)

using namespace Qt::StringLiterals;

namespace ecr {

namespace {

const QString kPortalService = u"org.freedesktop.portal.Desktop"_s;
const QString kPortalPath = u"/org/freedesktop/portal/desktop"_s;
const QString kSettings = u"org.freedesktop.portal.Settings"_s;
const QString kAppearance = u"org.freedesktop.appearance"_s;
const QString kColorScheme = u"color-scheme"_s;

// The portal wraps the value in one or two variants.
QVariant unwrap(QVariant value)
{
    while (value.canConvert<QDBusVariant>() && value.userType() == qMetaTypeId<QDBusVariant>())
        value = value.value<QDBusVariant>().variant();
    return value;
}

} // namespace

DesktopAppearance::DesktopAppearance(QObject* parent)
    : QObject(parent)
    , m_original(QApplication::palette())
    , m_originalStyle(QApplication::style() ? QApplication::style()->name() : QString())
{ }

void DesktopAppearance::start()
{
    const QString forced = qEnvironmentVariable("ECR_PTC_COLOR_SCHEME").trimmed().toLower();
    if (forced == u"dark" || forced == u"light") {
        apply(forced == u"dark" ? Scheme::Dark : Scheme::Light);
        return;
    }
    QDBusConnection bus = QDBusConnection::sessionBus();
    if (!bus.isConnected())
        return;
    bus.connect(kPortalService, kPortalPath, kSettings, u"SettingChanged"_s, this,
        SLOT(onSettingChanged(QString, QString, QDBusVariant)));
    QDBusMessage read
        = QDBusMessage::createMethodCall(kPortalService, kPortalPath, kSettings, u"Read"_s);
    read << kAppearance << kColorScheme;
    auto* watcher = new QDBusPendingCallWatcher(bus.asyncCall(read, 2000), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this, [this, watcher] {
        watcher->deleteLater();
        const QDBusPendingReply<QVariant> reply = *watcher;
        if (reply.isError()) {
            qCDebug(lcAppearance).noquote()
                << "no desktop colour scheme:" << reply.error().message();
            return;
        }
        apply(Scheme(unwrap(reply.value()).toUInt()));
    });
}

void DesktopAppearance::onSettingChanged(
    const QString& group, const QString& key, const QDBusVariant& value)
{
    if (group == kAppearance && key == kColorScheme)
        apply(Scheme(unwrap(value.variant()).toUInt()));
}

void DesktopAppearance::apply(Scheme scheme)
{
    m_scheme = scheme;
    const bool wantDark = scheme == Scheme::Dark;
    if (wantDark && !m_switched && !isDarkPalette(m_original)) {
        qCInfo(lcAppearance) << "the desktop prefers dark: Fusion with a dark palette";
        QApplication::setStyle(QStyleFactory::create(u"Fusion"_s));
        QApplication::setPalette(darkPalette());
        m_switched = true;
    } else if (!wantDark && m_switched) {
        qCInfo(lcAppearance) << "the desktop prefers light again";
        if (!m_originalStyle.isEmpty())
            QApplication::setStyle(QStyleFactory::create(m_originalStyle));
        QApplication::setPalette(m_original);
        m_switched = false;
    }
}

} // namespace ecr
