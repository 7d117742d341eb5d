# Sources of the profile manager, added to `ui` with target_sources: the profile editor and its
# dialog, the manager's list model and dialog, the import dialog and the MFA code prompt.
target_sources(ui PRIVATE
    ProfileEditor.h ProfileEditor.cpp ProfileEditor.ui
    ProfileEditDialog.h ProfileEditDialog.cpp ProfileEditDialog.ui
    ProfileListModel.h ProfileListModel.cpp
    ProfileManagerDialog.h ProfileManagerDialog.cpp ProfileManagerDialog.ui
    ImportProfilesDialog.h ImportProfilesDialog.cpp ImportProfilesDialog.ui
    MfaCodeDialog.h MfaCodeDialog.cpp MfaCodeDialog.ui
    DialogMfaPrompter.h DialogMfaPrompter.cpp
)
