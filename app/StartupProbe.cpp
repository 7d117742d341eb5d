#include "StartupProbe.h"

#include <QAbstractItemView>
#include <QCoreApplication>
#include <QEvent>
#include <QFile>
#include <QTimer>

#include <cstdio>
#include <ctime>

namespace ecr {

StartupProbe* StartupProbe::installIfRequested(QAbstractItemView* table)
{
    if (!table || !qEnvironmentVariableIsSet("ECR_PTC_STARTUP_PROBE"))
        return nullptr;
    bool ok = false;
    const int seconds = qEnvironmentVariableIntValue("ECR_PTC_STARTUP_PROBE", &ok);
    return new StartupProbe(table, ok && seconds > 0 ? seconds : 30);
}

StartupProbe::StartupProbe(QAbstractItemView* table, int timeoutSeconds)
    : QObject(table)
    , m_table(table)
{
    table->viewport()->installEventFilter(this);
    QTimer::singleShot(timeoutSeconds * 1000, this, [this] {
        if (m_reported)
            return;
        std::fputs("startup-probe timeout\n", stdout);
        std::fflush(stdout);
        QCoreApplication::exit(1);
    });
}

bool StartupProbe::eventFilter(QObject* watched, QEvent* event)
{
    const bool painted = event->type() == QEvent::Paint && watched == m_table->viewport();
    if (painted && !m_reported && m_table->model() && m_table->model()->rowCount() > 0) {
        m_reported = true;
        // After the paint event is handled: the rows are on screen then.
        QTimer::singleShot(0, this, &StartupProbe::report);
    }
    return QObject::eventFilter(watched, event);
}

long StartupProbe::residentKilobytes()
{
    return statusKilobytes("VmRSS", status());
}

QByteArray StartupProbe::status()
{
    QFile file(QStringLiteral("/proc/self/status"));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

long StartupProbe::statusKilobytes(QByteArrayView field, const QByteArray& status)
{
    for (const QByteArray& line : status.split('\n')) {
        if (line.startsWith(field) && line.mid(field.size()).startsWith(':'))
            return line.mid(field.size() + 1).trimmed().split(' ').value(0).toLong();
    }
    return -1;
}

void StartupProbe::report()
{
    timespec now{};
    clock_gettime(CLOCK_MONOTONIC, &now);
    const long long ns = static_cast<long long>(now.tv_sec) * 1000000000LL + now.tv_nsec;
    const QByteArray statusNow = status(); // one reading: the parts add up to the total
    std::printf("startup-probe painted monotonic_ns=%lld rows=%d rss_kb=%ld rss_anon_kb=%ld "
                "rss_file_kb=%ld rss_shmem_kb=%ld\n",
        ns, m_table->model()->rowCount(), statusKilobytes("VmRSS", statusNow),
        statusKilobytes("RssAnon", statusNow), statusKilobytes("RssFile", statusNow),
        statusKilobytes("RssShmem", statusNow));
    std::fflush(stdout);
    QCoreApplication::exit(0);
}

} // namespace ecr
