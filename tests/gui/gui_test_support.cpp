#include "tests/gui/gui_test_support.h"

#include "app/gui/main_window.h"

#include <QDir>
#include <QSignalSpy>
#include <QCoreApplication>
#include <QCursor>
#include <QElapsedTimer>
#include <QGuiApplication>
#include <QMouseEvent>
#include <QProcess>
#include <QScreen>
#include <QSet>
#include <QStandardPaths>
#include <QSurfaceFormat>
#include <QTemporaryDir>
#include <QTest>
#include <QWidget>

#include <cstdio>
#include <cstdlib>

namespace ms::test {

void prepare_gui_test_process() {
  static QTemporaryDir home(QDir::tempPath() + "/manifoldscope-gui-test-XXXXXX");
  if (!home.isValid()) {
    std::fprintf(stderr, "cannot make a private HOME for the GUI tests in %s\n", qPrintable(QDir::tempPath()));
    std::exit(2);
  }
  const QByteArray root = home.path().toLocal8Bit();
  qputenv("HOME", root);
  qputenv("XDG_CONFIG_HOME", root + "/config");
  qputenv("XDG_CACHE_HOME", root + "/cache");
  qputenv("XDG_DATA_HOME", root + "/data");
  QStandardPaths::setTestModeEnabled(true);
  QSurfaceFormat format;
  format.setVersion(3, 2);
  format.setProfile(QSurfaceFormat::CoreProfile);
  QSurfaceFormat::setDefaultFormat(format);
}

bool wait_for(QSignalSpy& spy, int timeout_ms) {
  QElapsedTimer timer;
  timer.start();
  while (spy.isEmpty() && timer.elapsed() < timeout_ms) QTest::qWait(20);
  return !spy.isEmpty();
}

void hover(QWidget* widget, QPoint position) {
  // The display's one real pointer starts at the screen centre, over the test windows: a window appearing under it
  // (a tooltip) would send enter and leave events that compete with the synthetic moves. Park it, once, in the
  // screen's bottom-right corner, which no test window reaches (they are placed at the origin, at most 1500 x 900).
  static const bool parked = [] {
    if (QScreen* screen = QGuiApplication::primaryScreen()) {
      QCursor::setPos(screen, screen->geometry().bottomRight());
      QTest::qWait(100);  // the pointer's own leave and motion events arrive now, not between the moves below
    }
    return true;
  }();
  (void)parked;
  QMouseEvent move(QEvent::MouseMove, QPointF(position), QPointF(widget->mapToGlobal(position)), Qt::NoButton,
                   Qt::NoButton, Qt::NoModifier);
  QCoreApplication::sendEvent(widget, &move);
}

bool show_exposed(QWidget& widget, int width, int height) {
  widget.resize(width, height);
  widget.show();
  return QTest::qWaitForWindowExposed(&widget);
}

QString save_screenshot(const QImage& image, const QString& name) {
  const QString dir = QString(MS_TEST_OUTPUT_DIR) + "/screenshots";
  QDir().mkpath(dir);
  const QString path = dir + "/" + name + ".png";
  image.save(path);
  return path;
}

int distinct_colours(const QImage& image) {
  QSet<QRgb> colours;
  const QImage rgb = image.convertToFormat(QImage::Format_RGB32);
  for (int y = 0; y < rgb.height(); ++y)
    for (int x = 0; x < rgb.width(); ++x) colours.insert(rgb.pixel(x, y));
  return static_cast<int>(colours.size());
}

QString quick_zoo_folder() {
  static const QString folder = [] {
    const QString dir = QString(MS_TEST_OUTPUT_DIR) + "/gui-zoo-" + QString::number(QCoreApplication::applicationPid());
    QDir(dir).removeRecursively();
    QProcess zoo;
    zoo.start(MS_BINARY, {"zoo", "train", "--preset", "quick", "--runs", "2", "--out", dir});
    zoo.waitForFinished(300000);
    return zoo.exitCode() == 0 ? dir : QString();
  }();
  return folder;
}

bool open_in(gui::MainWindow& window, const QString& path, int timeout_ms) {
  QSignalSpy loaded(&window, &gui::MainWindow::project_loaded);
  QSignalSpy failed(&window, &gui::MainWindow::project_failed);
  window.open_project(path);
  for (int waited = 0; loaded.isEmpty() && failed.isEmpty() && waited < timeout_ms; waited += 20) QTest::qWait(20);
  return !loaded.isEmpty();
}

}  // namespace ms::test
