<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>AccessKeysPage</name>
    <message>
        <source>Access &amp;key ID:</source>
        <translation>&amp;Zugriffsschlüssel-ID:</translation>
    </message>
    <message>
        <source>AKIA…</source>
        <translation>AKIA…</translation>
    </message>
    <message>
        <source>Access key ID</source>
        <translation>Zugriffsschlüssel-ID</translation>
    </message>
    <message>
        <source>Secret access ke&amp;y:</source>
        <translation>&amp;Geheimer Zugriffsschlüssel:</translation>
    </message>
    <message>
        <source>Secret access key</source>
        <translation>Geheimer Zugriffsschlüssel</translation>
    </message>
    <message>
        <source>Session t&amp;oken:</source>
        <translation>Sitzungs&amp;token:</translation>
    </message>
    <message>
        <source>Optional</source>
        <translation>Optional</translation>
    </message>
    <message>
        <source>Session token</source>
        <translation>Sitzungstoken</translation>
    </message>
    <message>
        <source>&amp;MFA device:</source>
        <translation>&amp;MFA-Gerät:</translation>
    </message>
    <message>
        <source>Optional; arn:aws:iam::123456789012:mfa/name</source>
        <translation>Optional; arn:aws:iam::123456789012:mfa/name</translation>
    </message>
    <message>
        <source>MFA device</source>
        <translation>MFA-Gerät</translation>
    </message>
    <message>
        <source>The keys are kept in the system keychain, never in a file. With an MFA device, the app asks for its code and works with a temporary session.</source>
        <translation>Die Schlüssel werden im Schlüsselbund des Systems aufbewahrt, niemals in einer Datei. Mit einem MFA-Gerät fragt die App nach dessen Code und arbeitet mit einer temporären Sitzung.</translation>
    </message>
</context>
<context>
    <name>AssumeRolePage</name>
    <message>
        <source>Role &amp;ARN:</source>
        <translation>Rollen-&amp;ARN:</translation>
    </message>
    <message>
        <source>arn:aws:iam::123456789012:role/name</source>
        <translation>arn:aws:iam::123456789012:role/name</translation>
    </message>
    <message>
        <source>Role ARN</source>
        <translation>Rollen-ARN</translation>
    </message>
    <message>
        <source>Source &amp;profile:</source>
        <translation>&amp;Quellprofil:</translation>
    </message>
    <message>
        <source>Choose the credentials that assume the role…</source>
        <translation>Anmeldedaten wählen, die die Rolle übernehmen …</translation>
    </message>
    <message>
        <source>Source profile</source>
        <translation>Quellprofil</translation>
    </message>
    <message>
        <source>&amp;MFA device:</source>
        <translation>&amp;MFA-Gerät:</translation>
    </message>
    <message>
        <source>Optional; arn:aws:iam::123456789012:mfa/name</source>
        <translation>Optional; arn:aws:iam::123456789012:mfa/name</translation>
    </message>
    <message>
        <source>MFA device</source>
        <translation>MFA-Gerät</translation>
    </message>
    <message>
        <source>E&amp;xternal ID:</source>
        <translation>E&amp;xterne ID:</translation>
    </message>
    <message>
        <source>Optional</source>
        <translation>Optional</translation>
    </message>
    <message>
        <source>External ID</source>
        <translation>Externe ID</translation>
    </message>
    <message>
        <source>&amp;Duration:</source>
        <translation>&amp;Dauer:</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>Session duration in seconds</source>
        <translation>Sitzungsdauer in Sekunden</translation>
    </message>
    <message>
        <source>Sess&amp;ion name:</source>
        <translation>S&amp;itzungsname:</translation>
    </message>
    <message>
        <source>Optional; default: ecr-ptc-admin-&lt;time&gt;</source>
        <translation>Optional; Standard: ecr-ptc-admin-&lt;time&gt;</translation>
    </message>
    <message>
        <source>Role session name</source>
        <translation>Name der Rollensitzung</translation>
    </message>
</context>
<context>
    <name>CredentialProcessPage</name>
    <message>
        <source>Co&amp;mmand:</source>
        <translation>&amp;Befehl:</translation>
    </message>
    <message>
        <source>/usr/local/bin/get-aws-credentials --profile prod</source>
        <translation>/usr/local/bin/get-aws-credentials --profile prod</translation>
    </message>
    <message>
        <source>credential_process command</source>
        <translation>credential_process-Befehl</translation>
    </message>
    <message>
        <source>The command runs directly, without a shell: pipes, redirections, variables and ~ are not expanded; quote arguments that contain spaces. It must print the credentials as JSON (Version 1), like the AWS CLI&apos;s credential_process.</source>
        <translation>Der Befehl wird direkt ausgeführt, ohne Shell: Pipes, Umleitungen, Variablen und ~ werden nicht expandiert; setzen Sie Argumente mit Leerzeichen in Anführungszeichen. Er muss die Anmeldedaten als JSON (Version 1) ausgeben, wie bei credential_process der AWS CLI.</translation>
    </message>
</context>
<context>
    <name>ImportProfilesDialog</name>
    <message>
        <source>Import AWS CLI Profiles</source>
        <translation>AWS CLI-Profile importieren</translation>
    </message>
    <message>
        <source>Profiles to import</source>
        <translation>Zu importierende Profile</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>Profil</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Hinweise</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>Wird importiert …</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&lt;h2&gt;No AWS credentials found&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;Keine AWS-Anmeldedaten gefunden&lt;/h2&gt;</translation>
    </message>
    <message>
        <source>Nothing in the environment, AWS_PROFILE or ~/.aws gives this app an identity yet. Try everything at once in the Local sandbox, which needs no AWS account, or add a profile.</source>
        <translation>Weder die Umgebung noch AWS_PROFILE oder ~/.aws geben dieser App bisher eine Identität. Probieren Sie alles auf einmal in der lokalen Sandbox aus, die kein AWS-Konto benötigt, oder fügen Sie ein Profil hinzu.</translation>
    </message>
    <message>
        <source>Use the &amp;Local sandbox</source>
        <translation>&amp;Lokale Sandbox verwenden</translation>
    </message>
    <message>
        <source>&amp;Add an AWS profile…</source>
        <translation>AWS-Profil &amp;hinzufügen …</translation>
    </message>
    <message>
        <source>&amp;Import from ~/.aws…</source>
        <translation>Aus ~/.aws &amp;importieren …</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Rules</source>
        <translation>&amp;Regeln</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Kopieren</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>Verbindung</translation>
    </message>
    <message>
        <source>Actions</source>
        <translation>Aktionen</translation>
    </message>
    <message>
        <source>&amp;New rule…</source>
        <translation>&amp;Neue Regel …</translation>
    </message>
    <message>
        <source>Create a pull-through cache rule</source>
        <translation>Eine Pull-Through-Cache-Regel erstellen</translation>
    </message>
    <message>
        <source>Ctrl+N</source>
        <translation>Ctrl+N</translation>
    </message>
    <message>
        <source>Chec&amp;k rule…</source>
        <translation>Regel &amp;prüfen …</translation>
    </message>
    <message>
        <source>Check what the selected rule needs to work: secret, registry policy, template</source>
        <translation>Prüfen, was die ausgewählte Regel zum Funktionieren benötigt: Secret, Registry-Richtlinie, Vorlage</translation>
    </message>
    <message>
        <source>Ctrl+K</source>
        <translation>Ctrl+K</translation>
    </message>
    <message>
        <source>Repository &amp;templates…</source>
        <translation>Repository-&amp;Vorlagen …</translation>
    </message>
    <message>
        <source>What the cached repositories get: encryption, tag mutability, tags, policies</source>
        <translation>Was die gecachten Repositorys erhalten: Verschlüsselung, Tag-Veränderbarkeit, Tags, Richtlinien</translation>
    </message>
    <message>
        <source>Ctrl+T</source>
        <translation>Ctrl+T</translation>
    </message>
    <message>
        <source>Activity &amp;log…</source>
        <translation>A&amp;ktivitätsprotokoll …</translation>
    </message>
    <message>
        <source>Every change this app made: when, as whom, where, what, and how it ended</source>
        <translation>Jede Änderung, die diese App vorgenommen hat: wann, als wer, wo, was und mit welchem Ergebnis</translation>
    </message>
    <message>
        <source>Ctrl+L</source>
        <translation>Ctrl+L</translation>
    </message>
    <message>
        <source>E&amp;xport as code…</source>
        <translation>Als Code e&amp;xportieren …</translation>
    </message>
    <message>
        <source>The selected rules and their templates as AWS CLI commands, Terraform or CloudFormation</source>
        <translation>Die ausgewählten Regeln und ihre Vorlagen als AWS CLI-Befehle, Terraform oder CloudFormation</translation>
    </message>
    <message>
        <source>Ctrl+Shift+E</source>
        <translation>Ctrl+Shift+E</translation>
    </message>
    <message>
        <source>&amp;Fleet view…</source>
        <translation>&amp;Flottenansicht …</translation>
    </message>
    <message>
        <source>Every rule of several profiles, accounts and regions in one table, with what is not the same everywhere</source>
        <translation>Alle Regeln mehrerer Profile, Konten und Regionen in einer Tabelle, mit allem, was nicht überall gleich ist</translation>
    </message>
    <message>
        <source>Ctrl+Shift+F</source>
        <translation>Ctrl+Shift+F</translation>
    </message>
    <message>
        <source>Copy to other re&amp;gistries…</source>
        <translation>In andere Re&amp;gistrys kopieren …</translation>
    </message>
    <message>
        <source>Copy the selected rules and their templates to other regions or accounts, with a preview</source>
        <translation>Die ausgewählten Regeln und ihre Vorlagen in andere Regionen oder Konten kopieren, mit Vorschau</translation>
    </message>
    <message>
        <source>Ctrl+Shift+T</source>
        <translation>Ctrl+Shift+T</translation>
    </message>
    <message>
        <source>Cac&amp;hed repositories…</source>
        <translation>Gecac&amp;hte Repositorys …</translation>
    </message>
    <message>
        <source>What the selected rule has cached: repositories, sizes, last pulls; clean up</source>
        <translation>Was die ausgewählte Regel gecacht hat: Repositorys, Größen, letzte Pulls; aufräumen</translation>
    </message>
    <message>
        <source>Ctrl+Shift+R</source>
        <translation>Ctrl+Shift+R</translation>
    </message>
    <message>
        <source>Test p&amp;ull…</source>
        <translation>Test-P&amp;ull …</translation>
    </message>
    <message>
        <source>Pull an image&apos;s manifest through the selected rule, without Docker</source>
        <translation>Das Manifest eines Images über die ausgewählte Regel abrufen, ohne Docker</translation>
    </message>
    <message>
        <source>Ctrl+Shift+P</source>
        <translation>Ctrl+Shift+P</translation>
    </message>
    <message>
        <source>Node &amp;mirror configuration…</source>
        <translation>&amp;Spiegel-Konfiguration für Knoten …</translation>
    </message>
    <message>
        <source>containerd, CRI-O and Podman configuration that sends pulls through the selected rule</source>
        <translation>Konfiguration für containerd, CRI-O und Podman, die Pulls über die ausgewählte Regel leitet</translation>
    </message>
    <message>
        <source>Ctrl+Shift+M</source>
        <translation>Ctrl+Shift+M</translation>
    </message>
    <message>
        <source>&amp;Edit credentials…</source>
        <translation>Zugangsdaten &amp;bearbeiten …</translation>
    </message>
    <message>
        <source>Change the secret or role of the selected rule</source>
        <translation>Das Secret oder die Rolle der ausgewählten Regel ändern</translation>
    </message>
    <message>
        <source>Ctrl+E</source>
        <translation>Ctrl+E</translation>
    </message>
    <message>
        <source>&amp;Verify authentication</source>
        <translation>Au&amp;thentifizierung überprüfen</translation>
    </message>
    <message>
        <source>Check that ECR can sign in to the upstream registry</source>
        <translation>Prüfen, ob sich ECR bei der Upstream-Registry anmelden kann</translation>
    </message>
    <message>
        <source>Ctrl+Shift+V</source>
        <translation>Ctrl+Shift+V</translation>
    </message>
    <message>
        <source>Rule &amp;details</source>
        <translation>Regel&amp;details</translation>
    </message>
    <message>
        <source>Show every setting of the selected rule in the details pane</source>
        <translation>Alle Einstellungen der ausgewählten Regel im Detailbereich anzeigen</translation>
    </message>
    <message>
        <source>Ctrl+I</source>
        <translation>Ctrl+I</translation>
    </message>
    <message>
        <source>Repository &amp;URI</source>
        <translation>Repository-&amp;URI</translation>
    </message>
    <message>
        <source>Copy the cache repository URI: &lt;account&gt;.dkr.ecr.&lt;region&gt;.&lt;suffix&gt;/&lt;prefix&gt;</source>
        <translation>Die URI des Cache-Repositorys kopieren: &lt;account&gt;.dkr.ecr.&lt;region&gt;.&lt;suffix&gt;/&lt;prefix&gt;</translation>
    </message>
    <message>
        <source>Ctrl+Alt+C</source>
        <translation>Ctrl+Alt+C</translation>
    </message>
    <message>
        <source>&amp;Pull reference</source>
        <translation>&amp;Pull-Referenz</translation>
    </message>
    <message>
        <source>Copy the pull reference of the selected rule</source>
        <translation>Die Pull-Referenz der ausgewählten Regel kopieren</translation>
    </message>
    <message>
        <source>Ctrl+Shift+C</source>
        <translation>Ctrl+Shift+C</translation>
    </message>
    <message>
        <source>&amp;docker pull for an image…</source>
        <translation>&amp;docker pull für ein Image …</translation>
    </message>
    <message>
        <source>Copy a docker pull command for an upstream image you name</source>
        <translation>Einen docker pull-Befehl für ein von Ihnen angegebenes Upstream-Image kopieren</translation>
    </message>
    <message>
        <source>Ctrl+Shift+D</source>
        <translation>Ctrl+Shift+D</translation>
    </message>
    <message>
        <source>Rule as &amp;JSON</source>
        <translation>Regel als &amp;JSON</translation>
    </message>
    <message>
        <source>Copy the selected rule as JSON</source>
        <translation>Die ausgewählte Regel als JSON kopieren</translation>
    </message>
    <message>
        <source>Ctrl+Shift+J</source>
        <translation>Ctrl+Shift+J</translation>
    </message>
    <message>
        <source>&amp;Credential ARN</source>
        <translation>&amp;Zugangsdaten-ARN</translation>
    </message>
    <message>
        <source>Copy the ARN of the rule&apos;s Secrets Manager secret</source>
        <translation>Den ARN des Secrets-Manager-Secrets der Regel kopieren</translation>
    </message>
    <message>
        <source>Ctrl+Shift+A</source>
        <translation>Ctrl+Shift+A</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>&amp;Löschen …</translation>
    </message>
    <message>
        <source>Delete the selected rules; cached images are kept</source>
        <translation>Die ausgewählten Regeln löschen; gecachte Images bleiben erhalten</translation>
    </message>
    <message>
        <source>Del</source>
        <translation>Del</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <source>Load the rules again</source>
        <translation>Die Regeln erneut laden</translation>
    </message>
    <message>
        <source>F5</source>
        <translation>F5</translation>
    </message>
    <message>
        <source>&amp;Filter rules</source>
        <translation>Regeln &amp;filtern</translation>
    </message>
    <message>
        <source>Go to the filter</source>
        <translation>Zum Filter wechseln</translation>
    </message>
    <message>
        <source>Ctrl+F</source>
        <translation>Ctrl+F</translation>
    </message>
    <message>
        <source>&amp;Profiles…</source>
        <translation>P&amp;rofile …</translation>
    </message>
    <message>
        <source>Add, edit, import and test credential profiles</source>
        <translation>Anmeldeprofile hinzufügen, bearbeiten, importieren und testen</translation>
    </message>
    <message>
        <source>Ctrl+P</source>
        <translation>Ctrl+P</translation>
    </message>
    <message>
        <source>Start the in-process ECR emulator and switch to it</source>
        <translation>Den prozessinternen ECR-Emulator starten und zu ihm wechseln</translation>
    </message>
    <message>
        <source>Local sandbox &amp;connection details…</source>
        <translation>&amp;Verbindungsdaten der lokalen Sandbox …</translation>
    </message>
    <message>
        <source>The Local sandbox&apos;s endpoint and keys, to drive it with the AWS CLI</source>
        <translation>Endpunkt und Schlüssel der lokalen Sandbox, um sie mit der AWS CLI zu steuern</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>Quit the app</source>
        <translation>Die App beenden</translation>
    </message>
    <message>
        <source>Ctrl+Q</source>
        <translation>Ctrl+Q</translation>
    </message>
    <message>
        <source>&amp;Documentation</source>
        <translation>&amp;Dokumentation</translation>
    </message>
    <message>
        <source>Open the README and the documents of this app</source>
        <translation>Die README und die Dokumente dieser App öffnen</translation>
    </message>
    <message>
        <source>F1</source>
        <translation>F1</translation>
    </message>
    <message>
        <source>Open &amp;log folder</source>
        <translation>&amp;Protokollordner öffnen</translation>
    </message>
    <message>
        <source>Open the folder of the app&apos;s log files in the file manager</source>
        <translation>Den Ordner mit den Protokolldateien der App im Dateimanager öffnen</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Tastenkürzel</translation>
    </message>
    <message>
        <source>List every keyboard shortcut</source>
        <translation>Alle Tastenkürzel auflisten</translation>
    </message>
    <message>
        <source>Ctrl+/</source>
        <translation>Ctrl+/</translation>
    </message>
    <message>
        <source>&amp;About</source>
        <translation>Ü&amp;ber</translation>
    </message>
    <message>
        <source>About this app</source>
        <translation>Über diese App</translation>
    </message>
</context>
<context>
    <name>MfaCodeDialog</name>
    <message>
        <source>MFA Code</source>
        <translation>MFA-Code</translation>
    </message>
    <message>
        <source>&amp;Code:</source>
        <translation>&amp;Code:</translation>
    </message>
    <message>
        <source>123456</source>
        <translation>123456</translation>
    </message>
    <message>
        <source>MFA code</source>
        <translation>MFA-Code</translation>
    </message>
</context>
<context>
    <name>ProfileEditDialog</name>
    <message>
        <source>Edit Profile</source>
        <translation>Profil bearbeiten</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Wird gespeichert …</translation>
    </message>
</context>
<context>
    <name>ProfileEditor</name>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>prod-admin</source>
        <translation>prod-admin</translation>
    </message>
    <message>
        <source>Profile name</source>
        <translation>Profilname</translation>
    </message>
    <message>
        <source>&amp;Region:</source>
        <translation>&amp;Region:</translation>
    </message>
    <message>
        <source>Default region</source>
        <translation>Standardregion</translation>
    </message>
    <message>
        <source>ECR &amp;endpoint:</source>
        <translation>ECR-&amp;Endpunkt:</translation>
    </message>
    <message>
        <source>Optional; default: the region&apos;s endpoint</source>
        <translation>Optional; Standard: der Endpunkt der Region</translation>
    </message>
    <message>
        <source>Custom ECR endpoint URL</source>
        <translation>Benutzerdefinierte ECR-Endpunkt-URL</translation>
    </message>
    <message>
        <source>S&amp;TS endpoint:</source>
        <translation>S&amp;TS-Endpunkt:</translation>
    </message>
    <message>
        <source>Custom STS endpoint URL</source>
        <translation>Benutzerdefinierte STS-Endpunkt-URL</translation>
    </message>
    <message>
        <source>CA &amp;bundle:</source>
        <translation>CA-&amp;Bundle:</translation>
    </message>
    <message>
        <source>Optional; PEM file of extra trusted certificates</source>
        <translation>Optional; PEM-Datei mit zusätzlichen vertrauenswürdigen Zertifikaten</translation>
    </message>
    <message>
        <source>CA bundle file</source>
        <translation>CA-Bundle-Datei</translation>
    </message>
    <message>
        <source>Bro&amp;wse…</source>
        <translation>Durch&amp;suchen …</translation>
    </message>
    <message>
        <source>Browse for a CA bundle file</source>
        <translation>Nach einer CA-Bundle-Datei suchen</translation>
    </message>
    <message>
        <source>Pro&amp;xy:</source>
        <translation>Pro&amp;xy:</translation>
    </message>
    <message>
        <source>Optional; http://host:port, as HTTPS_PROXY; default: HTTPS_PROXY or the system&apos;s</source>
        <translation>Optional; http://host:port, wie HTTPS_PROXY; Standard: HTTPS_PROXY oder der des Systems</translation>
    </message>
    <message>
        <source>Proxy URL</source>
        <translation>Proxy-URL</translation>
    </message>
    <message>
        <source>&amp;Credentials:</source>
        <translation>&amp;Anmeldedaten:</translation>
    </message>
    <message>
        <source>Credential source</source>
        <translation>Quelle der Anmeldedaten</translation>
    </message>
    <message>
        <source>The credentials come from the environment variables AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN of the app&apos;s process. Nothing is stored.</source>
        <translation>Die Anmeldedaten stammen aus den Umgebungsvariablen AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY und AWS_SESSION_TOKEN des App-Prozesses. Es wird nichts gespeichert.</translation>
    </message>
</context>
<context>
    <name>ProfileManagerDialog</name>
    <message>
        <source>Profiles</source>
        <translation>Profile</translation>
    </message>
    <message>
        <source>&amp;Add…</source>
        <translation>&amp;Hinzufügen …</translation>
    </message>
    <message>
        <source>Add a profile</source>
        <translation>Ein Profil hinzufügen</translation>
    </message>
    <message>
        <source>Add &amp;SSO Profile…</source>
        <translation>&amp;SSO-Profil hinzufügen …</translation>
    </message>
    <message>
        <source>Sign in with IAM Identity Center and pick an account and role</source>
        <translation>Mit IAM Identity Center anmelden und ein Konto sowie eine Rolle auswählen</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Bearbeiten …</translation>
    </message>
    <message>
        <source>Edit the selected profile (Enter)</source>
        <translation>Das ausgewählte Profil bearbeiten (Enter)</translation>
    </message>
    <message>
        <source>D&amp;uplicate…</source>
        <translation>D&amp;uplizieren …</translation>
    </message>
    <message>
        <source>Add a copy of the selected profile</source>
        <translation>Eine Kopie des ausgewählten Profils hinzufügen</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>&amp;Löschen …</translation>
    </message>
    <message>
        <source>Delete the selected profile and its keys (Del)</source>
        <translation>Das ausgewählte Profil und seine Schlüssel löschen (Del)</translation>
    </message>
    <message>
        <source>&amp;Import from ~/.aws…</source>
        <translation>Aus ~/.aws &amp;importieren …</translation>
    </message>
    <message>
        <source>Copy profiles of the AWS CLI files into the app</source>
        <translation>Profile aus den AWS CLI-Dateien in die App kopieren</translation>
    </message>
    <message>
        <source>&amp;Test Connection</source>
        <translation>Verbindung &amp;testen</translation>
    </message>
    <message>
        <source>Get the credentials of the selected profile and ask AWS STS who they belong to</source>
        <translation>Die Anmeldedaten des ausgewählten Profils abrufen und AWS STS fragen, wem sie gehören</translation>
    </message>
    <message>
        <source>Greyed profiles come from the AWS CLI files or the environment; they can be tested and imported, not edited here.</source>
        <translation>Ausgegraute Profile stammen aus den AWS CLI-Dateien oder der Umgebung; sie können getestet und importiert, hier aber nicht bearbeitet werden.</translation>
    </message>
    <message>
        <source>Check &amp;Keychain Again</source>
        <translation>Schlüsselbund erneut &amp;prüfen</translation>
    </message>
    <message>
        <source>Ask the keychain again for the stored keys, after unlocking it or allowing this app to use it</source>
        <translation>Den Schlüsselbund erneut nach den gespeicherten Schlüsseln fragen, nachdem er entsperrt oder dieser App erlaubt wurde</translation>
    </message>
</context>
<context>
    <name>RuleForm</name>
    <message>
        <source>&amp;Upstream registry:</source>
        <translation>&amp;Upstream-Registry:</translation>
    </message>
    <message>
        <source>Choose an upstream registry…</source>
        <translation>Upstream-Registry wählen …</translation>
    </message>
    <message>
        <source>Upstream registry</source>
        <translation>Upstream-Registry</translation>
    </message>
    <message>
        <source>Azure registry &amp;name:</source>
        <translation>Azure-Registry-&amp;Name:</translation>
    </message>
    <message>
        <source>myregistry</source>
        <translation>myregistry</translation>
    </message>
    <message>
        <source>Azure registry name</source>
        <translation>Azure-Registry-Name</translation>
    </message>
    <message>
        <source>Upstream &amp;account ID:</source>
        <translation>Upstream-&amp;Konto-ID:</translation>
    </message>
    <message>
        <source>123456789012</source>
        <translation>123456789012</translation>
    </message>
    <message>
        <source>Upstream account ID</source>
        <translation>Upstream-Konto-ID</translation>
    </message>
    <message>
        <source>Upstream re&amp;gion:</source>
        <translation>Upstream-Re&amp;gion:</translation>
    </message>
    <message>
        <source>Upstream region</source>
        <translation>Upstream-Region</translation>
    </message>
    <message>
        <source>Upstream URL:</source>
        <translation>Upstream-URL:</translation>
    </message>
    <message>
        <source>Cache repository &amp;prefix:</source>
        <translation>&amp;Präfix des Cache-Repositorys:</translation>
    </message>
    <message>
        <source>docker-hub</source>
        <translation>docker-hub</translation>
    </message>
    <message>
        <source>Cache repository prefix</source>
        <translation>Präfix des Cache-Repositorys</translation>
    </message>
    <message>
        <source>&amp;Credential ARN:</source>
        <translation>Zugangs&amp;daten-ARN:</translation>
    </message>
    <message>
        <source>arn:aws:secretsmanager:&lt;region&gt;:&lt;account-id&gt;:secret:ecr-pullthroughcache/…</source>
        <translation>arn:aws:secretsmanager:&lt;region&gt;:&lt;account-id&gt;:secret:ecr-pullthroughcache/…</translation>
    </message>
    <message>
        <source>Credential ARN</source>
        <translation>Zugangsdaten-ARN</translation>
    </message>
    <message>
        <source>Custom &amp;role ARN:</source>
        <translation>Benutzerdefinierte &amp;Rollen-ARN:</translation>
    </message>
    <message>
        <source>arn:aws:iam::&lt;account-id&gt;:role/…</source>
        <translation>arn:aws:iam::&lt;account-id&gt;:role/…</translation>
    </message>
    <message>
        <source>Custom role ARN</source>
        <translation>Benutzerdefinierte Rollen-ARN</translation>
    </message>
    <message>
        <source>Needed when the upstream registry belongs to another account. The role must be in this registry&apos;s account and trust pullthroughcache.ecr.amazonaws.com.</source>
        <translation>Erforderlich, wenn die Upstream-Registry zu einem anderen Konto gehört. Die Rolle muss sich im Konto dieser Registry befinden und pullthroughcache.ecr.amazonaws.com vertrauen.</translation>
    </message>
    <message>
        <source>Upstream repository pre&amp;fix:</source>
        <translation>Prä&amp;fix des Upstream-Repositorys:</translation>
    </message>
    <message>
        <source>ROOT (every upstream repository)</source>
        <translation>ROOT (jedes Upstream-Repository)</translation>
    </message>
    <message>
        <source>Upstream repository prefix</source>
        <translation>Präfix des Upstream-Repositorys</translation>
    </message>
    <message>
        <source>Registry &amp;ID:</source>
        <translation>Registry-&amp;ID:</translation>
    </message>
    <message>
        <source>Optional: the signed-in account&apos;s registry</source>
        <translation>Optional: die Registry des angemeldeten Kontos</translation>
    </message>
    <message>
        <source>Registry ID</source>
        <translation>Registry-ID</translation>
    </message>
    <message>
        <source>Pull command:</source>
        <translation>Pull-Befehl:</translation>
    </message>
</context>
<context>
    <name>RuleFormDialog</name>
    <message>
        <source>Create Pull-Through Cache Rule</source>
        <translation>Pull-Through-Cache-Regel erstellen</translation>
    </message>
    <message>
        <source>Creating…</source>
        <translation>Wird erstellt …</translation>
    </message>
</context>
<context>
    <name>UpdateCredentialsDialog</name>
    <message>
        <source>Update Rule Credentials</source>
        <translation>Zugangsdaten der Regel aktualisieren</translation>
    </message>
    <message>
        <source>Cache repository prefix:</source>
        <translation>Präfix des Cache-Repositorys:</translation>
    </message>
    <message>
        <source>Upstream:</source>
        <translation>Upstream:</translation>
    </message>
    <message>
        <source>&amp;Credential ARN:</source>
        <translation>Zugangs&amp;daten-ARN:</translation>
    </message>
    <message>
        <source>arn:aws:secretsmanager:&lt;region&gt;:&lt;account-id&gt;:secret:ecr-pullthroughcache/…</source>
        <translation>arn:aws:secretsmanager:&lt;region&gt;:&lt;account-id&gt;:secret:ecr-pullthroughcache/…</translation>
    </message>
    <message>
        <source>Credential ARN</source>
        <translation>Zugangsdaten-ARN</translation>
    </message>
    <message>
        <source>The secret&apos;s name must start with ecr-pullthroughcache/, and the secret must be in the same account and region as this registry.</source>
        <translation>Der Name des Secrets muss mit ecr-pullthroughcache/ beginnen, und das Secret muss sich im selben Konto und in derselben Region wie diese Registry befinden.</translation>
    </message>
    <message>
        <source>Custom &amp;role ARN:</source>
        <translation>Benutzerdefinierte &amp;Rollen-ARN:</translation>
    </message>
    <message>
        <source>arn:aws:iam::&lt;account-id&gt;:role/…</source>
        <translation>arn:aws:iam::&lt;account-id&gt;:role/…</translation>
    </message>
    <message>
        <source>Custom role ARN</source>
        <translation>Benutzerdefinierte Rollen-ARN</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Wird gespeichert …</translation>
    </message>
</context>
<context>
    <name>ecr::AccessKeysPage</name>
    <message>
        <source>Copied from the original profile — type to replace</source>
        <translation>Aus dem ursprünglichen Profil kopiert – zum Ersetzen eintippen</translation>
    </message>
    <message>
        <source>Stored in the keychain — type to replace</source>
        <translation>Im Schlüsselbund gespeichert – zum Ersetzen eintippen</translation>
    </message>
    <message>
        <source>Optional — type to replace</source>
        <translation>Optional – zum Ersetzen eintippen</translation>
    </message>
    <message>
        <source>AKIA…</source>
        <translation>AKIA…</translation>
    </message>
    <message>
        <source>Required</source>
        <translation>Erforderlich</translation>
    </message>
    <message>
        <source>Optional</source>
        <translation>Optional</translation>
    </message>
</context>
<context>
    <name>ecr::ActionGate</name>
    <message>
        <source>Not connected: choose a profile and a region, or start the Local sandbox.</source>
        <translation>Nicht verbunden: Wählen Sie ein Profil und eine Region, oder starten Sie die lokale Sandbox.</translation>
    </message>
    <message>
        <source>The registry has %1 rules, its quota in this region, which cannot be raised: delete a rule first.</source>
        <translation>Die Registry hat %1 Regeln, ihr Kontingent in dieser Region, das nicht erhöht werden kann: Löschen Sie zuerst eine Regel.</translation>
    </message>
    <message>
        <source>Select a rule first.</source>
        <translation>Wählen Sie zuerst eine Regel aus.</translation>
    </message>
    <message>
        <source>Select a single rule.</source>
        <translation>Wählen Sie eine einzelne Regel aus.</translation>
    </message>
    <message>
        <source>The rule %1 has no credential ARN.</source>
        <translation>Die Regel %1 hat keinen Zugangsdaten-ARN.</translation>
    </message>
    <message>
        <source>%1 needs no credentials.</source>
        <translation>%1 benötigt keine Zugangsdaten.</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
