#pragma once

#include "AwsError.h"

#include <QSet>
#include <QString>

#include <optional>

namespace ecr {

// One paginated read's guard. Every list the app reads pages with a token; a service (or a
// proxy) that hands back a token it gave before would keep the read going for ever, and one
// that never stops would too. Call `next` with each page's token: nullopt while the read may go
// on, else the error to stop with (RepeatedPageToken, TooManyPages).
class PageGuard final
{
public:
    PageGuard(QString operation, int maxPages)
        : m_operation(std::move(operation))
        , m_maxPages(maxPages)
    { }

    std::optional<AwsError> next(const QString& token);
    int pages() const { return m_pages; }

private:
    QString m_operation;
    int m_maxPages;
    int m_pages = 0;
    QSet<QString> m_seen;
};

} // namespace ecr
