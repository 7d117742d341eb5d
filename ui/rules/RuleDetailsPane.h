#pragma once

#include "EcrTypes.h"
#include "PullCommand.h"

#include <QMap>
#include <QWidget>

#include <optional>

class QAction;
class QLabel;

namespace ecr {

class ValueView;

// Every field of the selected rule in full — ARNs unshortened and wrapped, never cut off — in
// read-only, selectable fields (ValueView), with the rule's actions above them.
class RuleDetailsPane final : public QWidget
{
    Q_OBJECT

public:
    enum class Item
    {
        Prefix,
        Upstream,
        UpstreamUrl,
        UpstreamPrefix,
        CredentialArn,
        CustomRoleArn,
        RegistryId,
        Created,
        Updated,
        RepositoryUri,
        PullReference,
    };

    explicit RuleDetailsPane(QWidget* parent = nullptr);

    // nullopt: no rule selected (the pane says so).
    void setRule(const std::optional<PullThroughCacheRule>& rule, const RegistryLocation& location);
    // Buttons for these actions (they keep their own enabled state and tooltips).
    void setActions(const QList<QAction*>& actions);
    QString text(Item item) const;
    // Moves the focus into the pane (its first field).
    void focusFirstField();

private:
    QLabel* m_title;
    QWidget* m_fields;
    QMap<Item, ValueView*> m_edits;
};

} // namespace ecr