</context>
<context>
    <name>ecr::ActivityDialog</name>
    <message>
        <source>Activity Log</source>
        <translation>Aktivitätsprotokoll</translation>
    </message>
    <message>
        <source>Last 24 hours</source>
        <translation>Letzte 24 Stunden</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>Letzte 7 Tage</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>Letzte 30 Tage</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Alle</translation>
    </message>
    <message>
        <source>&amp;When:</source>
        <translation>&amp;Wann:</translation>
    </message>
    <message>
        <source>&amp;Account:</source>
        <translation>&amp;Konto:</translation>
    </message>
    <message>
        <source>&amp;Operation:</source>
        <translation>&amp;Vorgang:</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>Profil</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Konto</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>Region</translation>
    </message>
    <message>
        <source>Operation</source>
        <translation>Vorgang</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Request ID</source>
        <translation>Anfrage-ID</translation>
    </message>
    <message>
        <source>&amp;Export CSV…</source>
        <translation>Als CSV &amp;exportieren …</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) shown. The log is %1; it holds no secrets.</source>
        <translation>
            <numerusform>%n Änderung angezeigt. Protokoll: %1; es enthält keine geheimen Daten.</numerusform>
            <numerusform>%n Änderungen angezeigt. Protokoll: %1; es enthält keine geheimen Daten.</numerusform>
        </translation>
    </message>
    <message>
        <source>Export the Activity Log</source>
        <translation>Aktivitätsprotokoll exportieren</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n change(s) to %1.</source>
        <translation>
            <numerusform>%n Änderung nach %1 exportiert.</numerusform>
            <numerusform>%n Änderungen nach %1 exportiert.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ecr::ActivityLog</name>
    <message>
        <source>The SQLite driver of Qt SQL is not installed (Debian: libqt6sql6-sqlite).</source>
        <translation>Der SQLite-Treiber von Qt SQL ist nicht installiert (Debian: libqt6sql6-sqlite).</translation>
    </message>
    <message>
        <source>Cannot open the activity log %1: %2</source>
        <translation>Das Aktivitätsprotokoll %1 kann nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <source>Cannot prepare the activity log %1: %2</source>
        <translation>Das Aktivitätsprotokoll %1 kann nicht vorbereitet werden: %2</translation>
    </message>
    <message>
        <source>Cannot write to the activity log %1: %2</source>
        <translation>In das Aktivitätsprotokoll %1 kann nicht geschrieben werden: %2</translation>
    </message>
</context>
<context>
    <name>ecr::AppProfileDirectory</name>
    <message>
        <source>Local sandbox</source>
        <translation>Lokale Sandbox</translation>
    </message>
    <message>
        <source>The Local sandbox is not running.</source>
        <translation>Die lokale Sandbox läuft nicht.</translation>
    </message>
</context>
<context>
    <name>ecr::AppWiring</name>
    <message>
        <source>Documentation</source>
        <translation>Dokumentation</translation>
    </message>
    <message>
        <source>The documentation was not found on this computer. A package installs it in share/doc/ecr-ptc-admin (README.md, docs/ARCHITECTURE.md, docs/CREDENTIALS.md).</source>
        <translation>Die Dokumentation wurde auf diesem Computer nicht gefunden. Ein Paket installiert sie in share/doc/ecr-ptc-admin (README.md, docs/ARCHITECTURE.md, docs/CREDENTIALS.md).</translation>
    </message>
    <message>
        <source>Log folder</source>
        <translation>Protokollordner</translation>
    </message>
    <message>
        <source>No file manager could be opened. The log files are in %1.</source>
        <translation>Es konnte kein Dateimanager geöffnet werden. Die Protokolldateien liegen in %1.</translation>
    </message>
</context>
<context>
    <name>ecr::AssumeRolePage</name>
    <message>
        <source>How long the role&apos;s temporary credentials last: 900 to 43200 seconds.</source>
        <translation>Wie lange die temporären Anmeldedaten der Rolle gültig sind: 900 bis 43200 Sekunden.</translation>
    </message>
    <message>
        <source>Environment variables</source>
        <translation>Umgebungsvariablen</translation>
    </message>
    <message>
        <source>AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN of the app&apos;s process</source>
        <translation>AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY und AWS_SESSION_TOKEN des App-Prozesses</translation>
    </message>
    <message>
        <source>%1 (AWS CLI)</source>
        <translation>%1 (AWS CLI)</translation>
    </message>
    <message>
        <source>%1 (not found)</source>
        <translation>%1 (nicht gefunden)</translation>
    </message>
</context>
<context>
    <name>ecr::CacheDialog</name>
    <message>
        <source>Cached Repositories of %1</source>
        <translation>Gecachte Repositorys von %1</translation>
    </message>
    <message>
        <source>What the rule %1 (from %2) has cached in account %3, %4.</source>
        <translation>Was die Regel %1 (von %2) im Konto %3, %4 gecacht hat.</translation>
    </message>
    <message>
        <source>Filter by repository name</source>
        <translation>Nach Repository-Namen filtern</translation>
    </message>
    <message>
        <source>&amp;Filter:</source>
        <translation>&amp;Filter:</translation>
    </message>
    <message>
        <source>Cached repositories</source>
        <translation>Gecachte Repositorys</translation>
    </message>
    <message>
        <source>&amp;Stop</source>
        <translation>&amp;Stoppen</translation>
    </message>
    <message>
        <source>Test &amp;Pull…</source>
        <translation>Test-&amp;Pull …</translation>
    </message>
    <message>
        <source>&amp;Clean Up…</source>
        <translation>&amp;Aufräumen …</translation>
    </message>
    <message>
        <source>&amp;Mirror Config…</source>
        <translation>&amp;Spiegel-Konfiguration …</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>A&amp;ktualisieren</translation>
    </message>
    <message>
        <source>Listing repositories… %1</source>
        <translation>Repositorys werden aufgelistet … %1</translation>
    </message>
    <message>
        <source>Listing the repositories</source>
        <translation>Repositorys werden aufgelistet</translation>
    </message>
    <message>
        <source>Stopped.</source>
        <translation>Gestoppt.</translation>
    </message>
    <message>
        <source>Reading the images</source>
        <translation>Images werden gelesen</translation>
    </message>
    <message>
        <source>Stopped: the usage of some repositories was not read.</source>
        <translation>Gestoppt: Die Nutzung einiger Repositorys wurde nicht gelesen.</translation>
    </message>
    <message>
        <source>A ROOT rule&apos;s cache cannot be told from repositories pushed to this registry, so the app deletes none of them.</source>
        <translation>Der Cache einer ROOT-Regel lässt sich nicht von Repositorys unterscheiden, die in diese Registry gepusht wurden, daher löscht die App keines davon.</translation>
    </message>
    <message>
        <source>%1 repositories; reading images: %2 of %1…</source>
        <translation>%1 Repositorys; Images werden gelesen: %2 von %1 …</translation>
    </message>
    <message>
        <source>Nothing cached yet: the first pull through the rule creates a repository (Test Pull…).</source>
        <translation>Noch nichts gecacht: Der erste Pull über die Regel erstellt ein Repository (Test-Pull …).</translation>
    </message>
    <message numerus="yes">
        <source>%n repository(ies), %1 in all.</source>
        <translation>
            <numerusform>%n Repository, insgesamt %1.</numerusform>
            <numerusform>%n Repositorys, insgesamt %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 shown.</source>
        <translation>%1 angezeigt.</translation>
    </message>
    <message numerus="yes">
        <source>%n could not be read (hover for why).</source>
        <translation>
            <numerusform>%n konnte nicht gelesen werden (Grund im Tooltip).</numerusform>
            <numerusform>%n konnten nicht gelesen werden (Grund im Tooltip).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ecr::CachedRepositories</name>
    <message>
        <source>It was deleted already.</source>
        <translation>Es wurde bereits gelöscht.</translation>
    </message>
    <message>
        <source>It was pulled since the dry run: kept.</source>
        <translation>Es wurde seit dem Probelauf gepullt: beibehalten.</translation>
    </message>
</context>
<context>
    <name>ecr::CachedRepositoriesModel</name>
    <message>
        <source>…</source>
        <translation>…</translation>
    </message>
    <message>
        <source>not read</source>
        <translation>nicht gelesen</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <source>Repository</source>
        <translation>Repository</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>Images</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Last pull</source>
        <translation>Letzter Pull</translation>
    </message>
    <message>
        <source>Last push</source>
        <translation>Letzter Push</translation>
    </message>
    <message>
        <source>Encryption</source>
        <translation>Verschlüsselung</translation>
    </message>
    <message>
        <source>Tag mutability</source>
        <translation>Tag-Veränderbarkeit</translation>
    </message>
</context>
<context>
    <name>ecr::CallerIdentity</name>
    <message>
        <source>root</source>
        <translation>Root</translation>
    </message>
    <message>
        <source>role %1 (session %2)</source>
        <translation>Rolle %1 (Sitzung %2)</translation>
    </message>
    <message>
        <source>user %1</source>
        <translation>Benutzer %1</translation>
    </message>
    <message>
        <source>role %1</source>
        <translation>Rolle %1</translation>
    </message>
    <message>
        <source>federated user %1</source>
        <translation>Föderierter Benutzer %1</translation>
    </message>
</context>
<context>
    <name>ecr::CleanupDialog</name>
    <message>
        <source>Clean Up the Cache of %1</source>
        <translation>Cache von %1 aufräumen</translation>
    </message>
    <message>
        <source>Not pulled for at &amp;least</source>
        <translation>Nicht gepullt seit &amp;mindestens</translation>
    </message>
    <message>
        <source> days</source>
        <translation> Tagen</translation>
    </message>
    <message>
        <source>At least as lar&amp;ge as</source>
        <translation>Mindestens so &amp;groß wie</translation>
    </message>
    <message>
        <source> MB</source>
        <translation> MB</translation>
    </message>
    <message>
        <source>&amp;Dry Run</source>
        <translation>&amp;Probelauf</translation>
    </message>
    <message>
        <source>Repositories that would be deleted</source>
        <translation>Repositorys, die gelöscht würden</translation>
    </message>
    <message>
        <source>Repository</source>
        <translation>Repository</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Last pull</source>
        <translation>Letzter Pull</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Choose what to clean up, then Dry Run: nothing is deleted yet.</source>
        <translation>Wählen Sie aus, was bereinigt werden soll, dann Probelauf: Es wird noch nichts gelöscht.</translation>
    </message>
    <message>
        <source>&lt;a href=&quot;lifecycle&quot;&gt;Use a lifecycle policy instead&lt;/a&gt;: ECR then expires unused images itself, in every repository the rule&apos;s template shapes.</source>
        <translation>&lt;a href=&quot;lifecycle&quot;&gt;Stattdessen eine Lebenszyklusrichtlinie verwenden&lt;/a&gt;: ECR lässt ungenutzte Images dann selbst ablaufen, in jedem Repository, das die Vorlage der Regel gestaltet.</translation>
    </message>
    <message>
        <source>D&amp;elete…</source>
        <translation>&amp;Löschen …</translation>
    </message>
    <message>
        <source>&amp;Stop</source>
        <translation>&amp;Stoppen</translation>
    </message>
    <message>
        <source>Stop after the repository being deleted</source>
        <translation>Nach dem gerade gelöschten Repository stoppen</translation>
    </message>
    <message>
        <source>Stopping after the repository being deleted…</source>
        <translation>Wird nach dem gerade gelöschten Repository gestoppt …</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <source>Dry run: no repository meets these criteria.</source>
        <translation>Probelauf: Kein Repository erfüllt diese Kriterien.</translation>
    </message>
    <message numerus="yes">
        <source>Dry run: %n repository(ies) would be deleted, freeing %1. Nothing is deleted yet.</source>
        <translation>
            <numerusform>Probelauf: %n Repository würde gelöscht, %1 würden frei. Es wird noch nichts gelöscht.</numerusform>
            <numerusform>Probelauf: %n Repositorys würden gelöscht, %1 würden frei. Es wird noch nichts gelöscht.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n repository(ies) whose usage could not be read are never included.</source>
        <translation>
            <numerusform>%n Repository, dessen Nutzung nicht gelesen werden konnte, wird nie einbezogen.</numerusform>
            <numerusform>%n Repositorys, deren Nutzung nicht gelesen werden konnte, werden nie einbezogen.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Type %1 to delete %n repositories:</source>
        <translation>
            <numerusform>Geben Sie %1 ein, um %n Repository zu löschen:</numerusform>
            <numerusform>Geben Sie %1 ein, um %n Repositorys zu löschen:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>D&amp;elete %n…</source>
        <translation>
            <numerusform>&amp;Löschen (%n) …</numerusform>
            <numerusform>&amp;Löschen (%n) …</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete Cached Repositories</source>
        <translation>Zwischengespeicherte Repositorys löschen</translation>
    </message>
    <message numerus="yes">
        <source>Delete %n cached repository(ies) with their images, freeing %1? A later pull through the rule fetches an image from the upstream again.</source>
        <translation>
            <numerusform>%n zwischengespeichertes Repository mit seinen Images löschen und %1 freigeben? Ein späterer Pull über die Regel holt ein Image erneut von der Upstream-Registry.</numerusform>
            <numerusform>%n zwischengespeicherte Repositorys mit ihren Images löschen und %1 freigeben? Ein späterer Pull über die Regel holt ein Image erneut von der Upstream-Registry.</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Löschen</translation>
    </message>
    <message>
        <source>Account %1 · %2</source>
        <translation>Konto %1 · %2</translation>
    </message>
    <message>
        <source>Deleting… Stop ends after the repository being deleted.</source>
        <translation>Löschen läuft … Stoppen beendet nach dem gerade gelöschten Repository.</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>Gelöscht</translation>
    </message>
    <message>
        <source>Kept: %1</source>
        <translation>Behalten: %1</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>Fehlgeschlagen: %1</translation>
    </message>
    <message numerus="yes">
        <source>Deleted %n repository(ies), freeing %1.</source>
        <translation>
            <numerusform>%n Repository gelöscht, %1 freigegeben.</numerusform>
            <numerusform>%n Repositorys gelöscht, %1 freigegeben.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failed (see the list).</source>
        <translation>
            <numerusform>%n fehlgeschlagen (siehe Liste).</numerusform>
            <numerusform>%n fehlgeschlagen (siehe Liste).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n kept: pulled since the dry run.</source>
        <translation>
            <numerusform>%n behalten: seit dem Probelauf abgerufen.</numerusform>
            <numerusform>%n behalten: seit dem Probelauf abgerufen.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Stopped: %n not deleted.</source>
        <translation>
            <numerusform>Gestoppt: %n nicht gelöscht.</numerusform>
            <numerusform>Gestoppt: %n nicht gelöscht.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ecr::CodePages</name>
    <message>
        <source>Could not save %1: %2</source>
        <translation>%1 konnte nicht gespeichert werden: %2</translation>
    </message>
</context>
<context>
    <name>ecr::CommandLine</name>
    <message>
        <source>Start straight into the Local sandbox (an in-process ECR emulator; no AWS account needed).</source>
        <translation>Direkt in der lokalen Sandbox starten (ein prozessinterner ECR-Emulator; kein AWS-Konto erforderlich).</translation>
    </message>
    <message>
        <source>Open the profile NAME: one of the app&apos;s profiles or a profile of ~/.aws/config (instead of AWS_PROFILE or the last one used).</source>
        <translation>Das Profil NAME öffnen: eines der Profile der App oder ein Profil aus ~/.aws/config (statt AWS_PROFILE oder des zuletzt verwendeten).</translation>
    </message>
    <message>
        <source>NAME</source>
        <translation>NAME</translation>
    </message>
    <message>
        <source>Open the profile in REGION, such as eu-west-1 (instead of AWS_REGION or the profile&apos;s region).</source>
        <translation>Das Profil in REGION öffnen, etwa eu-west-1 (statt AWS_REGION oder der Region des Profils).</translation>
    </message>
    <message>
        <source>REGION</source>
        <translation>REGION</translation>
    </message>
    <message>
        <source>Send ECR requests to URL instead of the region&apos;s endpoint, as AWS_ENDPOINT_URL_ECR does: https, or http to this computer only.</source>
        <translation>ECR-Anfragen an URL statt an den Endpunkt der Region senden, wie AWS_ENDPOINT_URL_ECR: https, oder http nur zu diesem Computer.</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>How much the log says: error, warning, info (the default) or debug. QT_LOGGING_RULES refines it.</source>
        <translation>Wie ausführlich das Protokoll ist: error, warning, info (Standard) oder debug. QT_LOGGING_RULES verfeinert das.</translation>
    </message>
    <message>
        <source>LEVEL</source>
        <translation>STUFE</translation>
    </message>
    <message>
        <source>Manage Amazon ECR pull-through cache rules.</source>
        <translation>Pull-Through-Cache-Regeln von Amazon ECR verwalten.</translation>
    </message>
    <message>
        <source>%1: %2
Try &apos;%1 --help&apos;.
</source>
        <translation>%1: %2
Versuchen Sie &apos;%1 --help&apos;.
</translation>
    </message>
    <message>
        <source>unexpected argument &apos;%1&apos;</source>
        <translation>unerwartetes Argument &apos;%1&apos;</translation>
    </message>
    <message>
        <source>--profile needs a profile name.</source>
        <translation>--profile braucht einen Profilnamen.</translation>
    </message>
    <message>
        <source>--sandbox and --profile each choose what to open; give one of them.</source>
        <translation>--sandbox und --profile wählen beide, was geöffnet wird; geben Sie nur eines an.</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not an AWS region (such as us-east-1 or eu-west-1).</source>
        <translation>&apos;%1&apos; ist keine AWS-Region (etwa us-east-1 oder eu-west-1).</translation>
    </message>
    <message>
        <source>--endpoint-url &apos;%1&apos; is not an http(s) URL with a host.</source>
        <translation>--endpoint-url &apos;%1&apos; ist keine http(s)-URL mit einem Host.</translation>
    </message>
    <message>
        <source>--log-level &apos;%1&apos; is not one of %2.</source>
        <translation>--log-level &apos;%1&apos; ist keiner der Werte %2.</translation>
    </message>
    <message>
        <source>%1: there is no profile named &apos;%2&apos; (the app&apos;s profiles and those of ~/.aws/config are looked at).
</source>
        <translation>%1: Es gibt kein Profil namens &apos;%2&apos; (gesucht wird unter den Profilen der App und denen aus ~/.aws/config).
</translation>
    </message>
</context>
<context>
    <name>ecr::ConnectionSelector</name>
    <message>
        <source>&amp;Profile:</source>
        <translation>&amp;Profil:</translation>
    </message>
    <message>
        <source>Re&amp;gion:</source>
        <translation>Re&amp;gion:</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Account %1</source>
        <translation>Konto %1</translation>
    </message>
    <message>
        <source>connecting…</source>
        <translation>Verbindung wird hergestellt …</translation>
    </message>
    <message>
        <source>identity…</source>
        <translation>Identität …</translation>
    </message>
    <message>
        <source>Local sandbox</source>
        <translation>Lokale Sandbox</translation>
    </message>
    <message>
        <source>identity unknown</source>
        <translation>Identität unbekannt</translation>
    </message>
    <message>
        <source>Asking STS who this is</source>
        <translation>STS wird nach der Identität gefragt</translation>
    </message>
    <message>
        <source>not connected</source>
        <translation>nicht verbunden</translation>
    </message>
</context>
<context>
    <name>ecr::CopyDialog</name>
    <message>
        <source>Create</source>
        <translation>Erstellen</translation>
    </message>
    <message>
        <source>Exists, identical</source>
        <translation>Vorhanden, identisch</translation>
    </message>
    <message>
        <source>Conflict: overwrite</source>
        <translation>Konflikt: überschreiben</translation>
    </message>
    <message>
        <source>Conflict: keep</source>
        <translation>Konflikt: behalten</translation>
    </message>
    <message>
        <source>Needs a secret there</source>
        <translation>Benötigt dort ein Secret</translation>
    </message>
    <message>
        <source>Needs a role there</source>
        <translation>Benötigt dort eine Rolle</translation>
    </message>
    <message>
        <source>Needs a key there</source>
        <translation>Benötigt dort einen Schlüssel</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>Fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <source>Overwritten</source>
        <translation>Überschrieben</translation>
    </message>
    <message>
        <source>Unchanged</source>
        <translation>Unverändert</translation>
    </message>
    <message>
        <source>&amp;Preview</source>
        <translation>&amp;Vorschau</translation>
    </message>
    <message>
        <source>&amp;Apply</source>
        <translation>&amp;Anwenden</translation>
    </message>
    <message>
        <source>&amp;Map Secret…</source>
        <translation>Secret &amp;zuordnen …</translation>
    </message>
    <message>
        <source>&amp;Stop</source>
        <translation>&amp;Stoppen</translation>
    </message>
    <message>
        <source>Copy to other registries</source>
        <translation>In andere Registrys kopieren</translation>
    </message>
    <message numerus="yes">
        <source>%n rule(s)</source>
        <translation>
            <numerusform>%n Regel</numerusform>
            <numerusform>%n Regeln</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n template(s)</source>
        <translation>
            <numerusform>%n Vorlage</numerusform>
            <numerusform>%n Vorlagen</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 and %2</source>
        <translation>%1 und %2</translation>
    </message>
    <message>
        <source>Copy %1 from %2 to the registries picked on the left. Nothing that exists is changed unless you tick Overwrite on its row.</source>
        <translation>%1 aus %2 in die links ausgewählten Registrys kopieren. Vorhandenes wird nur geändert, wenn Sie in der jeweiligen Zeile „Überschreiben“ ankreuzen.</translation>
    </message>
    <message>
        <source>Destination / item</source>
        <translation>Ziel / Element</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>Plan</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Copy plan</source>
        <translation>Kopierplan</translation>
    </message>
    <message>
        <source>Read the destinations and show what copying would do</source>
        <translation>Die Ziele lesen und anzeigen, was das Kopieren bewirken würde</translation>
    </message>
    <message>
        <source>Make the planned changes in every destination</source>
        <translation>Die geplanten Änderungen in allen Zielen vornehmen</translation>
    </message>
    <message>
        <source>Use one of the destination&apos;s own secrets for the selected rule</source>
        <translation>Eines der eigenen Secrets des Ziels für die ausgewählte Regel verwenden</translation>
    </message>
    <message>
        <source>Reading the destinations… %1 of %2</source>
        <translation>Ziele werden gelesen … %1 von %2</translation>
    </message>
    <message>
        <source>Pick the destinations, then Preview.</source>
        <translation>Wählen Sie die Ziele aus, dann Vorschau.</translation>
    </message>
    <message>
        <source>Stopped.</source>
        <translation>Gestoppt.</translation>
    </message>
    <message numerus="yes">
        <source>%n destination(s) could not be read (shown in red); the others are planned.</source>
        <translation>
            <numerusform>%n Ziel konnte nicht gelesen werden (rot dargestellt); die anderen sind geplant.</numerusform>
            <numerusform>%n Ziele konnten nicht gelesen werden (rot dargestellt); die anderen sind geplant.</numerusform>
        </translation>
    </message>
    <message>
        <source>Planned. Tick Overwrite where a conflict should change, map secrets where needed, then Apply.</source>
        <translation>Geplant. Kreuzen Sie „Überschreiben“ an, wo ein Konflikt geändert werden soll, ordnen Sie bei Bedarf Secrets zu und wählen Sie dann Anwenden.</translation>
    </message>
    <message>
        <source>Account %1</source>
        <translation>Konto %1</translation>
    </message>
    <message>
        <source>Reading it</source>
        <translation>Wird gelesen</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>Tick to overwrite what the destination has</source>
        <translation>Ankreuzen, um den Bestand des Ziels zu überschreiben</translation>
    </message>
    <message>
        <source>Template</source>
        <translation>Vorlage</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>Regel</translation>
    </message>
    <message>
        <source>%1 changed, %2 failed</source>
        <translation>%1 geändert, %2 fehlgeschlagen</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) made</source>
        <translation>
            <numerusform>%n Änderung vorgenommen</numerusform>
            <numerusform>%n Änderungen vorgenommen</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing to change</source>
        <translation>Nichts zu ändern</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) planned</source>
        <translation>
            <numerusform>%n Änderung geplant</numerusform>
            <numerusform>%n Änderungen geplant</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&amp;Apply %n change(s)</source>
        <translation>
            <numerusform>%n Änderung &amp;anwenden</numerusform>
            <numerusform>%n Änderungen &amp;anwenden</numerusform>
        </translation>
    </message>
    <message>
        <source>Secret for %1 in %2</source>
        <translation>Secret für %1 in %2</translation>
    </message>
    <message>
        <source>Listing the secrets</source>
        <translation>Secrets werden aufgelistet</translation>
    </message>
    <message numerus="yes">
        <source>Applying to %n destination(s)…</source>
        <translation>
            <numerusform>Wird auf %n Ziel angewendet …</numerusform>
            <numerusform>Wird auf %n Ziele angewendet …</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 changes made, %2 failed: see each destination.</source>
        <translation>%1 Änderungen vorgenommen, %2 fehlgeschlagen: siehe die einzelnen Ziele.</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) made.</source>
        <translation>
            <numerusform>%n Änderung vorgenommen.</numerusform>
            <numerusform>%n Änderungen vorgenommen.</numerusform>
        </translation>
    </message>
    <message>
        <source>Stopped. </source>
        <translation>Gestoppt. </translation>
    </message>
    <message>
        <source>The activity log could not be written: %1</source>
        <translation>Das Aktivitätsprotokoll konnte nicht geschrieben werden: %1</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>%1 (copied from %2)</source>
        <translation>%1 (kopiert aus %2)</translation>
    </message>
</context>
<context>
    <name>ecr::CreateSecretDialog</name>
    <message>
        <source>Create Secret</source>
        <translation>Secret erstellen</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>for example docker-hub</source>
        <translation>zum Beispiel docker-hub</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>&amp;Benutzername:</translation>
    </message>
    <message>
        <source>The upstream registry&apos;s user</source>
        <translation>Der Benutzer der Upstream-Registry</translation>
    </message>
    <message>
        <source>Access &amp;token:</source>
        <translation>Zugriffs&amp;token:</translation>
    </message>
    <message>
        <source>A personal access token or password</source>
        <translation>Ein persönliches Zugriffstoken oder Passwort</translation>
    </message>
    <message>
        <source>Sent to AWS Secrets Manager once; not stored on this computer.</source>
        <translation>Einmalig an AWS Secrets Manager gesendet; nicht auf diesem Computer gespeichert.</translation>
    </message>
    <message>
        <source>&amp;KMS key:</source>
        <translation>&amp;KMS-Schlüssel:</translation>
    </message>
    <message>
        <source>Optional; empty: the account&apos;s aws/secretsmanager key</source>
        <translation>Optional; leer: der Schlüssel aws/secretsmanager des Kontos</translation>
    </message>
    <message>
        <source>Optional</source>
        <translation>Optional</translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation>&amp;Beschreibung:</translation>
    </message>
    <message>
        <source>The token goes to AWS Secrets Manager only; this app never stores it and never reads it back. Amazon ECR reads it when it pulls from the upstream registry.</source>
        <translation>Das Token geht nur an AWS Secrets Manager; diese App speichert es nie und liest es nie zurück. Amazon ECR liest es, wenn es von der Upstream-Registry abruft.</translation>
    </message>
    <message>
        <source>C&amp;reate</source>
        <translation>&amp;Erstellen</translation>
    </message>
    <message>
        <source>Creating the secret</source>
        <translation>Secret wird erstellt</translation>
    </message>
    <message>
        <source>The secret is created in %1, the registry&apos;s region.</source>
        <translation>Das Secret wird in %1 erstellt, der Region der Registry.</translation>
    </message>
    <message>
        <source>The secret is created in account %1, region %2: the registry&apos;s.</source>
        <translation>Das Secret wird in Konto %1, Region %2 erstellt: denen der Registry.</translation>
    </message>
    <message>
        <source>Enter the upstream registry&apos;s user name.</source>
        <translation>Geben Sie den Benutzernamen für die Upstream-Registry ein.</translation>
    </message>
    <message>
        <source>Enter the access token (or password) of that user.</source>
        <translation>Geben Sie das Zugriffstoken (oder Passwort) dieses Benutzers ein.</translation>
    </message>
    <message>
        <source>A KMS key is an ID, an ARN or alias/name, without spaces.</source>
        <translation>Ein KMS-Schlüssel ist eine ID, ein ARN oder alias/name, ohne Leerzeichen.</translation>
    </message>
</context>
<context>
    <name>ecr::CredentialProcess</name>
    <message>
        <source>The credential process was stopped: the credentials are no longer needed.</source>
        <translation>Der Anmeldedatenprozess wurde gestoppt: Die Anmeldedaten werden nicht mehr benötigt.</translation>
    </message>
    <message>
        <source>%1 It said: %2</source>
        <translation>%1 Ausgabe des Prozesses: %2</translation>
    </message>
    <message>
        <source>The credential process did not print a JSON object.</source>
        <translation>Der Anmeldedatenprozess hat kein JSON-Objekt ausgegeben.</translation>
    </message>
    <message>
        <source>The credential process output has no Version (it must be 1).</source>
        <translation>Die Ausgabe des Anmeldedatenprozesses enthält keine Version (sie muss 1 sein).</translation>
    </message>
    <message>
        <source>The credential process output has Version %1; only Version 1 is supported.</source>
        <translation>Die Ausgabe des Anmeldedatenprozesses hat Version %1; nur Version 1 wird unterstützt.</translation>
    </message>
    <message>
        <source>The credential process output has no AccessKeyId.</source>
        <translation>Die Ausgabe des Anmeldedatenprozesses enthält keine AccessKeyId.</translation>
    </message>
    <message>
        <source>The credential process output has no SecretAccessKey.</source>
        <translation>Die Ausgabe des Anmeldedatenprozesses enthält keinen SecretAccessKey.</translation>
    </message>
    <message>
        <source>The credential process output has an Expiration that is not an ISO 8601 time: &apos;%1&apos;.</source>
        <translation>Die Ausgabe des Anmeldedatenprozesses enthält eine Expiration, die keine ISO-8601-Zeit ist: &apos;%1&apos;.</translation>
    </message>
    <message>
        <source>The credential_process command has an unterminated quote or a trailing backslash.</source>
        <translation>Der credential_process-Befehl enthält ein nicht geschlossenes Anführungszeichen oder einen abschließenden Backslash.</translation>
    </message>
    <message>
        <source>The credential_process command is empty.</source>
        <translation>Der credential_process-Befehl ist leer.</translation>
    </message>
    <message>
        <source>The credential process &apos;%1&apos; could not be started: %2</source>
        <translation>Der Anmeldedatenprozess &apos;%1&apos; konnte nicht gestartet werden: %2</translation>
    </message>
    <message>
        <source>The credential process &apos;%1&apos; did not finish within %2 seconds and was stopped.</source>
        <translation>Der Anmeldedatenprozess &apos;%1&apos; wurde nicht innerhalb von %2 Sekunden beendet und wurde gestoppt.</translation>
    </message>
    <message>
        <source>The credential process &apos;%1&apos; crashed.</source>
        <translation>Der Anmeldedatenprozess &apos;%1&apos; ist abgestürzt.</translation>
    </message>
    <message>
        <source>The credential process &apos;%1&apos; exited with status %2.</source>
        <translation>Der Anmeldedatenprozess &apos;%1&apos; wurde mit Status %2 beendet.</translation>
    </message>
    <message>
        <source>The credential process output has a Version that is not a number (it must be the number 1).</source>
        <translation>Die Ausgabe des Anmeldeprozesses hat eine Version, die keine Zahl ist (sie muss die Zahl 1 sein).</translation>
    </message>
