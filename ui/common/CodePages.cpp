#include "CodePages.h"

#include <QCoreApplication>
#include <QFileDialog>
#include <QFontDatabase>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSaveFile>
#include <QTabWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace ecr {

namespace {

QPlainTextEdit* currentEdit(const QTabWidget* tabs)
{
    QWidget* page = tabs->currentWidget();
    return page ? page->findChild<QPlainTextEdit*>() : nullptr;
}

} // namespace

QPlainTextEdit* addCodePage(QTabWidget* tabs, const QString& title, const QString& objectName,
    const QString& text, const QString& fileName, const QString& note)
{
    auto* page = new QWidget(tabs);
    auto* layout = new QVBoxLayout(page);
    if (!note.isEmpty()) {
        auto* label = new QLabel(note, page);
        label->setWordWrap(true);
        label->setObjectName(objectName + u"Where"_s);
        layout->addWidget(label);
    }
    auto* edit = new QPlainTextEdit(page);
    edit->setObjectName(objectName);
    edit->setReadOnly(true);
    edit->setPlainText(text);
    edit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    edit->setLineWrapMode(QPlainTextEdit::NoWrap);
    edit->setProperty("fileName", fileName);
    edit->setVisible(!text.isEmpty());
    layout->addWidget(edit, 1);
    if (text.isEmpty())
        layout->addStretch();
    tabs->addTab(page, title);
    return edit;
}

QString currentCode(const QTabWidget* tabs)
{
    const QPlainTextEdit* edit = currentEdit(tabs);
    return edit ? edit->toPlainText() : QString();
}

bool saveTextFile(const QString& path, const QString& text, QString* error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(text.toUtf8()) < 0 || !file.commit()) {
        *error = QCoreApplication::translate("ecr::CodePages", "Could not save %1: %2")
                     .arg(path, file.errorString());
        return false;
    }
    return true;
}

void saveCurrentCode(QWidget* parent, const QTabWidget* tabs, const QString& title,
    std::function<void(const QString& error)> failed)
{
    const QPlainTextEdit* edit = currentEdit(tabs);
    const QString text = edit ? edit->toPlainText() : QString();
    auto* dialog = new QFileDialog(parent, title);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    if (edit)
        dialog->selectFile(edit->property("fileName").toString());
    QObject::connect(
        dialog, &QFileDialog::fileSelected, parent, [text, failed](const QString& path) {
            QString error;
            if (!saveTextFile(path, text, &error) && failed)
                failed(error);
        });
    dialog->open();
}

} // namespace ecr
