// The sandbox over HTTPS with certificates from a test CA made for the run
// (tests/tools/make-test-ca.sh): a server the client does not trust is refused with an error that
// names the problem, the profile's CA bundle makes it trusted, and an expired certificate or one
// for another host is refused even from a trusted CA. Real TLS over loopback, Qt's own checks.
#include "ErrorPresenter.h"
#include "SandboxHarness.h"
#include "TestDir.h"

#include <QProcess>
#include <QTest>

using namespace ecr;
using namespace ecr::test;
using namespace Qt::StringLiterals;

class TestTls : public QObject
{
    Q_OBJECT

    ecr::test::TestDir m_dir;

    QString file(const char* name) const { return m_dir.filePath(QLatin1StringView(name)); }
    HarnessOptions serving(const char* certificate, bool trustTheCa) const
    {
        HarnessOptions options;
        options.tlsCertFile = file(certificate) + u".pem"_s;
        options.tlsKeyFile = file(certificate) + u".key"_s;
        if (trustTheCa)
            options.clientCaBundle = file("ca.pem");
        return options;
    }
    static Result<EcrReply<QList<PullThroughCacheRule>>> describe(SandboxHarness& h)
    {
        return h.wait(h.client().describeAllRules({}));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QProcess make;
        make.start(u"bash"_s,
            {QStringLiteral(ECR_SOURCE_DIR "/tests/tools/make-test-ca.sh"), m_dir.path()});
        QVERIFY(make.waitForFinished(60000));
        QVERIFY2(make.exitCode() == 0, make.readAllStandardError().constData());
    }

    void anUntrustedCertificateIsRefused()
    {
        SandboxHarness h(serving("good", false));
        QCOMPARE(h.server().url().scheme(), u"https"_s);
        const auto refused = describe(h);
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().kind, ErrorKind::Tls);
        QCOMPARE(refused.error().attempts, 1); // not retried: it would fail the same way
        QVERIFY2(refused.error().message.contains(u"secure connection"_s)
                && refused.error().message.contains(u"issuer certificate"_s),
            qPrintable(refused.error().message));
        const ErrorText text = describeError(refused.error(), u"Loading the rules"_s, false);
        QVERIFY2(!text.title.isEmpty() && text.details.contains(u"issuer certificate"_s),
            qPrintable(text.title + u'\n' + text.details));
        QCOMPARE(h.service().totalRequestCount(), 0); // nothing reached the server
    }

    void theProfilesCaBundleIsTrusted()
    {
        SandboxHarness h(serving("good", true));
        const auto listed = describe(h);
        QVERIFY2(listed.ok(), qPrintable(listed.ok() ? QString() : listed.error().message));
        QCOMPARE(h.service().totalRequestCount(), 1);
    }

    void anExpiredCertificateIsRefused()
    {
        SandboxHarness h(serving("expired", true));
        const auto refused = describe(h);
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().kind, ErrorKind::Tls);
        QVERIFY2(
            refused.error().message.contains(u"expired"_s), qPrintable(refused.error().message));
        QCOMPARE(h.service().totalRequestCount(), 0);
    }

    void aCertificateForAnotherHostIsRefused()
    {
        SandboxHarness h(serving("wronghost", true));
        const auto refused = describe(h);
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().kind, ErrorKind::Tls);
        QVERIFY2(
            refused.error().message.contains(u"host name"_s), qPrintable(refused.error().message));
        QCOMPARE(h.service().totalRequestCount(), 0);
    }
};

QTEST_GUILESS_MAIN(TestTls)
#include "tst_tls.moc"