</context>
<context>
    <name>ecr::CredentialProfileDirectory</name>
    <message>
        <source>Environment</source>
        <translation>Umgebung</translation>
    </message>
    <message>
        <source>the ECR endpoint URL of profile &apos;%1&apos;</source>
        <translation>die ECR-Endpunkt-URL des Profils &apos;%1&apos;</translation>
    </message>
    <message>
        <source>the STS endpoint URL of profile &apos;%1&apos;</source>
        <translation>die STS-Endpunkt-URL des Profils &apos;%1&apos;</translation>
    </message>
    <message>
        <source>the SSO portal endpoint URL of profile &apos;%1&apos;</source>
        <translation>die Endpunkt-URL des SSO-Portals des Profils &apos;%1&apos;</translation>
    </message>
    <message>
        <source>the SSO OIDC endpoint URL of profile &apos;%1&apos;</source>
        <translation>die SSO-OIDC-Endpunkt-URL des Profils &apos;%1&apos;</translation>
    </message>
    <message>
        <source>The profile &apos;%1&apos; is no longer available.</source>
        <translation>Das Profil &apos;%1&apos; ist nicht mehr verfügbar.</translation>
    </message>
    <message>
        <source>%1 (AWS_PROFILE)</source>
        <translation>%1 (AWS_PROFILE)</translation>
    </message>
    <message>
        <source>%1 (AWS CLI)</source>
        <translation>%1 (AWS CLI)</translation>
    </message>
    <message>
        <source>Profile &apos;%1&apos; has no region. Choose a region.</source>
        <translation>Das Profil &apos;%1&apos; hat keine Region. Wählen Sie eine Region.</translation>
    </message>
    <message>
        <source>The profile is gone.</source>
        <translation>Das Profil ist nicht mehr vorhanden.</translation>
    </message>
    <message>
        <source>Enter both the access key ID and the secret access key.</source>
        <translation>Geben Sie sowohl die Zugriffsschlüssel-ID als auch den geheimen Zugriffsschlüssel ein.</translation>
    </message>
    <message>
        <source>Enter the access key ID and the secret access key.</source>
        <translation>Geben Sie die Zugriffsschlüssel-ID und den geheimen Zugriffsschlüssel ein.</translation>
    </message>
    <message>
        <source>The profile &apos;%1&apos; does not exist.</source>
        <translation>Das Profil &apos;%1&apos; existiert nicht.</translation>
    </message>
    <message>
        <source>%1 · %2 / %3</source>
        <translation>%1 · %2 / %3</translation>
    </message>
</context>
<context>
    <name>ecr::CredentialResolver</name>
    <message>
        <source>The credentials are no longer needed.</source>
        <translation>Die Anmeldedaten werden nicht mehr benötigt.</translation>
    </message>
    <message>
        <source>The profile&apos;s credentials are no longer available.</source>
        <translation>Die Anmeldedaten des Profils sind nicht mehr verfügbar.</translation>
    </message>
    <message>
        <source>There is no profile &apos;%1&apos;.</source>
        <translation>Es gibt kein Profil &apos;%1&apos;.</translation>
    </message>
    <message>
        <source>Profile &apos;%1&apos; names source profile &apos;%2&apos;, which does not exist.</source>
        <translation>Das Profil &apos;%1&apos; nennt das Quellprofil &apos;%2&apos;, das nicht existiert.</translation>
    </message>
    <message>
        <source>The source profiles loop: %1.</source>
        <translation>Die Quellprofile bilden eine Schleife: %1.</translation>
    </message>
    <message>
        <source>Profile &apos;%1&apos;:</source>
        <translation>Profil &apos;%1&apos;:</translation>
    </message>
    <message>
        <source>Profile &apos;%1&apos; has no known credential source.</source>
        <translation>Das Profil &apos;%1&apos; hat keine bekannte Anmeldedatenquelle.</translation>
    </message>
    <message>
        <source>Environment</source>
        <translation>Umgebung</translation>
    </message>
    <message>
        <source>The source profile of &apos;%1&apos; has no usable credentials:</source>
        <translation>Das Quellprofil von &apos;%1&apos; hat keine verwendbaren Anmeldedaten:</translation>
    </message>
    <message>
        <source>Your sign-in to %1 does not reach role %2 in account %3: %4</source>
        <translation>Ihre Anmeldung bei %1 erreicht die Rolle %2 im Konto %3 nicht: %4</translation>
    </message>
</context>
<context>
    <name>ecr::Credentials</name>
    <message>
        <source>No access key is configured.</source>
        <translation>Es ist kein Zugriffsschlüssel konfiguriert.</translation>
    </message>
</context>
<context>
    <name>ecr::EcrClient</name>
    <message>
        <source>Amazon ECR</source>
        <translation>Amazon ECR</translation>
    </message>
    <message>
        <source>a rule that is not an object</source>
        <translation>einer Regel, die kein Objekt ist</translation>
    </message>
    <message>
        <source>a rule without %1</source>
        <translation>einer Regel ohne %1</translation>
    </message>
    <message>
        <source>Amazon ECR answered %1 with %2; nothing was read from it.</source>
        <translation>Amazon ECR hat %1 mit %2 beantwortet; daraus wurde nichts übernommen.</translation>
    </message>
    <message>
        <source>no list of rules</source>
        <translation>keiner Liste von Regeln</translation>
    </message>
    <message>
        <source>a list of rules that is not a list</source>
        <translation>einer Regelliste, die keine Liste ist</translation>
    </message>
    <message>
        <source>a page token that is not text</source>
        <translation>einem Seiten-Token, das kein Text ist</translation>
    </message>
</context>
<context>
    <name>ecr::EcrRepositoryClient</name>
    <message>
        <source>GetAuthorizationToken answered without a token.</source>
        <translation>GetAuthorizationToken hat ohne Token geantwortet.</translation>
    </message>
</context>
<context>
    <name>ecr::EcrSession</name>
    <message>
        <source>No credentials are configured.</source>
        <translation>Es sind keine Anmeldedaten konfiguriert.</translation>
    </message>
    <message>
        <source>This connection cannot tell its identity.</source>
        <translation>Diese Verbindung kann ihre Identität nicht ermitteln.</translation>
    </message>
</context>
<context>
    <name>ecr::Endpoint</name>
    <message>
        <source>No region is set. Choose a region for this profile.</source>
        <translation>Es ist keine Region festgelegt. Wählen Sie eine Region für dieses Profil.</translation>
    </message>
    <message>
        <source>Invalid configuration: FIPS and a custom endpoint are not supported together.</source>
        <translation>Ungültige Konfiguration: FIPS und ein benutzerdefinierter Endpunkt werden nicht zusammen unterstützt.</translation>
    </message>
    <message>
        <source>Invalid configuration: dual-stack and a custom endpoint are not supported together.</source>
        <translation>Ungültige Konfiguration: Dual-Stack und ein benutzerdefinierter Endpunkt werden nicht zusammen unterstützt.</translation>
    </message>
    <message>
        <source>The endpoint URL &apos;%1&apos; is not a valid http(s) URL.</source>
        <translation>Die Endpunkt-URL &apos;%1&apos; ist keine gültige http(s)-URL.</translation>
    </message>
    <message>
        <source>Invalid configuration: &apos;%1&apos; is not a valid region name.</source>
        <translation>Ungültige Konfiguration: &apos;%1&apos; ist kein gültiger Regionsname.</translation>
    </message>
    <message>
        <source>FIPS is enabled but partition %1 does not support it.</source>
        <translation>FIPS ist aktiviert, wird aber von Partition %1 nicht unterstützt.</translation>
    </message>
    <message>
        <source>Dual-stack is enabled but partition %1 does not support it.</source>
        <translation>Dual-Stack ist aktiviert, wird aber von Partition %1 nicht unterstützt.</translation>
    </message>
</context>
<context>
    <name>ecr::EnvironmentCredentials</name>
    <message>
        <source>AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not both set.</source>
        <translation>AWS_ACCESS_KEY_ID und AWS_SECRET_ACCESS_KEY sind nicht beide gesetzt.</translation>
    </message>
