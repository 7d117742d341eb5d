#include "TemplateEditDialog.h"

#include "AppIcon.h"
#include "FormValidation.h"
#include "MessageBar.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QScrollArea>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace ecr {

namespace {

QPlainTextEdit* jsonEditor(QWidget* parent, const QString& name, const QString& placeholder)
{
    auto* edit = new QPlainTextEdit(parent);
    edit->setObjectName(name);
    edit->setPlaceholderText(placeholder);
    edit->setTabChangesFocus(true); // Tab moves on: every field stays reachable by keyboard
    edit->setFont(QFont(u"monospace"_s));
    edit->setMinimumHeight(edit->fontMetrics().lineSpacing() * 5);
    return edit;
}

} // namespace

TemplateEditDialog::TemplateEditDialog(QWidget* parent)
    : SubmitDialog(parent)
    , m_validation(new FormValidation(this))
{
    setObjectName(u"templateEditDialog"_s);
    setWindowIcon(applicationIcon());
    auto* layout = new QVBoxLayout(this);
    m_messageBar = new MessageBar(this);
    m_messageBar->setObjectName(u"messageBar"_s);
    layout->addWidget(m_messageBar);
    m_fields = new QWidget;
    m_form = new QFormLayout(m_fields);
    auto* scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setWidget(m_fields);
    layout->addWidget(scroll, 1);

    m_prefix = addLine(TemplateField::Prefix, tr("&Prefix:"), u"prefixLineEdit"_s,
        tr("A rule's prefix such as docker-hub, or ROOT"));
    m_description = addLine(
        TemplateField::Description, tr("&Description:"), u"descriptionLineEdit"_s, tr("Optional"));
    auto* uses = new QWidget(m_fields);
    auto* usesRow = new QHBoxLayout(uses);
    usesRow->setContentsMargins(0, 0, 0, 0);
    m_forPtc = new QCheckBox(tr("Pull through c&ache"), uses);
    m_forPtc->setObjectName(u"pullThroughCacheCheckBox"_s);
    m_forReplication = new QCheckBox(tr("Rep&lication"), uses);
    m_forReplication->setObjectName(u"replicationCheckBox"_s);
    m_forPush = new QCheckBox(tr("Create on p&ush"), uses);
    m_forPush->setObjectName(u"createOnPushCheckBox"_s);
    for (QCheckBox* box : {m_forPtc, m_forReplication, m_forPush}) {
        usesRow->addWidget(box);
        connect(box, &QCheckBox::toggled, this, [this] { refresh(); });
    }
    usesRow->addStretch();
    addRow(TemplateField::AppliedFor, tr("Applies to:"), uses, u"appliedForErrorLabel"_s);

    m_encryption = new QComboBox(m_fields);
    m_encryption->setObjectName(u"encryptionComboBox"_s);
    m_encryption->addItem(tr("AES-256 (default)"), u"AES256"_s);
    m_encryption->addItem(tr("AWS KMS"), u"KMS"_s);
    m_encryption->addItem(tr("AWS KMS, dual-layer (DSSE)"), u"KMS_DSSE"_s);
    addRow(
        TemplateField::EncryptionType, tr("&Encryption:"), m_encryption, u"encryptionErrorLabel"_s);
    m_kmsKey = addLine(TemplateField::KmsKey, tr("&KMS key:"), u"kmsKeyLineEdit"_s,
        tr("A key ARN; empty: the AWS-managed ECR key"));
    m_mutability = new QComboBox(m_fields);
    m_mutability->setObjectName(u"mutabilityComboBox"_s);
    m_mutability->addItem(tr("Mutable (default)"), u"MUTABLE"_s);
    m_mutability->addItem(tr("Immutable"), u"IMMUTABLE"_s);
    m_mutability->addItem(tr("Immutable, except the tags below"), u"IMMUTABLE_WITH_EXCLUSION"_s);
    m_mutability->addItem(tr("Mutable, except the tags below"), u"MUTABLE_WITH_EXCLUSION"_s);
    addRow(TemplateField::ImageTagMutability, tr("Tag &mutability:"), m_mutability,
        u"mutabilityErrorLabel"_s);
    m_filters = addLine(TemplateField::ExclusionFilters, tr("E&xcept tags:"),
        u"exclusionFiltersLineEdit"_s, tr("Comma-separated wildcards, such as latest, dev-*"));
    m_tags = new QPlainTextEdit(m_fields);
    m_tags->setObjectName(u"resourceTagsEdit"_s);
    m_tags->setPlaceholderText(tr("One key=value per line"));
    m_tags->setTabChangesFocus(true);
    m_tags->setMaximumHeight(m_tags->fontMetrics().lineSpacing() * 5);
    addRow(TemplateField::ResourceTags, tr("Resource ta&gs:"), m_tags, u"resourceTagsErrorLabel"_s);
    m_repositoryPolicy = jsonEditor(
        m_fields, u"repositoryPolicyEdit"_s, tr("Optional: a repository policy as JSON"));
    addRow(TemplateField::RepositoryPolicy, tr("Repository p&olicy:"), m_repositoryPolicy,
        u"repositoryPolicyErrorLabel"_s);
    auto* lifecycle = new QWidget(m_fields);
    auto* lifecycleColumn = new QVBoxLayout(lifecycle);
    lifecycleColumn->setContentsMargins(0, 0, 0, 0);
    m_presets = new QComboBox(lifecycle);
    m_presets->setObjectName(u"lifecyclePresetComboBox"_s);
    m_presets->setAccessibleName(tr("Lifecycle presets"));
    m_presets->addItem(tr("Start from a preset…"));
    for (const LifecyclePreset& preset : lifecyclePresets())
        m_presets->addItem(preset.name, preset.policy);
    m_lifecyclePolicy = jsonEditor(
        lifecycle, u"lifecyclePolicyEdit"_s, tr("Optional: a lifecycle policy as JSON"));
    lifecycleColumn->addWidget(m_presets);
    lifecycleColumn->addWidget(m_lifecyclePolicy);
    lifecycle->setFocusProxy(m_presets); // Alt+I lands on the presets, Tab goes on to the text
    addRow(TemplateField::LifecyclePolicy, tr("L&ifecycle policy:"), lifecycle,
        u"lifecyclePolicyErrorLabel"_s);
    m_role = addLine(TemplateField::CustomRoleArn, tr("Custom &role:"), u"customRoleLineEdit"_s,
        tr("arn:aws:iam::123456789012:role/ecr-template; needed for tags or KMS"));

    m_warnings = new QLabel(this);
    m_warnings->setObjectName(u"warningsLabel"_s);
    m_warnings->setWordWrap(true);
    layout->addWidget(m_warnings);
    auto* busy = new QLabel(this);
    busy->setObjectName(u"busyLabel"_s);
    layout->addWidget(busy);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    layout->addWidget(buttons);

    for (QComboBox* combo : {m_encryption, m_mutability})
        connect(combo, &QComboBox::currentIndexChanged, this, [this] { refresh(); });
    for (QPlainTextEdit* edit : {m_tags, m_repositoryPolicy, m_lifecyclePolicy})
        connect(edit, &QPlainTextEdit::textChanged, this, [this] { refresh(); });
    connect(m_presets, &QComboBox::activated, this, [this](int index) {
        if (index > 0) {
            const QByteArray json = m_presets->itemData(index).toString().toUtf8();
            m_lifecyclePolicy->setPlainText(
                QString::fromUtf8(QJsonDocument::fromJson(json).toJson(QJsonDocument::Indented)));
        }
        m_presets->setCurrentIndex(0);
    });
    m_validation->setErrorFields([](const AwsError& error) {
        static const QStringList wires{u"prefix"_s, u"description"_s, u"appliedFor"_s,
            u"encryptionType"_s, u"kmsKey"_s, u"imageTagMutability"_s,
            u"imageTagMutabilityExclusionFilters"_s, u"resourceTags"_s, u"repositoryPolicy"_s,
            u"lifecyclePolicy"_s, u"customRoleArn"_s};
        if (error.isService(u"TemplateAlreadyExistsException"))
            return QList<int>{int(TemplateField::Prefix)};
        for (int i = 0; i < wires.size(); ++i) {
            if (error.code == wires.at(i) || error.message.contains(u"'"_s + wires.at(i) + u"'"_s))
                return QList<int>{i};
        }
        return QList<int>();
    });
    initSubmit(buttons, tr("&Save"), u"saveTemplateButton"_s, busy, m_messageBar, {m_fields},
        m_validation, tr("Saving the template"));
    connect(
        this, &SubmitDialog::submitted, this, [this] { Q_EMIT saveRequested(currentTemplate()); });
    resize(640, 720);
    setTemplate({}, false);
}

