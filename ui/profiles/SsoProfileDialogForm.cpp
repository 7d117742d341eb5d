#include "SsoProfileDialog.h"
#include "SsoProfileDialogParts.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QStandardItemModel>
#include <QTreeView>
#include <QVBoxLayout>

// The Add SSO Profile dialog's widgets and their wiring; its behaviour is SsoProfileDialog.cpp.
using namespace Qt::StringLiterals;

namespace ecr {

using namespace sso_dialog;

void SsoProfileDialog::buildForm()
{
    auto* layout = new QVBoxLayout(this);

    auto* signInBox = new QGroupBox(tr("1. Sign in"), this);
    auto* signInForm = new QFormLayout(signInBox);
    m_sessionCombo = new QComboBox(signInBox);
    m_sessionCombo->setObjectName(u"sessionComboBox"_s);
    auto* sessionLabel = new QLabel(tr("Sign-in t&o:"), signInBox);
    sessionLabel->setBuddy(m_sessionCombo);
    signInForm->addRow(sessionLabel, m_sessionCombo);
    auto addEdit = [&](const QString& title, const QString& name, const QString& placeholder) {
        auto* edit = new QLineEdit(signInBox);
        edit->setObjectName(name);
        edit->setPlaceholderText(placeholder);
        edit->setClearButtonEnabled(true);
        auto* label = new QLabel(title, signInBox);
        label->setBuddy(edit);
        signInForm->addRow(label, edit);
        connect(edit, &QLineEdit::textChanged, this, &SsoProfileDialog::refresh);
        return edit;
    };
    m_sessionName = addEdit(tr("Session &name:"), u"sessionNameLineEdit"_s,
        tr("For example my-sso; the AWS CLI knows it as [sso-session my-sso]"));
    m_startUrl = addEdit(
        tr("&Portal URL:"), u"startUrlLineEdit"_s, tr("https://my-company.awsapps.com/start"));
    m_ssoRegion = addEdit(
        tr("Identity Center re&gion:"), u"ssoRegionLineEdit"_s, tr("For example eu-west-1"));
    auto* signInRow = new QHBoxLayout;
    m_signInButton = new QPushButton(tr("Sign &In…"), signInBox);
    m_signInButton->setObjectName(u"signInButton"_s);
    m_status = new QLabel(signInBox);
    m_status->setObjectName(u"statusLabel"_s);
    m_status->setWordWrap(true);
    signInRow->addWidget(m_signInButton);
    signInRow->addWidget(m_status, 1);
    signInForm->addRow(signInRow);
    layout->addWidget(signInBox);

    auto* pickBox = new QGroupBox(tr("2. Account and role"), this);
    auto* pickLayout = new QVBoxLayout(pickBox);
    m_accountFilter = new QLineEdit(pickBox);
    m_accountFilter->setObjectName(u"accountFilterLineEdit"_s);
    m_accountFilter->setPlaceholderText(tr("Search accounts by name, ID or e-mail"));
    m_accountFilter->setClearButtonEnabled(true);
    m_accountFilter->setAccessibleName(tr("Search accounts"));
    auto* filterRow = new QHBoxLayout;
    auto* filterLabel = new QLabel(tr("&Find account:"), pickBox);
    filterLabel->setBuddy(m_accountFilter);
    filterRow->addWidget(filterLabel);
    filterRow->addWidget(m_accountFilter, 1);
    pickLayout->addLayout(filterRow);
    auto* lists = new QHBoxLayout;
    m_accountModel = new QStandardItemModel(0, 3, this);
    m_accountModel->setHorizontalHeaderLabels({tr("Account"), tr("ID"), tr("E-mail")});
    m_accountProxy = new QSortFilterProxyModel(this);
    m_accountProxy->setSourceModel(m_accountModel);
    m_accountProxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_accountProxy->setFilterKeyColumn(-1); // any column
    m_accountProxy->setSortCaseSensitivity(Qt::CaseInsensitive);
    m_accounts = new QTreeView(pickBox);
    m_accounts->setObjectName(u"accountsView"_s);
    m_accounts->setAccessibleName(tr("Accounts"));
    m_accounts->setModel(m_accountProxy);
    m_accounts->setRootIsDecorated(false);
    m_accounts->setUniformRowHeights(true);
    m_accounts->setSortingEnabled(true);
    m_accounts->sortByColumn(AccountName, Qt::AscendingOrder);
    m_accounts->header()->setSectionResizeMode(AccountName, QHeaderView::Stretch);
    m_accounts->header()->setStretchLastSection(false);
    m_roles = new QListWidget(pickBox);
    m_roles->setObjectName(u"rolesList"_s);
    m_roles->setAccessibleName(tr("Roles"));
    auto* accountColumn = new QVBoxLayout;
    auto* accountsLabel = new QLabel(tr("Accoun&ts:"), pickBox);
    accountsLabel->setBuddy(m_accounts);
    accountColumn->addWidget(accountsLabel);
    accountColumn->addWidget(m_accounts);
    auto* roleColumn = new QVBoxLayout;
    auto* rolesLabel = new QLabel(tr("Ro&les:"), pickBox);
    rolesLabel->setBuddy(m_roles);
    roleColumn->addWidget(rolesLabel);
    roleColumn->addWidget(m_roles);
    lists->addLayout(accountColumn, 3);
    lists->addLayout(roleColumn, 2);
    pickLayout->addLayout(lists);
    layout->addWidget(pickBox, 1);

    auto* saveBox = new QGroupBox(tr("3. Profile"), this);
    auto* saveForm = new QFormLayout(saveBox);
    m_profileName = new QLineEdit(saveBox);
    m_profileName->setObjectName(u"profileNameLineEdit"_s);
    auto* nameLabel = new QLabel(tr("Profile na&me:"), saveBox);
    nameLabel->setBuddy(m_profileName);
    saveForm->addRow(nameLabel, m_profileName);
    m_region = new QLineEdit(saveBox);
    m_region->setObjectName(u"regionLineEdit"_s);
    m_region->setPlaceholderText(tr("The ECR region; for example us-east-1"));
    auto* regionLabel = new QLabel(tr("ECR &region:"), saveBox);
    regionLabel->setBuddy(m_region);
    saveForm->addRow(regionLabel, m_region);
    m_writeConfig = new QCheckBox(tr("Also add it to the AWS CLI's &config file"), saveBox);
    m_writeConfig->setObjectName(u"writeConfigCheckBox"_s);
    saveForm->addRow(m_writeConfig);
    m_configPreview = new QPlainTextEdit(saveBox);
    m_configPreview->setObjectName(u"configPreview"_s);
    m_configPreview->setReadOnly(true);
    m_configPreview->setAccessibleName(tr("Text that will be added to the config file"));
    m_configPreview->setFont(QFont(u"monospace"_s));
    m_configPreview->setMaximumHeight(fontMetrics().lineSpacing() * 11);
    m_configPreview->setVisible(false);
    saveForm->addRow(m_configPreview);
    layout->addWidget(saveBox);

    m_problem = new QLabel(this);
    m_problem->setObjectName(u"problemLabel"_s);
    m_problem->setWordWrap(true);
    layout->addWidget(m_problem);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    m_saveButton = buttons->button(QDialogButtonBox::Save);
    m_saveButton->setObjectName(u"saveButton"_s);
    buttons->button(QDialogButtonBox::Cancel)->setObjectName(u"cancelButton"_s);
    layout->addWidget(buttons);

    connect(
        m_sessionCombo, &QComboBox::currentIndexChanged, this, &SsoProfileDialog::sessionChosen);
    connect(m_signInButton, &QPushButton::clicked, this, [this] {
        if (m_signInCancel && !m_signInCancel->isCancelled()) {
            m_signInCancel->cancel();
            return;
        }
        signIn();
    });
    connect(m_accountFilter, &QLineEdit::textChanged, m_accountProxy,
        &QSortFilterProxyModel::setFilterFixedString);
    connect(m_accounts->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        &SsoProfileDialog::accountChosen);
    connect(m_roles, &QListWidget::currentRowChanged, this, [this] {
        const QModelIndex account = m_accounts->currentIndex();
        if (!m_nameEdited && account.isValid() && m_roles->currentItem()) {
            const QString accountName
                = m_accountProxy->index(account.row(), AccountName).data().toString();
            const QSignalBlocker quiet(m_profileName);
            m_profileName->setText(suggestedName(accountName, m_roles->currentItem()->text()));
        }
        refresh();
    });
    connect(m_profileName, &QLineEdit::textEdited, this, [this] { m_nameEdited = true; });
    connect(m_profileName, &QLineEdit::textChanged, this, &SsoProfileDialog::refresh);
    connect(m_region, &QLineEdit::textChanged, this, &SsoProfileDialog::refresh);
    connect(m_writeConfig, &QCheckBox::toggled, this, &SsoProfileDialog::refresh);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] { save(); });
    connect(buttons, &QDialogButtonBox::rejected, this, &SsoProfileDialog::reject);
    resize(720, 640);
}

} // namespace ecr