</context>
<context>
    <name>ecr::ErrorPresenter</name>
    <message>
        <source>Too many templates</source>
        <translation>Zu viele Vorlagen</translation>
    </message>
    <message>
        <source>%1 failed: %2</source>
        <translation>%1 fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>%1 failed: the registry has its most templates.</source>
        <translation>%1 fehlgeschlagen: Die Registry hat die maximale Anzahl an Vorlagen erreicht.</translation>
    </message>
    <message>
        <source>Delete a template you no longer need, or widen an existing template&apos;s prefix.</source>
        <translation>Löschen Sie eine nicht mehr benötigte Vorlage oder erweitern Sie das Präfix einer vorhandenen Vorlage.</translation>
    </message>
    <message>
        <source>Too many secrets</source>
        <translation>Zu viele Secrets</translation>
    </message>
    <message>
        <source>%1 failed: the region has its most secrets.</source>
        <translation>%1 fehlgeschlagen: Die Region hat die maximale Anzahl an Secrets erreicht.</translation>
    </message>
    <message>
        <source>Reuse an existing ecr-pullthroughcache/ secret, or delete secrets no longer used.</source>
        <translation>Verwenden Sie ein vorhandenes ecr-pullthroughcache/-Secret erneut oder löschen Sie nicht mehr verwendete Secrets.</translation>
    </message>
    <message>
        <source>Amazon ECR service error</source>
        <translation>Dienstfehler von Amazon ECR</translation>
    </message>
    <message>
        <source>%1 failed because of an internal error in Amazon ECR.</source>
        <translation>%1 ist wegen eines internen Fehlers in Amazon ECR fehlgeschlagen.</translation>
    </message>
    <message>
        <source>Wait a moment and try again; if it keeps failing, check the AWS Health Dashboard for Amazon ECR in this region.</source>
        <translation>Warten Sie einen Moment und versuchen Sie es erneut; schlägt es weiterhin fehl, prüfen Sie das AWS Health Dashboard für Amazon ECR in dieser Region.</translation>
    </message>
    <message>
        <source>Invalid parameter</source>
        <translation>Ungültiger Parameter</translation>
    </message>
    <message>
        <source>%1 failed because Amazon ECR rejected a parameter: %2</source>
        <translation>%1 ist fehlgeschlagen, weil Amazon ECR einen Parameter abgelehnt hat: %2</translation>
    </message>
    <message>
        <source>%1 failed because Amazon ECR rejected a parameter.</source>
        <translation>%1 ist fehlgeschlagen, weil Amazon ECR einen Parameter abgelehnt hat.</translation>
    </message>
    <message>
        <source>Correct the value the message names and try again.</source>
        <translation>Korrigieren Sie den in der Meldung genannten Wert und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>Request not valid</source>
        <translation>Anfrage ungültig</translation>
    </message>
    <message>
        <source>%1 failed because Amazon ECR did not accept the request: %2</source>
        <translation>%1 ist fehlgeschlagen, weil Amazon ECR die Anfrage nicht angenommen hat: %2</translation>
    </message>
    <message>
        <source>%1 failed because Amazon ECR did not accept the request.</source>
        <translation>%1 ist fehlgeschlagen, weil Amazon ECR die Anfrage nicht angenommen hat.</translation>
    </message>
    <message>
        <source>Correct the value the message names and try again; if this app accepted it, the service&apos;s rules may have changed.</source>
        <translation>Korrigieren Sie den in der Meldung genannten Wert und versuchen Sie es erneut; falls diese App ihn akzeptiert hat, haben sich möglicherweise die Regeln des Dienstes geändert.</translation>
    </message>
    <message>
        <source>Rule already exists</source>
        <translation>Regel existiert bereits</translation>
    </message>
    <message>
        <source>%1 failed because a pull-through cache rule with this prefix already exists in this registry.</source>
        <translation>%1 ist fehlgeschlagen, weil in dieser Registry bereits eine Pull-Through-Cache-Regel mit diesem Präfix existiert.</translation>
    </message>
    <message>
        <source>Choose a different cache repository prefix, or edit the credentials of the existing rule.</source>
        <translation>Wählen Sie ein anderes Präfix für das Cache-Repository oder bearbeiten Sie die Anmeldedaten der vorhandenen Regel.</translation>
    </message>
    <message>
        <source>Rule not found</source>
        <translation>Regel nicht gefunden</translation>
    </message>
    <message>
        <source>%1 failed because the pull-through cache rule does not exist; it may have been deleted in the meantime.</source>
        <translation>%1 ist fehlgeschlagen, weil die Pull-Through-Cache-Regel nicht existiert; sie wurde möglicherweise inzwischen gelöscht.</translation>
    </message>
    <message>
        <source>Refresh the list of rules.</source>
        <translation>Aktualisieren Sie die Liste der Regeln.</translation>
    </message>
    <message>
        <source>Upstream registry needs credentials</source>
        <translation>Upstream-Registry benötigt Anmeldedaten</translation>
    </message>
    <message>
        <source>%1 failed because the upstream registry requires authentication.</source>
        <translation>%1 ist fehlgeschlagen, weil die Upstream-Registry eine Authentifizierung erfordert.</translation>
    </message>
    <message>
        <source>Enter the ARN of a Secrets Manager secret whose name starts with &apos;ecr-pullthroughcache/&apos; and that holds the upstream user name and access token.</source>
        <translation>Geben Sie den ARN eines Secrets-Manager-Secrets ein, dessen Name mit &apos;ecr-pullthroughcache/&apos; beginnt und das den Upstream-Benutzernamen und das Zugriffstoken enthält.</translation>
    </message>
    <message>
        <source>Upstream registry not supported</source>
        <translation>Upstream-Registry nicht unterstützt</translation>
    </message>
    <message>
        <source>%1 failed because Amazon ECR does not support this upstream registry: %2</source>
        <translation>%1 ist fehlgeschlagen, weil Amazon ECR diese Upstream-Registry nicht unterstützt: %2</translation>
    </message>
    <message>
        <source>%1 failed because Amazon ECR does not support this upstream registry.</source>
        <translation>%1 ist fehlgeschlagen, weil Amazon ECR diese Upstream-Registry nicht unterstützt.</translation>
    </message>
    <message>
        <source>Choose one of the listed registries and check the Azure registry name or the upstream ECR account and region.</source>
        <translation>Wählen Sie eine der aufgeführten Registrys und prüfen Sie den Namen der Azure-Registry bzw. das Upstream-ECR-Konto und die Region.</translation>
    </message>
    <message>
        <source>Rule limit reached</source>
        <translation>Regellimit erreicht</translation>
    </message>
    <message>
        <source>%1 failed because the registry has reached its quota of 50 pull-through cache rules in this region.</source>
        <translation>%1 ist fehlgeschlagen, weil die Registry ihr Kontingent von 50 Pull-Through-Cache-Regeln in dieser Region erreicht hat.</translation>
    </message>
    <message>
        <source>The quota cannot be raised: delete a rule you no longer use, then try again.</source>
        <translation>Das Kontingent kann nicht erhöht werden: Löschen Sie eine nicht mehr verwendete Regel und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>Secret not accessible</source>
        <translation>Secret nicht zugänglich</translation>
    </message>
    <message>
        <source>%1 failed because Amazon ECR is not allowed to read the Secrets Manager secret.</source>
        <translation>%1 ist fehlgeschlagen, weil Amazon ECR das Secrets-Manager-Secret nicht lesen darf.</translation>
    </message>
    <message>
        <source>Check the secret&apos;s resource policy and KMS key, and that the secret is in the same account and region as this registry.</source>
        <translation>Prüfen Sie die Ressourcenrichtlinie und den KMS-Schlüssel des Secrets sowie, ob sich das Secret im selben Konto und in derselben Region wie diese Registry befindet.</translation>
    </message>
    <message>
        <source>Secret not found</source>
        <translation>Secret nicht gefunden</translation>
    </message>
    <message>
        <source>%1 failed because Amazon ECR could not find a secret with this ARN.</source>
        <translation>%1 ist fehlgeschlagen, weil Amazon ECR kein Secret mit diesem ARN finden konnte.</translation>
    </message>
    <message>
        <source>Check the ARN. Secrets Manager can take a few seconds to make a new secret visible; if you just created it, try again.</source>
        <translation>Prüfen Sie den ARN. Es kann einige Sekunden dauern, bis Secrets Manager ein neues Secret sichtbar macht; wenn Sie es gerade erstellt haben, versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>Secret cannot be decrypted</source>
        <translation>Secret kann nicht entschlüsselt werden</translation>
    </message>
    <message>
        <source>%1 failed because Amazon ECR can read the secret but cannot decrypt its value.</source>
        <translation>%1 ist fehlgeschlagen, weil Amazon ECR das Secret zwar lesen, seinen Wert aber nicht entschlüsseln kann.</translation>
    </message>
    <message>
        <source>Allow Amazon ECR to use the secret&apos;s KMS key (kms:Decrypt), or store the secret with the default aws/secretsmanager key.</source>
        <translation>Erlauben Sie Amazon ECR, den KMS-Schlüssel des Secrets zu verwenden (kms:Decrypt), oder speichern Sie das Secret mit dem Standardschlüssel aws/secretsmanager.</translation>
    </message>
    <message>
        <source>Too many requests</source>
        <translation>Zu viele Anfragen</translation>
    </message>
    <message>
        <source>%1 failed because Amazon ECR is limiting the request rate, even after retrying.</source>
        <translation>%1 ist fehlgeschlagen, weil Amazon ECR die Anfragerate auch nach Wiederholungen begrenzt.</translation>
    </message>
    <message>
        <source>Wait a few seconds and try again.</source>
        <translation>Warten Sie einige Sekunden und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>Signature rejected</source>
        <translation>Signatur abgelehnt</translation>
    </message>
    <message>
        <source>%1 failed because AWS rejected the request signature.</source>
        <translation>%1 ist fehlgeschlagen, weil AWS die Signatur der Anfrage abgelehnt hat.</translation>
    </message>
    <message>
        <source>Check that the secret access key belongs to the access key ID, and that this computer&apos;s clock is correct.</source>
        <translation>Prüfen Sie, ob der geheime Zugriffsschlüssel zur Zugriffsschlüssel-ID gehört und ob die Uhr dieses Computers richtig geht.</translation>
    </message>
    <message>
        <source>Access key not recognised</source>
        <translation>Zugriffsschlüssel nicht erkannt</translation>
    </message>
    <message>
        <source>%1 failed because AWS does not recognise the access key ID or security token.</source>
        <translation>%1 ist fehlgeschlagen, weil AWS die Zugriffsschlüssel-ID oder das Sicherheitstoken nicht erkennt.</translation>
    </message>
    <message>
        <source>Check the profile&apos;s access key ID, or sign in again if you use temporary credentials.</source>
        <translation>Prüfen Sie die Zugriffsschlüssel-ID des Profils oder melden Sie sich erneut an, wenn Sie temporäre Anmeldedaten verwenden.</translation>
    </message>
    <message>
        <source>Request not signed</source>
        <translation>Anfrage nicht signiert</translation>
    </message>
    <message>
        <source>%1 failed because the request carried no valid AWS credentials.</source>
        <translation>%1 ist fehlgeschlagen, weil die Anfrage keine gültigen AWS-Anmeldedaten enthielt.</translation>
    </message>
    <message>
        <source>Configure credentials for this profile, and check that the endpoint is an Amazon ECR endpoint.</source>
        <translation>Konfigurieren Sie Anmeldedaten für dieses Profil und prüfen Sie, ob der Endpunkt ein Amazon-ECR-Endpunkt ist.</translation>
    </message>
    <message>
        <source>Credentials expired</source>
        <translation>Anmeldedaten abgelaufen</translation>
    </message>
    <message>
        <source>%1 failed because the temporary AWS credentials have expired.</source>
        <translation>%1 ist fehlgeschlagen, weil die temporären AWS-Anmeldedaten abgelaufen sind.</translation>
    </message>
    <message>
        <source>Refresh the credentials (for example with &apos;aws sso login&apos; or a new session token) and try again.</source>
        <translation>Aktualisieren Sie die Anmeldedaten (zum Beispiel mit &apos;aws sso login&apos; oder einem neuen Sitzungstoken) und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>SSO sign-in no longer valid</source>
        <translation>SSO-Anmeldung nicht mehr gültig</translation>
    </message>
    <message>
        <source>%1 failed because IAM Identity Center no longer accepts the sign-in.</source>
        <translation>%1 ist fehlgeschlagen, weil IAM Identity Center die Anmeldung nicht mehr akzeptiert.</translation>
    </message>
    <message>
        <source>Try again to sign in anew, or run &apos;aws sso login&apos; for the profile.</source>
        <translation>Versuchen Sie, sich neu anzumelden, oder führen Sie &apos;aws sso login&apos; für das Profil aus.</translation>
    </message>
    <message>
        <source>SSO role not available</source>
        <translation>SSO-Rolle nicht verfügbar</translation>
    </message>
    <message>
        <source>%1 failed because the sign-in does not reach this account and role.</source>
        <translation>%1 ist fehlgeschlagen, weil die Anmeldung dieses Konto und diese Rolle nicht erreicht.</translation>
    </message>
    <message>
        <source>Choose an account and role your sign-in lists, or ask your administrator for the assignment.</source>
        <translation>Wählen Sie ein Konto und eine Rolle, die Ihre Anmeldung auflistet, oder bitten Sie Ihren Administrator um die Zuweisung.</translation>
    </message>
    <message>
        <source>Template already exists</source>
        <translation>Vorlage existiert bereits</translation>
    </message>
    <message>
        <source>%1 failed because a repository creation template with this prefix already exists.</source>
        <translation>%1 ist fehlgeschlagen, weil bereits eine Vorlage für die Repository-Erstellung mit diesem Präfix existiert.</translation>
    </message>
    <message>
        <source>Edit the existing template, or use another prefix.</source>
        <translation>Bearbeiten Sie die vorhandene Vorlage oder verwenden Sie ein anderes Präfix.</translation>
    </message>
    <message>
        <source>Template not found</source>
        <translation>Vorlage nicht gefunden</translation>
    </message>
    <message>
        <source>%1 failed because the repository creation template does not exist (any more).</source>
        <translation>%1 ist fehlgeschlagen, weil die Vorlage für die Repository-Erstellung nicht (mehr) existiert.</translation>
    </message>
    <message>
        <source>Refresh the templates; someone may have deleted it.</source>
        <translation>Aktualisieren Sie die Vorlagen; möglicherweise hat jemand sie gelöscht.</translation>
    </message>
    <message>
        <source>No registry policy</source>
        <translation>Keine Registry-Richtlinie</translation>
    </message>
    <message>
        <source>%1 found no registry policy: this registry has none.</source>
        <translation>%1 hat keine Registry-Richtlinie gefunden: Diese Registry hat keine.</translation>
    </message>
    <message>
        <source>Add one that lets the pullers create repositories and import images for the cache&apos;s prefixes.</source>
        <translation>Fügen Sie eine hinzu, die den abrufenden Identitäten erlaubt, für die Präfixe des Caches Repositorys zu erstellen und Images zu importieren.</translation>
    </message>
    <message>
        <source>Repository not found</source>
        <translation>Repository nicht gefunden</translation>
    </message>
    <message>
        <source>%1 failed because the repository does not exist (any more).</source>
        <translation>%1 ist fehlgeschlagen, weil das Repository nicht (mehr) existiert.</translation>
    </message>
    <message>
        <source>Refresh the cached repositories; it may have been deleted already.</source>
        <translation>Aktualisieren Sie die zwischengespeicherten Repositorys; es wurde möglicherweise bereits gelöscht.</translation>
    </message>
    <message>
        <source>Repository not empty</source>
        <translation>Repository nicht leer</translation>
    </message>
    <message>
        <source>%1 failed because the repository still has images.</source>
        <translation>%1 ist fehlgeschlagen, weil das Repository noch Images enthält.</translation>
    </message>
    <message>
        <source>Delete it with its images, or delete the images first.</source>
        <translation>Löschen Sie es mitsamt seinen Images oder löschen Sie zuerst die Images.</translation>
    </message>
    <message>
        <source>Image not found</source>
        <translation>Image nicht gefunden</translation>
    </message>
    <message>
        <source>%1 failed because the image does not exist in the repository.</source>
        <translation>%1 ist fehlgeschlagen, weil das Image im Repository nicht existiert.</translation>
    </message>
    <message>
        <source>Refresh the repository&apos;s images.</source>
        <translation>Aktualisieren Sie die Images des Repositorys.</translation>
    </message>
    <message>
        <source>KMS error</source>
        <translation>KMS-Fehler</translation>
    </message>
    <message>
        <source>%1 failed because AWS KMS refused: %2</source>
        <translation>%1 ist fehlgeschlagen, weil AWS KMS abgelehnt hat: %2</translation>
    </message>
    <message>
        <source>%1 failed because AWS KMS refused.</source>
        <translation>%1 ist fehlgeschlagen, weil AWS KMS abgelehnt hat.</translation>
    </message>
    <message>
        <source>Check the repository&apos;s KMS key and its key policy.</source>
        <translation>Prüfen Sie den KMS-Schlüssel des Repositorys und seine Schlüsselrichtlinie.</translation>
    </message>
    <message>
        <source>Registry token refused</source>
        <translation>Registry-Token abgelehnt</translation>
    </message>
    <message>
        <source>%1 failed because the registry did not accept the token.</source>
        <translation>%1 ist fehlgeschlagen, weil die Registry das Token nicht akzeptiert hat.</translation>
    </message>
    <message>
        <source>Try again: the app asks for a new token (GetAuthorizationToken). A token is valid for 12 hours, and no longer than the credentials that asked for it.</source>
        <translation>Versuchen Sie es erneut: Die App fordert ein neues Token an (GetAuthorizationToken). Ein Token ist 12 Stunden gültig und nicht länger als die Anmeldedaten, mit denen es angefordert wurde.</translation>
    </message>
    <message>
        <source>Pull denied</source>
        <translation>Pull verweigert</translation>
    </message>
    <message>
        <source>%1 was denied: %2</source>
        <translation>%1 wurde verweigert: %2</translation>
    </message>
    <message>
        <source>%1 was denied.</source>
        <translation>%1 wurde verweigert.</translation>
    </message>
    <message>
        <source>Check the rule&apos;s secret: its user name and access token must be valid for the upstream registry (Replace Token…).</source>
        <translation>Prüfen Sie das Secret der Regel: Benutzername und Zugriffstoken müssen für die Upstream-Registry gültig sein (Token ersetzen …).</translation>
    </message>
    <message>
        <source>The puller needs ecr:BatchImportUpstreamImage and, for the first pull of a repository, ecr:CreateRepository on the prefix (Check… fixes the registry policy).</source>
        <translation>Die abrufende Identität benötigt ecr:BatchImportUpstreamImage und, für den ersten Pull eines Repositorys, ecr:CreateRepository auf dem Präfix (Prüfen … korrigiert die Registry-Richtlinie).</translation>
    </message>
    <message>
        <source>Image name unknown</source>
        <translation>Image-Name unbekannt</translation>
    </message>
    <message>
        <source>%1 failed because neither the cache nor the upstream has a repository of that name.</source>
        <translation>%1 ist fehlgeschlagen, weil weder der Cache noch die Upstream-Registry ein Repository dieses Namens hat.</translation>
    </message>
    <message>
        <source>Check the image&apos;s path at the upstream registry, without the rule&apos;s prefix (it is added for you); for Docker Hub&apos;s official images the app adds library/.</source>
        <translation>Prüfen Sie den Pfad des Images in der Upstream-Registry, ohne das Präfix der Regel (es wird automatisch hinzugefügt); bei den offiziellen Images von Docker Hub ergänzt die App library/.</translation>
    </message>
    <message>
        <source>Tag or digest unknown</source>
        <translation>Tag oder Digest unbekannt</translation>
    </message>
    <message>
        <source>%1 found the repository but not that tag or digest: %2</source>
        <translation>%1 hat das Repository gefunden, aber nicht diesen Tag oder Digest: %2</translation>
    </message>
    <message>
        <source>%1 found the repository but not that tag or digest.</source>
        <translation>%1 hat das Repository gefunden, aber nicht diesen Tag oder Digest.</translation>
    </message>
    <message>
        <source>Check the tag. Test by tag: ECR does not cache an image pulled by digest first.</source>
        <translation>Prüfen Sie den Tag. Testen Sie per Tag: ECR speichert ein Image, das zuerst per Digest abgerufen wird, nicht im Cache.</translation>
    </message>
    <message>
        <source>Registry rate limit</source>
        <translation>Ratenbegrenzung der Registry</translation>
    </message>
    <message>
        <source>%1 failed because the registry or its upstream is limiting requests.</source>
        <translation>%1 ist fehlgeschlagen, weil die Registry oder ihre Upstream-Registry Anfragen begrenzt.</translation>
    </message>
    <message>
        <source>Wait a minute and try again; upstream limits (Docker Hub&apos;s) are lower without a secret.</source>
        <translation>Warten Sie eine Minute und versuchen Sie es erneut; Upstream-Limits (die von Docker Hub) sind ohne Secret niedriger.</translation>
    </message>
    <message>
        <source>Invalid image reference</source>
        <translation>Ungültige Image-Referenz</translation>
    </message>
    <message>
        <source>%1 failed: the image reference is invalid.</source>
        <translation>%1 fehlgeschlagen: Die Image-Referenz ist ungültig.</translation>
    </message>
    <message>
        <source>Give a repository path in lower case and a tag, such as library/alpine:3.20.</source>
        <translation>Geben Sie einen Repository-Pfad in Kleinbuchstaben und einen Tag an, etwa library/alpine:3.20.</translation>
    </message>
    <message>
        <source>Request expired</source>
        <translation>Anfrage abgelaufen</translation>
    </message>
    <message>
        <source>%1 failed because AWS considered the request too old.</source>
        <translation>%1 ist fehlgeschlagen, weil AWS die Anfrage als zu alt eingestuft hat.</translation>
    </message>
    <message>
        <source>Check that this computer&apos;s date, time and time zone are correct, then try again.</source>
        <translation>Prüfen Sie, ob Datum, Uhrzeit und Zeitzone dieses Computers stimmen, und versuchen Sie es dann erneut.</translation>
    </message>
    <message>
        <source>Access denied</source>
        <translation>Zugriff verweigert</translation>
    </message>
    <message>
        <source>%1 failed because the IAM identity is not allowed to do this: %2</source>
        <translation>%1 ist fehlgeschlagen, weil die IAM-Identität dazu nicht berechtigt ist: %2</translation>
    </message>
    <message>
        <source>%1 failed because the IAM identity is not allowed to do this.</source>
        <translation>%1 ist fehlgeschlagen, weil die IAM-Identität dazu nicht berechtigt ist.</translation>
    </message>
    <message>
        <source>Ask your AWS administrator for the IAM permission the message names, for example ecr:CreatePullThroughCacheRule.</source>
        <translation>Bitten Sie Ihren AWS-Administrator um die in der Meldung genannte IAM-Berechtigung, zum Beispiel ecr:CreatePullThroughCacheRule.</translation>
    </message>
    <message>
        <source>Secret already exists</source>
        <translation>Secret existiert bereits</translation>
    </message>
    <message>
        <source>%1 failed because a secret of that name already exists.</source>
        <translation>%1 ist fehlgeschlagen, weil bereits ein Secret mit diesem Namen existiert.</translation>
    </message>
    <message>
        <source>Choose the existing secret from the list, or give the new one another name.</source>
        <translation>Wählen Sie das vorhandene Secret aus der Liste oder geben Sie dem neuen einen anderen Namen.</translation>
    </message>
    <message>
        <source>Not found</source>
        <translation>Nicht gefunden</translation>
    </message>
    <message>
        <source>%1 failed because the secret or key is gone.</source>
        <translation>%1 ist fehlgeschlagen, weil das Secret oder der Schlüssel nicht mehr vorhanden ist.</translation>
    </message>
    <message>
        <source>Refresh the list: it may have been deleted, or be in another account or region.</source>
        <translation>Aktualisieren Sie die Liste: Es wurde möglicherweise gelöscht oder befindet sich in einem anderen Konto bzw. einer anderen Region.</translation>
    </message>
    <message>
        <source>Listing interrupted</source>
        <translation>Auflistung unterbrochen</translation>
    </message>
    <message>
        <source>%1 failed because the list changed while it was being read.</source>
        <translation>%1 ist fehlgeschlagen, weil sich die Liste beim Lesen geändert hat.</translation>
    </message>
    <message>
        <source>Refresh the list.</source>
        <translation>Aktualisieren Sie die Liste.</translation>
    </message>
    <message>
        <source>Request refused</source>
        <translation>Anfrage abgelehnt</translation>
    </message>
    <message>
        <source>%1 was refused: %2</source>
        <translation>%1 wurde abgelehnt: %2</translation>
    </message>
    <message>
        <source>%1 was refused by AWS Secrets Manager.</source>
        <translation>%1 wurde von AWS Secrets Manager abgelehnt.</translation>
    </message>
    <message>
        <source>Correct what the message names; a secret scheduled for deletion must be restored first.</source>
        <translation>Korrigieren Sie, was die Meldung nennt; ein zum Löschen vorgemerktes Secret muss zuerst wiederhergestellt werden.</translation>
    </message>
    <message>
        <source>KMS key not usable</source>
        <translation>KMS-Schlüssel nicht verwendbar</translation>
    </message>
    <message>
        <source>%1 failed because the KMS key could not be used: %2</source>
        <translation>%1 ist fehlgeschlagen, weil der KMS-Schlüssel nicht verwendet werden konnte: %2</translation>
    </message>
    <message>
        <source>%1 failed because the KMS key could not be used.</source>
        <translation>%1 ist fehlgeschlagen, weil der KMS-Schlüssel nicht verwendet werden konnte.</translation>
    </message>
    <message>
        <source>Check that the KMS key is enabled and that you may use it (kms:GenerateDataKey, kms:Decrypt), or leave the key empty for the default one.</source>
        <translation>Prüfen Sie, ob der KMS-Schlüssel aktiviert ist und Sie ihn verwenden dürfen (kms:GenerateDataKey, kms:Decrypt), oder lassen Sie den Schlüssel leer, um den Standardschlüssel zu verwenden.</translation>
    </message>
    <message>
        <source>AWS Secrets Manager service error</source>
        <translation>Dienstfehler in AWS Secrets Manager</translation>
    </message>
    <message>
        <source>%1 failed because of an internal error in AWS Secrets Manager.</source>
        <translation>%1 ist wegen eines internen Fehlers in AWS Secrets Manager fehlgeschlagen.</translation>
    </message>
    <message>
        <source>Wait a moment and try again.</source>
        <translation>Warten Sie einen Moment und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>Secret policy refused</source>
        <translation>Von der Secret-Richtlinie abgelehnt</translation>
    </message>
    <message>
        <source>%1 failed because of the secret&apos;s policy.</source>
        <translation>%1 ist wegen der Richtlinie des Secrets fehlgeschlagen.</translation>
    </message>
    <message>
        <source>Correct the secret&apos;s resource policy as the message says.</source>
        <translation>Korrigieren Sie die Ressourcenrichtlinie des Secrets wie in der Meldung beschrieben.</translation>
    </message>
    <message>
        <source>Sign-in code expired</source>
        <translation>Anmeldecode abgelaufen</translation>
    </message>
    <message>
        <source>%1 needs an IAM Identity Center sign-in, but the code expired before it was approved.</source>
        <translation>%1 erfordert eine Anmeldung bei IAM Identity Center, aber der Code ist abgelaufen, bevor er bestätigt wurde.</translation>
    </message>
    <message>
        <source>Try again and approve the new code in the browser within the time shown.</source>
        <translation>Versuchen Sie es erneut und bestätigen Sie den neuen Code im Browser innerhalb der angezeigten Zeit.</translation>
    </message>
    <message>
        <source>Sign-in denied</source>
        <translation>Anmeldung abgelehnt</translation>
    </message>
    <message>
        <source>%1 needs an IAM Identity Center sign-in, but it was denied in the browser.</source>
        <translation>%1 erfordert eine Anmeldung bei IAM Identity Center, aber sie wurde im Browser abgelehnt.</translation>
    </message>
    <message>
        <source>Try again and choose Allow, or ask your administrator for access.</source>
        <translation>Versuchen Sie es erneut und wählen Sie „Allow“, oder bitten Sie Ihren Administrator um Zugriff.</translation>
    </message>
    <message>
        <source>Sign-in needed</source>
        <translation>Anmeldung erforderlich</translation>
    </message>
    <message>
        <source>%1 needs an IAM Identity Center sign-in: %2</source>
        <translation>%1 erfordert eine Anmeldung bei IAM Identity Center: %2</translation>
    </message>
    <message>
        <source>%1 needs an IAM Identity Center sign-in.</source>
        <translation>%1 erfordert eine Anmeldung bei IAM Identity Center.</translation>
    </message>
    <message>
        <source>Run &apos;aws sso login&apos; for the profile, or use the app&apos;s window to sign in.</source>
        <translation>Führen Sie &apos;aws sso login&apos; für das Profil aus, oder melden Sie sich über das Fenster der Anwendung an.</translation>
    </message>
    <message>
        <source>Keychain locked</source>
        <translation>Schlüsselbund gesperrt</translation>
    </message>
    <message>
        <source>%1 needs the secret access key, but the system keychain is locked.</source>
        <translation>%1 benötigt den geheimen Zugriffsschlüssel, aber der Systemschlüsselbund ist gesperrt.</translation>
    </message>
    <message>
        <source>Unlock the keychain (for example by unlocking your login keyring) and try again.</source>
        <translation>Entsperren Sie den Schlüsselbund (zum Beispiel, indem Sie Ihren Anmelde-Schlüsselbund entsperren) und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>Keychain access denied</source>
        <translation>Zugriff auf den Schlüsselbund verweigert</translation>
    </message>
    <message>
        <source>%1 needs the secret access key, but access to its keychain entry was denied.</source>
        <translation>%1 benötigt den geheimen Zugriffsschlüssel, aber der Zugriff auf dessen Eintrag im Schlüsselbund wurde verweigert.</translation>
    </message>
    <message>
        <source>Allow this app to read the entry when the keychain asks, then try again.</source>
        <translation>Erlauben Sie dieser Anwendung, den Eintrag zu lesen, wenn der Schlüsselbund nachfragt, und versuchen Sie es dann erneut.</translation>
    </message>
    <message>
        <source>No keychain available</source>
        <translation>Kein Schlüsselbund verfügbar</translation>
    </message>
    <message>
        <source>%1 needs the secret access key, but no system keychain (Secret Service) is available.</source>
        <translation>%1 benötigt den geheimen Zugriffsschlüssel, aber es ist kein Systemschlüsselbund (Secret Service) verfügbar.</translation>
    </message>
    <message>
        <source>Start a keyring service such as GNOME Keyring or KWallet; this app never stores secrets in plain text.</source>
        <translation>Starten Sie einen Schlüsselbunddienst wie GNOME Keyring oder KWallet; diese Anwendung speichert Secrets niemals im Klartext.</translation>
    </message>
    <message>
        <source>Secret access key not stored</source>
        <translation>Geheimer Zugriffsschlüssel nicht gespeichert</translation>
    </message>
    <message>
        <source>%1 needs the secret access key, but the keychain has no entry for this profile.</source>
        <translation>%1 benötigt den geheimen Zugriffsschlüssel, aber der Schlüsselbund enthält keinen Eintrag für dieses Profil.</translation>
    </message>
    <message>
        <source>Enter the secret access key in the profile settings again.</source>
        <translation>Geben Sie den geheimen Zugriffsschlüssel in den Profileinstellungen erneut ein.</translation>
    </message>
    <message>
        <source>No usable credentials</source>
        <translation>Keine verwendbaren Anmeldedaten</translation>
    </message>
    <message>
        <source>%1 failed because no usable AWS credentials were found: %2</source>
        <translation>%1 ist fehlgeschlagen, weil keine verwendbaren AWS-Anmeldedaten gefunden wurden: %2</translation>
    </message>
    <message>
        <source>%1 failed because no usable AWS credentials were found.</source>
        <translation>%1 ist fehlgeschlagen, weil keine verwendbaren AWS-Anmeldedaten gefunden wurden.</translation>
    </message>
    <message>
        <source>Add an access key to the profile, or choose another profile.</source>
        <translation>Fügen Sie dem Profil einen Zugriffsschlüssel hinzu, oder wählen Sie ein anderes Profil.</translation>
    </message>
    <message>
        <source>Insecure endpoint refused</source>
        <translation>Unsicherer Endpunkt abgelehnt</translation>
    </message>
    <message>
        <source>%1 was not sent: %2</source>
        <translation>%1 wurde nicht gesendet: %2</translation>
    </message>
    <message>
        <source>%1 was not sent over plain http.</source>
        <translation>%1 wurde nicht über unverschlüsseltes http gesendet.</translation>
    </message>
    <message>
        <source>Use an https endpoint URL, or remove the setting the message names.</source>
        <translation>Verwenden Sie eine https-Endpunkt-URL, oder entfernen Sie die in der Meldung genannte Einstellung.</translation>
    </message>
    <message>
        <source>Clock too far off</source>
        <translation>Uhrzeit weicht zu stark ab</translation>
    </message>
    <message>
        <source>%1 failed because the clocks disagree.</source>
        <translation>%1 ist fehlgeschlagen, weil die Uhrzeiten nicht übereinstimmen.</translation>
    </message>
    <message>
        <source>Set this computer&apos;s date, time and time zone, or check the endpoint URL.</source>
        <translation>Stellen Sie Datum, Uhrzeit und Zeitzone dieses Computers richtig ein, oder prüfen Sie die Endpunkt-URL.</translation>
    </message>
    <message>
        <source>CA bundle not usable</source>
        <translation>CA-Bundle nicht verwendbar</translation>
    </message>
    <message>
        <source>%1 was not sent: the CA bundle is not usable.</source>
        <translation>%1 wurde nicht gesendet: Das CA-Bundle ist nicht verwendbar.</translation>
    </message>
    <message>
        <source>Check the CA bundle path of the profile (or AWS_CA_BUNDLE) and that the file holds PEM certificates.</source>
        <translation>Prüfen Sie den CA-Bundle-Pfad des Profils (oder AWS_CA_BUNDLE) und ob die Datei PEM-Zertifikate enthält.</translation>
    </message>
    <message>
        <source>Answer too large</source>
        <translation>Antwort zu groß</translation>
    </message>
    <message>
        <source>%1 failed because the answer was too large.</source>
        <translation>%1 ist fehlgeschlagen, weil die Antwort zu groß war.</translation>
    </message>
    <message>
        <source>Check the endpoint URL and any proxy: an AWS answer to this request is never this large.</source>
        <translation>Prüfen Sie die Endpunkt-URL und einen eventuellen Proxy: Eine AWS-Antwort auf diese Anfrage ist niemals so groß.</translation>
    </message>
    <message>
        <source>Unexpected answer</source>
        <translation>Unerwartete Antwort</translation>
    </message>
    <message>
        <source>%1 failed because the server&apos;s answer was not an Amazon ECR response.</source>
        <translation>%1 ist fehlgeschlagen, weil die Antwort des Servers keine Antwort von Amazon ECR war.</translation>
    </message>
    <message>
        <source>Check the endpoint URL and any proxy between this computer and AWS.</source>
        <translation>Prüfen Sie die Endpunkt-URL und einen eventuellen Proxy zwischen diesem Computer und AWS.</translation>
    </message>
    <message>
        <source>Server not found</source>
        <translation>Server nicht gefunden</translation>
    </message>
    <message>
        <source>%1 failed because the host name of the Amazon ECR endpoint could not be found.</source>
        <translation>%1 ist fehlgeschlagen, weil der Hostname des Amazon ECR-Endpunkts nicht gefunden wurde.</translation>
    </message>
    <message>
        <source>Check your network connection and DNS, and that the region or custom endpoint is correct.</source>
        <translation>Prüfen Sie Ihre Netzwerkverbindung und DNS sowie ob die Region oder der benutzerdefinierte Endpunkt stimmt.</translation>
    </message>
    <message>
        <source>Connection refused</source>
        <translation>Verbindung abgelehnt</translation>
    </message>
    <message>
        <source>%1 failed because the server refused the connection.</source>
        <translation>%1 ist fehlgeschlagen, weil der Server die Verbindung abgelehnt hat.</translation>
    </message>
    <message>
        <source>Check the endpoint URL and port and your proxy and firewall settings; for the local sandbox, check that it is running.</source>
        <translation>Prüfen Sie Endpunkt-URL und Port sowie Ihre Proxy- und Firewall-Einstellungen; prüfen Sie bei der lokalen Sandbox, ob sie läuft.</translation>
    </message>
    <message>
        <source>Connection lost</source>
        <translation>Verbindung unterbrochen</translation>
    </message>
    <message>
        <source>%1 failed because the connection closed before the answer was complete.</source>
        <translation>%1 ist fehlgeschlagen, weil die Verbindung geschlossen wurde, bevor die Antwort vollständig war.</translation>
    </message>
    <message>
        <source>Refresh the list to see whether the change was applied, then try again.</source>
        <translation>Aktualisieren Sie die Liste, um zu sehen, ob die Änderung angewendet wurde, und versuchen Sie es dann erneut.</translation>
    </message>
    <message>
        <source>Secure connection failed</source>
        <translation>Sichere Verbindung fehlgeschlagen</translation>
    </message>
    <message>
        <source>%1 failed because a secure (TLS) connection could not be established: %2</source>
        <translation>%1 ist fehlgeschlagen, weil keine sichere (TLS-)Verbindung hergestellt werden konnte: %2</translation>
    </message>
    <message>
        <source>%1 failed because a secure (TLS) connection could not be established.</source>
        <translation>%1 ist fehlgeschlagen, weil keine sichere (TLS-)Verbindung hergestellt werden konnte.</translation>
    </message>
    <message>
        <source>Check this computer&apos;s date and time and, behind a TLS-inspecting proxy, that its certificate is trusted.</source>
        <translation>Prüfen Sie Datum und Uhrzeit dieses Computers und, hinter einem TLS-prüfenden Proxy, ob dessen Zertifikat vertrauenswürdig ist.</translation>
    </message>
    <message>
        <source>No answer in time</source>
        <translation>Keine rechtzeitige Antwort</translation>
    </message>
    <message>
        <source>%1 failed because the server did not answer in time.</source>
        <translation>%1 ist fehlgeschlagen, weil der Server nicht rechtzeitig geantwortet hat.</translation>
    </message>
    <message>
        <source>Check your network connection, refresh to see whether the change was applied, and try again.</source>
        <translation>Prüfen Sie Ihre Netzwerkverbindung, aktualisieren Sie, um zu sehen, ob die Änderung angewendet wurde, und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>Network error</source>
        <translation>Netzwerkfehler</translation>
    </message>
    <message>
        <source>%1 failed because of a network error: %2</source>
        <translation>%1 ist wegen eines Netzwerkfehlers fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>%1 failed because of a network error.</source>
        <translation>%1 ist wegen eines Netzwerkfehlers fehlgeschlagen.</translation>
    </message>
    <message>
        <source>Check your network connection and proxy settings, then try again.</source>
        <translation>Prüfen Sie Ihre Netzwerkverbindung und Proxy-Einstellungen und versuchen Sie es dann erneut.</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <source>%1 was cancelled.</source>
        <translation>%1 wurde abgebrochen.</translation>
    </message>
    <message>
        <source>If the request had already reached AWS, refresh the list to see its effect.</source>
        <translation>Falls die Anfrage AWS bereits erreicht hatte, aktualisieren Sie die Liste, um ihre Auswirkung zu sehen.</translation>
    </message>
    <message>
        <source>Invalid input</source>
        <translation>Ungültige Eingabe</translation>
    </message>
    <message>
        <source>%1 was not sent because some input is not valid: %2</source>
        <translation>%1 wurde nicht gesendet, weil einige Eingaben ungültig sind: %2</translation>
    </message>
    <message>
        <source>%1 was not sent because some input is not valid.</source>
        <translation>%1 wurde nicht gesendet, weil einige Eingaben ungültig sind.</translation>
    </message>
    <message>
        <source>Correct the marked fields and try again.</source>
        <translation>Korrigieren Sie die markierten Felder und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>Configuration problem</source>
        <translation>Konfigurationsproblem</translation>
    </message>
    <message>
        <source>%1 cannot run with the current settings: %2</source>
        <translation>%1 kann mit den aktuellen Einstellungen nicht ausgeführt werden: %2</translation>
    </message>
    <message>
        <source>%1 cannot run with the current settings.</source>
        <translation>%1 kann mit den aktuellen Einstellungen nicht ausgeführt werden.</translation>
    </message>
    <message>
        <source>Check the profile&apos;s region and endpoint settings.</source>
        <translation>Prüfen Sie die Regions- und Endpunkteinstellungen des Profils.</translation>
    </message>
    <message>
        <source>Amazon ECR returned an error</source>
        <translation>Amazon ECR hat einen Fehler zurückgegeben</translation>
    </message>
    <message>
        <source>%1 failed.</source>
        <translation>%1 ist fehlgeschlagen.</translation>
    </message>
    <message>
        <source>Check the details and try again.</source>
        <translation>Prüfen Sie die Details und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>Error code: %1</source>
        <translation>Fehlercode: %1</translation>
    </message>
    <message>
        <source>Kind: %1</source>
        <translation>Art: %1</translation>
    </message>
    <message>
        <source>HTTP status: %1</source>
        <translation>HTTP-Status: %1</translation>
    </message>
    <message>
        <source>Request ID: %1</source>
        <translation>Anfrage-ID: %1</translation>
    </message>
    <message>
        <source>Attempts: %1</source>
        <translation>Versuche: %1</translation>
    </message>
    <message>
        <source>Message: %1</source>
        <translation>Meldung: %1</translation>
    </message>
    <message>
        <source>The request</source>
        <translation>Die Anfrage</translation>
    </message>
    <message>
        <source>Check your network connection and try again.</source>
        <translation>Prüfen Sie Ihre Netzwerkverbindung und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>Nothing was changed; try again when you are ready.</source>
        <translation>Es wurde nichts geändert; versuchen Sie es erneut, wenn Sie bereit sind.</translation>
    </message>
    <message>
        <source>%1: %2 %3</source>
        <translation>%1: %2 %3</translation>
    </message>
    <message>
        <source>Authentication failed</source>
        <translation>Authentifizierung fehlgeschlagen</translation>
    </message>
    <message>
        <source>ECR could not sign in to the upstream registry of %1: %2</source>
        <translation>ECR konnte sich nicht bei der Upstream-Registry von %1 anmelden: %2</translation>
    </message>
    <message>
        <source>no reason was given.</source>
        <translation>es wurde kein Grund angegeben.</translation>
    </message>
    <message>
        <source>Check the user name and access token stored in the secret, then use Edit credentials if the rule should use another secret.</source>
        <translation>Prüfen Sie den im Secret gespeicherten Benutzernamen und das Zugriffstoken, und verwenden Sie dann „Anmeldedaten bearbeiten“, falls die Regel ein anderes Secret verwenden soll.</translation>
    </message>
    <message>
        <source>%1: deleted</source>
        <translation>%1: gelöscht</translation>
    </message>
    <message>
        <source>Deleting %1</source>
        <translation>%1 wird gelöscht</translation>
    </message>
    <message>
        <source>%1: %2 — %3</source>
        <translation>%1: %2 — %3</translation>
    </message>
    <message numerus="yes">
        <source>%n rule(s) not tried: the deletion was cancelled.</source>
        <translation>
            <numerusform>%n Regel wurde nicht bearbeitet: Das Löschen wurde abgebrochen.</numerusform>
            <numerusform>%n Regeln wurden nicht bearbeitet: Das Löschen wurde abgebrochen.</numerusform>
        </translation>
    </message>
    <message>
        <source>Not every rule was deleted</source>
        <translation>Nicht alle Regeln wurden gelöscht</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n rule(s) were deleted.</source>
        <translation>
            <numerusform>%1 von %n Regel wurde gelöscht.</numerusform>
            <numerusform>%1 von %n Regeln wurden gelöscht.</numerusform>
        </translation>
    </message>
    <message>
        <source>Refresh the list, check the rules that remain (details below), and try again for them.</source>
        <translation>Aktualisieren Sie die Liste, prüfen Sie die verbleibenden Regeln (Details unten) und versuchen Sie es für diese erneut.</translation>
    </message>
    <message>
        <source>Local sandbox not started</source>
        <translation>Lokale Sandbox nicht gestartet</translation>
    </message>
    <message>
        <source>The Local sandbox could not start: %1</source>
        <translation>Die lokale Sandbox konnte nicht starten: %1</translation>
    </message>
    <message>
        <source>Close other programs that may hold local ports, then start the Local sandbox again from the File menu.</source>
        <translation>Schließen Sie andere Programme, die lokale Ports belegen könnten, und starten Sie die lokale Sandbox dann erneut über das Menü „Datei“.</translation>
    </message>
    <message numerus="yes">
        <source>%1 failed because Amazon ECR limits how often %2 can be called, and it was still refused after %n attempt(s).</source>
        <translation>
            <numerusform>%1 ist fehlgeschlagen, weil Amazon ECR begrenzt, wie oft %2 aufgerufen werden kann, und die Anfrage nach %n Versuch weiterhin abgelehnt wurde.</numerusform>
            <numerusform>%1 ist fehlgeschlagen, weil Amazon ECR begrenzt, wie oft %2 aufgerufen werden kann, und die Anfrage nach %n Versuchen weiterhin abgelehnt wurde.</numerusform>
        </translation>
    </message>
    <message>
        <source>Wait a minute and try again; other tools or scripts calling Amazon ECR in this account and region share the limit.</source>
        <translation>Warten Sie eine Minute und versuchen Sie es erneut; andere Werkzeuge oder Skripte, die Amazon ECR in diesem Konto und dieser Region aufrufen, teilen sich das Limit.</translation>
    </message>
</context>
<context>
    <name>ecr::ExportDialog</name>
    <message>
        <source>Export as Code</source>
        <translation>Als Code exportieren</translation>
    </message>
    <message numerus="yes">
        <source>%n rule(s) and %1 in %2. Terraform&apos;s import blocks adopt what exists instead of creating it again.</source>
        <translation>
            <numerusform>%n Regel und %1 in %2. Die import-Blöcke von Terraform übernehmen Vorhandenes, statt es neu zu erstellen.</numerusform>
            <numerusform>%n Regeln und %1 in %2. Die import-Blöcke von Terraform übernehmen Vorhandenes, statt es neu zu erstellen.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n template(s)</source>
        <translation>
            <numerusform>%n Vorlage</numerusform>
            <numerusform>%n Vorlagen</numerusform>
        </translation>
    </message>
    <message>
        <source>AWS &amp;CLI</source>
        <translation>AWS &amp;CLI</translation>
    </message>
    <message>
        <source>&amp;Terraform</source>
        <translation>&amp;Terraform</translation>
    </message>
    <message>
        <source>Cloud&amp;Formation</source>
        <translation>Cloud&amp;Formation</translation>
    </message>
    <message>
        <source>C&amp;opy</source>
        <translation>&amp;Kopieren</translation>
    </message>
    <message>
        <source>&amp;Save…</source>
        <translation>&amp;Speichern…</translation>
    </message>
    <message>
        <source>Save the Export</source>
        <translation>Export speichern</translation>
    </message>
</context>
<context>
    <name>ecr::FleetActions</name>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
</context>
<context>
    <name>ecr::FleetDialog</name>
    <message>
        <source>&amp;Read registries</source>
        <translation>Registrys &amp;lesen</translation>
    </message>
    <message>
        <source>&amp;Stop</source>
        <translation>&amp;Stoppen</translation>
    </message>
    <message>
        <source>&amp;Copy to…</source>
        <translation>&amp;Kopieren nach…</translation>
    </message>
    <message>
        <source>Fleet view</source>
        <translation>Flottenansicht</translation>
    </message>
    <message>
        <source>Rules of the fleet</source>
        <translation>Regeln der Flotte</translation>
    </message>
    <message>
        <source>Filter: prefix, upstream, account, region, error…</source>
        <translation>Filter: Präfix, Upstream, Konto, Region, Fehler…</translation>
    </message>
    <message>
        <source>Filter</source>
        <translation>Filter</translation>
    </message>
    <message>
        <source>Flat</source>
        <translation>Flach</translation>
    </message>
    <message>
        <source>By prefix</source>
        <translation>Nach Präfix</translation>
    </message>
    <message>
        <source>By account</source>
        <translation>Nach Konto</translation>
    </message>
    <message>
        <source>By region</source>
        <translation>Nach Region</translation>
    </message>
    <message>
        <source>&amp;Group:</source>
        <translation>&amp;Gruppieren:</translation>
    </message>
    <message>
        <source>Read the rules of every picked registry (F5)</source>
        <translation>Die Regeln aller ausgewählten Registrys lesen (F5)</translation>
    </message>
    <message>
        <source>Stop reading; what was read stays</source>
        <translation>Lesen stoppen; bereits Gelesenes bleibt erhalten</translation>
    </message>
    <message>
        <source>Copy the selected rules to other regions or accounts</source>
        <translation>Die ausgewählten Regeln in andere Regionen oder Konten kopieren</translation>
    </message>
    <message>
        <source>Pick profiles and regions, then Read registries (F5).</source>
        <translation>Wählen Sie Profile und Regionen aus und dann „Registrys lesen“ (F5).</translation>
    </message>
    <message>
        <source>Pick at least one profile and one region.</source>
        <translation>Wählen Sie mindestens ein Profil und eine Region aus.</translation>
    </message>
    <message>
        <source>Reading… %1 of %2 registries</source>
        <translation>Wird gelesen… %1 von %2 Registrys</translation>
    </message>
    <message>
        <source>Stopped: %1 of %2 registries read</source>
        <translation>Gestoppt: %1 von %2 Registrys gelesen</translation>
    </message>
    <message>
        <source>%1 registries read</source>
        <translation>%1 Registrys gelesen</translation>
    </message>
    <message numerus="yes">
        <source> · %n rule(s)</source>
        <translation>
            <numerusform> · %n Regel</numerusform>
            <numerusform> · %n Regeln</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> · %n failed (shown in red)</source>
        <translation>
            <numerusform> · %n fehlgeschlagen (rot dargestellt)</numerusform>
            <numerusform> · %n fehlgeschlagen (rot dargestellt)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> · %n prefix(es) not the same everywhere</source>
        <translation>
            <numerusform> · %n Präfix nicht überall gleich</numerusform>
            <numerusform> · %n Präfixe nicht überall gleich</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n registry(s)</source>
        <translation>
            <numerusform>%n Registry</numerusform>
            <numerusform>%n Registrys</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ecr::FleetFetch</name>
    <message>
        <source>Stopped before this registry was read.</source>
        <translation>Gestoppt, bevor diese Registry gelesen wurde.</translation>
    </message>
</context>
<context>
    <name>ecr::FleetModel</name>
    <message>
        <source>upstream</source>
        <translation>Upstream</translation>
    </message>
    <message>
        <source>upstream prefix</source>
        <translation>Upstream-Präfix</translation>
    </message>
    <message>
        <source>credential</source>
        <translation>Zugangsdaten</translation>
    </message>
    <message>
        <source>role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(keine)</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s)</source>
        <translation>
            <numerusform>%n Zeile</numerusform>
            <numerusform>%n Zeilen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n registry(s) failed</source>
        <translation>
            <numerusform>%n Registry fehlgeschlagen</numerusform>
            <numerusform>%n Registrys fehlgeschlagen</numerusform>
        </translation>
    </message>
    <message>
        <source>Not the same everywhere</source>
        <translation>Nicht überall gleich</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Could not be read: %1</source>
        <translation>Konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>(An opt-in region that is not enabled for this account answers this way.)</source>
        <translation>(So antwortet eine Opt-in-Region, die für dieses Konto nicht aktiviert ist.)</translation>
    </message>
    <message>
        <source>No rules</source>
        <translation>Keine Regeln</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message numerus="yes">
        <source>Differs: %1 (%n variant(s))</source>
        <translation>
            <numerusform>Abweichend: %1 (%n Variante)</numerusform>
            <numerusform>Abweichend: %1 (%n Varianten)</numerusform>
        </translation>
    </message>
    <message>
        <source>Missing in %1 of %2 registries</source>
        <translation>Fehlt in %1 von %2 Registrys</translation>
    </message>
    <message>
        <source>Same in all %1</source>
        <translation>In allen %1 gleich</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>Profil</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Konto</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>Region</translation>
    </message>
    <message>
        <source>Prefix</source>
        <translation>Präfix</translation>
    </message>
    <message>
        <source>Upstream</source>
        <translation>Upstream</translation>
    </message>
    <message>
        <source>Credential</source>
        <translation>Zugangsdaten</translation>
    </message>
    <message>
        <source>Custom role</source>
        <translation>Benutzerdefinierte Rolle</translation>
    </message>
    <message>
        <source>Across the fleet</source>
        <translation>In der gesamten Flotte</translation>
    </message>
</context>
<context>
    <name>ecr::HttpTransport</name>
    <message>
        <source>The %1 endpoint&apos;s host name could not be resolved (%2). Check the region, the endpoint URL and your network.</source>
        <translation>Der Hostname des Endpunkts von %1 konnte nicht aufgelöst werden (%2). Prüfen Sie die Region, die Endpunkt-URL und Ihr Netzwerk.</translation>
    </message>
    <message>
        <source>%1 refused the connection (%2).</source>
        <translation>%1 hat die Verbindung abgelehnt (%2).</translation>
    </message>
    <message>
        <source>The connection to %1 closed before a complete answer arrived (%2).</source>
        <translation>Die Verbindung zu %1 wurde geschlossen, bevor eine vollständige Antwort eintraf (%2).</translation>
    </message>
    <message>
        <source>The connection to %1 timed out (%2).</source>
        <translation>Zeitüberschreitung bei der Verbindung zu %1 (%2).</translation>
    </message>
    <message>
        <source>The secure connection to %1 could not be established (%2).</source>
        <translation>Die sichere Verbindung zu %1 konnte nicht hergestellt werden (%2).</translation>
    </message>
    <message>
        <source>A network error occurred while calling %1 (%2).</source>
        <translation>Beim Aufruf von %1 ist ein Netzwerkfehler aufgetreten (%2).</translation>
    </message>
    <message>
        <source>The request was cancelled.</source>
        <translation>Die Anfrage wurde abgebrochen.</translation>
    </message>
    <message>
        <source>The answer from %1 was larger than %2 MiB, more than this request can take, and was not read to the end.</source>
        <translation>Die Antwort von %1 war größer als %2 MiB, mehr als diese Anfrage aufnehmen kann, und wurde nicht bis zum Ende gelesen.</translation>
    </message>
    <message>
        <source>%1 did not answer completely within %2 seconds.</source>
        <translation>%1 hat nicht innerhalb von %2 Sekunden vollständig geantwortet.</translation>
    </message>
    <message>
        <source>The request was abandoned: the connection it used was closed.</source>
        <translation>Die Anfrage wurde aufgegeben: Die Verbindung, die sie nutzte, wurde geschlossen.</translation>
    </message>
