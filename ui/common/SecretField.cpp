#include "SecretField.h"

#include "AppIcon.h"

#include <QAction>
#include <QCoreApplication>
#include <QLineEdit>

using namespace Qt::StringLiterals;

namespace ecr {

void makeSecretField(QLineEdit* edit)
{
    edit->setEchoMode(QLineEdit::Password);
    QAction* toggle
        = edit->addAction(actionIcon(u"view-visible"_s, u"show"_s), QLineEdit::TrailingPosition);
    toggle->setObjectName(edit->objectName() + u"ShowAction"_s);
    toggle->setCheckable(true);
    // From the keyboard too: the shortcut works while the field has focus.
    toggle->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_H));
    toggle->setShortcutContext(Qt::WidgetShortcut);
    const auto describe = [toggle](bool shown) {
        toggle->setToolTip(shown
                ? QCoreApplication::translate("ecr::SecretField", "Hide the text (Ctrl+H)")
                : QCoreApplication::translate("ecr::SecretField", "Show the text (Ctrl+H)"));
    };
    describe(false);
    QObject::connect(toggle, &QAction::toggled, edit, [edit, toggle, describe](bool shown) {
        edit->setEchoMode(shown ? QLineEdit::Normal : QLineEdit::Password);
        toggle->setIcon(shown ? actionIcon(u"view-hidden"_s, u"hide"_s)
                              : actionIcon(u"view-visible"_s, u"show"_s));
        describe(shown);
    });
}

} // namespace ecr
