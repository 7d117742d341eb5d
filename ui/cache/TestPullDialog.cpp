#include "TestPullDialog.h"

#include "AppIcon.h"
#include "EcrSession.h"
#include "ErrorPresenter.h"
#include "MirrorConfig.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPointer>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace ecr {

TestPullDialog::TestPullDialog(
    std::shared_ptr<EcrSession> session, PullThroughCacheRule rule, QWidget* parent)
    : QDialog(parent)
    , m_session(std::move(session))
    , m_rule(std::move(rule))
    , m_puller(*m_session)
{
    setObjectName(u"testPullDialog"_s);
    setWindowTitle(tr("Test Pull through %1").arg(m_rule.ecrRepositoryPrefix));
    setWindowIcon(applicationIcon());
    auto* layout = new QVBoxLayout(this);
    auto* intro = new QLabel(tr("Asks the private registry for an image's manifest through this "
                                "rule, as a node's first pull does: ECR fetches it from %1 and "
                                "caches it. No Docker is needed; nothing is downloaded but the "
                                "manifest.")
                                 .arg(m_rule.upstreamRegistryUrl),
        this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    auto* form = new QFormLayout;
    m_image = new QLineEdit(this);
    m_image->setObjectName(u"imageLineEdit"_s);
    const std::optional<UpstreamRegistry> registry = m_rule.upstreamRegistry.isEmpty()
        ? upstreamRegistryForUrl(m_rule.upstreamRegistryUrl)
        : upstreamRegistryFromWireName(m_rule.upstreamRegistry);
    const QString suggested = exampleImage(registry);
    m_image->setText(suggested);
    m_image->setPlaceholderText(suggested);
    auto* imageLabel = new QLabel(tr("Upstream &image:"), this);
    imageLabel->setBuddy(m_image);
    form->addRow(imageLabel, m_image);
    m_target = new QLabel(this);
    m_target->setObjectName(u"targetLabel"_s);
    m_target->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_target->setWordWrap(true);
    form->addRow(tr("Pulls:"), m_target);
    layout->addLayout(form);
    m_status = new QLabel(this);
    m_status->setObjectName(u"statusLabel"_s);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    layout->addWidget(m_status);
    m_result = new QWidget(this);
    m_result->setObjectName(u"resultWidget"_s);
    m_resultForm = new QFormLayout(m_result);
    m_resultForm->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_result);
    m_result->hide();
    layout->addStretch();
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_pull = buttons->addButton(tr("&Pull"), QDialogButtonBox::ActionRole);
    m_pull->setObjectName(u"pullButton"_s);
    m_pull->setDefault(true);
    m_cancelButton = buttons->addButton(tr("Ca&ncel Pull"), QDialogButtonBox::ActionRole);
    m_cancelButton->setObjectName(u"cancelPullButton"_s);
    m_cancelButton->setEnabled(false);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, this, &TestPullDialog::reject);
    connect(m_pull, &QPushButton::clicked, this, [this] { pull(); });
    connect(m_cancelButton, &QPushButton::clicked, this, [this] {
        if (m_cancel)
            m_cancel->cancel();
    });
    connect(m_image, &QLineEdit::textChanged, this, &TestPullDialog::updateTarget);
    connect(m_image, &QLineEdit::returnPressed, m_pull, &QPushButton::click);
    updateTarget();
    resize(640, 380);
}

TestPullDialog::~TestPullDialog()
{
    m_closing = true;
    if (m_cancel)
        m_cancel->cancel();
}

void TestPullDialog::reject()
{
    if (m_cancel)
        m_cancel->cancel();
    QDialog::reject();
}

void TestPullDialog::updateTarget()
{
    const std::optional<PullTarget> target = pullTarget(m_rule, m_image->text());
    m_pull->setEnabled(target.has_value() && !m_cancel);
    if (!target) {
        m_target->setText(
            tr("Give the image's path at the upstream in lower case and a tag, such as %1.")
                .arg(m_image->placeholderText()));
        return;
    }
    const RegistryLocation location = m_session->location();
    QString text = u"%1/%2%3%4"_s.arg(location.host(), target->repositoryName,
        target->byDigest ? u"@"_s : u":"_s, target->reference);
    if (target->byDigest)
        text += u"\n"_s + tr("A first pull by digest does not fill the cache: test by tag.");
    m_target->setText(text);
}

QCoro::Task<void> TestPullDialog::pull()
{
    QPointer<TestPullDialog> self(this);
    m_cancel = Cancellation::create();
    const CancelToken cancel = m_cancel;
    m_pull->setEnabled(false);
    m_cancelButton->setEnabled(true);
    m_result->hide();
    m_status->setText(tr("Pulling… a first pull waits for the upstream registry."));
    const PullThroughCacheRule rule = m_rule;
    const QString image = m_image->text();
    const Result<PulledManifest> answer = co_await m_puller.pull(rule, image, cancel);
    if (!self || m_closing)
        co_return;
    m_cancel.reset();
    m_cancelButton->setEnabled(false);
    updateTarget();
    if (!answer) {
        const ErrorText text = describeError(answer.error(), tr("The test pull"), false);
        m_status->setText(u"<b>%1</b><br>%2 %3"_s.arg(
            text.title.toHtmlEscaped(), text.what.toHtmlEscaped(), text.action.toHtmlEscaped()));
        co_return;
    }
    showResult(answer.value());
    Q_EMIT pulled(answer->repositoryName);
}

void TestPullDialog::showResult(const PulledManifest& m)
{
    while (m_resultForm->rowCount() > 0)
        m_resultForm->removeRow(0);
    auto add = [this](const QString& title, const QString& value, const QString& name) {
        auto* label = new QLabel(value, m_result);
        label->setObjectName(name);
        label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
        label->setWordWrap(true);
        m_resultForm->addRow(title, label);
    };
    const QLocale locale;
    add(tr("Digest:"),
        m.digestMatches ? m.digest : tr("%1 (does not match the manifest's bytes)").arg(m.digest),
        u"digestLabel"_s);
    add(tr("Media type:"), m.mediaType, u"mediaTypeLabel"_s);
    if (!m.platforms.isEmpty())
        add(tr("Platforms:"), m.platforms.join(u", "_s), u"platformsLabel"_s);
    add(tr("Size:"),
        m.platforms.isEmpty()
            ? tr("%1 (the manifest %2)")
                  .arg(locale.formattedDataSize(m.imageBytes),
                      locale.formattedDataSize(m.manifestBytes))
            : tr("an index of %n image(s), %1; each platform's image is cached with it", nullptr,
                int(m.platforms.size()))
                  .arg(locale.formattedDataSize(m.manifestBytes)),
        u"sizeLabel"_s);
    add(tr("Time:"), tr("%1 ms").arg(locale.toString(double(m.elapsed.count()) / 1000.0, 'f', 1)),
        u"timeLabel"_s);
    m_status->setText(
        tr("The cache answered: %1 is in the repository %2.").arg(m.reference, m.repositoryName));
    m_result->show();
}

} // namespace ecr