</context>
<context>
    <name>ecr::ImportProfilesDialog</name>
    <message>
        <source>&amp;Import</source>
        <translation>&amp;Importieren</translation>
    </message>
    <message>
        <source>No profiles were found in %1 or %2.</source>
        <translation>In %1 und %2 wurden keine Profile gefunden.</translation>
    </message>
    <message>
        <source>Profiles of the AWS CLI in %1. Importing copies the checked profiles into the app: their settings into the app&apos;s settings and their access keys into the system keychain. The AWS files are not changed.</source>
        <translation>Profile der AWS CLI in %1. Beim Importieren werden die ausgewählten Profile in die Anwendung kopiert: ihre Einstellungen in die Einstellungen der Anwendung und ihre Zugriffsschlüssel in den Systemschlüsselbund. Die AWS-Dateien werden nicht verändert.</translation>
    </message>
    <message>
        <source> and </source>
        <translation> und </translation>
    </message>
    <message>
        <source>The keys stay in plain text in %1 until you remove them there.</source>
        <translation>Die Schlüssel bleiben im Klartext in %1, bis Sie sie dort entfernen.</translation>
    </message>
    <message>
        <source>Problems in the files (these lines were skipped):</source>
        <translation>Probleme in den Dateien (diese Zeilen wurden übersprungen):</translation>
    </message>
    <message>
        <source>Cannot be imported: %1</source>
        <translation>Kann nicht importiert werden: %1</translation>
    </message>
    <message>
        <source>Cannot be imported:</source>
        <translation>Kann nicht importiert werden:</translation>
    </message>
    <message>
        <source>The app already has a profile named %1.</source>
        <translation>Die Anwendung hat bereits ein Profil namens %1.</translation>
    </message>
    <message>
        <source>Its access keys will be copied to the system keychain.</source>
        <translation>Seine Zugriffsschlüssel werden in den Systemschlüsselbund kopiert.</translation>
    </message>
</context>
<context>
    <name>ecr::KeychainStore</name>
    <message>
        <source>The system keychain holds no saved credentials for this profile. Edit the profile and enter its access key again.</source>
        <translation>Der Systemschlüsselbund enthält keine gespeicherten Anmeldedaten für dieses Profil. Bearbeiten Sie das Profil und geben Sie seinen Zugriffsschlüssel erneut ein.</translation>
    </message>
    <message>
        <source>Access to the system keychain was refused. Allow ECR Pull-Through Cache Admin to use the keychain, then try again.</source>
        <translation>Der Zugriff auf den Systemschlüsselbund wurde verweigert. Erlauben Sie ECR Pull-Through Cache Admin, den Schlüsselbund zu verwenden, und versuchen Sie es dann erneut.</translation>
    </message>
    <message>
        <source>The system keychain is locked. Unlock it (for example in your keyring manager, or by logging in again), then try again.</source>
        <translation>Der Systemschlüsselbund ist gesperrt. Entsperren Sie ihn (zum Beispiel in Ihrer Schlüsselbundverwaltung oder durch erneutes Anmelden) und versuchen Sie es dann erneut.</translation>
    </message>
    <message>
        <source>The system keychain is not available.</source>
        <translation>Der Systemschlüsselbund ist nicht verfügbar.</translation>
    </message>
    <message>
        <source>The system keychain is not available: %1</source>
        <translation>Der Systemschlüsselbund ist nicht verfügbar: %1</translation>
    </message>
    <message>
        <source>no keychain service (Secret Service, KWallet) is running (%1)</source>
        <translation>es läuft kein Schlüsselbunddienst (Secret Service, KWallet) (%1)</translation>
    </message>
    <message>
        <source>the keychain did not answer within %1 seconds</source>
        <translation>der Schlüsselbund hat nicht innerhalb von %1 Sekunden geantwortet</translation>
    </message>
    <message>
        <source>the stored value is incomplete</source>
        <translation>der gespeicherte Wert ist unvollständig</translation>
    </message>
    <message>
        <source>the value is too large for the keychain (%1 bytes)</source>
        <translation>der Wert ist zu groß für den Schlüsselbund (%1 Bytes)</translation>
    </message>
</context>
<context>
    <name>ecr::LocalSandbox</name>
    <message>
        <source>Local sandbox (SSO demo)</source>
        <translation>Lokale Sandbox (SSO-Demo)</translation>
    </message>
    <message>
        <source>the Local sandbox</source>
        <translation>die lokale Sandbox</translation>
    </message>
</context>
<context>
    <name>ecr::MainWindow</name>
    <message>
        <source>This window keeps no activity log.</source>
        <translation>Dieses Fenster führt kein Aktivitätsprotokoll.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Stop the request in flight (Esc)</source>
        <translation>Die laufende Anfrage stoppen (Esc)</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Verbindung wird hergestellt…</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Abgebrochen.</translation>
    </message>
    <message>
        <source>Connecting</source>
        <translation>Verbindung wird hergestellt</translation>
    </message>
    <message numerus="yes">
        <source>Loaded %n rule(s).</source>
        <translation>
            <numerusform>%n Regel geladen.</numerusform>
            <numerusform>%n Regeln geladen.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Loading rules… %n loaded</source>
        <translation>
            <numerusform>Regeln werden geladen… %n geladen</numerusform>
            <numerusform>Regeln werden geladen… %n geladen</numerusform>
        </translation>
    </message>
    <message>
        <source>The change was made, but the activity log could not record it: %1</source>
        <translation>Die Änderung wurde vorgenommen, aber das Aktivitätsprotokoll konnte sie nicht aufzeichnen: %1</translation>
    </message>
    <message>
        <source>Loading the rules</source>
        <translation>Regeln werden geladen</translation>
    </message>
    <message>
        <source>&amp;Retry</source>
        <translation>&amp;Erneut versuchen</translation>
    </message>
    <message>
        <source>About %1</source>
        <translation>Über %1</translation>
    </message>
    <message>
        <source>%1 %2
Manage Amazon ECR pull-through cache rules.
Credentials stay in your operating system&apos;s keychain.</source>
        <translation>%1 %2
Verwaltet Pull-Through-Cache-Regeln von Amazon ECR.
Anmeldedaten verbleiben im Schlüsselbund Ihres Betriebssystems.</translation>
    </message>
</context>
<context>
    <name>ecr::MessageBar</name>
    <message>
        <source>Close message</source>
        <translation>Meldung schließen</translation>
    </message>
</context>
<context>
    <name>ecr::MfaCodeDialog</name>
    <message>
        <source>Enter the current code of the MFA device %1.</source>
        <translation>Geben Sie den aktuellen Code des MFA-Geräts %1 ein.</translation>
    </message>
    <message>
        <source>Profile %1 needs the current code of the MFA device %2.</source>
        <translation>Das Profil %1 benötigt den aktuellen Code des MFA-Geräts %2.</translation>
    </message>
</context>
<context>
    <name>ecr::MfaPrompter</name>
    <message>
        <source>Profile &apos;%1&apos; needs a code from MFA device %2, but no prompt is available.</source>
        <translation>Das Profil &apos;%1&apos; benötigt einen Code vom MFA-Gerät %2, aber es ist keine Eingabeaufforderung verfügbar.</translation>
    </message>
    <message>
        <source>The MFA code was not entered.</source>
        <translation>Der MFA-Code wurde nicht eingegeben.</translation>
    </message>
    <message>
        <source>An MFA code has six digits.</source>
        <translation>Ein MFA-Code hat sechs Ziffern.</translation>
    </message>
</context>
<context>
    <name>ecr::MirrorConfig</name>
    <message>
        <source>containerd appends the image&apos;s whole path to the mirror&apos;s, so it cannot map the upstream prefix %1 to %2: use registries.conf or the rewrite.</source>
        <translation>containerd hängt den gesamten Pfad des Images an den des Spiegels an und kann daher das Upstream-Präfix %1 nicht auf %2 abbilden: Verwenden Sie registries.conf oder das Umschreiben.</translation>
    </message>
    <message>
        <source>containerd reads %1 when its CRI registry config_path is /etc/containerd/certs.d (containerd 2: plugins.&quot;io.containerd.cri.v1.images&quot;.registry; 1.x: plugins.&quot;io.containerd.grpc.v1.cri&quot;.registry); no restart is needed for hosts.toml changes.</source>
        <translation>containerd liest %1, wenn config_path der CRI-Registry /etc/containerd/certs.d ist (containerd 2: plugins.&quot;io.containerd.cri.v1.images&quot;.registry; 1.x: plugins.&quot;io.containerd.grpc.v1.cri&quot;.registry); Änderungen an hosts.toml erfordern keinen Neustart.</translation>
    </message>
    <message>
        <source>CRI-O and Podman read %1 (or add the table to /etc/containers/registries.conf); restart CRI-O after the change.</source>
        <translation>CRI-O und Podman lesen %1 (oder fügen Sie die Tabelle zu /etc/containers/registries.conf hinzu); starten Sie CRI-O nach der Änderung neu.</translation>
    </message>
    <message>
        <source>Nodes need an ECR token for %1: a kubelet credential provider or credential helper keyed on that host. Tokens last 12 hours, so static credentials do not work.</source>
        <translation>Knoten benötigen ein ECR-Token für %1: einen Kubelet-Credential-Provider oder einen Credential-Helper für diesen Host. Tokens sind 12 Stunden gültig, daher funktionieren statische Anmeldedaten nicht.</translation>
    </message>
    <message>
        <source>Docker Engine&apos;s registry-mirrors cannot point at an ECR prefix (it puts the path before /v2): with Docker Engine, rewrite the references.</source>
        <translation>registry-mirrors von Docker Engine kann nicht auf ein ECR-Präfix verweisen (der Pfad wird vor /v2 gesetzt): Schreiben Sie bei Docker Engine die Referenzen um.</translation>
    </message>
    <message>
        <source>Docker Engine mirrors only Docker Hub: with Docker Engine, rewrite the references.</source>
        <translation>Docker Engine spiegelt nur Docker Hub: Schreiben Sie bei Docker Engine die Referenzen um.</translation>
    </message>
    <message>
        <source>Official images are under library/: nginx becomes %1/library/nginx.</source>
        <translation>Offizielle Images liegen unter library/: Aus nginx wird %1/library/nginx.</translation>
    </message>
</context>
<context>
    <name>ecr::MirrorConfigDialog</name>
    <message>
        <source>Node Mirror Configuration for %1</source>
        <translation>Spiegel-Konfiguration der Knoten für %1</translation>
    </message>
    <message>
        <source>Make nodes pull %1 images through the cache without rewriting every image reference.</source>
        <translation>Lassen Sie Knoten %1-Images über den Cache abrufen, ohne jede Image-Referenz umzuschreiben.</translation>
    </message>
    <message>
        <source>&amp;containerd</source>
        <translation>&amp;containerd</translation>
    </message>
    <message>
        <source>Save as %1 on each node.</source>
        <translation>Auf jedem Knoten als %1 speichern.</translation>
    </message>
    <message>
        <source>CRI-O / &amp;Podman</source>
        <translation>CRI-O / &amp;Podman</translation>
    </message>
    <message>
        <source>&amp;Rewrite</source>
        <translation>&amp;Umschreiben</translation>
    </message>
    <message>
        <source>%1/&lt;path&gt;  →  %2/&lt;path&gt;

For example:
%3
→ %4
</source>
        <translation>%1/&lt;path&gt;  →  %2/&lt;path&gt;

Zum Beispiel:
%3
→ %4
</translation>
    </message>
    <message>
        <source>Change the image references in manifests, charts or CI: works with every runtime, Docker Engine included.</source>
        <translation>Ändern Sie die Image-Referenzen in Manifesten, Charts oder CI: Das funktioniert mit jeder Laufzeitumgebung, auch mit Docker Engine.</translation>
    </message>
    <message>
        <source>C&amp;opy</source>
        <translation>&amp;Kopieren</translation>
    </message>
    <message>
        <source>&amp;Save…</source>
        <translation>&amp;Speichern…</translation>
    </message>
    <message>
        <source>Save Configuration</source>
        <translation>Konfiguration speichern</translation>
    </message>
</context>
<context>
    <name>ecr::PageGuard</name>
    <message>
        <source>%1 handed back a page token it had given before, after %2 pages; the list would never end, so reading stopped.</source>
        <translation>%1 hat nach %2 Seiten ein Seiten-Token zurückgegeben, das es schon einmal vergeben hatte; die Liste würde nie enden, daher wurde das Lesen abgebrochen.</translation>
    </message>
    <message>
        <source>%1 did not end after %2 pages; reading stopped.</source>
        <translation>%1 war nach %2 Seiten nicht zu Ende; das Lesen wurde abgebrochen.</translation>
    </message>
</context>
<context>
    <name>ecr::Preflight</name>
    <message>
        <source>Not checked: reading it needs %1.</source>
        <translation>Nicht geprüft: Zum Lesen wird %1 benötigt.</translation>
    </message>
    <message>
        <source>Not checked: %1</source>
        <translation>Nicht geprüft: %1</translation>
    </message>
    <message>
        <source>A rule with the prefix %1 exists already.</source>
        <translation>Eine Regel mit dem Präfix %1 existiert bereits.</translation>
    </message>
    <message>
        <source>The rule %1 exists.</source>
        <translation>Die Regel %1 existiert.</translation>
    </message>
    <message>
        <source>The prefix %1 is free.</source>
        <translation>Das Präfix %1 ist frei.</translation>
    </message>
    <message>
        <source>The registry has %1 of %2 rules: the quota cannot be raised.</source>
        <translation>Die Registry hat %1 von %2 Regeln: Das Kontingent kann nicht erhöht werden.</translation>
    </message>
    <message>
        <source>%1 of %2 rules with this one.</source>
        <translation>Mit dieser Regel %1 von %2 Regeln.</translation>
    </message>
    <message>
        <source>Pull through cache is offered in %1.</source>
        <translation>Pull-Through-Cache wird in %1 angeboten.</translation>
    </message>
    <message>
        <source>Pull through cache is not offered in %1 (China and GovCloud regions).</source>
        <translation>Pull-Through-Cache wird in %1 nicht angeboten (Regionen China und GovCloud).</translation>
    </message>
    <message>
        <source>This upstream needs a Secrets Manager secret with its user name and token.</source>
        <translation>Diese Upstream-Registry benötigt ein Secret in Secrets Manager mit ihrem Benutzernamen und Token.</translation>
    </message>
    <message>
        <source>The secret %1 does not exist in %2.</source>
        <translation>Das Secret %1 existiert nicht in %2.</translation>
    </message>
    <message>
        <source>The secret&apos;s name must start with ecr-pullthroughcache/; ECR does not read %1.</source>
        <translation>Der Name des Secrets muss mit ecr-pullthroughcache/ beginnen; ECR liest %1 nicht.</translation>
    </message>
    <message>
        <source>The secret is in account %1, region %2; ECR reads it only in the registry&apos;s own.</source>
        <translation>Das Secret liegt in Konto %1, Region %2; ECR liest es nur im eigenen Konto und in der eigenen Region der Registry.</translation>
    </message>
    <message>
        <source>The secret %1 is encrypted with the key %2: its key policy must let ECR&apos;s pull-through-cache role decrypt, or pulls fail. The default aws/secretsmanager key needs nothing.</source>
        <translation>Das Secret %1 ist mit dem Schlüssel %2 verschlüsselt: Dessen Schlüsselrichtlinie muss der Pull-Through-Cache-Rolle von ECR das Entschlüsseln erlauben, sonst schlagen Pulls fehl. Der Standardschlüssel aws/secretsmanager benötigt nichts.</translation>
    </message>
    <message>
        <source>The secret %1 exists, is named for ECR and is in the registry&apos;s account and region.</source>
        <translation>Das Secret %1 existiert, ist für ECR benannt und liegt im Konto und in der Region der Registry.</translation>
    </message>
    <message>
        <source>The registry policy lets pullers create repositories and import images under %1.</source>
        <translation>Die Registry-Richtlinie erlaubt Abrufenden, unter %1 Repositorys zu erstellen und Images zu importieren.</translation>
    </message>
    <message>
        <source>No registry policy statement grants ecr:CreateRepository and ecr:BatchImportUpstreamImage under %1: pullers need them in their own IAM policy, or here.</source>
        <translation>Keine Anweisung der Registry-Richtlinie gewährt ecr:CreateRepository und ecr:BatchImportUpstreamImage unter %1: Abrufende benötigen diese in ihrer eigenen IAM-Richtlinie oder hier.</translation>
    </message>
    <message>
        <source>No creation template applies: the cached repositories get ECR&apos;s defaults.</source>
        <translation>Keine Vorlage für die Repository-Erstellung trifft zu: Die zwischengespeicherten Repositorys erhalten die Standardeinstellungen von ECR.</translation>
    </message>
    <message>
        <source>The cached repositories get the template %1.</source>
        <translation>Die zwischengespeicherten Repositorys erhalten die Vorlage %1.</translation>
    </message>
    <message>
        <source>Template %1: %2</source>
        <translation>Vorlage %1: %2</translation>
    </message>
    <message>
        <source>The upstream registry is in account %1: a custom role in this account that ECR may assume is needed, and the upstream must allow it to pull.</source>
        <translation>Die Upstream-Registry liegt in Konto %1: Eine benutzerdefinierte Rolle in diesem Konto, die ECR übernehmen darf, wird benötigt, und die Upstream-Registry muss ihr Pulls erlauben.</translation>
    </message>
    <message>
        <source>Account %1 must allow the role %2 to pull (its registry or repository policy); this app cannot see that policy.</source>
        <translation>Konto %1 muss der Rolle %2 Pulls erlauben (über seine Registry- oder Repository-Richtlinie); diese Anwendung kann diese Richtlinie nicht einsehen.</translation>
    </message>
    <message>
        <source>The upstream registry is this account&apos;s.</source>
        <translation>Die Upstream-Registry gehört zu diesem Konto.</translation>
    </message>
    <message>
        <source>Official images go through library/: pull %1/library/nginx:latest, not %1/nginx:latest.</source>
        <translation>Offizielle Images laufen über library/: Rufen Sie %1/library/nginx:latest ab, nicht %1/nginx:latest.</translation>
    </message>
</context>
<context>
    <name>ecr::PreflightDialog</name>
    <message>
        <source>✓ Passed</source>
        <translation>✓ Bestanden</translation>
    </message>
    <message>
        <source>⚠ Warning</source>
        <translation>⚠ Warnung</translation>
    </message>
    <message>
        <source>✗ Failed</source>
        <translation>✗ Fehlgeschlagen</translation>
    </message>
    <message>
        <source>– Not checked</source>
        <translation>– Nicht geprüft</translation>
    </message>
    <message>
        <source>Check Rule %1</source>
        <translation>Regel %1 prüfen</translation>
    </message>
    <message>
        <source>Findings</source>
        <translation>Ergebnisse</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Finding</source>
        <translation>Befund</translation>
    </message>
    <message>
        <source>&amp;Fix…</source>
        <translation>&amp;Beheben…</translation>
    </message>
    <message>
        <source>&amp;Recheck</source>
        <translation>E&amp;rneut prüfen</translation>
    </message>
    <message>
        <source>Checking %1…</source>
        <translation>%1 wird geprüft…</translation>
    </message>
    <message>
        <source>Checking the rule</source>
        <translation>Regel wird geprüft</translation>
    </message>
    <message numerus="yes">
        <source>%n check(s) failed: the rule would not work yet.</source>
        <translation>
            <numerusform>%n Prüfung fehlgeschlagen: Die Regel würde noch nicht funktionieren.</numerusform>
            <numerusform>%n Prüfungen fehlgeschlagen: Die Regel würde noch nicht funktionieren.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>No check failed; %n warning(s).</source>
        <translation>
            <numerusform>Keine Prüfung fehlgeschlagen; %n Warnung.</numerusform>
            <numerusform>Keine Prüfung fehlgeschlagen; %n Warnungen.</numerusform>
        </translation>
    </message>
    <message>
        <source>Every check passed.</source>
        <translation>Alle Prüfungen bestanden.</translation>
    </message>
    <message>
        <source>&amp;Fix: Edit Credentials…</source>
        <translation>&amp;Beheben: Anmeldedaten bearbeiten…</translation>
    </message>
    <message>
        <source>&amp;Fix: Create Secret…</source>
        <translation>&amp;Beheben: Secret erstellen…</translation>
    </message>
    <message>
        <source>&amp;Fix: Edit Template…</source>
        <translation>&amp;Beheben: Vorlage bearbeiten…</translation>
    </message>
    <message>
        <source>&amp;Fix: Change Policy…</source>
        <translation>&amp;Beheben: Richtlinie ändern…</translation>
    </message>
    <message>
        <source>Reading the registry policy</source>
        <translation>Registry-Richtlinie wird gelesen</translation>
    </message>
    <message>
        <source>Change the Registry Policy</source>
        <translation>Registry-Richtlinie ändern</translation>
    </message>
    <message>
        <source>Add a statement that lets this account&apos;s principals create repositories and import upstream images under %1? Every statement the policy has stays as it is. The lines added:</source>
        <translation>Eine Anweisung hinzufügen, die den Prinzipalen dieses Kontos erlaubt, unter %1 Repositorys zu erstellen und Upstream-Images zu importieren? Alle vorhandenen Anweisungen der Richtlinie bleiben unverändert. Die hinzugefügten Zeilen:</translation>
    </message>
    <message>
        <source>&amp;Apply</source>
        <translation>&amp;Anwenden</translation>
    </message>
    <message>
        <source>Changing the registry policy</source>
        <translation>Registry-Richtlinie wird geändert</translation>
    </message>
</context>
<context>
    <name>ecr::Profile</name>
    <message>
        <source>The endpoint URL &apos;%1&apos; is not a valid http(s) URL.</source>
        <translation>Die Endpunkt-URL &apos;%1&apos; ist keine gültige http(s)-URL.</translation>
    </message>
    <message>
        <source>Plain http is allowed only to this computer (localhost, 127.0.0.1, ::1): answers carry secret keys. Use https.</source>
        <translation>Unverschlüsseltes http ist nur zu diesem Computer erlaubt (localhost, 127.0.0.1, ::1): Antworten enthalten geheime Schlüssel. Verwenden Sie https.</translation>
    </message>
    <message>
        <source>An SSO session name has no spaces or brackets (for example my-sso).</source>
        <translation>Ein SSO-Sitzungsname enthält keine Leerzeichen oder Klammern (zum Beispiel my-sso).</translation>
    </message>
    <message>
        <source>Enter the AWS access portal URL, such as https://my-company.awsapps.com/start.</source>
        <translation>Geben Sie die URL des AWS-Zugriffsportals ein, zum Beispiel https://my-company.awsapps.com/start.</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not an https URL. The AWS access portal URL looks like https://my-company.awsapps.com/start.</source>
        <translation>&apos;%1&apos; ist keine https-URL. Die URL des AWS-Zugriffsportals sieht etwa so aus: https://my-company.awsapps.com/start.</translation>
    </message>
    <message>
        <source>Enter the region of your IAM Identity Center (for example eu-west-1).</source>
        <translation>Geben Sie die Region Ihres IAM Identity Center ein (zum Beispiel eu-west-1).</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a region of any AWS partition.</source>
        <translation>&apos;%1&apos; ist keine Region einer AWS-Partition.</translation>
    </message>
    <message>
        <source>Choose the account.</source>
        <translation>Wählen Sie das Konto aus.</translation>
    </message>
    <message>
        <source>An account ID is 12 digits, such as 123456789012.</source>
        <translation>Eine Konto-ID besteht aus 12 Ziffern, zum Beispiel 123456789012.</translation>
    </message>
    <message>
        <source>Choose the role (permission set).</source>
        <translation>Wählen Sie die Rolle (Berechtigungssatz) aus.</translation>
    </message>
    <message>
        <source>A role name is 1 to 64 letters, digits and +=,.@- characters.</source>
        <translation>Ein Rollenname besteht aus 1 bis 64 Buchstaben, Ziffern und den Zeichen +=,.@-.</translation>
    </message>
    <message>
        <source>Enter a name for the profile.</source>
        <translation>Geben Sie einen Namen für das Profil ein.</translation>
    </message>
    <message>
        <source>The name must not start or end with white space.</source>
        <translation>Der Name darf nicht mit Leerraum beginnen oder enden.</translation>
    </message>
    <message>
        <source>A profile named &apos;%1&apos; already exists.</source>
        <translation>Ein Profil namens &apos;%1&apos; existiert bereits.</translation>
    </message>
    <message>
        <source>A label has at most %1 characters.</source>
        <translation>Eine Bezeichnung hat höchstens %1 Zeichen.</translation>
    </message>
    <message>
        <source>The label must not start or end with white space.</source>
        <translation>Die Bezeichnung darf nicht mit Leerraum beginnen oder enden.</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not one of the colours.</source>
        <translation>&apos;%1&apos; ist keine der verfügbaren Farben.</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a region of any AWS partition (for example us-east-1).</source>
        <translation>&apos;%1&apos; ist keine Region einer AWS-Partition (zum Beispiel us-east-1).</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not an AWS partition (aws, aws-cn, aws-us-gov, …).</source>
        <translation>&apos;%1&apos; ist keine AWS-Partition (aws, aws-cn, aws-us-gov, …).</translation>
    </message>
    <message>
        <source>Region %1 belongs to partition %2, not %3.</source>
        <translation>Region %1 gehört zur Partition %2, nicht zu %3.</translation>
    </message>
    <message>
        <source>The CA bundle &apos;%1&apos; does not exist or cannot be read.</source>
        <translation>Das CA-Bundle &apos;%1&apos; existiert nicht oder kann nicht gelesen werden.</translation>
    </message>
    <message>
        <source>The MFA device must be an ARN such as arn:aws:iam::123456789012:mfa/alice or a hardware serial: 9 to 256 letters, digits and +=/:,.@- characters.</source>
        <translation>Das MFA-Gerät muss eine ARN wie arn:aws:iam::123456789012:mfa/alice oder eine Hardware-Seriennummer sein: 9 bis 256 Buchstaben, Ziffern und die Zeichen +=/:,.@-.</translation>
    </message>
    <message>
        <source>Enter the ARN of the role to assume.</source>
        <translation>Geben Sie die ARN der zu übernehmenden Rolle ein.</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a role ARN. It looks like arn:aws:iam::123456789012:role/name.</source>
        <translation>„%1“ ist keine Rollen-ARN. Sie sieht so aus: arn:aws:iam::123456789012:role/name.</translation>
    </message>
    <message>
        <source>Choose either a source profile or the environment, not both.</source>
        <translation>Wählen Sie entweder ein Quellprofil oder die Umgebung, nicht beides.</translation>
    </message>
    <message>
        <source>Choose the profile whose credentials assume the role.</source>
        <translation>Wählen Sie das Profil, dessen Anmeldedaten die Rolle übernehmen.</translation>
    </message>
    <message>
        <source>A profile cannot be its own source profile.</source>
        <translation>Ein Profil kann nicht sein eigenes Quellprofil sein.</translation>
    </message>
    <message>
        <source>There is no profile &apos;%1&apos;.</source>
        <translation>Es gibt kein Profil „%1“.</translation>
    </message>
    <message>
        <source>The external ID must be 2 to 1224 letters, digits and +=,.@:/- characters.</source>
        <translation>Die externe ID muss aus 2 bis 1224 Buchstaben, Ziffern und den Zeichen +=,.@:/- bestehen.</translation>
    </message>
    <message>
        <source>The session duration must be between 900 seconds (15 minutes) and 43200 seconds (12 hours).</source>
        <translation>Die Sitzungsdauer muss zwischen 900 Sekunden (15 Minuten) und 43200 Sekunden (12 Stunden) liegen.</translation>
    </message>
    <message>
        <source>The session name must be 2 to 64 letters, digits and +=,.@- characters.</source>
        <translation>Der Sitzungsname muss aus 2 bis 64 Buchstaben, Ziffern und den Zeichen +=,.@- bestehen.</translation>
    </message>
    <message>
        <source>The command has an unterminated quote or a trailing backslash.</source>
        <translation>Der Befehl enthält ein nicht geschlossenes Anführungszeichen oder einen abschließenden Backslash.</translation>
    </message>
    <message>
        <source>Enter the command that prints the credentials.</source>
        <translation>Geben Sie den Befehl ein, der die Anmeldedaten ausgibt.</translation>
    </message>
    <message>
        <source>Red</source>
        <translation>Rot</translation>
    </message>
    <message>
        <source>Orange</source>
        <translation>Orange</translation>
    </message>
    <message>
        <source>Yellow</source>
        <translation>Gelb</translation>
    </message>
    <message>
        <source>Green</source>
        <translation>Grün</translation>
    </message>
    <message>
        <source>Blue</source>
        <translation>Blau</translation>
    </message>
    <message>
        <source>Purple</source>
        <translation>Violett</translation>
    </message>
    <message>
        <source>Grey</source>
        <translation>Grau</translation>
    </message>
    <message>
        <source>To replace the stored keys, enter the access key ID too.</source>
        <translation>Um die gespeicherten Schlüssel zu ersetzen, geben Sie auch die Zugriffsschlüssel-ID ein.</translation>
    </message>
    <message>
        <source>Enter the access key ID.</source>
        <translation>Geben Sie die Zugriffsschlüssel-ID ein.</translation>
    </message>
    <message>
        <source>An access key ID is 16 to 128 letters and digits, such as AKIAIOSFODNN7EXAMPLE.</source>
        <translation>Eine Zugriffsschlüssel-ID besteht aus 16 bis 128 Buchstaben und Ziffern, etwa AKIAIOSFODNN7EXAMPLE.</translation>
    </message>
    <message>
        <source>To replace the stored keys, enter the secret access key too.</source>
        <translation>Um die gespeicherten Schlüssel zu ersetzen, geben Sie auch den geheimen Zugriffsschlüssel ein.</translation>
    </message>
    <message>
        <source>Enter the secret access key.</source>
        <translation>Geben Sie den geheimen Zugriffsschlüssel ein.</translation>
    </message>
</context>
<context>
    <name>ecr::ProfileBand</name>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>%1  ·  %2  ·  account %3  ·  %4</source>
        <translation>%1  ·  %2  ·  Konto %3  ·  %4</translation>
    </message>
</context>
<context>
    <name>ecr::ProfileDirectory</name>
    <message>
        <source>This profile does not sign in through IAM Identity Center: it reaches its own account only.</source>
        <translation>Dieses Profil meldet sich nicht über IAM Identity Center an: Es erreicht nur sein eigenes Konto.</translation>
    </message>
