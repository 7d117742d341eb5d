#pragma once

// Shared pieces of the credentials tests: waiting for a coroutine, a scripted MFA prompter, a
// secret store that counts its calls, and the distinctive example secrets that
// scripts/scan-secrets looks for after the run.
#include "Clock.h"
#include "KeychainStore.h"
#include "MfaPrompter.h"

#include <QCoroTask>
#include <QEventLoop>
#include <QStringList>

#include <optional>

namespace ecr::test {

// Example secrets: never real, easy to find if one leaks into a file or a log.
inline const QString kSentinelSecret
    = QStringLiteral("wJalrXUtnFEMI-K7MDENG-EXAMPLESECRETSENTINEL");
inline const QString kSentinelAccessKey = QStringLiteral("AKIAEXAMPLESENTINEL1");
inline QString sentinelToken(qsizetype length)
{
    QString token = QStringLiteral("EXAMPLETOKENSENTINEL");
    while (token.size() < length)
        token += QStringLiteral("-abcdefghijklmnopqrstuvwxyz0123456789");
    return token.left(length);
}

// The system clock plus an offset the test moves forward: freshness windows and expiry are
// crossed by advancing it, not by sleeping. Server and client share it, so signatures match.
class SteppingClock final : public Clock
{
public:
    QDateTime now() const override
    {
        return QDateTime::currentDateTimeUtc().addMSecs(m_offset.count());
    }
    void advance(std::chrono::milliseconds by) { m_offset += by; }

private:
    std::chrono::milliseconds m_offset{0};
};

// Runs the event loop until the task is done (tests only: product code never nests loops).
template <typename T>
T awaitTask(QCoro::Task<T>&& task)
{
    std::optional<T> out;
    QEventLoop loop;
    auto continuation = task.then([&](T value) {
        out.emplace(std::move(value));
        loop.quit();
    });
    if (!out)
        loop.exec();
    return std::move(*out);
}

inline void awaitTask(QCoro::Task<void>&& task)
{
    bool done = false;
    QEventLoop loop;
    auto continuation = task.then([&] {
        done = true;
        loop.quit();
    });
    if (!done)
        loop.exec();
}

// Answers with the queued codes, then with "cancel".
class FakeMfaPrompter final : public MfaPrompter
{
public:
    QCoro::Task<std::optional<QString>> askCode(
        QString profileName, QString mfaSerial, CancelToken) override
    {
        asked.append(profileName + u'|' + mfaSerial);
        if (codes.isEmpty())
            co_return std::nullopt;
        std::optional<QString> code = codes.takeFirst();
        co_return code;
    }
    QStringList codes;
    QStringList asked; // "profile|serial" per question
};

// Forwards to another store and counts the calls (to prove when the keychain is touched).
class CountingSecretStore final : public SecretStore
{
public:
    explicit CountingSecretStore(SecretStore& inner)
        : m_inner(inner)
    { }
    QCoro::Task<KeychainResult<QByteArray>> read(QString key) override
    {
        ++reads;
        co_return co_await m_inner.read(std::move(key));
    }
    QCoro::Task<KeychainResult<Unit>> write(QString key, QByteArray value) override
    {
        ++writes;
        co_return co_await m_inner.write(std::move(key), std::move(value));
    }
    QCoro::Task<KeychainResult<Unit>> remove(QString key) override
    {
        ++removes;
        co_return co_await m_inner.remove(std::move(key));
    }
    int calls() const { return reads + writes + removes; }
    int reads = 0;
    int writes = 0;
    int removes = 0;

private:
    SecretStore& m_inner;
};

} // namespace ecr::test
