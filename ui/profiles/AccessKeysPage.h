#pragma once

#include "Profile.h"
#include "SigV4.h"

#include <QMap>
#include <QWidget>

#include <functional>
#include <memory>
#include <optional>

namespace Ui {
class AccessKeysPage;
}

namespace ecr {

class FormValidation;

// The profile editor's page for access keys: the key pair (never read back: a profile that
// keeps keys in the keychain shows "Stored in the keychain" and keeps them until both are typed
// again), an optional session token, and an MFA device.
class AccessKeysPage final : public QWidget
{
    Q_OBJECT

public:
    enum class StoredKeys
    {
        None, // a new profile: both keys are needed
        InKeychain, // the profile keeps its keys in the keychain
        CopiedFromOriginal, // a duplicate: the original's keys are copied unless new ones are typed
    };

    explicit AccessKeysPage(QWidget* parent = nullptr);
    ~AccessKeysPage() override;

    void load(const Profile& profile);
    void setStoredKeys(StoredKeys stored);
    bool hasStoredKeys() const { return m_stored != StoredKeys::None; }
    void store(Profile& profile) const; // the MFA serial
    // The keys the user typed (trimmed); nullopt while the key fields are untouched.
    std::optional<sigv4::Credentials> typedKeys() const;

    // Registers the page's fields; `shown` says whether the page is the current one.
    void addFields(FormValidation& validation, std::function<bool()> shown);
    // The messages of the key fields (the credentials module's rules for typed keys).
    void addMessages(QMap<int, QString>& messages) const;

Q_SIGNALS:
    void changed();

private:
    bool keysTyped() const;
    void updatePlaceholders();

    std::unique_ptr<Ui::AccessKeysPage> m_ui;
    FormValidation* m_validation = nullptr;
    StoredKeys m_stored = StoredKeys::None;
};

} // namespace ecr