</context>
<context>
    <name>ecr::ProfileEditDialog</name>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Speichern</translation>
    </message>
    <message>
        <source>Saving the profile</source>
        <translation>Profil wird gespeichert</translation>
    </message>
    <message>
        <source>Add Profile</source>
        <translation>Profil hinzufügen</translation>
    </message>
    <message>
        <source>Edit Profile %1</source>
        <translation>Profil %1 bearbeiten</translation>
    </message>
    <message>
        <source>Duplicate Profile</source>
        <translation>Profil duplizieren</translation>
    </message>
</context>
<context>
    <name>ecr::ProfileEditor</name>
    <message>
        <source>Access keys</source>
        <translation>Zugriffsschlüssel</translation>
    </message>
    <message>
        <source>Assume a role</source>
        <translation>Rolle übernehmen</translation>
    </message>
    <message>
        <source>credential_process command</source>
        <translation>credential_process-Befehl</translation>
    </message>
    <message>
        <source>Environment variables</source>
        <translation>Umgebungsvariablen</translation>
    </message>
    <message>
        <source>IAM Identity Center (SSO)</source>
        <translation>IAM Identity Center (SSO)</translation>
    </message>
    <message>
        <source>Optional; for example us-east-1</source>
        <translation>Optional; zum Beispiel us-east-1</translation>
    </message>
    <message>
        <source>Optional; for example production</source>
        <translation>Optional; zum Beispiel production</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Bezeichnung</translation>
    </message>
    <message>
        <source>Colour</source>
        <translation>Farbe</translation>
    </message>
    <message>
        <source>No colour</source>
        <translation>Keine Farbe</translation>
    </message>
    <message>
        <source>&amp;Label:</source>
        <translation>&amp;Bezeichnung:</translation>
    </message>
    <message>
        <source>Choose a CA Bundle</source>
        <translation>CA-Bundle auswählen</translation>
    </message>
    <message>
        <source>PEM certificates (*.pem *.crt *.cer);;All files (*)</source>
        <translation>PEM-Zertifikate (*.pem *.crt *.cer);;Alle Dateien (*)</translation>
    </message>
</context>
<context>
    <name>ecr::ProfileListModel</name>
    <message>
        <source>Profile</source>
        <translation>Profil</translation>
    </message>
    <message>
        <source>Credentials</source>
        <translation>Anmeldedaten</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>Region</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Schlüssel</translation>
    </message>
    <message>
        <source>No keys stored</source>
        <translation>Keine Schlüssel gespeichert</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Wird geprüft …</translation>
    </message>
    <message>
        <source>Keys in keychain</source>
        <translation>Schlüssel im Schlüsselbund</translation>
    </message>
    <message>
        <source>Keys missing</source>
        <translation>Schlüssel fehlen</translation>
    </message>
    <message>
        <source>Keychain locked</source>
        <translation>Schlüsselbund gesperrt</translation>
    </message>
    <message>
        <source>Access denied</source>
        <translation>Zugriff verweigert</translation>
    </message>
    <message>
        <source>Keychain unavailable</source>
        <translation>Schlüsselbund nicht verfügbar</translation>
    </message>
    <message>
        <source>Access keys</source>
        <translation>Zugriffsschlüssel</translation>
    </message>
    <message>
        <source>Access keys with MFA</source>
        <translation>Zugriffsschlüssel mit MFA</translation>
    </message>
    <message>
        <source>Role %1</source>
        <translation>Rolle %1</translation>
    </message>
    <message>
        <source>Role %1 with MFA</source>
        <translation>Rolle %1 mit MFA</translation>
    </message>
    <message>
        <source>credential_process</source>
        <translation>credential_process</translation>
    </message>
    <message>
        <source>Environment variables</source>
        <translation>Umgebungsvariablen</translation>
    </message>
    <message>
        <source>SSO role %1 in %2</source>
        <translation>SSO-Rolle %1 in %2</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>The keychain has no keys for this profile. Edit it and enter its access key again.</source>
        <translation>Der Schlüsselbund enthält keine Schlüssel für dieses Profil. Bearbeiten Sie es und geben Sie den Zugriffsschlüssel erneut ein.</translation>
    </message>
    <message>
        <source>Unlock the system keychain, then reopen this window.</source>
        <translation>Entsperren Sie den System-Schlüsselbund und öffnen Sie dieses Fenster dann erneut.</translation>
    </message>
    <message>
        <source>Access to the keychain was refused. Allow this app when the keychain asks.</source>
        <translation>Der Zugriff auf den Schlüsselbund wurde verweigert. Erlauben Sie den Zugriff für diese App, wenn der Schlüsselbund nachfragt.</translation>
    </message>
    <message>
        <source>No system keychain (Secret Service) answered.</source>
        <translation>Kein System-Schlüsselbund (Secret Service) hat geantwortet.</translation>
    </message>
    <message>
        <source>Environment</source>
        <translation>Umgebung</translation>
    </message>
    <message>
        <source>Plain-text file</source>
        <translation>Klartextdatei</translation>
    </message>
</context>
<context>
    <name>ecr::ProfileManagerDialog</name>
    <message>
        <source>From the environment variables AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY — read-only</source>
        <translation>Aus den Umgebungsvariablen AWS_ACCESS_KEY_ID und AWS_SECRET_ACCESS_KEY – schreibgeschützt</translation>
    </message>
    <message>
        <source>From %1 — import to manage it here</source>
        <translation>Aus %1 – importieren Sie es, um es hier zu verwalten</translation>
    </message>
    <message>
        <source> and </source>
        <translation> und </translation>
    </message>
    <message>
        <source>&amp;Cancel Test</source>
        <translation>Test a&amp;bbrechen</translation>
    </message>
    <message>
        <source>&amp;Test Connection</source>
        <translation>Verbindung &amp;testen</translation>
    </message>
    <message>
        <source>%1 copy</source>
        <translation>%1 Kopie</translation>
    </message>
    <message>
        <source>Saved the profile %1.</source>
        <translation>Profil %1 wurde gespeichert.</translation>
    </message>
    <message>
        <source>Saving the profile</source>
        <translation>Profil wird gespeichert</translation>
    </message>
    <message>
        <source>Delete the profile &apos;%1&apos;?

Its access keys and cached sessions will be removed from the system keychain. This cannot be undone.</source>
        <translation>Das Profil „%1“ löschen?

Seine Zugriffsschlüssel und zwischengespeicherten Sitzungen werden aus dem System-Schlüsselbund entfernt. Dies kann nicht rückgängig gemacht werden.</translation>
    </message>
    <message>
        <source>Delete the profile &apos;%1&apos;?

Its cached sessions will be removed from the system keychain.</source>
        <translation>Das Profil „%1“ löschen?

Seine zwischengespeicherten Sitzungen werden aus dem System-Schlüsselbund entfernt.</translation>
    </message>
    <message>
        <source>These profiles use it as their source profile and will stop working: %1.</source>
        <translation>Diese Profile verwenden es als Quellprofil und funktionieren dann nicht mehr: %1.</translation>
    </message>
    <message>
        <source>Delete Profile</source>
        <translation>Profil löschen</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Löschen</translation>
    </message>
    <message>
        <source>Profile %1</source>
        <translation>Profil %1</translation>
    </message>
    <message>
        <source>Deleting the profile</source>
        <translation>Profil wird gelöscht</translation>
    </message>
    <message>
        <source>Deleted the profile %1 and removed its secrets from the keychain.</source>
        <translation>Profil %1 wurde gelöscht und seine Secrets wurden aus dem Schlüsselbund entfernt.</translation>
    </message>
    <message>
        <source>Testing the connection of %1…</source>
        <translation>Verbindung von %1 wird getestet …</translation>
    </message>
    <message>
        <source>The connection test of %1 was stopped; nothing was changed.</source>
        <translation>Der Verbindungstest von %1 wurde abgebrochen; es wurde nichts geändert.</translation>
    </message>
    <message>
        <source>Testing the connection of %1</source>
        <translation>Verbindung von %1 wird getestet</translation>
    </message>
    <message>
        <source>%1 works: account %2, %3</source>
        <translation>%1 funktioniert: Konto %2, %3</translation>
    </message>
</context>
<context>
    <name>ecr::ProfileStore</name>
    <message>
        <source>&apos;%1&apos; cannot be a profile id.</source>
        <translation>„%1“ kann keine Profil-ID sein.</translation>
    </message>
</context>
<context>
    <name>ecr::Proxy</name>
    <message>
        <source>A proxy looks like http://proxy.example.com:3128 (http, https or socks5, a host and a port).</source>
        <translation>Ein Proxy sieht so aus: http://proxy.example.com:3128 (http, https oder socks5, ein Host und ein Port).</translation>
    </message>
    <message>
        <source>Give the proxy&apos;s port, such as http://proxy.example.com:3128.</source>
        <translation>Geben Sie den Port des Proxys an, etwa http://proxy.example.com:3128.</translation>
    </message>
    <message>
        <source>Leave the password out of the proxy URL: it would be kept in the settings in clear text.</source>
        <translation>Lassen Sie das Passwort in der Proxy-URL weg: Es würde im Klartext in den Einstellungen gespeichert.</translation>
    </message>
    <message>
        <source>A proxy URL has no path: http://host:port.</source>
        <translation>Eine Proxy-URL hat keinen Pfad: http://host:port.</translation>
    </message>
</context>
<context>
    <name>ecr::RegistryChecks</name>
    <message>
        <source>The secret is in account %1, but this registry is account %2: ECR reads the secret only in the registry&apos;s own account.</source>
        <translation>Das Secret liegt in Konto %1, diese Registry gehört aber zu Konto %2: ECR liest das Secret nur im eigenen Konto der Registry.</translation>
    </message>
    <message>
        <source>The secret is in region %1, but this registry is in %2: ECR reads the secret only in the registry&apos;s own region.</source>
        <translation>Das Secret liegt in Region %1, diese Registry aber in %2: ECR liest das Secret nur in der eigenen Region der Registry.</translation>
    </message>
    <message>
        <source>The role is in account %1; ECR assumes a role in the registry&apos;s own account (%2).</source>
        <translation>Die Rolle liegt in Konto %1; ECR übernimmt eine Rolle im eigenen Konto der Registry (%2).</translation>
    </message>
    <message>
        <source>This registry already has a rule with the prefix %1; choose another prefix, or edit that rule.</source>
        <translation>Diese Registry hat bereits eine Regel mit dem Präfix %1; wählen Sie ein anderes Präfix oder bearbeiten Sie diese Regel.</translation>
    </message>
    <message>
        <source>The upstream registry is in another account (%1): ECR needs an IAM role in this account (%2) that it can assume to pull from there.</source>
        <translation>Die Upstream-Registry liegt in einem anderen Konto (%1): ECR benötigt in diesem Konto (%2) eine IAM-Rolle, die es übernehmen kann, um von dort zu pullen.</translation>
    </message>
</context>
<context>
    <name>ecr::RegistryPicker</name>
    <message>
        <source>&amp;All regions of the partition</source>
        <translation>&amp;Alle Regionen der Partition</translation>
    </message>
    <message>
        <source>&amp;Profiles:</source>
        <translation>&amp;Profile:</translation>
    </message>
    <message>
        <source>&amp;Regions:</source>
        <translation>&amp;Regionen:</translation>
    </message>
    <message>
        <source>Profiles</source>
        <translation>Profile</translation>
    </message>
    <message>
        <source>Regions</source>
        <translation>Regionen</translation>
    </message>
    <message>
        <source>%1: every account and role it reaches</source>
        <translation>%1: alle erreichbaren Konten und Rollen</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 – %2</translation>
    </message>
    <message>
        <source>Listing the accounts and roles %1 reaches…</source>
        <translation>Konten und Rollen, die %1 erreicht, werden aufgelistet …</translation>
    </message>
</context>
<context>
    <name>ecr::ReplaceTokenDialog</name>
    <message>
        <source>Replace Token</source>
        <translation>Token ersetzen</translation>
    </message>
    <message>
        <source>New credentials for %1. Every rule that uses the secret is verified with them afterwards.</source>
        <translation>Neue Anmeldedaten für %1. Jede Regel, die das Secret verwendet, wird anschließend damit überprüft.</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>&amp;Benutzername:</translation>
    </message>
    <message>
        <source>Access &amp;token:</source>
        <translation>Zugriffs&amp;token:</translation>
    </message>
    <message>
        <source>&amp;Replace</source>
        <translation>&amp;Ersetzen</translation>
    </message>
    <message>
        <source>Replacing the token</source>
        <translation>Token wird ersetzt</translation>
    </message>
    <message>
        <source>Enter the upstream registry&apos;s user name.</source>
        <translation>Geben Sie den Benutzernamen für die Upstream-Registry ein.</translation>
    </message>
    <message>
        <source>Enter the new access token (or password).</source>
        <translation>Geben Sie das neue Zugriffstoken (oder Passwort) ein.</translation>
    </message>
</context>
<context>
    <name>ecr::RepositoryTemplate</name>
    <message>
        <source>It is not valid JSON: %1 at character %2.</source>
        <translation>Es ist kein gültiges JSON: %1 bei Zeichen %2.</translation>
    </message>
    <message>
        <source>It must be a JSON object ({ … }).</source>
        <translation>Es muss ein JSON-Objekt sein ({ … }).</translation>
    </message>
    <message>
        <source>Enter the prefix: a repository path such as docker-hub, or ROOT for every repository no other template covers.</source>
        <translation>Geben Sie das Präfix ein: einen Repository-Pfad wie docker-hub oder ROOT für jedes Repository, das keine andere Vorlage abdeckt.</translation>
    </message>
    <message>
        <source>A prefix is lower-case letters and digits, parts separated by . _ __ - or /, at most 256 characters; or ROOT.</source>
        <translation>Ein Präfix besteht aus Kleinbuchstaben und Ziffern, Teile getrennt durch . _ __ - oder /, höchstens 256 Zeichen; oder ROOT.</translation>
    </message>
    <message>
        <source>A description has at most 256 characters.</source>
        <translation>Eine Beschreibung hat höchstens 256 Zeichen.</translation>
    </message>
    <message>
        <source>Choose what the template applies to (pull through cache, replication, create on push).</source>
        <translation>Wählen Sie, wofür die Vorlage gilt (Pull-Through-Cache, Replikation, Erstellen beim Push).</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not PULL_THROUGH_CACHE, REPLICATION or CREATE_ON_PUSH.</source>
        <translation>„%1“ ist nicht PULL_THROUGH_CACHE, REPLICATION oder CREATE_ON_PUSH.</translation>
    </message>
    <message>
        <source>Encryption is AES256, KMS or KMS_DSSE.</source>
        <translation>Die Verschlüsselung ist AES256, KMS oder KMS_DSSE.</translation>
    </message>
    <message>
        <source>A KMS key goes with KMS or KMS_DSSE encryption only.</source>
        <translation>Ein KMS-Schlüssel ist nur mit KMS- oder KMS_DSSE-Verschlüsselung möglich.</translation>
    </message>
    <message>
        <source>The KMS key must be a key ARN, such as arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab.</source>
        <translation>Der KMS-Schlüssel muss eine Schlüssel-ARN sein, etwa arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab.</translation>
    </message>
    <message>
        <source>Tag mutability is MUTABLE, IMMUTABLE, IMMUTABLE_WITH_EXCLUSION or MUTABLE_WITH_EXCLUSION.</source>
        <translation>Die Tag-Veränderbarkeit ist MUTABLE, IMMUTABLE, IMMUTABLE_WITH_EXCLUSION oder MUTABLE_WITH_EXCLUSION.</translation>
    </message>
    <message>
        <source>With exclusions, give 1 to 5 tag filters (for example latest or dev-*).</source>
        <translation>Geben Sie bei Ausnahmen 1 bis 5 Tag-Filter an (zum Beispiel latest oder dev-*).</translation>
    </message>
    <message>
        <source>Tag filters go with MUTABLE_WITH_EXCLUSION or IMMUTABLE_WITH_EXCLUSION only.</source>
        <translation>Tag-Filter sind nur mit MUTABLE_WITH_EXCLUSION oder IMMUTABLE_WITH_EXCLUSION möglich.</translation>
    </message>
    <message>
        <source>At most 5 tag filters.</source>
        <translation>Höchstens 5 Tag-Filter.</translation>
    </message>
    <message>
        <source>A tag filter is 1 to 128 letters, digits and . _ * - characters; &apos;%1&apos; is not.</source>
        <translation>Ein Tag-Filter besteht aus 1 bis 128 Buchstaben, Ziffern und den Zeichen . _ * -; „%1“ erfüllt das nicht.</translation>
    </message>
    <message>
        <source>A tag has a key of 1 to 128 characters (not starting with aws:) and a value of at most 256.</source>
        <translation>Ein Tag hat einen Schlüssel aus 1 bis 128 Zeichen (nicht beginnend mit aws:) und einen Wert aus höchstens 256 Zeichen.</translation>
    </message>
    <message>
        <source>The repository policy has at most 10240 characters.</source>
        <translation>Die Repository-Richtlinie hat höchstens 10240 Zeichen.</translation>
    </message>
    <message>
        <source>The repository policy is not usable: %1</source>
        <translation>Die Repository-Richtlinie ist nicht verwendbar: %1</translation>
    </message>
    <message>
        <source>The lifecycle policy has at most 30720 characters.</source>
        <translation>Die Lebenszyklusrichtlinie hat höchstens 30720 Zeichen.</translation>
    </message>
    <message>
        <source>The lifecycle policy is not usable: %1</source>
        <translation>Die Lebenszyklusrichtlinie ist nicht verwendbar: %1</translation>
    </message>
    <message>
        <source>A lifecycle policy has a &quot;rules&quot; list.</source>
        <translation>Eine Lebenszyklusrichtlinie hat eine Liste &quot;rules&quot;.</translation>
    </message>
    <message>
        <source>The role must be an IAM role ARN, such as arn:aws:iam::123456789012:role/ecr-template.</source>
        <translation>Die Rolle muss eine IAM-Rollen-ARN sein, etwa arn:aws:iam::123456789012:role/ecr-template.</translation>
    </message>
    <message>
        <source>The role must be in the registry&apos;s account (%1).</source>
        <translation>Die Rolle muss im Konto der Registry (%1) liegen.</translation>
    </message>
    <message>
        <source>With %1 and no custom role, ECR cannot create the cached repositories: pulls through the cache fail. Set a custom role that ECR may assume.</source>
        <translation>Mit %1 und ohne benutzerdefinierte Rolle kann ECR die gecachten Repositorys nicht erstellen: Pulls über den Cache schlagen fehl. Legen Sie eine benutzerdefinierte Rolle fest, die ECR übernehmen darf.</translation>
    </message>
    <message>
        <source>tags and KMS encryption</source>
        <translation>Tags und KMS-Verschlüsselung</translation>
    </message>
    <message>
        <source>KMS encryption</source>
        <translation>KMS-Verschlüsselung</translation>
    </message>
    <message>
        <source>resource tags</source>
        <translation>Ressourcen-Tags</translation>
    </message>
    <message>
        <source>IMMUTABLE tags stop ECR from updating a cached tag when the upstream moves it (latest, say). Prefer MUTABLE, or IMMUTABLE_WITH_EXCLUSION for the tags that move.</source>
        <translation>Mit IMMUTABLE-Tags kann ECR ein gecachtes Tag nicht aktualisieren, wenn die Upstream-Registry es verschiebt (etwa latest). Verwenden Sie besser MUTABLE oder IMMUTABLE_WITH_EXCLUSION für die Tags, die sich verschieben.</translation>
    </message>
    <message>
        <source>Expire cached images pushed more than 90 days ago</source>
        <translation>Gecachte Images ablaufen lassen, die vor mehr als 90 Tagen gepusht wurden</translation>
    </message>
    <message>
        <source>Keep the 100 newest images</source>
        <translation>Die 100 neuesten Images behalten</translation>
    </message>
    <message>
        <source>Archive images not pulled for 30 days, delete them 90 days later</source>
        <translation>Images archivieren, die 30 Tage nicht gepullt wurden, und sie 90 Tage später löschen</translation>
    </message>
</context>
<context>
    <name>ecr::RetryPolicy</name>
    <message>
        <source>%1 days</source>
        <translation>%1 Tage</translation>
    </message>
    <message>
        <source>%1 hours</source>
        <translation>%1 Stunden</translation>
    </message>
    <message>
        <source>The server&apos;s clock (%1) and this computer&apos;s (%2) are %3 apart, more than the %4 hours the app corrects by itself. Set this computer&apos;s date, time and time zone, or check that the endpoint URL points at the real service.</source>
        <translation>Die Uhr des Servers (%1) und die dieses Computers (%2) weichen um %3 voneinander ab, mehr als die %4 Stunden, die die App selbst ausgleicht. Stellen Sie Datum, Uhrzeit und Zeitzone dieses Computers ein oder prüfen Sie, ob die Endpunkt-URL auf den echten Dienst zeigt.</translation>
    </message>
</context>
<context>
    <name>ecr::RuleActions</name>
    <message>
        <source>Cancelled.</source>
        <translation>Abgebrochen.</translation>
    </message>
    <message>
        <source>The rule %1 already existed with these settings.</source>
        <translation>Die Regel %1 war mit diesen Einstellungen bereits vorhanden.</translation>
    </message>
    <message>
        <source>Created the rule %1.</source>
        <translation>Regel %1 wurde erstellt.</translation>
    </message>
    <message>
        <source>Updated the credentials of %1.</source>
        <translation>Die Anmeldedaten von %1 wurden aktualisiert.</translation>
    </message>
    <message>
        <source>Verifying authentication</source>
        <translation>Authentifizierung wird überprüft</translation>
    </message>
    <message>
        <source>Authentication for %1 works: ECR reached the upstream registry and signed in.</source>
        <translation>Die Authentifizierung für %1 funktioniert: ECR hat die Upstream-Registry erreicht und sich angemeldet.</translation>
    </message>
    <message>
        <source>Delete rule</source>
        <translation>Regel löschen</translation>
    </message>
    <message>
        <source>Delete rules</source>
        <translation>Regeln löschen</translation>
    </message>
    <message>
        <source>Delete the pull-through cache rule &apos;%1&apos;?</source>
        <translation>Die Pull-Through-Cache-Regel „%1“ löschen?</translation>
    </message>
    <message numerus="yes">
        <source>Delete these %n pull-through cache rules?</source>
        <translation>
            <numerusform>Diese %n Pull-Through-Cache-Regel löschen?</numerusform>
            <numerusform>Diese %n Pull-Through-Cache-Regeln löschen?</numerusform>
        </translation>
    </message>
    <message>
        <source>Images already cached stay in their repositories; only future caching from the upstream stops.</source>
        <translation>Bereits gecachte Images bleiben in ihren Repositorys; nur das künftige Cachen aus der Upstream-Registry endet.</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Löschen</translation>
    </message>
    <message>
        <source>Profile %1 · account %2 · %3</source>
        <translation>Profil %1 · Konto %2 · %3</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>Deleted the rule %1.</source>
        <translation>Regel %1 wurde gelöscht.</translation>
    </message>
    <message numerus="yes">
        <source>Deleted %n rules.</source>
        <translation>
            <numerusform>%n Regel gelöscht.</numerusform>
            <numerusform>%n Regeln gelöscht.</numerusform>
        </translation>
    </message>
    <message>
        <source>Deleting the rule</source>
        <translation>Regel wird gelöscht</translation>
    </message>
    <message>
        <source>Copied %1: %2</source>
        <translation>%1 kopiert: %2</translation>
    </message>
    <message>
        <source>the pull reference</source>
        <translation>die Pull-Referenz</translation>
    </message>
    <message>
        <source>the repository URI</source>
        <translation>die Repository-URI</translation>
    </message>
    <message>
        <source>Copy docker pull</source>
        <translation>docker pull kopieren</translation>
    </message>
    <message>
        <source>Upstream image to pull through %1 (repository, and a tag or digest):</source>
        <translation>Upstream-Image, das über %1 gepullt werden soll (Repository und ein Tag oder Digest):</translation>
    </message>
    <message>
        <source>the pull command</source>
        <translation>den Pull-Befehl</translation>
    </message>
    <message>
        <source>the rule as JSON</source>
        <translation>die Regel als JSON</translation>
    </message>
    <message>
        <source>the credential ARN</source>
        <translation>die Zugangsdaten-ARN</translation>
    </message>
</context>
<context>
    <name>ecr::RuleCopy</name>
    <message>
        <source>The secret is in account %1, %2: ECR reads a secret only in the rule&apos;s own account and region. Choose one of %3&apos;s.</source>
        <translation>Das Secret liegt in Konto %1, %2: ECR liest ein Secret nur im eigenen Konto und in der eigenen Region der Regel. Wählen Sie eines der Secrets von %3.</translation>
    </message>
    <message>
        <source>The custom role is in account %1; the rule needs a role in %2.</source>
        <translation>Die benutzerdefinierte Rolle liegt in Konto %1; die Regel benötigt eine Rolle in %2.</translation>
    </message>
    <message>
        <source>Will be created.</source>
        <translation>Wird erstellt.</translation>
    </message>
    <message>
        <source>upstream %1</source>
        <translation>Upstream %1</translation>
    </message>
    <message>
        <source>credential %1</source>
        <translation>Zugangsdaten %1</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>role %1</source>
        <translation>Rolle %1</translation>
    </message>
    <message>
        <source>upstream prefix %1</source>
        <translation>Upstream-Präfix %1</translation>
    </message>
    <message>
        <source>Exists with the same settings.</source>
        <translation>Mit denselben Einstellungen vorhanden.</translation>
    </message>
    <message>
        <source>Exists with other settings (%1): left as it is.</source>
        <translation>Mit anderen Einstellungen vorhanden (%1): unverändert gelassen.</translation>
    </message>
    <message>
        <source>The custom role is in account %1; the template needs a role in %2.</source>
        <translation>Die benutzerdefinierte Rolle liegt in Konto %1; die Vorlage benötigt eine Rolle in %2.</translation>
    </message>
    <message>
        <source>The KMS key is in account %1, %2: a repository can use a key of its own account and region only. Choose one of %3&apos;s.</source>
        <translation>Der KMS-Schlüssel liegt in Konto %1, %2: Ein Repository kann nur einen Schlüssel aus dem eigenen Konto und der eigenen Region verwenden. Wählen Sie einen der Schlüssel von %3.</translation>
    </message>
    <message>
        <source>encryption</source>
        <translation>Verschlüsselung</translation>
    </message>
    <message>
        <source>tag mutability</source>
        <translation>Tag-Veränderbarkeit</translation>
    </message>
    <message>
        <source>tags</source>
        <translation>Tags</translation>
    </message>
    <message>
        <source>repository policy</source>
        <translation>Repository-Richtlinie</translation>
    </message>
    <message>
        <source>lifecycle policy</source>
        <translation>Lebenszyklusrichtlinie</translation>
    </message>
    <message>
        <source>role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <source>description or use</source>
        <translation>Beschreibung oder Verwendung</translation>
    </message>
</context>
<context>
    <name>ecr::RuleDetailsPane</name>
    <message>
        <source>Cache prefix:</source>
        <translation>Cache-Präfix:</translation>
    </message>
    <message>
        <source>Upstream registry:</source>
        <translation>Upstream-Registry:</translation>
    </message>
    <message>
        <source>Upstream URL:</source>
        <translation>Upstream-URL:</translation>
    </message>
    <message>
        <source>Upstream prefix:</source>
        <translation>Upstream-Präfix:</translation>
    </message>
    <message>
        <source>Credential ARN:</source>
        <translation>Zugangsdaten-ARN:</translation>
    </message>
    <message>
        <source>Custom role ARN:</source>
        <translation>ARN der benutzerdefinierten Rolle:</translation>
    </message>
    <message>
        <source>Registry ID:</source>
        <translation>Registry-ID:</translation>
    </message>
    <message>
        <source>Created:</source>
        <translation>Erstellt:</translation>
    </message>
    <message>
        <source>Updated:</source>
        <translation>Aktualisiert:</translation>
    </message>
    <message>
        <source>Repository URI:</source>
        <translation>Repository-URI:</translation>
    </message>
    <message>
        <source>Pull reference:</source>
        <translation>Pull-Referenz:</translation>
    </message>
    <message>
        <source>No rule selected. Select a rule to see all of its settings.</source>
        <translation>Keine Regel ausgewählt. Wählen Sie eine Regel aus, um alle ihre Einstellungen zu sehen.</translation>
    </message>
    <message>
        <source>Rule %1</source>
        <translation>Regel %1</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
</context>
<context>
    <name>ecr::RuleForm</name>
    <message>
        <source>ROOT catches every repository name that no other rule&apos;s prefix matches: pulls of any such name go to this upstream.</source>
        <translation>ROOT erfasst jeden Repository-Namen, auf den kein Präfix einer anderen Regel passt: Pulls solcher Namen gehen an diese Upstream-Registry.</translation>
    </message>
    <message>
        <source>Choose an upstream registry first.</source>
        <translation>Wählen Sie zuerst eine Upstream-Registry.</translation>
    </message>
    <message>
        <source>Official images need library/, as in %1; other repositories do not, as in %2.</source>
        <translation>Offizielle Images benötigen library/, wie in %1; andere Repositorys nicht, wie in %2.</translation>
    </message>
    <message>
        <source>The secret&apos;s name must start with ecr-pullthroughcache/, and the secret must be in the same account and region as this registry.</source>
        <translation>Der Name des Secrets muss mit ecr-pullthroughcache/ beginnen, und das Secret muss im selben Konto und in derselben Region wie diese Registry liegen.</translation>
    </message>
    <message>
        <source>The secret&apos;s name must start with ecr-pullthroughcache/, and the secret must be in the same account (%1) and region (%2) as this registry.</source>
        <translation>Der Name des Secrets muss mit ecr-pullthroughcache/ beginnen, und das Secret muss im selben Konto (%1) und in derselben Region (%2) wie diese Registry liegen.</translation>
    </message>
    <message>
        <source>Choose an upstream registry.</source>
        <translation>Wählen Sie eine Upstream-Registry.</translation>
    </message>
    <message>
        <source>Enter the name of the Azure container registry.</source>
        <translation>Geben Sie den Namen der Azure Container Registry ein.</translation>
    </message>
    <message>
        <source>Enter the registry name as in &lt;name&gt;.azurecr.io: 5 to 50 lower-case letters and digits.</source>
        <translation>Geben Sie den Registry-Namen wie in &lt;name&gt;.azurecr.io ein: 5 bis 50 Kleinbuchstaben und Ziffern.</translation>
    </message>
    <message>
        <source>Enter the 12-digit ID of the account that owns the upstream registry.</source>
        <translation>Geben Sie die 12-stellige ID des Kontos ein, dem die Upstream-Registry gehört.</translation>
    </message>
    <message>
        <source>An AWS account ID has exactly 12 digits.</source>
        <translation>Eine AWS-Konto-ID hat genau 12 Ziffern.</translation>
    </message>
    <message>
        <source>Choose the region of the upstream registry.</source>
        <translation>Wählen Sie die Region der Upstream-Registry.</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not an AWS region an upstream registry can be in, such as us-east-1.</source>
        <translation>„%1“ ist keine AWS-Region, in der eine Upstream-Registry liegen kann, etwa us-east-1.</translation>
    </message>
