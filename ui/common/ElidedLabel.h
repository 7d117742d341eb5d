#pragma once

#include <QLabel>

namespace ecr {

// A one-line label that never pushes its neighbours off a toolbar: it asks for a modest width,
// takes what is left, and elides its text in the middle when that is too narrow. The whole
// text stays in fullText() and in the tooltip's first line.
class ElidedLabel final : public QLabel
{
    Q_OBJECT

public:
    explicit ElidedLabel(QWidget* parent = nullptr);

    // `details` go below the full text in the tooltip (an ARN, say).
    void setFullText(const QString& text, const QString& details = {});
    QString fullText() const { return m_fullText; }
    bool isElided() const { return QLabel::text() != m_fullText; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    void elide();

    QString m_fullText;
};

} // namespace ecr
