#pragma once

// Text a user (or a paste) can put into any field: very long, every script, control characters,
// right-to-left overrides, NUL, a lone surrogate. Forms must take all of it without crashing and
// never turn it into a request that breaks the service's rules.
#include <QLineEdit>
#include <QList>
#include <QString>

namespace ecr::test {

inline QList<QString> hostileTexts()
{
    QString mixed;
    while (mixed.size() < 10000)
        mixed += QStringLiteral("\u00e4\U0001F600e\u0301\u4e2d");
    return {
        QString(10000, u'a'),
        mixed.left(10000),
        QStringLiteral("docker\u0001\u0002\t\r\n\u007f-hub"),
        QStringLiteral("\u05e9\u05dc\u05d5\u05dd\u202eabc\u200f\u061c"),
        QString(QChar(0)) + QStringLiteral("x"),
        QString(QChar(0xD800)) + QStringLiteral("lone"),
        QStringLiteral("../../etc/passwd%00' OR 1=1 --"),
        QStringLiteral("   "),
    };
}

// Puts `text` into the field as typing would end (textEdited and textChanged), without 10,000
// key events.
inline void paste(QLineEdit* edit, const QString& text)
{
    edit->setText(text);
    Q_EMIT edit->textEdited(text);
}

} // namespace ecr::test