</context>
<context>
    <name>ecr::RuleFormDialog</name>
    <message>
        <source>Crea&amp;te</source>
        <translation>&amp;Erstellen</translation>
    </message>
    <message>
        <source>Creating the rule</source>
        <translation>Regel wird erstellt</translation>
    </message>
    <message>
        <source>Then create a repository creation &amp;template for this prefix</source>
        <translation>Anschließend eine &amp;Vorlage für die Repository-Erstellung für dieses Präfix erstellen</translation>
    </message>
    <message>
        <source>Encryption, tag mutability, tags and policies of the repositories this rule caches into</source>
        <translation>Verschlüsselung, Tag-Veränderbarkeit, Tags und Richtlinien der Repositorys, in die diese Regel cacht</translation>
    </message>
    <message>
        <source>Chec&amp;k…</source>
        <translation>&amp;Prüfen …</translation>
    </message>
    <message>
        <source>Check what the rule needs to work (secret, registry policy, template) before creating it</source>
        <translation>Prüfen, was die Regel zum Funktionieren benötigt (Secret, Registry-Richtlinie, Vorlage), bevor sie erstellt wird</translation>
    </message>
</context>
<context>
    <name>ecr::RulesController</name>
    <message>
        <source>Connecting…</source>
        <translation>Verbindung wird hergestellt …</translation>
    </message>
    <message>
        <source>Connecting was cancelled.</source>
        <translation>Der Verbindungsaufbau wurde abgebrochen.</translation>
    </message>
    <message>
        <source>No profile is selected. Choose a profile or start the Local sandbox.</source>
        <translation>Es ist kein Profil ausgewählt. Wählen Sie ein Profil oder starten Sie die lokale Sandbox.</translation>
    </message>
    <message>
        <source>Loading rules…</source>
        <translation>Regeln werden geladen …</translation>
    </message>
    <message>
        <source>Creating rule %1…</source>
        <translation>Regel %1 wird erstellt …</translation>
    </message>
    <message>
        <source>Updating credentials of %1…</source>
        <translation>Anmeldedaten von %1 werden aktualisiert …</translation>
    </message>
    <message>
        <source>Verifying authentication of %1…</source>
        <translation>Authentifizierung von %1 wird überprüft …</translation>
    </message>
    <message>
        <source>Deleting rule %1…</source>
        <translation>Regel %1 wird gelöscht …</translation>
    </message>
    <message>
        <source>The check was cancelled.</source>
        <translation>Die Prüfung wurde abgebrochen.</translation>
    </message>
    <message>
        <source>The registry policy cannot be read as JSON (or the account is not known yet), so no statement is added to it. Edit it in the AWS console or CLI.</source>
        <translation>Die Registry-Richtlinie kann nicht als JSON gelesen werden (oder das Konto ist noch nicht bekannt), daher wird ihr keine Anweisung hinzugefügt. Bearbeiten Sie sie in der AWS-Konsole oder mit der AWS CLI.</translation>
    </message>
</context>
<context>
    <name>ecr::RulesTableModel</name>
    <message>
        <source>Prefix</source>
        <translation>Präfix</translation>
    </message>
    <message>
        <source>Cache repository prefix</source>
        <translation>Präfix des Cache-Repositorys</translation>
    </message>
    <message>
        <source>Upstream</source>
        <translation>Upstream</translation>
    </message>
    <message>
        <source>Upstream URL</source>
        <translation>Upstream-URL</translation>
    </message>
    <message>
        <source>Upstream prefix</source>
        <translation>Upstream-Präfix</translation>
    </message>
    <message>
        <source>Upstream repository prefix</source>
        <translation>Präfix des Upstream-Repositorys</translation>
    </message>
    <message>
        <source>Credential</source>
        <translation>Zugangsdaten</translation>
    </message>
    <message>
        <source>Secrets Manager secret</source>
        <translation>Secrets Manager-Secret</translation>
    </message>
    <message>
        <source>Custom role</source>
        <translation>Benutzerdefinierte Rolle</translation>
    </message>
    <message>
        <source>IAM role for an ECR upstream</source>
        <translation>IAM-Rolle für einen ECR-Upstream</translation>
    </message>
    <message>
        <source>Registry ID</source>
        <translation>Registry-ID</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>Aktualisiert</translation>
    </message>
    <message>
        <source>Pull URL</source>
        <translation>Pull-URL</translation>
    </message>
    <message>
        <source>Where images are pulled from</source>
        <translation>Woher Images gepullt werden</translation>
    </message>
    <message>
        <source>Template</source>
        <translation>Vorlage</translation>
    </message>
    <message>
        <source>The repository creation template the cached repositories get</source>
        <translation>Die Vorlage für die Repository-Erstellung, die die gecachten Repositorys erhalten</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Keine</translation>
    </message>
    <message>
        <source>Not checked: the templates could not be listed (ecr:DescribeRepositoryCreationTemplates).</source>
        <translation>Nicht geprüft: Die Vorlagen konnten nicht aufgelistet werden (ecr:DescribeRepositoryCreationTemplates).</translation>
    </message>
    <message>
        <source>No template applies: cached repositories get ECR&apos;s defaults (AES-256, mutable tags, no policies).</source>
        <translation>Keine Vorlage gilt: Gecachte Repositorys erhalten die ECR-Standardwerte (AES-256, veränderbare Tags, keine Richtlinien).</translation>
    </message>
    <message>
        <source>Template %1</source>
        <translation>Vorlage %1</translation>
    </message>
    <message>
        <source>Encryption: %1</source>
        <translation>Verschlüsselung: %1</translation>
    </message>
    <message>
        <source>Tags: %1</source>
        <translation>Tags: %1</translation>
    </message>
    <message>
        <source>Role: %1</source>
        <translation>Rolle: %1</translation>
    </message>
</context>
<context>
    <name>ecr::RulesView</name>
    <message>
        <source>&amp;Filter:</source>
        <translation>&amp;Filter:</translation>
    </message>
    <message>
        <source>Prefix, upstream, URL or secret (Down: to the table)</source>
        <translation>Präfix, Upstream, URL oder Secret (Down: zur Tabelle)</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Verbindung wird hergestellt …</translation>
    </message>
    <message>
        <source>Connecting was cancelled; nothing was loaded. Retry to connect again.</source>
        <translation>Der Verbindungsaufbau wurde abgebrochen; es wurde nichts geladen. Versuchen Sie es erneut, um wieder zu verbinden.</translation>
    </message>
    <message>
        <source>Connecting</source>
        <translation>Verbindung wird hergestellt</translation>
    </message>
    <message>
        <source>Loading the rules</source>
        <translation>Regeln werden geladen</translation>
    </message>
    <message>
        <source>No rules yet</source>
        <translation>Noch keine Regeln</translation>
    </message>
    <message>
        <source>This registry has no pull-through cache rules in this region. Create one to cache images from an upstream registry.</source>
        <translation>Diese Registry hat in dieser Region keine Pull-Through-Cache-Regeln. Erstellen Sie eine, um Images aus einer Upstream-Registry zu cachen.</translation>
    </message>
    <message>
        <source>&amp;New rule…</source>
        <translation>&amp;Neue Regel …</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>Nicht verbunden</translation>
    </message>
    <message>
        <source>Choose a profile and a region.</source>
        <translation>Wählen Sie ein Profil und eine Region.</translation>
    </message>
    <message>
        <source>&amp;Retry</source>
        <translation>&amp;Erneut versuchen</translation>
    </message>
    <message>
        <source>Loading rules…</source>
        <translation>Regeln werden geladen …</translation>
    </message>
    <message>
        <source>Loading was cancelled</source>
        <translation>Laden wurde abgebrochen</translation>
    </message>
    <message>
        <source>The list below is not the registry&apos;s: it was not loaded. Retry to load it.</source>
        <translation>Die Liste unten entspricht nicht der Registry: Sie wurde nicht geladen. Versuchen Sie es erneut, um sie zu laden.</translation>
    </message>
    <message>
        <source>The rules could not be loaded</source>
        <translation>Die Regeln konnten nicht geladen werden</translation>
    </message>
    <message>
        <source>Last refreshed %1</source>
        <translation>Zuletzt aktualisiert: %1</translation>
    </message>
    <message>
        <source>%1 of %2 rules</source>
        <translation>%1 von %2 Regeln</translation>
    </message>
    <message>
        <source>%1 shown · %2</source>
        <translation>%1 angezeigt · %2</translation>
    </message>
    <message>
        <source>A registry can have at most %1 pull-through cache rules per region; the quota cannot be raised.</source>
        <translation>Eine Registry kann höchstens %1 Pull-Through-Cache-Regeln pro Region haben; dieses Kontingent kann nicht erhöht werden.</translation>
    </message>
</context>
<context>
    <name>ecr::SandboxDetailsDialog</name>
    <message>
        <source>Local Sandbox Connection Details</source>
        <translation>Verbindungsdetails der lokalen Sandbox</translation>
    </message>
    <message>
        <source>The Local sandbox listens on %1 for account %2 with keys made up for this run; nothing else accepts them. Paste these lines into a shell to use the sandbox with the AWS CLI:</source>
        <translation>Die lokale Sandbox lauscht auf %1 für Konto %2, mit Schlüsseln, die für diesen Lauf erzeugt wurden; nichts anderes akzeptiert sie. Fügen Sie diese Zeilen in eine Shell ein, um die Sandbox mit der AWS CLI zu verwenden:</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Kopieren</translation>
    </message>
</context>
<context>
    <name>ecr::SecretActions</name>
    <message>
        <source>account %1 in %2</source>
        <translation>Konto %1 in %2</translation>
    </message>
    <message>
        <source>Listing the secrets</source>
        <translation>Secrets werden aufgelistet</translation>
    </message>
    <message>
        <source>Created the secret %1.</source>
        <translation>Secret %1 wurde erstellt.</translation>
    </message>
    <message>
        <source>Verifying the rule</source>
        <translation>Regel wird überprüft</translation>
    </message>
    <message>
        <source>%1: not verified: %2</source>
        <translation>%1: nicht überprüft: %2</translation>
    </message>
    <message>
        <source>%1: the upstream accepts the new credentials.</source>
        <translation>%1: Die Upstream-Registry akzeptiert die neuen Anmeldedaten.</translation>
    </message>
    <message>
        <source>%1: the upstream refused them: %2</source>
        <translation>%1: Die Upstream-Registry hat sie abgelehnt: %2</translation>
    </message>
    <message>
        <source>Replaced the token of %1.</source>
        <translation>Das Token von %1 wurde ersetzt.</translation>
    </message>
    <message>
        <source>Token Replaced</source>
        <translation>Token ersetzt</translation>
    </message>
    <message>
        <source>The secret %1 has the new credentials. No rule of this registry uses it.</source>
        <translation>Das Secret %1 enthält die neuen Anmeldedaten. Keine Regel dieser Registry verwendet es.</translation>
    </message>
    <message>
        <source>The secret %1 has the new credentials.

%2</source>
        <translation>Das Secret %1 enthält die neuen Anmeldedaten.

%2</translation>
    </message>
</context>
<context>
    <name>ecr::SecretButtons</name>
    <message>
        <source>C&amp;hoose…</source>
        <translation>&amp;Auswählen …</translation>
    </message>
    <message>
        <source>Create S&amp;ecret…</source>
        <translation>S&amp;ecret erstellen …</translation>
    </message>
    <message>
        <source>Pick one of the registry&apos;s ecr-pullthroughcache/ secrets</source>
        <translation>Eines der ecr-pullthroughcache/-Secrets der Registry auswählen</translation>
    </message>
    <message>
        <source>Create a Secrets Manager secret with the upstream user and token</source>
        <translation>Ein Secrets Manager-Secret mit dem Upstream-Benutzer und -Token erstellen</translation>
    </message>
</context>
<context>
    <name>ecr::SecretField</name>
    <message>
        <source>Hide the text (Ctrl+H)</source>
        <translation>Text verbergen (Ctrl+H)</translation>
    </message>
    <message>
        <source>Show the text (Ctrl+H)</source>
        <translation>Text anzeigen (Ctrl+H)</translation>
    </message>
</context>
<context>
    <name>ecr::SecretPickerDialog</name>
    <message>
        <source>Choose a Secret</source>
        <translation>Secret auswählen</translation>
    </message>
    <message>
        <source>Filter by name</source>
        <translation>Nach Name filtern</translation>
    </message>
    <message>
        <source>&amp;Filter:</source>
        <translation>&amp;Filter:</translation>
    </message>
    <message>
        <source>Secrets</source>
        <translation>Secrets</translation>
    </message>
    <message>
        <source>&amp;Use This Secret</source>
        <translation>Dieses Secret &amp;verwenden</translation>
    </message>
    <message>
        <source>Replace &amp;Token…</source>
        <translation>&amp;Token ersetzen …</translation>
    </message>
    <message>
        <source>Listing the ecr-pullthroughcache/ secrets of %1…</source>
        <translation>ecr-pullthroughcache/-Secrets von %1 werden aufgelistet …</translation>
    </message>
    <message>
        <source>Changed %1</source>
        <translation>Geändert: %1</translation>
    </message>
    <message>
        <source>KMS key %1</source>
        <translation>KMS-Schlüssel %1</translation>
    </message>
    <message>
        <source>There is no ecr-pullthroughcache/ secret here yet. Create one with Create Secret… in the form.</source>
        <translation>Hier gibt es noch kein Secret unter ecr-pullthroughcache/. Legen Sie eines mit „Secret erstellen…“ im Formular an.</translation>
    </message>
    <message numerus="yes">
        <source>%n secret(s). Amazon ECR only uses secrets whose name starts with ecr-pullthroughcache/.</source>
        <translation>
            <numerusform>%n Secret. Amazon ECR verwendet nur Secrets, deren Name mit ecr-pullthroughcache/ beginnt.</numerusform>
            <numerusform>%n Secrets. Amazon ECR verwendet nur Secrets, deren Name mit ecr-pullthroughcache/ beginnt.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ecr::SecretsManagerClient</name>
    <message>
        <source>The secret&apos;s name must start with ecr-pullthroughcache/ and go on, for example ecr-pullthroughcache/docker-hub.</source>
        <translation>Der Name des Secrets muss mit ecr-pullthroughcache/ beginnen und danach weitergehen, zum Beispiel ecr-pullthroughcache/docker-hub.</translation>
    </message>
    <message>
        <source>A secret name has at most 512 letters, digits and /_+=.@- characters.</source>
        <translation>Ein Secret-Name besteht aus höchstens 512 Buchstaben, Ziffern und den Zeichen /_+=.@-.</translation>
    </message>
    <message>
        <source>Do not end the name with a hyphen and six characters: Secrets Manager adds such a suffix to the ARN itself.</source>
        <translation>Beenden Sie den Namen nicht mit einem Bindestrich und sechs Zeichen: Secrets Manager hängt selbst ein solches Suffix an den ARN an.</translation>
    </message>
    <message>
        <source>Enter the upstream registry&apos;s user name.</source>
        <translation>Geben Sie den Benutzernamen für die Upstream-Registry ein.</translation>
    </message>
    <message>
        <source>Enter the access token (or password) of that user.</source>
        <translation>Geben Sie das Zugriffstoken (oder Passwort) dieses Benutzers ein.</translation>
    </message>
    <message>
        <source>The user name and token are longer than a secret can hold (64 KiB).</source>
        <translation>Benutzername und Token sind länger, als ein Secret aufnehmen kann (64 KiB).</translation>
    </message>
    <message>
        <source>AWS Secrets Manager</source>
        <translation>AWS Secrets Manager</translation>
    </message>
</context>
<context>
    <name>ecr::ServiceClient</name>
    <message>
        <source>The request was cancelled.</source>
        <translation>Die Anfrage wurde abgebrochen.</translation>
    </message>
    <message>
        <source>The %1 request was stopped: its connection was closed.</source>
        <translation>Die Anfrage %1 wurde abgebrochen: Ihre Verbindung wurde geschlossen.</translation>
    </message>
    <message>
        <source>%1 answered with a body that is not JSON.</source>
        <translation>%1 hat mit einem Inhalt geantwortet, der kein JSON ist.</translation>
    </message>
</context>
<context>
    <name>ecr::ServiceProtocol</name>
    <message>
        <source>%1 answered HTTP %2 with a body that is not one of its error answers.</source>
        <translation>%1 hat mit HTTP %2 und einem Inhalt geantwortet, der keine seiner Fehlerantworten ist.</translation>
    </message>
    <message>
        <source>%1 answered HTTP %2 with a web page instead of an error answer: &quot;%3&quot;.</source>
        <translation>%1 hat mit HTTP %2 und einer Webseite statt einer Fehlerantwort geantwortet: „%3“.</translation>
    </message>
</context>
<context>
    <name>ecr::SessionCache</name>
    <message>
        <source>Getting the credentials was cancelled.</source>
        <translation>Das Abrufen der Anmeldedaten wurde abgebrochen.</translation>
    </message>
</context>
<context>
    <name>ecr::SharedConfig</name>
    <message>
        <source>cannot be read: %1</source>
        <translation>kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is set again in this section; the last value counts.</source>
        <translation>&apos;%1&apos; wird in diesem Abschnitt erneut gesetzt; der letzte Wert gilt.</translation>
    </message>
    <message>
        <source>The section header &apos;%1&apos; has no closing &apos;]&apos;; the lines up to the next section are ignored.</source>
        <translation>Der Abschnittskopf &apos;%1&apos; hat kein schließendes &apos;]&apos;; die Zeilen bis zum nächsten Abschnitt werden ignoriert.</translation>
    </message>
    <message>
        <source>Text after the section header is ignored: &apos;%1&apos;.</source>
        <translation>Text nach dem Abschnittskopf wird ignoriert: &apos;%1&apos;.</translation>
    </message>
    <message>
        <source>The profile section has no name.</source>
        <translation>Der Profilabschnitt hat keinen Namen.</translation>
    </message>
    <message>
        <source>[%1] is not a profile section: in the config file profiles are written [profile %1] (only [default] has no prefix).</source>
        <translation>[%1] ist kein Profilabschnitt: In der config-Datei werden Profile als [profile %1] geschrieben (nur [default] hat kein Präfix).</translation>
    </message>
    <message>
        <source>In the credentials file sections have no &apos;profile &apos; prefix; this section is the profile named &apos;%1&apos;.</source>
        <translation>In der credentials-Datei haben Abschnitte kein Präfix &apos;profile &apos;; dieser Abschnitt ist das Profil namens &apos;%1&apos;.</translation>
    </message>
    <message>
        <source>The section header has no name.</source>
        <translation>Der Abschnittskopf hat keinen Namen.</translation>
    </message>
    <message>
        <source>The section [%1] appears more than once; its values are merged.</source>
        <translation>Der Abschnitt [%1] kommt mehrmals vor; seine Werte werden zusammengeführt.</translation>
    </message>
    <message>
        <source>Expected &apos;name = value&apos; under &apos;%1&apos;, found &apos;%2&apos;.</source>
        <translation>Unter &apos;%1&apos; wurde &apos;name = value&apos; erwartet, aber &apos;%2&apos; gefunden.</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is outside a section; settings belong under a header such as [default].</source>
        <translation>&apos;%1&apos; steht außerhalb eines Abschnitts; Einstellungen gehören unter einen Abschnittskopf wie [default].</translation>
    </message>
    <message>
        <source>Expected &apos;name = value&apos;, found &apos;%1&apos;.</source>
        <translation>&apos;name = value&apos; erwartet, aber &apos;%1&apos; gefunden.</translation>
    </message>
    <message>
        <source>The setting has no name.</source>
        <translation>Die Einstellung hat keinen Namen.</translation>
    </message>
    <message>
        <source>Profile &apos;%1&apos; %2.</source>
        <translation>Profil &apos;%1&apos; %2.</translation>
    </message>
    <message>
        <source>names sso_session &apos;%1&apos;, but %2 has no [sso-session %1] section</source>
        <translation>nennt sso_session &apos;%1&apos;, aber %2 hat keinen Abschnitt [sso-session %1]</translation>
    </message>
    <message>
        <source>sets sso_start_url &apos;%1&apos;, but its sso-session &apos;%2&apos; has &apos;%3&apos;</source>
        <translation>setzt sso_start_url &apos;%1&apos;, aber seine sso-session &apos;%2&apos; hat &apos;%3&apos;</translation>
    </message>
    <message>
        <source>sets sso_region &apos;%1&apos;, but its sso-session &apos;%2&apos; has &apos;%3&apos;</source>
        <translation>setzt sso_region &apos;%1&apos;, aber seine sso-session &apos;%2&apos; hat &apos;%3&apos;</translation>
    </message>
    <message>
        <source>uses sso-session &apos;%1&apos;, which lacks sso_start_url or sso_region</source>
        <translation>verwendet sso-session &apos;%1&apos;, in der sso_start_url oder sso_region fehlt</translation>
    </message>
    <message>
        <source>uses IAM Identity Center but sets neither sso_session nor both sso_start_url and sso_region</source>
        <translation>verwendet IAM Identity Center, setzt aber weder sso_session noch sowohl sso_start_url als auch sso_region</translation>
    </message>
    <message>
        <source>uses IAM Identity Center but lacks sso_account_id or sso_role_name</source>
        <translation>verwendet IAM Identity Center, aber sso_account_id oder sso_role_name fehlt</translation>
    </message>
    <message>
        <source>There is no profile &apos;%1&apos; in %2 or %3.</source>
        <translation>Es gibt kein Profil &apos;%1&apos; in %2 oder %3.</translation>
    </message>
    <message>
        <source>endpoint_url of profile &apos;%1&apos; in %2</source>
        <translation>endpoint_url des Profils &apos;%1&apos; in %2</translation>
    </message>
    <message>
        <source>%1 in [services %2] of %3</source>
        <translation>%1 in [services %2] von %3</translation>
    </message>
    <message>
        <source>sets both source_profile and credential_source</source>
        <translation>setzt sowohl source_profile als auch credential_source</translation>
    </message>
    <message>
        <source>uses credential_source = %1; only Environment is supported</source>
        <translation>verwendet credential_source = %1; nur Environment wird unterstützt</translation>
    </message>
    <message>
        <source>uses web_identity_token_file, which this app does not support</source>
        <translation>verwendet web_identity_token_file, was diese App nicht unterstützt</translation>
    </message>
    <message>
        <source>sets role_arn without source_profile or credential_source</source>
        <translation>setzt role_arn ohne source_profile oder credential_source</translation>
    </message>
    <message>
        <source>has duration_seconds = &apos;%1&apos;, which is not a number</source>
        <translation>hat duration_seconds = &apos;%1&apos;, was keine Zahl ist</translation>
    </message>
    <message>
        <source>has no credentials (no access key, role_arn or credential_process)</source>
        <translation>hat keine Anmeldedaten (weder Zugriffsschlüssel noch role_arn oder credential_process)</translation>
    </message>
</context>
<context>
    <name>ecr::SharedConfigImport</name>
    <message>
        <source>No profile was imported.</source>
        <translation>Es wurde kein Profil importiert.</translation>
    </message>
    <message numerus="yes">
        <source>Imported %n profile(s).</source>
        <translation>
            <numerusform>%n Profil importiert.</numerusform>
            <numerusform>%n Profile importiert.</numerusform>
        </translation>
    </message>
    <message>
        <source>Skipped &apos;%1&apos;: %2</source>
        <translation>&apos;%1&apos; übersprungen: %2</translation>
    </message>
    <message>
        <source>The access keys are now in the system keychain, but %1 still contains them in plain text. Remove them from that file once the imported profiles work.</source>
        <translation>Die Zugriffsschlüssel befinden sich jetzt im Schlüsselbund des Systems, aber %1 enthält sie weiterhin im Klartext. Entfernen Sie sie aus dieser Datei, sobald die importierten Profile funktionieren.</translation>
    </message>
    <message>
        <source>the app already has a profile with this name</source>
        <translation>die App hat bereits ein Profil mit diesem Namen</translation>
    </message>
    <message>
        <source>it assumes a role with its own keys (source_profile names itself); import the keys as a separate profile and make it the source</source>
        <translation>es übernimmt eine Rolle mit eigenen Schlüsseln (source_profile verweist auf sich selbst); importieren Sie die Schlüssel als separates Profil und legen Sie es als Quelle fest</translation>
    </message>
    <message>
        <source>its source profile &apos;%1&apos; was not imported</source>
        <translation>sein Quellprofil &apos;%1&apos; wurde nicht importiert</translation>
    </message>
</context>
<context>
    <name>ecr::SharedConfigWriter</name>
    <message>
        <source>%1 has a profile named &apos;%2&apos; already; choose another name.</source>
        <translation>%1 enthält bereits ein Profil namens &apos;%2&apos;; wählen Sie einen anderen Namen.</translation>
    </message>
    <message>
        <source>%1 has an sso-session &apos;%2&apos; for another portal or region; choose another session name.</source>
        <translation>%1 enthält eine sso-session &apos;%2&apos; für ein anderes Portal oder eine andere Region; wählen Sie einen anderen Sitzungsnamen.</translation>
    </message>
    <message>
        <source>%1 could not be written: %2</source>
        <translation>%1 konnte nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>its folder cannot be created</source>
        <translation>der Ordner kann nicht erstellt werden</translation>
    </message>
</context>
<context>
    <name>ecr::ShortcutsDialog</name>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>Cancel the request in flight; clear the filter</source>
        <translation>Laufende Anfrage abbrechen; Filter leeren</translation>
    </message>
    <message>
        <source>Esc</source>
        <translation>Esc</translation>
    </message>
    <message>
        <source>Show the selected rule&apos;s details</source>
        <translation>Details der ausgewählten Regel anzeigen</translation>
    </message>
    <message>
        <source>Enter, double-click</source>
        <translation>Enter, Doppelklick</translation>
    </message>
    <message>
        <source>From the filter to the first rule</source>
        <translation>Vom Filter zur ersten Regel</translation>
    </message>
    <message>
        <source>Down or Enter</source>
        <translation>Down oder Enter</translation>
    </message>
    <message>
        <source>Select several rules</source>
        <translation>Mehrere Regeln auswählen</translation>
    </message>
    <message>
        <source>Shift or Ctrl with the arrows or a click</source>
        <translation>Shift oder Ctrl mit den Pfeiltasten oder einem Klick</translation>
    </message>
    <message>
        <source>Show or hide the text of a secret field</source>
        <translation>Text eines geheimen Felds ein- oder ausblenden</translation>
    </message>
    <message>
        <source>Ctrl+H</source>
        <translation>Ctrl+H</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Tasten</translation>
    </message>
</context>
<context>
    <name>ecr::SsoOidcClient</name>
    <message>
        <source>The SSO OIDC service answered without %1.</source>
        <translation>Der SSO-OIDC-Dienst hat ohne %1 geantwortet.</translation>
    </message>
    <message>
        <source>AWS IAM Identity Center (OIDC)</source>
        <translation>AWS IAM Identity Center (OIDC)</translation>
    </message>
    <message>
        <source>SSO OIDC</source>
        <translation>SSO OIDC</translation>
    </message>
    <message>
        <source>a client registration</source>
        <translation>eine Client-Registrierung</translation>
    </message>
    <message>
        <source>a device authorization</source>
        <translation>eine Geräteautorisierung</translation>
    </message>
    <message>
        <source>an access token</source>
        <translation>ein Zugriffstoken</translation>
    </message>
</context>
<context>
    <name>ecr::SsoPage</name>
    <message>
        <source>SS&amp;O session:</source>
        <translation>SS&amp;O-Sitzung:</translation>
    </message>
    <message>
        <source>Optional; for example my-sso (an [sso-session] of the AWS CLI)</source>
        <translation>Optional; zum Beispiel my-sso (eine [sso-session] der AWS CLI)</translation>
    </message>
    <message>
        <source>&amp;Portal URL:</source>
        <translation>&amp;Portal-URL:</translation>
    </message>
    <message>
        <source>https://my-company.awsapps.com/start</source>
        <translation>https://my-company.awsapps.com/start</translation>
    </message>
    <message>
        <source>Identity Center re&amp;gion:</source>
        <translation>Identity-Center-Re&amp;gion:</translation>
    </message>
    <message>
        <source>For example eu-west-1</source>
        <translation>Zum Beispiel eu-west-1</translation>
    </message>
    <message>
        <source>Acco&amp;unt ID:</source>
        <translation>Konto-&amp;ID:</translation>
    </message>
    <message>
        <source>123456789012</source>
        <translation>123456789012</translation>
    </message>
    <message>
        <source>Role (permiss&amp;ion set):</source>
        <translation>Rolle (Berechtigungs&amp;satz):</translation>
    </message>
    <message>
        <source>For example AdministratorAccess</source>
        <translation>Zum Beispiel AdministratorAccess</translation>
    </message>
    <message>
        <source>Signing in opens the access portal in your browser; the token is kept where the AWS CLI keeps it (~/.aws/sso/cache), so `aws sso login` and this app share the sign-in of an SSO session.</source>
        <translation>Die Anmeldung öffnet das Zugriffsportal in Ihrem Browser; das Token wird dort gespeichert, wo auch die AWS CLI es speichert (~/.aws/sso/cache), sodass `aws sso login` und diese App sich die Anmeldung einer SSO-Sitzung teilen.</translation>
    </message>
</context>
<context>
    <name>ecr::SsoPortalClient</name>
    <message>
        <source>The SSO portal answered without %1.</source>
        <translation>Das SSO-Portal hat ohne %1 geantwortet.</translation>
    </message>
    <message>
        <source>AWS IAM Identity Center (portal)</source>
        <translation>AWS IAM Identity Center (Portal)</translation>
    </message>
    <message>
        <source>SSO portal</source>
        <translation>SSO-Portal</translation>
    </message>
    <message>
        <source>role credentials</source>
        <translation>Rollen-Anmeldedaten</translation>
    </message>
