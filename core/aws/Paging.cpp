#include "Paging.h"

#include <QCoreApplication>

namespace ecr {

using namespace Qt::StringLiterals;

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(ecr::PageGuard)
};
} // namespace

std::optional<AwsError> PageGuard::next(const QString& token)
{
    ++m_pages;
    if (m_seen.contains(token))
        return makeError(ErrorKind::InvalidResponse, u"RepeatedPageToken"_s,
            Tr::tr("%1 handed back a page token it had given before, after %2 pages; the list "
                   "would never end, so reading stopped.")
                .arg(m_operation)
                .arg(m_pages),
            0);
    if (m_pages >= m_maxPages)
        return makeError(ErrorKind::InvalidResponse, u"TooManyPages"_s,
            Tr::tr("%1 did not end after %2 pages; reading stopped.")
                .arg(m_operation)
                .arg(m_maxPages),
            0);
    m_seen.insert(token);
    return std::nullopt;
}

} // namespace ecr
