#pragma once

#include <QLocale>
#include <QStringList>

namespace ecr {

// Installs the app's translation for `locale` (built in, from resources/translations) and Qt's
// own (standard buttons, dialogs) from Qt's translations folder. English needs none. Returns
// the catalogues that were loaded ("ecr-ptc-admin_de", "qtbase_de"), for the log.
QStringList installTranslations(const QLocale& locale = QLocale::system());

// The languages the app ships besides English ("de").
QStringList shippedLanguages();

} // namespace ecr
