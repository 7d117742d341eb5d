#pragma once

#include <QByteArray>
#include <QList>
#include <QSortFilterProxyModel>
#include <QStringList>

#include <vector>

namespace ecr {

// A QSortFilterProxyModel for big tables (a fleet of 100,000 rules) that keeps the work of a
// header click and of a filter keystroke small:
// - sorting compares precomputed integer ranks, one list per column, built the first time a
//   column is sorted from the subclass's sortValue() (text case-insensitively, numbers as
//   numbers); a sort never calls data();
// - filtering searches one lower-cased text per row, built on the first keystroke from the
//   subclass's appendSearchText(); every word of the filter text must occur in it. A keystroke
//   searches all rows' text back to back (memmem over one buffer, not one search per row),
//   starting each search at the next row still in the running, so one that only narrows the
//   filter skips the rows that did not match before.
// Both are dropped when the source model changes. Rows the subclass has no id for (rowId() < 0,
// e.g. group rows) go through acceptsOtherRow() and the base class's lessThan().
class IndexedSortFilterProxy : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    explicit IndexedSortFilterProxy(QObject* parent = nullptr);
    ~IndexedSortFilterProxy() override;

    void setSourceModel(QAbstractItemModel* model) override;

    void setFilterText(const QString& text);
    QString filterText() const { return m_filterText; }

protected:
    // A stable number for a source row, 0 ≤ id < idCount(), or -1.
    virtual int rowId(int sourceRow, const QModelIndex& sourceParent) const = 0;
    virtual int idCount() const = 0;
    // The same for a source index; override when the index alone tells (it is called on every
    // comparison of a sort).
    virtual int rowIdOf(const QModelIndex& sourceIndex) const
    {
        return rowId(sourceIndex.row(), sourceIndex.parent());
    }
    // The row's searchable fields, each added with add(text).
    class TextSink
    {
    public:
        void add(QStringView text);

    private:
        friend class IndexedSortFilterProxy;
        explicit TextSink(QByteArray& out)
            : m_out(out)
        { }
        QByteArray& m_out;
    };
    virtual void appendSearchText(int id, TextSink& sink) const = 0;
    // The value a column sorts by: a QString or a number.
    virtual QVariant sortValue(int id, int column) const = 0;
    // Rows without an id; the default accepts them when the filter is empty.
    virtual bool acceptsOtherRow(
        int sourceRow, const QModelIndex& sourceParent, const QStringList& terms) const;

    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const final;
    bool lessThan(const QModelIndex& left, const QModelIndex& right) const final;

private:
    void dropIndexes();
    void buildSearchText() const;
    bool idMatches(int id) const;
    void keepRowsContaining(const QByteArray& needle);
    const std::vector<int>& ranksOf(int column) const;

    QString m_filterText;
    QStringList m_terms;
    QList<QByteArray> m_needles; // the terms, lower-cased UTF-8
    std::vector<char> m_accepted; // per id, for the current filter; empty: not computed

    mutable QByteArray m_text; // every row's search text, back to back
    mutable std::vector<qsizetype> m_textStart; // per id, and one past the last
    mutable QList<std::vector<int>> m_ranks; // per column; empty: not computed
    mutable int m_lastRankColumn = -1; // the column the last comparison used, and its ranks
    mutable const std::vector<int>* m_lastRanks = nullptr;
    QList<QMetaObject::Connection> m_sourceConnections;
};

} // namespace ecr
