// Helpers for GUI tests: waiting on signals without blocking the event loop, and saving screenshots to look at.
#pragma once

#include <QImage>
#include <QObject>
#include <QPoint>
#include <QSignalSpy>
#include <QString>

class QWidget;

namespace ms::gui {
class MainWindow;
}

namespace ms::test {

// Called by the GUI tests' main() before the application exists: the process gets a HOME and XDG folders of its own
// (a temporary folder, removed at exit), so it starts from empty settings and never reads or writes the user's — nor
// another test process's (CTest runs them in parallel); Qt's test mode is on; OpenGL 3.2 core as the app asks for.
void prepare_gui_test_process();

// Processes events until `spy` has a signal or `timeout_ms` passes; true when the signal came.
bool wait_for(QSignalSpy& spy, int timeout_ms);

// Moves the mouse over `widget` to `position` (widget coordinates) with no button held, delivering the move event to
// the widget as the window system would. QTest::mouseMove warps the X pointer instead, and test processes that CTest
// runs in parallel on one Xvfb display take that single pointer's events from each other.
void hover(QWidget* widget, QPoint position);

// Resizes `widget` to `width` x `height`, shows it and waits until the window system has exposed it (at most the
// default 5 s of QTest); false when it never was.
bool show_exposed(QWidget& widget, int width, int height);

// Saves under <build>/test-output/screenshots/NAME.png and returns the path.
QString save_screenshot(const QImage& image, const QString& name);

// How many distinct colours an image region has: a blank or single-colour picture has very few.
int distinct_colours(const QImage& image);

// Two real quick-zoo checkpoints, trained once per test process by `manifoldscope zoo train` into a folder of its own
// (CTest runs test processes in parallel). Empty when training failed.
QString quick_zoo_folder();

// Opens a project or results table in `window` and waits (at most `timeout_ms`) for it to be shown or refused; true
// when it was shown. Questions it asks are answered by whatever answerer the test installed.
bool open_in(gui::MainWindow& window, const QString& path, int timeout_ms = 60000);

}  // namespace ms::test
