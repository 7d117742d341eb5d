# Offscreen tests of the profile manager; see ecr_add_test.
ecr_add_test(tst_profileeditor SOURCES tst_profileeditor.cpp LIBS ui_profiles GUI LABELS gui profiles)
ecr_add_test(tst_mfadialog SOURCES tst_mfadialog.cpp CredentialsTestSupport.h LIBS ui_profiles GUI
    LABELS gui profiles)

# The manager end to end: the real keychain (the Secret Service scripts/test starts) and the
# sandbox's STS over loopback.
ecr_add_test(tst_profilemanager SOURCES tst_profilemanager.cpp CredentialsTestSupport.h
    LIBS ui_profiles sandbox GUI LABELS gui profiles keychain loopback)
set_tests_properties(tst_profilemanager PROPERTIES RESOURCE_LOCK keyring TIMEOUT 180)
# Like the credentials tests, it reaches the Secret Service through libsecret, whose GLib/GIO
# worker leaks a little per call (see lsan-secret-service.supp; matters under the asan preset).
set_property(TEST tst_profilemanager APPEND PROPERTY ENVIRONMENT
    "LSAN_OPTIONS=suppressions=${CMAKE_CURRENT_SOURCE_DIR}/lsan-secret-service.supp:print_suppressions=0")

# IAM Identity Center in the app: Add SSO Profile, the sign-in dialog, the chain's SSO step.
ecr_add_test(tst_ssoprofile SOURCES tst_ssoprofile.cpp CredentialsTestSupport.h RecordingPresenter.h
    SandboxHarness.h LIBS app_wiring sandbox GUI LABELS gui profiles sso keychain loopback)
set_tests_properties(tst_ssoprofile PROPERTIES RESOURCE_LOCK keyring TIMEOUT 180)
set_property(TEST tst_ssoprofile APPEND PROPERTY ENVIRONMENT
    "LSAN_OPTIONS=suppressions=${CMAKE_CURRENT_SOURCE_DIR}/lsan-secret-service.supp:print_suppressions=0")
