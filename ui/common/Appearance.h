#pragma once

#include <QColor>
#include <QPalette>

// Colours that must read on a light and on a dark desktop alike: the palette decides, never a
// fixed colour on its own.
namespace ecr {

bool isDarkPalette(const QPalette& palette);
// The dark palette for the Fusion style, used when the desktop asks for dark and the platform
// theme gave the app a light one (and by scripts/screenshots).
QPalette darkPalette();
// Text of an error or a failed row: dark red on light, soft red on dark.
QColor errorTextColor(const QPalette& palette);
// The background of a row that needs a look (the fleet view's "differs"): pale amber on light,
// deep amber on dark, both with the palette's text readable on them.
QColor attentionBackground(const QPalette& palette);

} // namespace ecr
