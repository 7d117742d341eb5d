#pragma once

#include <QByteArray>
#include <QList>
#include <QSettings>
#include <QString>

#include <optional>

namespace ecr {

// Every key the app keeps in QSettings, in one typed place. Only non-secret values live here.
class AppSettings final
{
public:
    AppSettings() = default;

    QByteArray windowGeometry() const;
    void setWindowGeometry(const QByteArray& value);
    QByteArray windowState() const;
    void setWindowState(const QByteArray& value);
    QString lastProfile() const;
    void setLastProfile(const QString& profileId);
    QString regionForProfile(const QString& profileId) const;
    void setRegionForProfile(const QString& profileId, const QString& region);
    // The rules table's columns (QHeaderView::saveState) and the table/details split.
    QByteArray rulesHeaderState() const;
    void setRulesHeaderState(const QByteArray& value);
    // The hidden columns by number, kept apart from the header blob: a blob that does not restore
    // (another Qt, a different column count) still leaves the reader's column choices.
    std::optional<QList<int>> rulesHiddenColumns() const;
    void setRulesHiddenColumns(const QList<int>& columns);
    QByteArray rulesSplitterState() const;
    void setRulesSplitterState(const QByteArray& value);

private:
    mutable QSettings m_settings;
};

} // namespace ecr
