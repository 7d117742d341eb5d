# Sources of the rule widgets (form, dialogs, table model, error presenter), added to `ui`.
find_package(Qt6 REQUIRED COMPONENTS Svg)

target_sources(ui PRIVATE
    RegistryIcons.h RegistryIcons.cpp
    ErrorPresenter.h ErrorPresenter.cpp
    MessagePresenter.h MessagePresenter.cpp
    MessageBar.h MessageBar.cpp
    FieldMessage.h FieldMessage.cpp
    RuleForm.h RuleForm.cpp RuleForm.ui
    RuleFormDialog.h RuleFormDialog.cpp RuleFormDialog.ui
    UpdateCredentialsDialog.h UpdateCredentialsDialog.cpp UpdateCredentialsDialog.ui
    RulesTableModel.h RulesTableModel.cpp
    RulesFilterProxyModel.h RulesFilterProxyModel.cpp
)

# A pure helper of core (no Widgets), registered here so that core/CMakeLists.txt stays untouched.
target_sources(core PRIVATE
    ${PROJECT_SOURCE_DIR}/core/PullCommand.h ${PROJECT_SOURCE_DIR}/core/PullCommand.cpp)

# Registry and application icons: original SVG glyphs, drawn by the Qt SVG icon engine.
qt_add_resources(ui ui_icons
    PREFIX /
    BASE ${PROJECT_SOURCE_DIR}/resources
    FILES
        ${PROJECT_SOURCE_DIR}/resources/icons/app.svg
        ${PROJECT_SOURCE_DIR}/resources/icons/registries/ecr-public.svg
        ${PROJECT_SOURCE_DIR}/resources/icons/registries/k8s.svg
        ${PROJECT_SOURCE_DIR}/resources/icons/registries/quay.svg
        ${PROJECT_SOURCE_DIR}/resources/icons/registries/docker-hub.svg
        ${PROJECT_SOURCE_DIR}/resources/icons/registries/github.svg
        ${PROJECT_SOURCE_DIR}/resources/icons/registries/azure.svg
        ${PROJECT_SOURCE_DIR}/resources/icons/registries/gitlab.svg
        ${PROJECT_SOURCE_DIR}/resources/icons/registries/chainguard.svg
        ${PROJECT_SOURCE_DIR}/resources/icons/registries/ecr.svg
)
target_link_libraries(ui PRIVATE Qt6::Svg)
