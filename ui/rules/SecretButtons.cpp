#include "SecretButtons.h"

#include <QBoxLayout>
#include <QLineEdit>
#include <QPushButton>

using namespace Qt::StringLiterals;

namespace ecr {

SecretButtons::SecretButtons(QLineEdit* arnEdit)
    : QObject(arnEdit)
    , m_edit(arnEdit)
    , m_choose(new QPushButton(tr("C&hoose…"), arnEdit->parentWidget()))
    , m_create(new QPushButton(tr("Create S&ecret…"), arnEdit->parentWidget()))
{
    m_choose->setObjectName(u"chooseSecretButton"_s);
    m_choose->setToolTip(tr("Pick one of the registry's ecr-pullthroughcache/ secrets"));
    m_create->setObjectName(u"createSecretButton"_s);
    m_create->setToolTip(tr("Create a Secrets Manager secret with the upstream user and token"));
    for (QPushButton* button : {m_choose, m_create})
        button->setAutoDefault(false);
    auto* row = new QHBoxLayout;
    row->setContentsMargins(0, 0, 0, 0);
    if (auto* box = qobject_cast<QBoxLayout*>(arnEdit->parentWidget()->layout())) {
        const int at = box->indexOf(arnEdit);
        box->removeWidget(arnEdit);
        row->addWidget(arnEdit, 1);
        row->addWidget(m_choose);
        row->addWidget(m_create);
        box->insertLayout(at < 0 ? 0 : at, row);
    }
    QWidget::setTabOrder(arnEdit, m_choose);
    QWidget::setTabOrder(m_choose, m_create);
    connect(m_choose, &QPushButton::clicked, this, &SecretButtons::chooseRequested);
    connect(m_create, &QPushButton::clicked, this, &SecretButtons::createRequested);
}

QString SecretButtons::currentArn() const
{
    return m_edit->text().trimmed();
}

void SecretButtons::setArn(const QString& arn)
{
    m_edit->setText(arn);
    m_edit->setFocus(Qt::OtherFocusReason);
    Q_EMIT arnSet(arn);
}

} // namespace ecr
