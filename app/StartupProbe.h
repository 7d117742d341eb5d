#pragma once

#include <QByteArrayView>
#include <QObject>

class QAbstractItemView;

namespace ecr {

// For scripts/bench: with ECR_PTC_STARTUP_PROBE set, the first time the rules table paints
// with rules in it, prints one line to stdout and quits:
//   startup-probe painted monotonic_ns=<CLOCK_MONOTONIC> rows=<n> rss_kb=<resident memory>
//       rss_anon_kb=<of it, private memory> rss_file_kb=<mapped files: code, fonts>
//       rss_shmem_kb=<shared memory: the window's back buffer with the X server>
// The caller compares the timestamp with its own CLOCK_MONOTONIC at the start of the process.
// ECR_PTC_STARTUP_PROBE=<seconds> bounds the wait (default 30): then it prints
// "startup-probe timeout" and the app exits 1.
class StartupProbe final : public QObject
{
    Q_OBJECT

public:
    // Watches `table` when the environment asks for a probe; returns nullptr otherwise.
    static StartupProbe* installIfRequested(QAbstractItemView* table);

    // This process's resident memory (VmRSS) in kB, -1 where /proc does not tell; bench_micro
    // reports the fleet view's memory with it too.
    static long residentKilobytes();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    StartupProbe(QAbstractItemView* table, int timeoutSeconds);
    void report();
    static QByteArray status(); // /proc/self/status, read once
    // One "<field>: <n> kB" line of it (VmRSS, RssAnon, RssFile, RssShmem), -1 where the
    // kernel does not tell.
    static long statusKilobytes(QByteArrayView field, const QByteArray& status);

    QAbstractItemView* m_table;
    bool m_reported = false;
};

} // namespace ecr
