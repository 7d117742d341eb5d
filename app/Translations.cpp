#include "Translations.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QLibraryInfo>
#include <QTranslator>

using namespace Qt::StringLiterals;

namespace ecr {

QStringList shippedLanguages()
{
    QStringList languages;
    const QStringList files = QDir(u":/i18n"_s).entryList({u"ecr-ptc-admin_*.qm"_s});
    for (const QString& file : files)
        languages.append(file.section(u'_', 1).section(u'.', 0, 0));
    return languages;
}

QStringList installTranslations(const QLocale& locale)
{
    QStringList loaded;
    auto install = [&](const QString& name, const QString& folder) {
        auto* translator = new QTranslator(QCoreApplication::instance());
        if (translator->load(locale, name, u"_"_s, folder)) {
            QCoreApplication::installTranslator(translator);
            loaded.append(QFileInfo(translator->filePath()).completeBaseName());
        } else {
            delete translator;
        }
    };
    install(u"ecr-ptc-admin"_s, u":/i18n"_s);
    // Only when the app speaks the language: a German Qt around English text helps nobody.
    if (!loaded.isEmpty())
        install(u"qtbase"_s, QLibraryInfo::path(QLibraryInfo::TranslationsPath));
    return loaded;
}

} // namespace ecr
