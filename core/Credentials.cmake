# Sources of the credentials module, added to `core` with target_sources: profiles and their
# store, the keychain, the AWS CLI's shared files, STS, credential_process, the resolver that
# chains them and the profile directory the main window lists.
target_sources(core PRIVATE
    Profile.h Profile.cpp
    ProfileStore.h ProfileStore.cpp
    KeychainStore.h KeychainStore.cpp
    TemporaryCredentials.h TemporaryCredentials.cpp
    SharedConfig.h SharedConfig.cpp
    StsProtocol.h StsProtocol.cpp
    StsClient.h StsClient.cpp
    CredentialProcess.h CredentialProcess.cpp
    MfaPrompter.h
    CredentialResolver.h CredentialResolver.cpp
    SharedConfigImport.h SharedConfigImport.cpp
    CredentialProfileDirectory.h CredentialProfileDirectory.cpp
)
