#include "ActivityDialog.h"

#include "AppIcon.h"
#include "CodePages.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace ecr {

ActivityDialog::ActivityDialog(ActivityLog& log, QWidget* parent)
    : QDialog(parent)
    , m_log(log)
{
    setObjectName(u"activityDialog"_s);
    setWindowTitle(tr("Activity Log"));
    setWindowIcon(applicationIcon());
    auto* layout = new QVBoxLayout(this);
    auto* filters = new QHBoxLayout;
    m_period = new QComboBox(this);
    m_period->setObjectName(u"periodComboBox"_s);
    m_period->addItem(tr("Last 24 hours"), 1);
    m_period->addItem(tr("Last 7 days"), 7);
    m_period->addItem(tr("Last 30 days"), 30);
    m_period->addItem(tr("All"), 0);
    m_period->setCurrentIndex(2);
    m_account = new QComboBox(this);
    m_account->setObjectName(u"accountComboBox"_s);
    m_operation = new QComboBox(this);
    m_operation->setObjectName(u"operationComboBox"_s);
    const std::pair<QString, QComboBox*> boxes[] = {
        {tr("&When:"), m_period}, {tr("&Account:"), m_account}, {tr("&Operation:"), m_operation}};
    for (const auto& [title, box] : boxes) {
        auto* label = new QLabel(title, this);
        label->setBuddy(box);
        filters->addWidget(label);
        filters->addWidget(box);
    }
    filters->addStretch();
    layout->addLayout(filters);
    m_table = new QTableWidget(this);
    m_table->setObjectName(u"activityTable"_s);
    m_table->setColumnCount(8);
    m_table->setHorizontalHeaderLabels({tr("Time"), tr("Profile"), tr("Account"), tr("Region"),
        tr("Operation"), tr("Target"), tr("Result"), tr("Request ID")});
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    layout->addWidget(m_table, 1);
    m_status = new QLabel(this);
    m_status->setObjectName(u"statusLabel"_s);
    m_status->setWordWrap(true);
    layout->addWidget(m_status);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto* exportButton = buttons->addButton(tr("&Export CSV…"), QDialogButtonBox::ActionRole);
    exportButton->setObjectName(u"exportButton"_s);
    auto* refresh = buttons->addButton(tr("&Refresh"), QDialogButtonBox::ActionRole);
    refresh->setObjectName(u"refreshButton"_s);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(exportButton, &QPushButton::clicked, this, &ActivityDialog::exportCsv);
    connect(refresh, &QPushButton::clicked, this, [this] {
        fillChoices();
        reload();
    });
    fillChoices();
    for (QComboBox* box : {m_period, m_account, m_operation})
        connect(box, &QComboBox::currentIndexChanged, this, &ActivityDialog::reload);
    resize(1000, 480);
    reload();
}

void ActivityDialog::fillChoices()
{
    const std::pair<QComboBox*, QStringList> choices[]
        = {{m_account, m_log.accounts()}, {m_operation, m_log.operations()}};
    for (const auto& [box, values] : choices) {
        const QString current = box->currentData().toString();
        const QSignalBlocker blocker(box);
        box->clear();
        box->addItem(tr("All"), QString());
        for (const QString& v : values)
            box->addItem(v, v);
        box->setCurrentIndex(std::max(0, box->findData(current)));
    }
}

ActivityFilter ActivityDialog::filter() const
{
    ActivityFilter f;
    const int days = m_period->currentData().toInt();
    if (days > 0)
        f.from = QDateTime::currentDateTimeUtc().addDays(-days);
    f.account = m_account->currentData().toString();
    f.operation = m_operation->currentData().toString();
    return f;
}

void ActivityDialog::reload()
{
    m_shown = m_log.entries(filter());
    m_table->setRowCount(int(m_shown.size()));
    const QLocale locale;
    for (int r = 0; r < m_shown.size(); ++r) {
        const ActivityEntry& e = m_shown.at(r);
        const QStringList cells{locale.toString(e.time.toLocalTime(), QLocale::ShortFormat),
            e.profile, e.account, e.region, e.operation, e.target, e.result, e.requestId};
        for (int c = 0; c < cells.size(); ++c)
            m_table->setItem(r, c, new QTableWidgetItem(cells.at(c)));
    }
    m_table->resizeColumnsToContents();
    const QString error = m_log.lastError();
    m_status->setText(!error.isEmpty()
            ? error
            : tr("%n change(s) shown. The log is %1; it holds no secrets.", nullptr,
                int(m_shown.size()))
                  .arg(m_log.path()));
}

bool ActivityDialog::exportTo(const QString& path, QString* error) const
{
    return saveTextFile(path, ActivityLog::toCsv(m_shown), error);
}

void ActivityDialog::exportCsv()
{
    auto* dialog = new QFileDialog(this, tr("Export the Activity Log"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setNameFilter(tr("CSV files (*.csv)"));
    dialog->selectFile(u"ecr-activity.csv"_s);
    connect(dialog, &QFileDialog::fileSelected, this, [this](const QString& path) {
        QString error;
        m_status->setText(exportTo(path, &error)
                ? tr("Exported %n change(s) to %1.", nullptr, int(m_shown.size())).arg(path)
                : error);
    });
    dialog->open();
}

} // namespace ecr
