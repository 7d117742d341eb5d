#pragma once

#include "Profile.h"
#include "SigV4.h"

#include <QList>
#include <QWidget>

class QComboBox;
class QLineEdit;

#include <memory>
#include <optional>

namespace Ui {
class ProfileEditor;
}

namespace ecr {

class FormValidation;
class SsoPage;

// Edits one app profile: name, default region, custom endpoints, CA bundle and where the
// credentials come from (a page per CredentialSource: AccessKeysPage, AssumeRolePage,
// CredentialProcessPage, a note for the environment, SsoPage). Validated as the user types with
// validateProfile() and validateTypedKeys(); each message shows under its field once the field
// was edited, holds a value, or the user tried to save.
//
// Secrets are never shown: for a profile that already keeps access keys in the keychain the key
// fields start empty with a "Stored in the keychain" placeholder, and newKeys() stays nullopt
// (keep the stored keys) until the user types new ones. A new access-keys profile needs both the
// access key ID and the secret. Fields the editor does not show (the partition) are kept as given
// to setProfile().
class ProfileEditor final : public QWidget
{
    Q_OBJECT

public:
    explicit ProfileEditor(QWidget* parent = nullptr);
    ~ProfileEditor() override;

    // `isNew`: the profile is not saved yet (add, duplicate), so it has no keys in the keychain.
    void setProfile(const Profile& profile, bool isNew);
    // The app's other profiles: the name must differ from theirs, and the role page offers them
    // as source profiles. The edited profile itself (same id) is ignored.
    void setOtherProfiles(QList<Profile> others);
    // For a duplicate: keys stored under another profile will be copied, so typing keys is
    // optional and the key fields say so.
    void setKeysStoredElsewhere(bool stored);

    Profile profile() const;
    // The keys the user typed (trimmed); nullopt while the key fields are untouched or the source
    // is not access keys.
    std::optional<sigv4::Credentials> newKeys() const;
    bool isNew() const { return m_isNew; }
    // Whether untouched key fields mean "keep the keys stored in the keychain".
    bool hasStoredKeys() const;

    // Messages, touched state, focus and validity (validityChanged()).
    FormValidation& validation() const { return *m_validation; }

private:
    CredentialSource currentSource() const;
    void setCurrentSource(CredentialSource source);
    void addMarkerRow();
    void addGeneralFields();
    void alignFormLabels();
    void fillRegions();
    void updateStoredKeys();
    void browseCaBundle();
    void refresh();

    std::unique_ptr<Ui::ProfileEditor> m_ui;
    FormValidation* m_validation;
    SsoPage* m_ssoPage = nullptr;
    QLineEdit* m_labelEdit = nullptr;
    QComboBox* m_colorCombo = nullptr;
    Profile m_base; // what setProfile() gave; fields the editor does not show come from here
    QList<Profile> m_others;
    bool m_isNew = true;
    bool m_keysStoredElsewhere = false;
    bool m_filling = false; // setProfile() is writing the fields
};

} // namespace ecr
