#include "LogFile.h"

#include "LogRedaction.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

#include <atomic>

using namespace Qt::StringLiterals;

namespace ecr::logging {

namespace {

std::atomic<LogFile*> g_instance{nullptr};

const char* severityName(QtMsgType type)
{
    switch (type) {
    case QtDebugMsg:
        return "debug";
    case QtInfoMsg:
        return "info";
    case QtWarningMsg:
        return "warning";
    case QtCriticalMsg:
        return "critical";
    case QtFatalMsg:
        return "fatal";
    }
    return "info";
}

} // namespace

LogFile::LogFile(QString path, Options options)
    : m_path(std::move(path))
    , m_options(options)
{
    const QFileInfo info(m_path);
    if (!QDir().mkpath(info.absolutePath())) {
        m_error = u"cannot create the folder %1"_s.arg(info.absolutePath());
    } else {
        m_file.setFileName(m_path);
        if (!m_file.open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::Text))
            m_error = m_file.errorString();
        else
            // Only the user reads the log: it names accounts, roles and profiles.
            m_file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    }
    g_instance.store(this);
    m_previous = qInstallMessageHandler(&LogFile::handler);
}

LogFile::~LogFile()
{
    qInstallMessageHandler(m_previous);
    g_instance.store(nullptr);
}

bool LogFile::isOpen() const
{
    const QMutexLocker lock(&m_mutex);
    return m_file.isOpen();
}

QString LogFile::defaultDirectory()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + u"/logs"_s;
}

QString LogFile::defaultPath()
{
    return defaultDirectory() + u"/ecr-ptc-admin.log"_s;
}

void LogFile::handler(QtMsgType type, const QMessageLogContext& context, const QString& message)
{
    LogFile* self = g_instance.load();
    if (!self)
        return;
    const QString safe = redactText(message);
    self->write(type, context.category, safe);
    if (self->m_options.forwardToPrevious && self->m_previous)
        self->m_previous(type, context, safe);
}

void LogFile::write(QtMsgType type, const char* category, const QString& message)
{
    const QByteArray line = (QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs) + u' '
        + QLatin1StringView(severityName(type)) + u' '
        + QLatin1StringView(category ? category : "default") + u": "_s + redactText(message)
        + u'\n')
                                .toUtf8();
    const QMutexLocker lock(&m_mutex);
    if (!m_file.isOpen())
        return;
    if (m_file.size() > 0 && m_file.size() + line.size() > m_options.maxBytes)
        rotate();
    if (!m_file.isOpen())
        return;
    m_file.write(line);
    m_file.flush();
}

void LogFile::rotate()
{
    m_file.close();
    // A QString, not a QStringBuilder that would outlive QString::number's temporary.
    auto numbered = [this](int n) -> QString {
        return m_path + u'.' + QString::number(n);
    };
    QFile::remove(numbered(m_options.keep));
    for (int n = m_options.keep - 1; n >= 1; --n)
        QFile::rename(numbered(n), numbered(n + 1));
    if (m_options.keep > 0)
        QFile::rename(m_path, numbered(1));
    else
        QFile::remove(m_path);
    if (m_file.open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Text))
        m_file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
}

} // namespace ecr::logging
