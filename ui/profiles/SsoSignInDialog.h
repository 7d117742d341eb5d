#pragma once

#include "SsoSignInPrompter.h"

#include <QDialog>
#include <QPointer>

#include <functional>

class QLabel;
class QProgressBar;
class QPushButton;
class QTimer;

namespace ecr {

// Opens a URL in the user's browser; QDesktopServices::openUrl unless a test says otherwise.
using UrlOpener = std::function<bool(const QUrl&)>;

// One IAM Identity Center sign-in on screen: the code to approve, the page (opened in the
// browser at once, again with Open Browser), Copy Code, the time the code has left and how the
// sign-in goes. Cancel (or Esc, or closing it) cancels the sign-in.
class SsoSignInDialog final : public QDialog
{
    Q_OBJECT

public:
    explicit SsoSignInDialog(QWidget* parent = nullptr);

    void setPrompt(const SsoSignInPrompt& prompt);
    void setStatus(const QString& status);
    void setUrlOpener(UrlOpener opener) { m_opener = std::move(opener); }
    // Opens the verification page (with the code filled in) in the browser.
    void openBrowser();
    const SsoSignInPrompt& prompt() const { return m_prompt; }

private:
    void updateTimeLeft();

    SsoSignInPrompt m_prompt;
    UrlOpener m_opener;
    QLabel* m_intro = nullptr;
    QLabel* m_code = nullptr;
    QLabel* m_url = nullptr;
    QLabel* m_status = nullptr;
    QProgressBar* m_timeLeft = nullptr;
    QTimer* m_ticker = nullptr;
};

// The app's SsoSignInPrompter: an SsoSignInDialog over the active modal dialog (else over the
// parent), shown without a nested event loop. Destroying the view closes the dialog.
class DialogSsoPrompter final : public SsoSignInPrompter
{
public:
    explicit DialogSsoPrompter(QWidget* parent);

    std::unique_ptr<SsoSignInView> open(
        const SsoSignInPrompt& prompt, CancelToken userCancel) override;
    void setUrlOpener(UrlOpener opener) { m_opener = std::move(opener); }

private:
    QPointer<QWidget> m_parent;
    UrlOpener m_opener;
};

} // namespace ecr
