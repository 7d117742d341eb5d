# Tests of the credentials module (profiles, keychain, shared config files, STS, credential
# process, the credential chain) and the secret scan that runs after the whole suite.

find_package(Qt6 REQUIRED COMPONENTS DBus)

ecr_add_test(tst_profiles SOURCES tst_profiles.cpp LIBS core_credentials LABELS credentials)
ecr_add_test(tst_sharedconfig SOURCES tst_sharedconfig.cpp LIBS core_credentials LABELS credentials)

# The keychain tests talk to the real Secret Service that scripts/test starts; they lock and
# unlock its default collection, so nothing else that uses the keyring may run meanwhile.
ecr_add_test(tst_keychain SOURCES tst_keychain.cpp CredentialsTestSupport.h
    LIBS core_credentials Qt6::DBus LABELS credentials keychain)
set_tests_properties(tst_keychain PROPERTIES RESOURCE_LOCK keyring TIMEOUT 120)
# The same binary without any D-Bus session: every call must answer Unavailable within 2 s.
add_test(NAME keychain.unavailable COMMAND tst_keychain unavailableWithoutDaemon)
set_tests_properties(keychain.unavailable PROPERTIES
    LABELS "credentials;keychain"
    TIMEOUT 30
    ENVIRONMENT "QT_QPA_PLATFORM=offscreen;DBUS_SESSION_BUS_ADDRESS=unix:path=/nonexistent/bus;ECR_KEYCHAIN_EXPECT_UNAVAILABLE=1")
# The Secret Service killed in the middle of a write, in a D-Bus session of its own.
add_test(NAME keychain.daemon_gone
    COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/tools/private-keyring.sh $<TARGET_FILE:tst_keychain>
        daemonGoneMidOperation)
set_tests_properties(keychain.daemon_gone PROPERTIES
    LABELS "credentials;keychain"
    TIMEOUT 60
    ENVIRONMENT "QT_QPA_PLATFORM=offscreen;ECR_KEYCHAIN_PRIVATE_DAEMON=1")

ecr_add_test(tst_transportsecurity SOURCES tst_transportsecurity.cpp CredentialsTestSupport.h
    LIBS core_credentials core_ecr LABELS credentials)

ecr_add_test(tst_credentials SOURCES tst_credentials.cpp CredentialsTestSupport.h
    LIBS sandbox core_credentials LABELS credentials loopback keychain)
set_tests_properties(tst_credentials PROPERTIES RESOURCE_LOCK keyring TIMEOUT 180)
foreach(test tst_keychain keychain.daemon_gone tst_credentials)
    set_property(TEST ${test} APPEND PROPERTY ENVIRONMENT
        "LSAN_OPTIONS=suppressions=${CMAKE_CURRENT_SOURCE_DIR}/lsan-secret-service.supp:print_suppressions=0")
endforeach()

# The secret scan: after every other test of this directory, look for the suite's secrets in this
# run's own folder (ECR_TEST_RUN_ROOT: its HOME and TMPDIR, which scripts/test makes per run) and
# in this run's ctest log, and fail on fewer files than a run leaves. Outside scripts/test there
# is no run folder: it exits 77 (skipped) and says so. secret_scan.selftest shows that a secret
# in each encoded form fails the scan.
# A whole run leaves about 140 files there (measured with scripts/test asan, 2026-12-03).
set(ECR_SECRET_SCAN_MIN_FILES 100) # the fewest files a whole run may leave
add_test(NAME secret_scan.selftest COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/tools/scan-secrets-selftest.sh)
add_test(NAME secret_scan
    COMMAND ${PROJECT_SOURCE_DIR}/scripts/scan-secrets
        --log ${PROJECT_BINARY_DIR}/Testing/Temporary/LastTest.log.tmp
        --min-files ${ECR_SECRET_SCAN_MIN_FILES})
set_tests_properties(secret_scan.selftest secret_scan PROPERTIES LABELS "credentials;secrets")
set_tests_properties(secret_scan PROPERTIES SKIP_RETURN_CODE 77)

function(ecr_order_secret_scan)
    get_property(all_tests DIRECTORY ${CMAKE_CURRENT_SOURCE_DIR} PROPERTY TESTS)
    list(REMOVE_ITEM all_tests secret_scan)
    set_property(TEST secret_scan APPEND PROPERTY DEPENDS ${all_tests})
endfunction()
cmake_language(DEFER DIRECTORY ${CMAKE_CURRENT_SOURCE_DIR} CALL ecr_order_secret_scan)
