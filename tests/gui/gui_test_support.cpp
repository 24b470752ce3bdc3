#include "tests/gui/gui_test_support.h"

#include <QDir>
#include <QElapsedTimer>
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

}  // namespace ms::test
