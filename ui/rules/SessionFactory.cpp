#include "SessionFactory.h"

namespace ecr {

SessionFactory::~SessionFactory() = default;

QCoro::Task<Result<std::unique_ptr<EcrSession>>> DirectorySessionFactory::open(
    QString profileId, QString region, CancelToken cancel)
{
    const Result<ConnectionTarget> target = co_await m_profiles.resolve(profileId, region, cancel);
    if (!target)
        co_return target.error();
    co_return EcrSession::create(m_network, m_clock, target.value());
}

} // namespace ecr
