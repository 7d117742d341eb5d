#pragma once

// QTemporaryDir and QTemporaryFile for tests. Under scripts/test (ECR_KEEP_TEST_DIRS=1) they are
// kept when the test ends: the run's TMPDIR is its own, the secret scan reads everything a test
// wrote there, and scripts/test removes the whole run folder afterwards.
#include <QCryptographicHash>
#include <QFile>
#include <QTemporaryDir>
#include <QTemporaryFile>
#include <QtGlobal>

#include <utility>

namespace ecr::test {

inline bool keepTestFiles()
{
    return qEnvironmentVariableIntValue("ECR_KEEP_TEST_DIRS") == 1;
}

// A file a test wrote on purpose with an example secret in it (a ~/.aws/credentials file, a
// credential_process script): the secret scan passes over it as long as its content is still
// exactly what the test wrote. Call after the file is closed. Recorded as "<sha256> <path>" in
// the run folder's secret-fixtures.txt (under scripts/test only).
inline void recordSecretFixture(const QString& path)
{
    const QString root = qEnvironmentVariable("ECR_TEST_RUN_ROOT");
    QFile file(path);
    if (root.isEmpty() || !file.open(QIODevice::ReadOnly))
        return;
    const QByteArray hash
        = QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256).toHex();
    QFile list(root + QStringLiteral("/secret-fixtures.txt"));
    if (list.open(QIODevice::Append))
        list.write(hash + ' ' + path.toUtf8() + '\n');
}

// A temporary folder or file that stays when the test ends under scripts/test.
template <typename Temporary>
class Kept : public Temporary
{
public:
    template <typename... Args>
    explicit Kept(Args&&... args)
        : Temporary(std::forward<Args>(args)...)
    {
        if (keepTestFiles())
            this->setAutoRemove(false);
    }
};
using TestDir = Kept<QTemporaryDir>;
using TestFile = Kept<QTemporaryFile>;

} // namespace ecr::test
