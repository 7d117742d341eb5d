#include "SsoSignInDialog.h"

#include "AppIcon.h"

#include <QApplication>
#include <QClipboard>
#include <QDateTime>
#include <QDesktopServices>
#include <QDialogButtonBox>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace ecr {

SsoSignInDialog::SsoSignInDialog(QWidget* parent)
    : QDialog(parent)
    , m_opener([](const QUrl& url) { return QDesktopServices::openUrl(url); })
    , m_ticker(new QTimer(this))
{
    setObjectName(u"ssoSignInDialog"_s);
    setWindowTitle(tr("Sign In with IAM Identity Center"));
    setWindowIcon(applicationIcon());
    auto* layout = new QVBoxLayout(this);
    m_intro = new QLabel(this);
    m_intro->setObjectName(u"introLabel"_s);
    m_intro->setTextFormat(Qt::RichText); // the session name is escaped into it
    m_intro->setWordWrap(true);
    layout->addWidget(m_intro);

    m_code = new QLabel(this);
    m_code->setObjectName(u"userCodeLabel"_s);
    m_code->setAlignment(Qt::AlignCenter);
    m_code->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    QFont big = m_code->font();
    big.setPointSizeF(big.pointSizeF() * 2);
    big.setBold(true);
    big.setFamily(u"monospace"_s);
    m_code->setFont(big);
    m_code->setAccessibleName(tr("Code"));
    layout->addWidget(m_code);

    m_url = new QLabel(this);
    m_url->setObjectName(u"verificationUrlLabel"_s);
    m_url->setAlignment(Qt::AlignCenter);
    m_url->setTextFormat(Qt::RichText);
    m_url->setTextInteractionFlags(Qt::TextBrowserInteraction);
    connect(m_url, &QLabel::linkActivated, this, [this] { openBrowser(); });
    layout->addWidget(m_url);

    m_timeLeft = new QProgressBar(this);
    m_timeLeft->setObjectName(u"timeLeftBar"_s);
    m_timeLeft->setAccessibleName(tr("Time left to approve"));
    layout->addWidget(m_timeLeft);
    m_status = new QLabel(tr("Waiting for you to approve the sign-in in the browser…"), this);
    m_status->setObjectName(u"statusLabel"_s);
    m_status->setWordWrap(true);
    layout->addWidget(m_status);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    auto* open = buttons->addButton(tr("&Open Browser"), QDialogButtonBox::ActionRole);
    open->setObjectName(u"openBrowserButton"_s);
    auto* copy = buttons->addButton(tr("Cop&y Code"), QDialogButtonBox::ActionRole);
    copy->setObjectName(u"copyCodeButton"_s);
    buttons->button(QDialogButtonBox::Cancel)->setObjectName(u"cancelButton"_s);
    connect(open, &QPushButton::clicked, this, &SsoSignInDialog::openBrowser);
    connect(copy, &QPushButton::clicked, this, [this] {
        QApplication::clipboard()->setText(m_prompt.userCode);
        setStatus(tr("The code is on the clipboard."));
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    open->setDefault(true);

    setMinimumWidth(fontMetrics().averageCharWidth() * 60);
    m_ticker->setInterval(1000);
    connect(m_ticker, &QTimer::timeout, this, &SsoSignInDialog::updateTimeLeft);
}

void SsoSignInDialog::setPrompt(const SsoSignInPrompt& prompt)
{
    m_prompt = prompt;
    m_intro->setText(tr("To sign in to %1, approve this code in your browser. The page opens by "
                        "itself; if it does not, open the address below and enter the code.")
                         .arg(prompt.sessionName.toHtmlEscaped()));
    m_code->setText(prompt.userCode);
    const QString shown = prompt.verificationUri.toDisplayString();
    m_url->setText(u"<a href=\"%1\">%2</a>"_s.arg(
        prompt.verificationUri.toString(QUrl::FullyEncoded).toHtmlEscaped(),
        shown.toHtmlEscaped()));
    const qint64 total
        = std::max<qint64>(1, QDateTime::currentDateTimeUtc().secsTo(prompt.expiresAt));
    m_timeLeft->setRange(0, int(std::min<qint64>(total, 24 * 3600)));
    updateTimeLeft();
    m_ticker->start();
}

void SsoSignInDialog::setStatus(const QString& status)
{
    m_status->setText(status);
}

void SsoSignInDialog::openBrowser()
{
    const QUrl url = m_prompt.verificationUriComplete.isValid() ? m_prompt.verificationUriComplete
                                                                : m_prompt.verificationUri;
    if (!m_opener || !m_opener(url))
        setStatus(tr("No browser could be opened. Open %1 yourself and enter the code.")
                      .arg(m_prompt.verificationUri.toDisplayString()));
}

void SsoSignInDialog::updateTimeLeft()
{
    const qint64 left
        = std::max<qint64>(0, QDateTime::currentDateTimeUtc().secsTo(m_prompt.expiresAt));
    m_timeLeft->setValue(int(std::min<qint64>(left, m_timeLeft->maximum())));
    m_timeLeft->setFormat(left > 0
            ? tr("%1:%2 left to approve").arg(left / 60).arg(left % 60, 2, 10, QLatin1Char('0'))
            : tr("The code has expired"));
}

namespace {

class DialogView final : public SsoSignInView
{
public:
    explicit DialogView(SsoSignInDialog* dialog)
        : m_dialog(dialog)
    { }
    ~DialogView() override
    {
        if (m_dialog) {
            // It may be closing from inside its own Cancel: never delete it there and then.
            QObject::disconnect(m_dialog, &QDialog::rejected, nullptr, nullptr);
            QObject::disconnect(m_dialog, &QObject::destroyed, nullptr, nullptr);
            m_dialog->hide();
            m_dialog->deleteLater();
        }
    }
    void setStatus(const QString& status) override
    {
        if (m_dialog)
            m_dialog->setStatus(status);
    }

private:
    QPointer<SsoSignInDialog> m_dialog;
};

} // namespace

DialogSsoPrompter::DialogSsoPrompter(QWidget* parent)
    : m_parent(parent)
{ }

std::unique_ptr<SsoSignInView> DialogSsoPrompter::open(
    const SsoSignInPrompt& prompt, CancelToken userCancel)
{
    QWidget* parent = QApplication::activeModalWidget();
    if (!parent)
        parent = m_parent;
    auto* dialog = new SsoSignInDialog(parent);
    if (m_opener)
        dialog->setUrlOpener(m_opener);
    dialog->setPrompt(prompt);
    QObject::connect(dialog, &QDialog::rejected, dialog, [userCancel] {
        if (userCancel)
            userCancel->cancel();
    });
    // Gone without an answer (its parent dialog closed): the sign-in must not poll on unseen.
    QObject::connect(dialog, &QObject::destroyed, [userCancel] {
        if (userCancel)
            userCancel->cancel();
    });
    dialog->setWindowModality(parent ? Qt::WindowModal : Qt::ApplicationModal);
    dialog->show();
    dialog->openBrowser();
    return std::make_unique<DialogView>(dialog);
}

} // namespace ecr
