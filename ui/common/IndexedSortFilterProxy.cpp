#include "IndexedSortFilterProxy.h"

#include <QHash>

#include <algorithm>
#include <cstring>
#include <functional>
#include <numeric>

namespace ecr {

namespace {

constexpr qsizetype kManyChanges = 500;

// Lower-cases ASCII as it copies; other text goes through QString::toLower().
void appendLower(QByteArray& out, QStringView text)
{
    const bool ascii
        = std::all_of(text.begin(), text.end(), [](QChar c) { return c.unicode() < 0x80; });
    if (!ascii) {
        out.append(text.toString().toLower().toUtf8());
        return;
    }
    const qsizetype at = out.size();
    out.resize(at + text.size());
    char* p = out.data() + at;
    for (const QChar c : text) {
        const auto u = char(c.unicode());
        *p++ = (u >= 'A' && u <= 'Z') ? char(u + ('a' - 'A')) : u;
    }
}

// The first occurrence of needle in [from, to), or nullptr. Most searches of a keystroke hit
// within a few dozen bytes (the row they start in), so the first candidates come from memchr on
// the needle's first byte; after a few false ones the rest goes to memmem (glibc's and the BSDs'
// search with SIMD and a two-byte hash, but set up a table on every call), elsewhere to
// Boyer-Moore-Horspool.
const char* find(const char* from, const char* to, const QByteArray& needle)
{
    const qsizetype n = needle.size();
    if (n == 0)
        return from;
    const char first = needle.front();
    for (int tries = 0; tries < 8; ++tries) {
        if (to - from < n)
            return nullptr;
        const auto* p
            = static_cast<const char*>(memchr(from, first, std::size_t(to - from - n + 1)));
        if (!p)
            return nullptr;
        if (std::memcmp(p + 1, needle.constData() + 1, std::size_t(n - 1)) == 0)
            return p;
        from = p + 1;
    }
    if (to - from < n)
        return nullptr;
#if defined(__GLIBC__) || defined(__APPLE__) || defined(__FreeBSD__)
    return static_cast<const char*>(
        memmem(from, std::size_t(to - from), needle.constData(), std::size_t(n)));
#else
    const char* hit
        = std::search(from, to, std::boyer_moore_horspool_searcher(needle.cbegin(), needle.cend()));
    return hit == to ? nullptr : hit;
#endif
}

} // namespace

void IndexedSortFilterProxy::TextSink::add(QStringView text)
{
    appendLower(m_out, text);
    m_out.append('\n'); // no term contains a line break: a match never spans two fields
}

IndexedSortFilterProxy::IndexedSortFilterProxy(QObject* parent)
    : QSortFilterProxyModel(parent)
{ }

IndexedSortFilterProxy::~IndexedSortFilterProxy() = default;

void IndexedSortFilterProxy::setSourceModel(QAbstractItemModel* model)
{
    for (const QMetaObject::Connection& c : std::as_const(m_sourceConnections))
        disconnect(c);
    m_sourceConnections.clear();
    dropIndexes();
    if (model) {
        // Connected before the base class connects its own handlers, so the indexes are gone
        // by the time it re-sorts and re-filters.
        const auto drop = [this] {
            dropIndexes();
        };
        m_sourceConnections = {
            connect(model, &QAbstractItemModel::modelAboutToBeReset, this, drop),
            connect(model, &QAbstractItemModel::layoutAboutToBeChanged, this, drop),
            connect(model, &QAbstractItemModel::rowsAboutToBeInserted, this, drop),
            connect(model, &QAbstractItemModel::rowsAboutToBeRemoved, this, drop),
            connect(model, &QAbstractItemModel::rowsAboutToBeMoved, this, drop),
            connect(model, &QAbstractItemModel::dataChanged, this, drop),
        };
    }
    QSortFilterProxyModel::setSourceModel(model);
}

void IndexedSortFilterProxy::dropIndexes()
{
    m_accepted.clear();
    m_text.clear();
    m_text.squeeze();
    m_textStart.clear();
    m_ranks.clear();
    m_lastRankColumn = -1;
    m_lastRanks = nullptr;
}

void IndexedSortFilterProxy::setFilterText(const QString& text)
{
    if (text == m_filterText)
        return;
    // Words split at any white space, a pasted line break included: no term then holds the '\n'
    // that ends every field of the search text, so a hit never spans two fields or two rows.
    const QStringList terms = text.simplified().split(u' ', Qt::SkipEmptyParts);
    // Narrowing: the same number of words, each containing the one before. A row that did not
    // match before cannot match now.
    bool narrows = !m_accepted.empty() && !m_terms.isEmpty() && terms.size() == m_terms.size();
    for (qsizetype i = 0; narrows && i < terms.size(); ++i)
        narrows = terms.at(i).contains(m_terms.at(i), Qt::CaseInsensitive);
    // The rows shown before: all of them without a filter; with one, m_accepted unless the
    // source changed since (then it is empty and how many rows change is unknown).
    const bool hadFilter = !m_terms.isEmpty();
    const bool beforeKnown = !hadFilter || !m_accepted.empty();
    const std::vector<char> before = m_accepted;
    m_filterText = text;
    m_terms = terms;
    m_needles.clear();
    for (const QString& term : terms) {
        QByteArray needle;
        appendLower(needle, term);
        m_needles.append(needle);
    }

    qsizetype changed = -1; // unknown
    if (m_terms.isEmpty()) {
        m_accepted.clear();
        if (beforeKnown)
            changed = hadFilter ? std::count(before.cbegin(), before.cend(), char(0)) : 0;
    } else {
        buildSearchText();
        const int count = int(m_textStart.size()) - 1;
        if (!narrows || int(m_accepted.size()) != count)
            m_accepted.assign(std::size_t(count), 1);
        for (const QByteArray& needle : std::as_const(m_needles))
            keepRowsContaining(needle);
        if (!hadFilter) {
            changed = std::count(m_accepted.cbegin(), m_accepted.cend(), char(0));
        } else if (beforeKnown && before.size() == m_accepted.size()) {
            changed = 0;
            for (std::size_t i = 0; i < before.size(); ++i)
                changed += before[i] != m_accepted[i];
        }
    }
    const bool many = changed < 0 || changed > kManyChanges;
    // Thousands of scattered rows appearing or going are thousands of rowsRemoved signals, and
    // a table's header handles each in time proportional to its rows: one layout change (the
    // proxy re-sorts by the ranks) is far cheaper then.
    if (many)
        invalidate();
    else
        invalidateFilter();
}

void IndexedSortFilterProxy::buildSearchText() const
{
    const int count = idCount();
    if (!m_textStart.empty() && int(m_textStart.size()) == count + 1)
        return;
    m_text.clear();
    m_textStart.clear();
    m_textStart.reserve(std::size_t(count) + 1);
    TextSink sink(m_text);
    for (int id = 0; id < count; ++id) {
        m_textStart.push_back(m_text.size());
        appendSearchText(id, sink);
    }
    m_textStart.push_back(m_text.size());
    m_text.squeeze();
}

bool IndexedSortFilterProxy::idMatches(int id) const
{
    const char* from = m_text.constData() + m_textStart[std::size_t(id)];
    const char* to = m_text.constData() + m_textStart[std::size_t(id) + 1];
    return std::all_of(m_needles.cbegin(), m_needles.cend(),
        [&](const QByteArray& needle) { return find(from, to, needle) != nullptr; });
}

// Clears m_accepted for every row whose text lacks the needle. One search over the whole text
// from the next row still accepted: a hit in row r keeps r and drops the accepted rows before
// it, and the next search starts at the next accepted row after r. A hit never spans two rows:
// every field ends in a line break and no needle holds one.
void IndexedSortFilterProxy::keepRowsContaining(const QByteArray& needle)
{
    const int count = int(m_accepted.size());
    const char* text = m_text.constData();
    const char* end = text + m_text.size();
    // A few rows left (a narrowing keystroke after a rare word): search just those.
    if (std::count(m_accepted.cbegin(), m_accepted.cend(), char(1)) < count / 64) {
        for (int id = 0; id < count; ++id) {
            if (m_accepted[std::size_t(id)]
                && !find(text + m_textStart[std::size_t(id)],
                    text + m_textStart[std::size_t(id) + 1], needle))
                m_accepted[std::size_t(id)] = 0;
        }
        return;
    }
    const auto nextAccepted = [&](int from) {
        const auto it = std::find(m_accepted.begin() + from, m_accepted.end(), char(1));
        return int(it - m_accepted.begin());
    };
    int id = nextAccepted(0);
    while (id < count) {
        const char* hit = find(text + m_textStart[std::size_t(id)], end, needle);
        if (!hit) {
            std::fill(m_accepted.begin() + id, m_accepted.end(), char(0));
            return;
        }
        // The row holding the hit: the last whose text starts at or before it (most often the
        // row the search started in).
        const qsizetype at = hit - text;
        int hitId = id;
        if (at >= m_textStart[std::size_t(id) + 1]) {
            const auto row
                = std::upper_bound(m_textStart.cbegin() + id, m_textStart.cend() - 1, at);
            hitId = int(row - m_textStart.cbegin()) - 1;
        }
        std::fill(m_accepted.begin() + id, m_accepted.begin() + hitId, char(0));
        id = nextAccepted(hitId + 1);
    }
}

bool IndexedSortFilterProxy::acceptsOtherRow(
    int, const QModelIndex&, const QStringList& terms) const
{
    return terms.isEmpty();
}

bool IndexedSortFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    if (m_terms.isEmpty())
        return true;
    const int id = rowId(sourceRow, sourceParent);
    if (id < 0)
        return acceptsOtherRow(sourceRow, sourceParent, m_terms);
    if (std::size_t(id) < m_accepted.size())
        return m_accepted[std::size_t(id)] != 0;
    buildSearchText();
    return id < int(m_textStart.size()) - 1 && idMatches(id);
}

