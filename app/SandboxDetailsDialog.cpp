#include "SandboxDetailsDialog.h"

#include "LocalSandbox.h"

#include <QClipboard>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QGuiApplication>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace ecr {

SandboxDetailsDialog::SandboxDetailsDialog(const LocalSandbox& sandbox, QWidget* parent)
    : QDialog(parent)
    , m_text(new QPlainTextEdit(this))
{
    setObjectName(u"sandboxDetailsDialog"_s);
    setWindowTitle(tr("Local Sandbox Connection Details"));
    auto* layout = new QVBoxLayout(this);
    auto* intro = new QLabel(tr("The Local sandbox listens on %1 for account %2 with keys made "
                                "up for this run; nothing else accepts them. Paste these lines "
                                "into a shell to use the sandbox with the AWS CLI:")
                                 .arg(sandbox.url().toString(), sandbox.accountId()),
        this);
    intro->setTextFormat(Qt::PlainText);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    const auto keys = sandbox.credentials();
    m_text->setObjectName(u"exportTextEdit"_s);
    m_text->setReadOnly(true);
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    // AWS CLI 2.13 and later read AWS_ENDPOINT_URL; older ones (Debian 12 ships 2.9) need
    // --endpoint-url, so the example command passes it.
    m_text->setPlainText(
        u"unset AWS_PROFILE AWS_SESSION_TOKEN\n"
        "export AWS_ACCESS_KEY_ID=%1\n"
        "export AWS_SECRET_ACCESS_KEY=%2\n"
        "export AWS_REGION=%3\n"
        "export AWS_ENDPOINT_URL=%4\n"
        "aws ecr describe-pull-through-cache-rules --endpoint-url \"$AWS_ENDPOINT_URL\"\n"_s.arg(
            keys.accessKeyId, keys.secretAccessKey, LocalSandbox::defaultRegion(),
            sandbox.url().toString()));
    layout->addWidget(m_text);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton* copy = buttons->addButton(tr("&Copy"), QDialogButtonBox::ActionRole);
    copy->setObjectName(u"copyButton"_s);
    connect(copy, &QPushButton::clicked, this,
        [this] { QGuiApplication::clipboard()->setText(exportText()); });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    resize(640, 300);
}

QString SandboxDetailsDialog::exportText() const
{
    return m_text->toPlainText();
}

} // namespace ecr