TemplateEditDialog::~TemplateEditDialog() = default;

QLineEdit* TemplateEditDialog::addLine(
    TemplateField field, const QString& title, const QString& name, const QString& placeholder)
{
    auto* edit = new QLineEdit(m_fields);
    edit->setObjectName(name);
    edit->setPlaceholderText(placeholder);
    addRow(field, title, edit, QString(name).replace(u"LineEdit"_s, u"ErrorLabel"_s));
    m_validation->watch(int(field), edit, [this] { refresh(); });
    return edit;
}

QWidget* TemplateEditDialog::addRow(
    TemplateField field, const QString& title, QWidget* editor, const QString& name)
{
    auto* column = new QWidget(m_fields);
    auto* v = new QVBoxLayout(column);
    v->setContentsMargins(0, 0, 0, 0);
    v->setSpacing(2);
    editor->setParent(column);
    v->addWidget(editor);
    auto* message = new QLabel(column);
    message->setObjectName(name);
    message->setWordWrap(true);
    v->addWidget(message);
    auto* label = new QLabel(title, m_fields);
    label->setBuddy(editor);
    m_form->addRow(label, column);
    FormValidation::Field f;
    f.editor = editor;
    f.messageLabel = message;
    // A message shows once the user touched the form, or at once for a line that has a value
    // (an existing template's); an empty new draft opens without complaints.
    m_validation->addField(int(field), f);
    return column;
}

