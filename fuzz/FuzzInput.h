#pragma once

// What every fuzz target shares: the input as bytes, and its split into parts. A part ends at a
// line "====" (the seed corpora are readable text: a header block, then a body, …); a missing
// part is empty, so any input is valid.
#include <QByteArray>
#include <QList>
#include <QString>

#include <cstddef>
#include <cstdint>

namespace ecr::fuzz {

inline QByteArray bytes(const uint8_t* data, size_t size)
{
    return QByteArray(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
}

inline QList<QByteArray> parts(const QByteArray& input, int count)
{
    QList<QByteArray> out;
    qsizetype from = 0;
    while (out.size() < count - 1) {
        const qsizetype at = input.indexOf("\n====\n", from);
        if (at < 0)
            break;
        out.append(input.mid(from, at - from));
        from = at + 6;
    }
    out.append(input.mid(from));
    while (out.size() < count)
        out.append(QByteArray());
    return out;
}

} // namespace ecr::fuzz
