#pragma once

// The app as main.cpp composes it (settings, keychain profiles, the credential chain, the Local
// sandbox, the window), over a home folder and an environment the test chooses, with a
// recording presenter; tst_appwindow adds the wiring, tst_desktopapp the command line.
#include "AppProfileDirectory.h"
#include "Clock.h"
#include "CredentialProfileDirectory.h"
#include "KeychainStore.h"
#include "LocalSandbox.h"
#include "MainWindow.h"
#include "ProfileStore.h"
#include "RecordingPresenter.h"
#include "SessionFactory.h"

#include <QNetworkAccessManager>
#include <QProcessEnvironment>
#include <QSettings>

namespace ecr::test {

struct ComposedApp
{
    ComposedApp(const QString& home, const QProcessEnvironment& environment)
        : settings(home + QStringLiteral("/settings.ini"), QSettings::IniFormat)
        , store(settings)
        , keychain(KeychainStore::defaultService(), QStringLiteral("org.ecr-ptc-admin.test/"))
        , credentials(store, keychain, network, clock, environment)
        , sandbox(clock)
        , profiles(credentials, sandbox)
        , sessions(profiles, network, clock)
        , window(profiles, sessions, presenter)
    { }

    QSettings settings;
    ProfileStore store;
    KeychainStore keychain;
    QNetworkAccessManager network;
    SystemClock clock;
    CredentialProfileDirectory credentials;
    LocalSandbox sandbox;
    AppProfileDirectory profiles;
    DirectorySessionFactory sessions;
    RecordingPresenter presenter;
    MainWindow window;
};

} // namespace ecr::test
