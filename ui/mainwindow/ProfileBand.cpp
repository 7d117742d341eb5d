#include "ProfileBand.h"

#include "Profile.h"

#include <QCoreApplication>
#include <QLabel>

using namespace Qt::StringLiterals;

namespace ecr {

ProfileBand::ProfileBand(QLabel* label)
    : m_label(label)
{
    m_label->setObjectName(u"profileBandLabel"_s);
    m_label->setTextFormat(Qt::PlainText);
    QFont font = m_label->font();
    font.setBold(true);
    m_label->setFont(font);
    m_label->hide();
}

ProfileBand::Marker ProfileBand::show(const ProfileEntry& entry, const RegistryLocation& where)
{
    const ProfileColor* color = profileColor(entry.color);
    const QString label = entry.label.isEmpty() && color ? color->displayName : entry.label;
    m_label->setVisible(!label.isEmpty());
    if (label.isEmpty())
        return {};
    Marker marker{label.toUpper(), QColor(color ? color->background : u"#546e7a"_s),
        QColor(color ? color->foreground : u"#ffffff"_s)};
    const QString account = where.accountId.isEmpty()
        ? QCoreApplication::translate("ecr::ProfileBand", "unknown")
        : where.accountId;
    m_label->setText(
        QCoreApplication::translate("ecr::ProfileBand", "%1  ·  %2  ·  account %3  ·  %4")
            .arg(marker.text, entry.displayName, account, where.region));
    QPalette palette = m_label->palette();
    palette.setColor(QPalette::Window, marker.background);
    palette.setColor(QPalette::WindowText, marker.foreground);
    m_label->setPalette(palette);
    return marker;
}

} // namespace ecr
