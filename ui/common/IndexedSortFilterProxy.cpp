#include "IndexedSortFilterProxy.h"

#include <QHash>

#include <algorithm>
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
    const QStringList terms = text.split(u' ', Qt::SkipEmptyParts);
    // Narrowing: the same number of words, each containing the one before. A row that did not
    // match before cannot match now.
    bool narrows = !m_accepted.empty() && !m_terms.isEmpty() && terms.size() == m_terms.size();
    for (qsizetype i = 0; narrows && i < terms.size(); ++i)
        narrows = terms.at(i).contains(m_terms.at(i), Qt::CaseInsensitive);
    m_filterText = text;
    m_terms = terms;
    m_needles.clear();
    m_matchers.clear();
    for (const QString& term : terms) {
        QByteArray needle;
        appendLower(needle, term);
        m_needles.append(needle);
    }
    for (const QByteArray& needle : std::as_const(m_needles))
        m_matchers.append(QByteArrayMatcher(needle));

    bool many = true; // unknown counts as many
    if (m_terms.isEmpty()) {
        m_accepted.clear();
    } else {
        buildSearchText();
        const int count = int(m_textStart.size()) - 1;
        const std::vector<char> before = m_accepted;
        if (!narrows || int(m_accepted.size()) != count)
            m_accepted.assign(std::size_t(count), 1);
        for (int id = 0; id < count; ++id) {
            if (m_accepted[std::size_t(id)])
                m_accepted[std::size_t(id)] = idMatches(id) ? 1 : 0;
        }
        if (before.size() == m_accepted.size()) {
            qsizetype changed = 0;
            for (std::size_t i = 0; i < before.size(); ++i)
                changed += before[i] != m_accepted[i];
            many = changed > kManyChanges;
        }
    }
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
    const qsizetype start = m_textStart[std::size_t(id)];
    const qsizetype length = m_textStart[std::size_t(id) + 1] - start;
    const char* text = m_text.constData() + start;
    return std::all_of(m_matchers.cbegin(), m_matchers.cend(),
        [&](const QByteArrayMatcher& m) { return m.indexIn(text, length) >= 0; });
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
