#pragma once

#include "Cancellation.h"
#include "EcrTypes.h"
#include "TestPull.h"

#include <QCoroTask>
#include <QDialog>

#include <memory>

class QFormLayout;
class QLabel;
class QLineEdit;
class QPushButton;

namespace ecr {

class EcrSession;

// Test Pull: the user names an upstream image (the form that fits the registry is suggested),
// and the app asks the private registry for its manifest through the rule's prefix — no Docker
// needed. Shows the digest, media type, platforms of an index, size and time, or the registry's
// error as a sentence with a next step. Pulling can be cancelled; the token is never shown.
class TestPullDialog final : public QDialog
{
    Q_OBJECT

public:
    TestPullDialog(
        std::shared_ptr<EcrSession> session, PullThroughCacheRule rule, QWidget* parent = nullptr);
    ~TestPullDialog() override;

    QLineEdit* imageEdit() const { return m_image; }
    QPushButton* pullButton() const { return m_pull; }
    QCoro::Task<void> pull();
    void reject() override;

Q_SIGNALS:
    // A manifest came back: the repository exists in the cache now.
    void pulled(const QString& repositoryName);

private:
    void showResult(const PulledManifest& m);
    void updateTarget();

    std::shared_ptr<EcrSession> m_session;
    PullThroughCacheRule m_rule;
    TestPuller m_puller;
    CancelToken m_cancel;
    bool m_closing = false; // in the destructor: a pull resumed by its cancel touches nothing
    QLineEdit* m_image = nullptr;
    QLabel* m_target = nullptr;
    QLabel* m_status = nullptr;
    QWidget* m_result = nullptr;
    QFormLayout* m_resultForm = nullptr;
    QPushButton* m_pull = nullptr;
    QPushButton* m_cancelButton = nullptr;
};

} // namespace ecr