</context>
<context>
    <name>ecr::SsoProfileDialog</name>
    <message>
        <source>Add SSO Profile</source>
        <translation>SSO-Profil hinzufügen</translation>
    </message>
    <message>
        <source>A new sign-in</source>
        <translation>Eine neue Anmeldung</translation>
    </message>
    <message>
        <source>%1 (AWS CLI config)</source>
        <translation>%1 (AWS-CLI-Konfiguration)</translation>
    </message>
    <message>
        <source>%1 (profile %2)</source>
        <translation>%1 (Profil %2)</translation>
    </message>
    <message>
        <source>Cancel Sign-&amp;In</source>
        <translation>Anmeldung abbrech&amp;en</translation>
    </message>
    <message>
        <source>Sign &amp;In…</source>
        <translation>&amp;Anmelden…</translation>
    </message>
    <message>
        <source>Sign in to list the accounts and roles you may use.</source>
        <translation>Melden Sie sich an, um die Konten und Rollen aufzulisten, die Sie verwenden dürfen.</translation>
    </message>
    <message>
        <source>Choose an account.</source>
        <translation>Wählen Sie ein Konto.</translation>
    </message>
    <message>
        <source>Choose a role.</source>
        <translation>Wählen Sie eine Rolle.</translation>
    </message>
    <message>
        <source>The AWS CLI&apos;s config has an sso-session &apos;%1&apos; for another portal or region; choose another session name, or choose that sign-in above.</source>
        <translation>Die Konfiguration der AWS CLI enthält eine sso-session &apos;%1&apos; für ein anderes Portal oder eine andere Region; wählen Sie einen anderen Sitzungsnamen oder oben diese Anmeldung.</translation>
    </message>
    <message>
        <source>A profile with custom endpoints (such as the Local sandbox&apos;s) stays in the app.</source>
        <translation>Ein Profil mit eigenen Endpunkten (etwa das der lokalen Sandbox) bleibt in der App.</translation>
    </message>
    <message>
        <source>Adds the text below to %1; the profile list then shows the app&apos;s profile and the AWS CLI&apos;s, marked (AWS CLI).</source>
        <translation>Fügt den folgenden Text zu %1 hinzu; die Profilliste zeigt dann das Profil der App und das der AWS CLI, gekennzeichnet mit (AWS CLI).</translation>
    </message>
    <message>
        <source># Added to %1:</source>
        <translation># Zu %1 hinzugefügt:</translation>
    </message>
    <message>
        <source>Signing in to %1…</source>
        <translation>Anmeldung bei %1…</translation>
    </message>
    <message>
        <source>Signing in was cancelled.</source>
        <translation>Die Anmeldung wurde abgebrochen.</translation>
    </message>
    <message>
        <source>Signing in</source>
        <translation>Anmeldung</translation>
    </message>
    <message>
        <source>Signed in, but this sign-in reaches no account. Ask your administrator for an assignment.</source>
        <translation>Angemeldet, aber mit dieser Anmeldung ist kein Konto erreichbar. Bitten Sie Ihren Administrator um eine Zuweisung.</translation>
    </message>
    <message numerus="yes">
        <source>Signed in: %n account(s).</source>
        <translation>
            <numerusform>Angemeldet: %n Konto.</numerusform>
            <numerusform>Angemeldet: %n Konten.</numerusform>
        </translation>
    </message>
    <message>
        <source>Listing the roles of account %1…</source>
        <translation>Die Rollen von Konto %1 werden aufgelistet…</translation>
    </message>
    <message>
        <source>Listing the roles</source>
        <translation>Auflisten der Rollen</translation>
    </message>
    <message numerus="yes">
        <source>Account %1: %n role(s).</source>
        <translation>
            <numerusform>Konto %1: %n Rolle.</numerusform>
            <numerusform>Konto %1: %n Rollen.</numerusform>
        </translation>
    </message>
    <message>
        <source>Saving the profile</source>
        <translation>Speichern des Profils</translation>
    </message>
    <message>
        <source>%1 Nothing was saved.</source>
        <translation>%1 Es wurde nichts gespeichert.</translation>
    </message>
    <message>
        <source>1. Sign in</source>
        <translation>1. Anmelden</translation>
    </message>
    <message>
        <source>Sign-in t&amp;o:</source>
        <translation>Anmeldung &amp;bei:</translation>
    </message>
    <message>
        <source>Session &amp;name:</source>
        <translation>Sitzungs&amp;name:</translation>
    </message>
    <message>
        <source>For example my-sso; the AWS CLI knows it as [sso-session my-sso]</source>
        <translation>Zum Beispiel my-sso; die AWS CLI kennt sie als [sso-session my-sso]</translation>
    </message>
    <message>
        <source>&amp;Portal URL:</source>
        <translation>&amp;Portal-URL:</translation>
    </message>
    <message>
        <source>https://my-company.awsapps.com/start</source>
        <translation>https://my-company.awsapps.com/start</translation>
    </message>
    <message>
        <source>Identity Center re&amp;gion:</source>
        <translation>Identity-Center-Re&amp;gion:</translation>
    </message>
    <message>
        <source>For example eu-west-1</source>
        <translation>Zum Beispiel eu-west-1</translation>
    </message>
    <message>
        <source>2. Account and role</source>
        <translation>2. Konto und Rolle</translation>
    </message>
    <message>
        <source>Search accounts by name, ID or e-mail</source>
        <translation>Konten nach Name, ID oder E-Mail suchen</translation>
    </message>
    <message>
        <source>Search accounts</source>
        <translation>Konten suchen</translation>
    </message>
    <message>
        <source>&amp;Find account:</source>
        <translation>Konto &amp;suchen:</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Konto</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation>Konten</translation>
    </message>
    <message>
        <source>Roles</source>
        <translation>Rollen</translation>
    </message>
    <message>
        <source>Accoun&amp;ts:</source>
        <translation>Kon&amp;ten:</translation>
    </message>
    <message>
        <source>Ro&amp;les:</source>
        <translation>Ro&amp;llen:</translation>
    </message>
    <message>
        <source>3. Profile</source>
        <translation>3. Profil</translation>
    </message>
    <message>
        <source>Profile na&amp;me:</source>
        <translation>Profilna&amp;me:</translation>
    </message>
    <message>
        <source>The ECR region; for example us-east-1</source>
        <translation>Die ECR-Region; zum Beispiel us-east-1</translation>
    </message>
    <message>
        <source>ECR &amp;region:</source>
        <translation>ECR-&amp;Region:</translation>
    </message>
    <message>
        <source>Also add it to the AWS CLI&apos;s &amp;config file</source>
        <translation>Auch zur &amp;Konfigurationsdatei der AWS CLI hinzufügen</translation>
    </message>
    <message>
        <source>Text that will be added to the config file</source>
        <translation>Text, der zur Konfigurationsdatei hinzugefügt wird</translation>
    </message>
</context>
<context>
    <name>ecr::SsoSessionConfig</name>
    <message>
        <source>sso-session %1</source>
        <translation>sso-session %1</translation>
    </message>
</context>
<context>
    <name>ecr::SsoSignInDialog</name>
    <message>
        <source>Sign In with IAM Identity Center</source>
        <translation>Mit IAM Identity Center anmelden</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Time left to approve</source>
        <translation>Verbleibende Zeit zur Bestätigung</translation>
    </message>
    <message>
        <source>Waiting for you to approve the sign-in in the browser…</source>
        <translation>Es wird gewartet, bis Sie die Anmeldung im Browser bestätigen…</translation>
    </message>
    <message>
        <source>&amp;Open Browser</source>
        <translation>Browser ö&amp;ffnen</translation>
    </message>
    <message>
        <source>Cop&amp;y Code</source>
        <translation>Code &amp;kopieren</translation>
    </message>
    <message>
        <source>The code is on the clipboard.</source>
        <translation>Der Code befindet sich in der Zwischenablage.</translation>
    </message>
    <message>
        <source>To sign in to %1, approve this code in your browser. The page opens by itself; if it does not, open the address below and enter the code.</source>
        <translation>Um sich bei %1 anzumelden, bestätigen Sie diesen Code in Ihrem Browser. Die Seite öffnet sich von selbst; falls nicht, öffnen Sie die unten stehende Adresse und geben Sie den Code ein.</translation>
    </message>
    <message>
        <source>No browser could be opened. Open %1 yourself and enter the code.</source>
        <translation>Es konnte kein Browser geöffnet werden. Öffnen Sie %1 selbst und geben Sie den Code ein.</translation>
    </message>
    <message>
        <source>%1:%2 left to approve</source>
        <translation>Noch %1:%2 zur Bestätigung</translation>
    </message>
    <message>
        <source>The code has expired</source>
        <translation>Der Code ist abgelaufen</translation>
    </message>
</context>
<context>
    <name>ecr::SsoTokenCache</name>
    <message>
        <source>The SSO cache file %1 cannot be read: %2.</source>
        <translation>Die SSO-Cache-Datei %1 kann nicht gelesen werden: %2.</translation>
    </message>
    <message>
        <source>The SSO cache file %1 is too large to be a token.</source>
        <translation>Die SSO-Cache-Datei %1 ist zu groß für ein Token.</translation>
    </message>
    <message>
        <source>The SSO cache file %1 is not a token (it needs accessToken and expiresAt).</source>
        <translation>Die SSO-Cache-Datei %1 ist kein Token (sie benötigt accessToken und expiresAt).</translation>
    </message>
    <message>
        <source>The SSO cache file %1 cannot be removed: %2.</source>
        <translation>Die SSO-Cache-Datei %1 kann nicht entfernt werden: %2.</translation>
    </message>
    <message>
        <source>The SSO cache folder %1 cannot be created.</source>
        <translation>Der SSO-Cache-Ordner %1 kann nicht erstellt werden.</translation>
    </message>
    <message>
        <source>The SSO cache folder %1 is not writable: %2.</source>
        <translation>Der SSO-Cache-Ordner %1 ist nicht beschreibbar: %2.</translation>
    </message>
    <message>
        <source>The SSO cache file %1 cannot be written: %2.</source>
        <translation>Die SSO-Cache-Datei %1 kann nicht geschrieben werden: %2.</translation>
    </message>
</context>
<context>
    <name>ecr::SsoTokenProvider</name>
    <message>
        <source>Signing in was cancelled.</source>
        <translation>Die Anmeldung wurde abgebrochen.</translation>
    </message>
    <message>
        <source>Sign in to %1 first (for example with `aws sso login`): no sign-in window is available here.</source>
        <translation>Melden Sie sich zuerst bei %1 an (zum Beispiel mit `aws sso login`): Hier ist kein Anmeldefenster verfügbar.</translation>
    </message>
    <message>
        <source>The service asked to check less often; still waiting.</source>
        <translation>Der Dienst hat um selteneres Abfragen gebeten; es wird weiter gewartet.</translation>
    </message>
    <message>
        <source>The sign-in code for %1 expired before it was approved. Sign in again.</source>
        <translation>Der Anmeldecode für %1 ist abgelaufen, bevor er bestätigt wurde. Melden Sie sich erneut an.</translation>
    </message>
    <message>
        <source>The sign-in to %1 was denied. Sign in again and allow access in the browser, or ask your administrator for access.</source>
        <translation>Die Anmeldung bei %1 wurde abgelehnt. Melden Sie sich erneut an und erlauben Sie den Zugriff im Browser, oder bitten Sie Ihren Administrator um Zugriff.</translation>
    </message>
    <message>
        <source>Could not reach IAM Identity Center (%1); still trying.</source>
        <translation>IAM Identity Center ist nicht erreichbar (%1); es wird weiter versucht.</translation>
    </message>
    <message>
        <source>Waiting for you to approve the sign-in in the browser…</source>
        <translation>Es wird gewartet, bis Sie die Anmeldung im Browser bestätigen…</translation>
    </message>
</context>
<context>
    <name>ecr::SsoTypes</name>
    <message>
        <source>The %1 endpoint URL &apos;%2&apos; is not a valid http(s) URL.</source>
        <translation>Die %1-Endpunkt-URL &apos;%2&apos; ist keine gültige http(s)-URL.</translation>
    </message>
    <message>
        <source>The %1 region is not set (sso_region).</source>
        <translation>Die %1-Region ist nicht festgelegt (sso_region).</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not an AWS region (sso_region).</source>
        <translation>&apos;%1&apos; ist keine AWS-Region (sso_region).</translation>
    </message>
</context>
<context>
    <name>ecr::StaticKeyStore</name>
    <message>
        <source>The keys saved in the system keychain for this profile cannot be read. Edit the profile and enter its access key again.</source>
        <translation>Die im Schlüsselbund des Systems gespeicherten Schlüssel dieses Profils können nicht gelesen werden. Bearbeiten Sie das Profil und geben Sie seinen Zugriffsschlüssel erneut ein.</translation>
    </message>
</context>
<context>
    <name>ecr::StsClient</name>
    <message>
        <source>AWS STS</source>
        <translation>AWS STS</translation>
    </message>
    <message>
        <source>No credentials to call STS with.</source>
        <translation>Keine Anmeldedaten für den Aufruf von STS vorhanden.</translation>
    </message>
</context>
<context>
    <name>ecr::StsProtocol</name>
    <message>
        <source>STS answered with a response that could not be read (%1).</source>
        <translation>STS hat mit einer Antwort geantwortet, die nicht gelesen werden konnte (%1).</translation>
    </message>
    <message>
        <source>no credentials</source>
        <translation>keine Anmeldedaten</translation>
    </message>
    <message>
        <source>no valid Expiration</source>
        <translation>keine gültige Expiration</translation>
    </message>
    <message>
        <source>The STS endpoint URL &apos;%1&apos; is not a valid http(s) URL.</source>
        <translation>Die STS-Endpunkt-URL &apos;%1&apos; ist keine gültige http(s)-URL.</translation>
    </message>
    <message>
        <source>No region is set for STS. Choose a region for this profile.</source>
        <translation>Für STS ist keine Region festgelegt. Wählen Sie eine Region für dieses Profil.</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a valid region name.</source>
        <translation>&apos;%1&apos; ist kein gültiger Regionsname.</translation>
    </message>
    <message>
        <source>not an AssumeRoleResponse</source>
        <translation>keine AssumeRoleResponse</translation>
    </message>
    <message>
        <source>not a GetSessionTokenResponse</source>
        <translation>keine GetSessionTokenResponse</translation>
    </message>
    <message>
        <source>not a GetCallerIdentityResponse</source>
        <translation>keine GetCallerIdentityResponse</translation>
    </message>
    <message>
        <source>no Account or Arn</source>
        <translation>weder Account noch Arn</translation>
    </message>
</context>
<context>
    <name>ecr::TemplateEditDialog</name>
    <message>
        <source>&amp;Prefix:</source>
        <translation>&amp;Präfix:</translation>
    </message>
    <message>
        <source>A rule&apos;s prefix such as docker-hub, or ROOT</source>
        <translation>Das Präfix einer Regel, etwa docker-hub, oder ROOT</translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation>&amp;Beschreibung:</translation>
    </message>
    <message>
        <source>Optional</source>
        <translation>Optional</translation>
    </message>
    <message>
        <source>Pull through c&amp;ache</source>
        <translation>Pull-Through-C&amp;ache</translation>
    </message>
    <message>
        <source>Rep&amp;lication</source>
        <translation>Rep&amp;likation</translation>
    </message>
    <message>
        <source>Create on p&amp;ush</source>
        <translation>Beim Pus&amp;h erstellen</translation>
    </message>
    <message>
        <source>Applies to:</source>
        <translation>Gilt für:</translation>
    </message>
    <message>
        <source>AES-256 (default)</source>
        <translation>AES-256 (Standard)</translation>
    </message>
    <message>
        <source>AWS KMS</source>
        <translation>AWS KMS</translation>
    </message>
    <message>
        <source>AWS KMS, dual-layer (DSSE)</source>
        <translation>AWS KMS, zweischichtig (DSSE)</translation>
    </message>
    <message>
        <source>&amp;Encryption:</source>
        <translation>&amp;Verschlüsselung:</translation>
    </message>
    <message>
        <source>&amp;KMS key:</source>
        <translation>&amp;KMS-Schlüssel:</translation>
    </message>
    <message>
        <source>A key ARN; empty: the AWS-managed ECR key</source>
        <translation>Ein Schlüssel-ARN; leer: der von AWS verwaltete ECR-Schlüssel</translation>
    </message>
    <message>
        <source>Mutable (default)</source>
        <translation>Veränderlich (Standard)</translation>
    </message>
    <message>
        <source>Immutable</source>
        <translation>Unveränderlich</translation>
    </message>
    <message>
        <source>Immutable, except the tags below</source>
        <translation>Unveränderlich, außer den folgenden Tags</translation>
    </message>
    <message>
        <source>Mutable, except the tags below</source>
        <translation>Veränderlich, außer den folgenden Tags</translation>
    </message>
    <message>
        <source>Tag &amp;mutability:</source>
        <translation>&amp;Tag-Veränderlichkeit:</translation>
    </message>
    <message>
        <source>E&amp;xcept tags:</source>
        <translation>A&amp;usgenommene Tags:</translation>
    </message>
    <message>
        <source>Comma-separated wildcards, such as latest, dev-*</source>
        <translation>Durch Kommas getrennte Platzhaltermuster, etwa latest, dev-*</translation>
    </message>
    <message>
        <source>One key=value per line</source>
        <translation>Ein key=value pro Zeile</translation>
    </message>
    <message>
        <source>Resource ta&amp;gs:</source>
        <translation>Ressourcen-Ta&amp;gs:</translation>
    </message>
    <message>
        <source>Optional: a repository policy as JSON</source>
        <translation>Optional: eine Repository-Richtlinie als JSON</translation>
    </message>
    <message>
        <source>Repository p&amp;olicy:</source>
        <translation>Rep&amp;ository-Richtlinie:</translation>
    </message>
    <message>
        <source>Lifecycle presets</source>
        <translation>Lebenszyklus-Voreinstellungen</translation>
    </message>
    <message>
        <source>Start from a preset…</source>
        <translation>Von einer Voreinstellung ausgehen…</translation>
    </message>
    <message>
        <source>Optional: a lifecycle policy as JSON</source>
        <translation>Optional: eine Lebenszyklus-Richtlinie als JSON</translation>
    </message>
    <message>
        <source>L&amp;ifecycle policy:</source>
        <translation>L&amp;ebenszyklus-Richtlinie:</translation>
    </message>
    <message>
        <source>Custom &amp;role:</source>
        <translation>Eigene &amp;Rolle:</translation>
    </message>
    <message>
        <source>arn:aws:iam::123456789012:role/ecr-template; needed for tags or KMS</source>
        <translation>arn:aws:iam::123456789012:role/ecr-template; erforderlich für Tags oder KMS</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Speichern</translation>
    </message>
    <message>
        <source>Saving the template</source>
        <translation>Speichern der Vorlage</translation>
    </message>
    <message>
        <source>Edit Template %1</source>
        <translation>Vorlage %1 bearbeiten</translation>
    </message>
    <message>
        <source>New Template</source>
        <translation>Neue Vorlage</translation>
    </message>
</context>
<context>
    <name>ecr::TemplatesDialog</name>
    <message>
        <source>Repository Creation Templates</source>
        <translation>Vorlagen für die Repository-Erstellung</translation>
    </message>
    <message>
        <source>Prefix</source>
        <translation>Präfix</translation>
    </message>
    <message>
        <source>Applies to</source>
        <translation>Gilt für</translation>
    </message>
    <message>
        <source>Encryption</source>
        <translation>Verschlüsselung</translation>
    </message>
    <message>
        <source>Tag mutability</source>
        <translation>Tag-Veränderlichkeit</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Tags</translation>
    </message>
    <message>
        <source>Policies</source>
        <translation>Richtlinien</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <source>&amp;New…</source>
        <translation>&amp;Neu…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Bearbeiten…</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>&amp;Löschen…</translation>
    </message>
    <message>
        <source>&amp;Copy to…</source>
        <translation>&amp;Kopieren nach…</translation>
    </message>
    <message>
        <source>Copy the selected template to other regions or accounts, with a preview</source>
        <translation>Die ausgewählte Vorlage mit Vorschau in andere Regionen oder Konten kopieren</translation>
    </message>
    <message>
        <source>Listing the templates</source>
        <translation>Auflisten der Vorlagen</translation>
    </message>
    <message>
        <source>Loading the templates…</source>
        <translation>Vorlagen werden geladen…</translation>
    </message>
    <message>
        <source>repository</source>
        <translation>Repository</translation>
    </message>
    <message>
        <source>lifecycle</source>
        <translation>Lebenszyklus</translation>
    </message>
    <message>
        <source>No templates: cached repositories get ECR&apos;s defaults (AES-256, mutable tags, no policies). New… adds one; ROOT covers every prefix without its own.</source>
        <translation>Keine Vorlagen: Zwischengespeicherte Repositorys erhalten die Standardwerte von ECR (AES-256, veränderliche Tags, keine Richtlinien). „Neu…“ fügt eine hinzu; ROOT gilt für jedes Präfix ohne eigene Vorlage.</translation>
    </message>
    <message numerus="yes">
        <source>%n template(s). A rule&apos;s repositories get the template of the rule&apos;s prefix, else ROOT&apos;s.</source>
        <translation>
            <numerusform>%n Vorlage. Die Repositorys einer Regel erhalten die Vorlage zum Präfix der Regel, sonst die von ROOT.</numerusform>
            <numerusform>%n Vorlagen. Die Repositorys einer Regel erhalten die Vorlage zum Präfix der Regel, sonst die von ROOT.</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete Template</source>
        <translation>Vorlage löschen</translation>
    </message>
    <message>
        <source>Delete the repository creation template %1? Repositories it made keep their settings; new ones under this prefix get another template&apos;s, or ECR&apos;s defaults.</source>
        <translation>Die Vorlage für die Repository-Erstellung %1 löschen? Von ihr erstellte Repositorys behalten ihre Einstellungen; neue unter diesem Präfix erhalten die einer anderen Vorlage oder die Standardwerte von ECR.</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Löschen</translation>
    </message>
    <message>
        <source>Deleting the template</source>
        <translation>Löschen der Vorlage</translation>
    </message>
</context>
<context>
    <name>ecr::TestPull</name>
    <message>
        <source>The registry answered HTTP %1.</source>
        <translation>Die Registry hat mit HTTP %1 geantwortet.</translation>
    </message>
    <message>
        <source>%1 is not an image of this rule&apos;s upstream: give a repository path and a tag, such as library/alpine:3.20.</source>
        <translation>%1 ist kein Image der Upstream-Registry dieser Regel: Geben Sie einen Repository-Pfad und ein Tag an, etwa library/alpine:3.20.</translation>
    </message>
    <message>
        <source>the Amazon ECR registry</source>
        <translation>die Registry von Amazon ECR</translation>
    </message>
</context>
<context>
    <name>ecr::TestPullDialog</name>
    <message>
        <source>Test Pull through %1</source>
        <translation>Test-Pull über %1</translation>
    </message>
    <message>
        <source>Asks the private registry for an image&apos;s manifest through this rule, as a node&apos;s first pull does: ECR fetches it from %1 and caches it. No Docker is needed; nothing is downloaded but the manifest.</source>
        <translation>Fragt die private Registry über diese Regel nach dem Manifest eines Images, wie es der erste Pull eines Knotens tut: ECR ruft es von %1 ab und legt es im Cache ab. Docker wird nicht benötigt; außer dem Manifest wird nichts heruntergeladen.</translation>
    </message>
    <message>
        <source>Upstream &amp;image:</source>
        <translation>Upstream-&amp;Image:</translation>
    </message>
    <message>
        <source>Pulls:</source>
        <translation>Ruft ab:</translation>
    </message>
    <message>
        <source>&amp;Pull</source>
        <translation>&amp;Pull</translation>
    </message>
    <message>
        <source>Ca&amp;ncel Pull</source>
        <translation>Pull a&amp;bbrechen</translation>
    </message>
    <message>
        <source>Give the image&apos;s path at the upstream in lower case and a tag, such as %1.</source>
        <translation>Geben Sie den Pfad des Images beim Upstream in Kleinbuchstaben und ein Tag an, etwa %1.</translation>
    </message>
    <message>
        <source>A first pull by digest does not fill the cache: test by tag.</source>
        <translation>Ein erster Pull per Digest füllt den Cache nicht: Testen Sie per Tag.</translation>
    </message>
    <message>
        <source>Pulling… a first pull waits for the upstream registry.</source>
        <translation>Pull läuft… ein erster Pull wartet auf die Upstream-Registry.</translation>
    </message>
    <message>
        <source>The test pull</source>
        <translation>Der Test-Pull</translation>
    </message>
    <message>
        <source>Digest:</source>
        <translation>Digest:</translation>
    </message>
    <message>
        <source>%1 (does not match the manifest&apos;s bytes)</source>
        <translation>%1 (stimmt nicht mit den Bytes des Manifests überein)</translation>
    </message>
    <message>
        <source>Media type:</source>
        <translation>Medientyp:</translation>
    </message>
    <message>
        <source>Platforms:</source>
        <translation>Plattformen:</translation>
    </message>
    <message>
        <source>Size:</source>
        <translation>Größe:</translation>
    </message>
    <message>
        <source>%1 (the manifest %2)</source>
        <translation>%1 (das Manifest %2)</translation>
    </message>
    <message numerus="yes">
        <source>an index of %n image(s), %1; each platform&apos;s image is cached with it</source>
        <translation>
            <numerusform>ein Index mit %n Image, %1; das Image jeder Plattform wird mit ihm zwischengespeichert</numerusform>
            <numerusform>ein Index mit %n Images, %1; das Image jeder Plattform wird mit ihm zwischengespeichert</numerusform>
        </translation>
    </message>
    <message>
        <source>Time:</source>
        <translation>Zeit:</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>The cache answered: %1 is in the repository %2.</source>
        <translation>Der Cache hat geantwortet: %1 befindet sich im Repository %2.</translation>
    </message>
</context>
<context>
    <name>ecr::TransportSecurity</name>
    <message>
        <source>the endpoint URL</source>
        <translation>die Endpunkt-URL</translation>
    </message>
    <message>
        <source>The endpoint URL &apos;%1&apos; from %2 is not a valid URL.</source>
        <translation>Die Endpunkt-URL &apos;%1&apos; aus %2 ist keine gültige URL.</translation>
    </message>
    <message>
        <source>The endpoint URL &apos;%1&apos; from %2 uses plain http to another computer. Answers carry secret keys and session tokens, so plain http is allowed only to this computer (localhost, 127.0.0.1, ::1); use https.</source>
        <translation>Die Endpunkt-URL &apos;%1&apos; aus %2 verwendet unverschlüsseltes http zu einem anderen Computer. Antworten enthalten geheime Schlüssel und Sitzungstoken, daher ist unverschlüsseltes http nur zu diesem Computer erlaubt (localhost, 127.0.0.1, ::1); verwenden Sie https.</translation>
    </message>
    <message>
        <source>The endpoint URL &apos;%1&apos; from %2 is not an https URL.</source>
        <translation>Die Endpunkt-URL &apos;%1&apos; aus %2 ist keine https-URL.</translation>
    </message>
    <message>
        <source>The CA bundle %1 cannot be read: %2.</source>
        <translation>Das CA-Bundle %1 kann nicht gelesen werden: %2.</translation>
    </message>
    <message>
        <source>The CA bundle %1 is larger than 16 MiB; it is not a certificate bundle.</source>
        <translation>Das CA-Bundle %1 ist größer als 16 MiB; es ist kein Zertifikat-Bundle.</translation>
    </message>
    <message>
        <source>The CA bundle %1 holds no PEM certificate (-----BEGIN CERTIFICATE-----).</source>
        <translation>Das CA-Bundle %1 enthält kein PEM-Zertifikat (-----BEGIN CERTIFICATE-----).</translation>
    </message>
</context>
<context>
    <name>ecr::UpdateCredentialsDialog</name>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>%1 needs no credentials, so this rule has none to change.</source>
        <translation>%1 benötigt keine Anmeldedaten, daher hat diese Regel keine, die geändert werden könnten.</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Speichern</translation>
    </message>
    <message>
        <source>Updating the credentials</source>
        <translation>Aktualisieren der Anmeldedaten</translation>
    </message>
</context>
<context>
    <name>ecr::ptc::Validation</name>
    <message>
        <source>Use lower-case letters and digits, separated by &apos;.&apos;, &apos;_&apos;, &apos;__&apos;, &apos;-&apos; or &apos;/&apos; (no separator at the start or end, no &apos;//&apos;), or ROOT.</source>
        <translation>Verwenden Sie Kleinbuchstaben und Ziffern, getrennt durch &apos;.&apos;, &apos;_&apos;, &apos;__&apos;, &apos;-&apos; oder &apos;/&apos; (kein Trennzeichen am Anfang oder Ende, kein &apos;//&apos;), oder ROOT.</translation>
    </message>
    <message>
        <source>A registry ID is the 12-digit AWS account ID.</source>
        <translation>Eine Registry-ID ist die 12-stellige AWS-Konto-ID.</translation>
    </message>
    <message>
        <source>Use the ARN of a Secrets Manager secret whose name starts with &apos;ecr-pullthroughcache/&apos;, e.g. arn:aws:secretsmanager:us-east-1:111122223333:secret:ecr-pullthroughcache/docker-hub-AbCdEf.</source>
        <translation>Verwenden Sie den ARN eines Secrets in Secrets Manager, dessen Name mit &apos;ecr-pullthroughcache/&apos; beginnt, z. B. arn:aws:secretsmanager:us-east-1:111122223333:secret:ecr-pullthroughcache/docker-hub-AbCdEf.</translation>
    </message>
    <message>
        <source>Choose one of the supported upstream registries.</source>
        <translation>Wählen Sie eine der unterstützten Upstream-Registrys.</translation>
    </message>
    <message>
        <source>%1 is required.</source>
        <translation>%1 ist erforderlich.</translation>
    </message>
    <message>
        <source>Cache repository prefix</source>
        <translation>Cache-Repository-Präfix</translation>
    </message>
    <message>
        <source>Upstream registry URL</source>
        <translation>URL der Upstream-Registry</translation>
    </message>
    <message>
        <source>Registry ID</source>
        <translation>Registry-ID</translation>
    </message>
    <message>
        <source>Upstream registry</source>
        <translation>Upstream-Registry</translation>
    </message>
    <message>
        <source>Credential ARN</source>
        <translation>ARN der Anmeldedaten</translation>
    </message>
    <message>
        <source>Custom role ARN</source>
        <translation>ARN der eigenen Rolle</translation>
    </message>
    <message>
        <source>Upstream repository prefix</source>
        <translation>Upstream-Repository-Präfix</translation>
    </message>
    <message>
        <source>Page size</source>
        <translation>Seitengröße</translation>
    </message>
    <message>
        <source>%1 must be at least %2 characters long.</source>
        <translation>%1 muss mindestens %2 Zeichen lang sein.</translation>
    </message>
    <message>
        <source>%1 must be at most %2 characters long (it has %3).</source>
        <translation>%1 darf höchstens %2 Zeichen lang sein (es sind %3).</translation>
    </message>
    <message>
        <source>%1 is not valid. %2</source>
        <translation>%1 ist ungültig. %2</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a supported upstream registry. Choose Amazon ECR Public, Kubernetes, Quay, Docker Hub, GitHub, Azure, GitLab, Chainguard or Amazon ECR.</source>
        <translation>&apos;%1&apos; ist keine unterstützte Upstream-Registry. Wählen Sie Amazon ECR Public, Kubernetes, Quay, Docker Hub, GitHub, Azure, GitLab, Chainguard oder Amazon ECR.</translation>
    </message>
    <message>
        <source>The URL for %1 must look like %2.</source>
        <translation>Die URL für %1 muss wie %2 aussehen.</translation>
    </message>
    <message>
        <source>%1 requires authentication: enter the ARN of a Secrets Manager secret whose name starts with &apos;ecr-pullthroughcache/&apos;.</source>
        <translation>%1 erfordert eine Authentifizierung: Geben Sie den ARN eines Secrets in Secrets Manager ein, dessen Name mit &apos;ecr-pullthroughcache/&apos; beginnt.</translation>
    </message>
    <message>
        <source>%1 does not use a Secrets Manager credential.</source>
        <translation>%1 verwendet keine Anmeldedaten aus Secrets Manager.</translation>
    </message>
    <message>
        <source>A custom role applies only to an Amazon ECR (private) upstream.</source>
        <translation>Eine eigene Rolle gilt nur für eine Upstream-Registry von Amazon ECR (privat).</translation>
    </message>
    <message>
        <source>An upstream repository prefix applies only to an Amazon ECR (private) upstream.</source>
        <translation>Ein Upstream-Repository-Präfix gilt nur für eine Upstream-Registry von Amazon ECR (privat).</translation>
    </message>
    <message>
        <source>The upstream repository prefix can be set only when the cache repository prefix is not ROOT.</source>
        <translation>Das Upstream-Repository-Präfix kann nur festgelegt werden, wenn das Cache-Repository-Präfix nicht ROOT ist.</translation>
    </message>
    <message>
        <source>Enter a new credential ARN or custom role ARN: an update changes only the credentials.</source>
        <translation>Geben Sie einen neuen ARN der Anmeldedaten oder der eigenen Rolle ein: Eine Aktualisierung ändert nur die Anmeldedaten.</translation>
    </message>
    <message>
        <source>Filter by at most 100 prefixes.</source>
        <translation>Filtern Sie nach höchstens 100 Präfixen.</translation>
    </message>
    <message>
        <source>The page size must be between 1 and 1000.</source>
        <translation>Die Seitengröße muss zwischen 1 und 1000 liegen.</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>ECR Pull-Through Cache Admin</source>
        <translation>ECR Pull-Through Cache Admin</translation>
    </message>
</context>
</TS>
