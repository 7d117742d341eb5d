#pragma once

#include <QString>

#include <functional>

class QPlainTextEdit;
class QTabWidget;
class QWidget;

// Read-only text in a tab per format, to copy or save: the node mirror configuration and the
// export as code show theirs this way. Saving asks for the file with a non-modal file dialog
// and writes atomically.
namespace ecr {

// A page with `note` (where the file goes; may be empty) over the text in a fixed font. An empty
// text shows the note alone. `fileName` is what Save… proposes.
QPlainTextEdit* addCodePage(QTabWidget* tabs, const QString& title, const QString& objectName,
    const QString& text, const QString& fileName, const QString& note = {});
// The current page's text.
QString currentCode(const QTabWidget* tabs);
// Writes `text` to `path` atomically; false with *error.
bool saveTextFile(const QString& path, const QString& text, QString* error);
// Save…: the current page's text to a file the user picks; `failed` hears why it could not.
void saveCurrentCode(QWidget* parent, const QTabWidget* tabs, const QString& title,
    std::function<void(const QString& error)> failed);

} // namespace ecr
