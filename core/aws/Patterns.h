#pragma once

#include <QHash>
#include <QRegularExpression>
#include <QString>

namespace ecr {

// The compiled regular expression of a fixed pattern, kept per thread. Validators run on every
// keystroke of every field, and compiling the pattern was most of their cost (the validators'
// fuzz target ran 58 inputs/s before). Only for patterns written in the code: a pattern made
// from input would grow the cache without bound.
inline const QRegularExpression& compiledPattern(
    const QString& pattern, QRegularExpression::PatternOptions options = {})
{
    thread_local QHash<QString, QRegularExpression> cache;
    const QString key = QString::number(int(options)) + u'\n' + pattern;
    auto it = cache.find(key);
    if (it == cache.end())
        it = cache.insert(key, QRegularExpression(pattern, options));
    return *it;
}

} // namespace ecr
