// The main window on the embedded Fashion-MNIST, in a real window (run under xvfb-run).
#include <gtest/gtest.h>
#include <zlib.h>

#include <QDir>
#include <QSignalSpy>
#include <QTest>
#include <fstream>
#include <vector>

#include "app/gui/main_window.h"
#include "tests/gui/gui_test_support.h"
#include "views/sample_grid_view.h"

namespace ms {
namespace {

TEST(MainWindow, ShowsSamplesOfEveryClassOfTheEmbeddedDataset) {
  gui::MainWindow window;
  window.show();
  QSignalSpy loaded(&window, &gui::MainWindow::dataset_loaded);
  window.open_dataset("fashion-mnist:test");
  ASSERT_TRUE(test::wait_for(loaded, 60000)) << window.log_text().toStdString();
  QTest::qWait(200);  // let the grid paint

  ASSERT_NE(window.dataset(), nullptr);
  EXPECT_EQ(window.dataset()->count(), 10000);
  EXPECT_EQ(window.sample_grid()->shown_classes(), 10);
  const QImage shot = window.grab().toImage();
  const QString path = test::save_screenshot(shot, "main_window_fashion_mnist");
  const QImage grid = window.sample_grid()->grab().toImage();
  test::save_screenshot(grid, "sample_grid");
  // 100 real garment images have far more than 50 grey levels; an empty or failed grid has a handful.
  EXPECT_GT(test::distinct_colours(grid), 50) << "see " << path.toStdString();
  EXPECT_GE(grid.height(), 10 * 56) << "one row per class at zoom 2";
  EXPECT_TRUE(window.log_text().contains("Opened fashion-mnist:test"));
}

TEST(MainWindow, ACorruptFileIsReportedAndTheWindowKeepsItsData) {
  gui::MainWindow window;
  window.show();
  QSignalSpy loaded(&window, &gui::MainWindow::dataset_loaded);
  window.open_dataset("fashion-mnist:test");
  ASSERT_TRUE(test::wait_for(loaded, 60000));

  const QString dir = QString(MS_TEST_OUTPUT_DIR) + "/gui-corrupt";
  QDir().mkpath(dir);
  const std::string file = (dir + "/broken-images-idx3-ubyte.gz").toStdString();
  {
    gzFile out = gzopen(file.c_str(), "wb");
    const unsigned char header[] = {0, 0, 8, 3, 0, 0, 0, 100, 0, 0, 0, 28, 0, 0, 0, 28, 1, 2, 3};
    gzwrite(out, header, sizeof header);
    gzclose(out);
  }
  QSignalSpy failed(&window, &gui::MainWindow::dataset_failed);
  window.open_dataset(QString::fromStdString(file));
  ASSERT_TRUE(test::wait_for(failed, 30000));
  const QString message = failed.first().first().toString();
  EXPECT_TRUE(message.contains(QString::fromStdString(file))) << message.toStdString();
  EXPECT_TRUE(message.contains("truncated")) << message.toStdString();
  EXPECT_TRUE(window.log_text().contains("truncated"));
  ASSERT_NE(window.dataset(), nullptr);  // the previous dataset is still on show
  EXPECT_EQ(window.dataset()->count(), 10000);
  test::save_screenshot(window.grab().toImage(), "main_window_after_error");
}

}  // namespace
}  // namespace ms
