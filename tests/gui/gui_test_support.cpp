#include "tests/gui/gui_test_support.h"

#include <QDir>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QProcess>
#include <QSet>
#include <QTest>

namespace ms::test {

bool wait_for(QSignalSpy& spy, int timeout_ms) {
  QElapsedTimer timer;
  timer.start();
  while (spy.isEmpty() && timer.elapsed() < timeout_ms) QTest::qWait(20);
  return !spy.isEmpty();
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

}  // namespace ms::test
