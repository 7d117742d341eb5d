#pragma once

namespace Ui {
class MainWindow;
}

namespace ecr {

class ActionGate;

// What the main window's actions look like and what they need: theme icons with bundled
// fallbacks, and for each rule action the selection it needs (ActionGate says why when not).
void decorateActions(Ui::MainWindow& ui);
void gateActions(Ui::MainWindow& ui, ActionGate& gate);

} // namespace ecr
