#pragma once

// Finding a window's actions and widgets by object name, for the GUI tests.
#include <QAction>
#include <QString>
#include <QWidget>

namespace ecr::test {

// The action named `name`; a test that asks for one the window lacks stops at once.
inline QAction* action(const QWidget& window, const char* name)
{
    auto* found = window.findChild<QAction*>(QString::fromLatin1(name));
    if (!found)
        qFatal("no action %s", name);
    return found;
}

template <typename T>
T* child(const QObject* parent, const QString& name)
{
    return parent ? parent->findChild<T*>(name) : nullptr;
}

template <typename T>
T* child(const QObject* parent, const char* name)
{
    return child<T>(parent, QString::fromLatin1(name));
}

} // namespace ecr::test