void TemplateEditDialog::setAccountId(const QString& accountId)
{
    m_accountId = accountId;
    refresh(false);
}

void TemplateEditDialog::setTemplate(const RepositoryCreationTemplate& t, bool editing)
{
    m_editing = editing;
    m_filling = true;
    setWindowTitle(editing ? tr("Edit Template %1").arg(t.prefix) : tr("New Template"));
    m_prefix->setText(t.prefix);
    m_prefix->setReadOnly(editing);
    m_description->setText(t.description);
    m_forPtc->setChecked(!editing || t.appliedFor.contains(u"PULL_THROUGH_CACHE"_s));
    m_forReplication->setChecked(t.appliedFor.contains(u"REPLICATION"_s));
    m_forPush->setChecked(t.appliedFor.contains(u"CREATE_ON_PUSH"_s));
    m_encryption->setCurrentIndex(std::max(
        0, m_encryption->findData(t.encryptionType.isEmpty() ? u"AES256"_s : t.encryptionType)));
    m_kmsKey->setText(t.kmsKey);
    m_mutability->setCurrentIndex(std::max(0,
        m_mutability->findData(
            t.imageTagMutability.isEmpty() ? u"MUTABLE"_s : t.imageTagMutability)));
    QStringList filters;
    for (const TagMutabilityFilter& f : t.exclusionFilters)
        filters.append(f.filter);
    m_filters->setText(filters.join(u", "_s));
    QStringList tags;
    for (const ResourceTag& tag : t.resourceTags)
        tags.append(tag.key + u'=' + tag.value);
    m_tags->setPlainText(tags.join(u'\n'));
    m_repositoryPolicy->setPlainText(t.repositoryPolicy);
    m_lifecyclePolicy->setPlainText(t.lifecyclePolicy);
    m_role->setText(t.customRoleArn);
    m_validation->resetTouched();
    m_filling = false;
    refresh(false); // nothing the user did yet: no message until a field is touched
}

RepositoryCreationTemplate TemplateEditDialog::currentTemplate() const
{
    RepositoryCreationTemplate t;
    t.prefix = m_prefix->text().trimmed();
    t.description = m_description->text().trimmed();
    if (m_forPtc->isChecked())
        t.appliedFor.append(u"PULL_THROUGH_CACHE"_s);
    if (m_forReplication->isChecked())
        t.appliedFor.append(u"REPLICATION"_s);
    if (m_forPush->isChecked())
        t.appliedFor.append(u"CREATE_ON_PUSH"_s);
    t.encryptionType = m_encryption->currentData().toString();
    t.kmsKey = m_kmsKey->text().trimmed();
    t.imageTagMutability = m_mutability->currentData().toString();
    for (const QString& part : m_filters->text().split(u',', Qt::SkipEmptyParts)) {
        if (!part.trimmed().isEmpty())
            t.exclusionFilters.append({u"WILDCARD"_s, part.trimmed()});
    }
    for (const QString& line : m_tags->toPlainText().split(u'\n', Qt::SkipEmptyParts)) {
        if (line.trimmed().isEmpty())
            continue;
        const qsizetype eq = line.indexOf(u'=');
        t.resourceTags.append(eq < 0
                ? ResourceTag{line.trimmed(), QString()}
                : ResourceTag{line.left(eq).trimmed(), line.mid(eq + 1).trimmed()});
    }
    t.repositoryPolicy = m_repositoryPolicy->toPlainText().trimmed();
    t.lifecyclePolicy = m_lifecyclePolicy->toPlainText().trimmed();
    t.customRoleArn = m_role->text().trimmed();
    return t;
}

void TemplateEditDialog::refresh(bool byUser)
{
    if (m_filling)
        return;
    const RepositoryCreationTemplate t = currentTemplate();
    const bool kms = t.encryptionType != u"AES256";
    m_kmsKey->setEnabled(kms);
    m_filters->setEnabled(t.imageTagMutability.endsWith(u"_WITH_EXCLUSION"));
    QMap<int, QString> messages;
    for (const TemplateIssue& issue : validateTemplate(t, m_accountId)) {
        if (!messages.contains(int(issue.field)))
            messages.insert(int(issue.field), issue.message);
    }
    // Once the user changed anything every message shows: one field can make another wrong.
    if (byUser)
        m_validation->markAllTouched();
    m_validation->show(messages);
    const QStringList warnings = templateWarnings(t);
    m_warnings->setText(warnings.join(u'\n'));
    m_warnings->setVisible(!warnings.isEmpty());
    updateSubmitButton();
}

} // namespace ecr
