#include "MainWindow.h"

#include "ui_MainWindow.h"

#include <QApplication>

namespace ecr {

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent)
    , m_ui(std::make_unique<Ui::MainWindow>())
{
    m_ui->setupUi(this);
    setWindowTitle(QApplication::applicationDisplayName());
    connect(m_ui->quitAction, &QAction::triggered, this, &QWidget::close);
}

MainWindow::~MainWindow() = default;

} // namespace ecr
