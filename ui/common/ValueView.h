#pragma once

#include <QTextEdit>

namespace ecr {

// A read-only value that is shown whole: it wraps anywhere (an ARN has no spaces) and grows to
// as many lines as it needs, so nothing is cut off, and it can be selected and copied with the
// mouse or the keyboard exactly as it is. Looks like a label on the window's background.
class ValueView final : public QTextEdit
{
    Q_OBJECT

public:
    explicit ValueView(QWidget* parent = nullptr);

    void setValue(const QString& value);
    QString value() const { return toPlainText(); }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    void fitHeight();
    int contentHeight() const;
};

} // namespace ecr
