# One INTERFACE target carries the compile settings every target of this project shares.
add_library(project_settings INTERFACE)
add_library(ecr::project_settings ALIAS project_settings)

target_compile_features(project_settings INTERFACE cxx_std_20)
target_compile_options(project_settings INTERFACE
    -Wall -Wextra -Wpedantic
    -Wold-style-cast -Wnon-virtual-dtor -Woverloaded-virtual
    $<$<BOOL:${ECR_WERROR}>:-Werror>)
target_compile_definitions(project_settings INTERFACE
    QT_NO_CAST_FROM_ASCII
    QT_NO_CAST_TO_ASCII
    QT_USE_QSTRINGBUILDER
    QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
    QT_NO_URL_CAST_FROM_STRING
    QT_NO_KEYWORDS)

if(ECR_SANITIZE)
    target_compile_options(project_settings INTERFACE
        -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
    target_link_options(project_settings INTERFACE -fsanitize=address,undefined)
endif()

if(ECR_FUZZ)
    if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
        message(FATAL_ERROR "ECR_FUZZ needs clang (libFuzzer): use the fuzz preset")
    endif()
    # Everything is instrumented for coverage and checked by the sanitizers; only the fuzz
    # executables link libFuzzer's main (fuzz/CMakeLists.txt). clang 14 cannot emit
    # -fsanitize=function's prologue data for coroutines ("Cannot represent a difference across
    # sections"), so that one check of UBSan's is left out; the rest is on.
    target_compile_options(project_settings INTERFACE
        -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize=function
        -fno-sanitize-recover=undefined -fno-omit-frame-pointer)
    target_link_options(project_settings INTERFACE
        -fsanitize=address,undefined -fno-sanitize=function)
endif()
