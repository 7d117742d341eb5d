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

ecr_add_test(tst_transportsecurity SOURCES tst_transportsecurity.cpp CredentialsTestSupport.h
    LIBS core_credentials core_ecr LABELS credentials)

ecr_add_test(tst_credentials SOURCES tst_credentials.cpp CredentialsTestSupport.h
    LIBS sandbox core_credentials LABELS credentials loopback keychain)
set_tests_properties(tst_credentials PROPERTIES RESOURCE_LOCK keyring TIMEOUT 180)
foreach(test tst_keychain tst_credentials)
    set_property(TEST ${test} APPEND PROPERTY ENVIRONMENT
        "LSAN_OPTIONS=suppressions=${CMAKE_CURRENT_SOURCE_DIR}/lsan-secret-service.supp:print_suppressions=0")
endforeach()

# The secret scan: after every other test of this directory, look for the example secrets in
# the test HOME, in new files under TMPDIR and in the ctest log. secret_scan.start marks when the
# run began; every other test waits for it, and the scan waits for every other test.
add_test(NAME secret_scan.start
    COMMAND ${CMAKE_COMMAND} -E touch ${PROJECT_BINARY_DIR}/Testing/secret-scan-start)
add_test(NAME secret_scan
    COMMAND ${PROJECT_SOURCE_DIR}/scripts/scan-secrets
        --build-dir ${PROJECT_BINARY_DIR}
        --since ${PROJECT_BINARY_DIR}/Testing/secret-scan-start)
set_tests_properties(secret_scan.start secret_scan PROPERTIES LABELS "credentials;secrets")

function(ecr_order_secret_scan)
    get_property(all_tests DIRECTORY ${CMAKE_CURRENT_SOURCE_DIR} PROPERTY TESTS)
    list(REMOVE_ITEM all_tests secret_scan secret_scan.start)
    foreach(test IN LISTS all_tests)
        set_property(TEST ${test} APPEND PROPERTY DEPENDS secret_scan.start)
    endforeach()
    set_property(TEST secret_scan APPEND PROPERTY DEPENDS ${all_tests} secret_scan.start)
endfunction()
cmake_language(DEFER DIRECTORY ${CMAKE_CURRENT_SOURCE_DIR} CALL ecr_order_secret_scan)
