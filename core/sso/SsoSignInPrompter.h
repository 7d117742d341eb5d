#pragma once

#include "Cancellation.h"
#include "SsoTypes.h"

#include <QDateTime>
#include <QString>
#include <QUrl>

#include <memory>

namespace ecr {

// What the user needs to approve a sign-in: the code, the page, how long it stays valid.
struct SsoSignInPrompt
{
    QString sessionName; // how to name the sign-in: "sso-session my-sso", or the start URL
    QString startUrl;
    QString userCode;
    QUrl verificationUri;
    QUrl verificationUriComplete; // opens the page with the code filled in
    QDateTime expiresAt; // UTC: the code is no good after this
};

// One sign-in on screen. Destroying it closes it.
class SsoSignInView
{
public:
    virtual ~SsoSignInView();
    // A line about how the sign-in goes ("Still waiting…", "The service asked to poll slower.").
    virtual void setStatus(const QString& status) = 0;
};

// Shows a sign-in to the user. The UI implements it with a dialog (the code, the page opened in
// the browser, time left, Cancel), tests with a fake that approves through the sandbox.
class SsoSignInPrompter
{
public:
    virtual ~SsoSignInPrompter();
    // Opens the sign-in; `userCancel` is the view's own Cancel: cancelling it stops the sign-in.
    virtual std::unique_ptr<SsoSignInView> open(
        const SsoSignInPrompt& prompt, CancelToken userCancel)
        = 0;
};

} // namespace ecr