const std::vector<int>& IndexedSortFilterProxy::ranksOf(int column) const
{
    if (m_ranks.size() <= column)
        m_ranks.resize(column + 1);
    std::vector<int>& ranks = m_ranks[column];
    const int count = idCount();
    if (int(ranks.size()) == count)
        return ranks;
    // Distinct values first (a fleet repeats its regions, upstreams and prefixes), then one
    // sort of the distinct values: text by its lower-cased UTF-8 bytes (code point order,
    // case-insensitive), numbers as numbers.
    QHash<QString, int> textIds;
    QList<QByteArray> texts;
    QHash<qint64, int> numberIds;
    QList<qint64> numbers;
    std::vector<int> valueOf(static_cast<std::size_t>(count));
    for (int id = 0; id < count; ++id) {
        const QVariant value = sortValue(id, column);
        const bool number = value.typeId() == QMetaType::LongLong
            || value.typeId() == QMetaType::Int || value.typeId() == QMetaType::UInt
            || value.typeId() == QMetaType::ULongLong;
        if (number) {
            const qint64 n = value.toLongLong();
            auto it = numberIds.constFind(n);
            if (it == numberIds.cend()) {
                it = numberIds.insert(n, int(numbers.size()));
                numbers.append(n);
            }
            valueOf[std::size_t(id)] = -1 - it.value(); // numbers sort before text
        } else {
            const QString text = value.toString();
            auto it = textIds.constFind(text);
            if (it == textIds.cend()) {
                it = textIds.insert(text, int(texts.size()));
                QByteArray key;
                appendLower(key, text);
                texts.append(key);
            }
            valueOf[std::size_t(id)] = it.value();
        }
    }
    std::vector<int> numberOrder(std::size_t(numbers.size()));
    std::iota(numberOrder.begin(), numberOrder.end(), 0);
    std::sort(numberOrder.begin(), numberOrder.end(),
        [&](int a, int b) { return numbers[a] < numbers[b]; });
    std::vector<int> textOrder(std::size_t(texts.size()));
    std::iota(textOrder.begin(), textOrder.end(), 0);
    std::sort(
        textOrder.begin(), textOrder.end(), [&](int a, int b) { return texts[a] < texts[b]; });
    std::vector<int> numberRank(numberOrder.size());
    for (std::size_t i = 0; i < numberOrder.size(); ++i)
        numberRank[std::size_t(numberOrder[i])] = int(i);
    std::vector<int> textRank(textOrder.size());
    for (std::size_t i = 0; i < textOrder.size(); ++i)
        textRank[std::size_t(textOrder[i])] = int(numberOrder.size() + i);
    ranks.resize(std::size_t(count));
    for (int id = 0; id < count; ++id) {
        const int v = valueOf[std::size_t(id)];
        ranks[std::size_t(id)] = v < 0 ? numberRank[std::size_t(-1 - v)] : textRank[std::size_t(v)];
    }
    return ranks;
}

bool IndexedSortFilterProxy::lessThan(const QModelIndex& left, const QModelIndex& right) const
{
    const int a = rowIdOf(left);
    const int b = rowIdOf(right);
    if (a < 0 || b < 0)
        return QSortFilterProxyModel::lessThan(left, right);
    if (left.column() != m_lastRankColumn || !m_lastRanks) {
        m_lastRanks = &ranksOf(left.column());
        m_lastRankColumn = left.column();
    }
    return (*m_lastRanks)[std::size_t(a)] < (*m_lastRanks)[std::size_t(b)];
}

} // namespace ecr
