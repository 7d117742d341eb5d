#include "ShortcutsDialog.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QTableWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace ecr {

ShortcutsDialog::ShortcutsDialog(const QList<QAction*>& actions, QWidget* parent)
    : QDialog(parent)
{
    setObjectName(u"shortcutsDialog"_s);
    setWindowTitle(tr("Keyboard Shortcuts"));
    QList<std::pair<QString, QString>> entries;
    for (const QAction* action : actions) {
        if (action->shortcut().isEmpty())
            continue;
        QString text = action->text();
        text.remove(u'&');
        text.remove(u'…');
        entries.append({text, action->shortcut().toString(QKeySequence::NativeText)});
    }
    entries.append({tr("Cancel the request in flight; clear the filter"), tr("Esc")});
    entries.append({tr("Show the selected rule's details"), tr("Enter, double-click")});
    entries.append({tr("From the filter to the first rule"), tr("Down or Enter")});
    entries.append({tr("Select several rules"), tr("Shift or Ctrl with the arrows or a click")});
    entries.append({tr("Show or hide the text of a secret field"), tr("Ctrl+H")});

    auto* table = new QTableWidget(int(entries.size()), 2, this);
    table->setObjectName(u"shortcutsTable"_s);
    table->setHorizontalHeaderLabels({tr("Action"), tr("Keys")});
    table->verticalHeader()->hide();
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    for (int row = 0; row < entries.size(); ++row) {
        table->setItem(row, 0, new QTableWidgetItem(entries[row].first));
        table->setItem(row, 1, new QTableWidgetItem(entries[row].second));
        m_rows.append(entries[row].first + u'|' + entries[row].second);
    }
    table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    table->resizeColumnToContents(1);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(table);
    layout->addWidget(buttons);
    resize(560, 520);
}

QStringList ShortcutsDialog::rows() const
{
    return m_rows;
}

} // namespace ecr
