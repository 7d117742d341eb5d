#include "AppSettings.h"

namespace ecr {

namespace {

namespace Key {
const QString windowGeometry = QStringLiteral("window/geometry");
const QString windowState = QStringLiteral("window/state");
const QString lastProfile = QStringLiteral("session/lastProfile");
const QString regionPrefix = QStringLiteral("session/region/");
const QString rulesHeader = QStringLiteral("rules/headerState");
const QString rulesHidden = QStringLiteral("rules/hiddenColumns");
const QString rulesSplitter = QStringLiteral("rules/splitterState");
} // namespace Key

QString regionKey(const QString& profileId)
{
    // Profile ids may hold '/' or ':'; keep the key one level deep.
    return Key::regionPrefix + QString::fromLatin1(profileId.toUtf8().toHex());
}

} // namespace

QByteArray AppSettings::windowGeometry() const
{
    return m_settings.value(Key::windowGeometry).toByteArray();
}

void AppSettings::setWindowGeometry(const QByteArray& value)
{
    m_settings.setValue(Key::windowGeometry, value);
}

QByteArray AppSettings::windowState() const
{
    return m_settings.value(Key::windowState).toByteArray();
}

void AppSettings::setWindowState(const QByteArray& value)
{
    m_settings.setValue(Key::windowState, value);
}

QString AppSettings::lastProfile() const
{
    return m_settings.value(Key::lastProfile).toString();
}

void AppSettings::setLastProfile(const QString& profileId)
{
    m_settings.setValue(Key::lastProfile, profileId);
}

QString AppSettings::regionForProfile(const QString& profileId) const
{
    return m_settings.value(regionKey(profileId)).toString();
}

void AppSettings::setRegionForProfile(const QString& profileId, const QString& region)
{
    m_settings.setValue(regionKey(profileId), region);
}

QByteArray AppSettings::rulesHeaderState() const
{
    return m_settings.value(Key::rulesHeader).toByteArray();
}

void AppSettings::setRulesHeaderState(const QByteArray& value)
{
    m_settings.setValue(Key::rulesHeader, value);
}

std::optional<QList<int>> AppSettings::rulesHiddenColumns() const
{
    if (!m_settings.contains(Key::rulesHidden))
        return std::nullopt;
    QList<int> columns;
    const QStringList values = m_settings.value(Key::rulesHidden).toStringList();
    for (const QString& value : values) {
        bool ok = false;
        const int column = value.toInt(&ok);
        if (ok && column >= 0)
            columns.append(column);
    }
    return columns;
}

void AppSettings::setRulesHiddenColumns(const QList<int>& columns)
{
    QStringList values;
    for (int column : columns)
        values.append(QString::number(column));
    m_settings.setValue(Key::rulesHidden, values);
}

QByteArray AppSettings::rulesSplitterState() const
{
    return m_settings.value(Key::rulesSplitter).toByteArray();
}

void AppSettings::setRulesSplitterState(const QByteArray& value)
{
    m_settings.setValue(Key::rulesSplitter, value);
}

} // namespace ecr
