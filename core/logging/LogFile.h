#pragma once

#include <QFile>
#include <QMutex>
#include <QString>
#include <QtGlobal>

namespace ecr::logging {

// The app's log file: every message of every category that is enabled, one line each
// ("2026-12-02T18:00:00.123Z info ecr.aws.call: …"), after redactText, also passed on to the
// handler that was there before (stderr). When the file would grow past maxBytes it becomes
// <name>.1 (the older ones move up, the oldest beyond `keep` goes) and a new one starts.
// One instance at a time: it installs itself as Qt's message handler for its lifetime.
class LogFile final
{
public:
    struct Options
    {
        qint64 maxBytes = 2 * 1024 * 1024;
        int keep = 3; // rotated files kept besides the current one
        bool forwardToPrevious = true;
    };

    explicit LogFile(QString path)
        : LogFile(std::move(path), Options())
    { }
    LogFile(QString path, Options options);
    ~LogFile();
    LogFile(const LogFile&) = delete;
    LogFile& operator=(const LogFile&) = delete;

    QString path() const { return m_path; }
    bool isOpen() const; // false when the folder or file cannot be written (then stderr only)
    QString errorString() const { return m_error; }

    // The folder the app's log lives in: the app-data location's "logs".
    static QString defaultDirectory();
    static QString defaultPath(); // defaultDirectory() + "/ecr-ptc-admin.log"

    // Writes one line, as the message handler does (tests use it directly too).
    void write(QtMsgType type, const char* category, const QString& message);

private:
    static void handler(QtMsgType type, const QMessageLogContext& context, const QString& message);
    void rotate();

    QString m_path;
    Options m_options;
    QString m_error;
    mutable QMutex m_mutex;
    QFile m_file;
    QtMessageHandler m_previous = nullptr;
};

} // namespace ecr::logging
