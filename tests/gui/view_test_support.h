// Helpers for the tests of the plot views in real windows: showing a view with its data, counting the pixels of a
// colour in what it drew, and reading back what it exported (PNG, CSV) from <build>/test-output.
#pragma once

#include <gtest/gtest.h>

#include <QFile>
#include <QImage>
#include <QRect>
#include <QRgb>
#include <QString>
#include <QStringList>

#include <array>
#include <functional>

#include "tests/gui/gui_test_support.h"

class vtkRenderWindow;

namespace ms::test {

// Whether `pixel` is within `tolerance` (0-255, per channel) of `colour` (red, green, blue in 0..1).
bool is_near(QRgb pixel, const std::array<double, 3>& colour, int tolerance);

// How many pixels of `image` inside `region` (the whole image when null; clipped to the image) are near `colour`.
int count_near(const QImage& image, const std::array<double, 3>& colour, int tolerance, QRect region = {});

// Gives `view` its `data`, then shows it at `width` x `height` (show_exposed); a failure says which step failed.
template <class View, class Data>
::testing::AssertionResult shows(View& view, const Data& data, int width, int height) {
  const auto taken = view.set_data(data);
  if (!taken.ok()) return ::testing::AssertionFailure() << "data refused: " << taken.error();
  if (!show_exposed(view, width, height)) return ::testing::AssertionFailure() << "window never exposed";
  return ::testing::AssertionSuccess();
}

// A `View` given `data` and shown at `width` x `height`, for tests that start from the same picture; a refused
// `data` or a window never exposed fails the test (which goes on).
template <class View>
struct ShownView {
  View view;
  template <class Data>
  ShownView(const Data& data, int width, int height) {
    EXPECT_TRUE(view.set_data(data).ok());
    EXPECT_TRUE(show_exposed(view, width, height));
  }
};

// show_exposed, then one frame drawn, which lays a chart out (axes, legend) as an export finds it; a window never
// exposed fails the test (the caller goes on).
template <class View>
void show_and_draw(View& view, int width = 800, int height = 500) {
  ASSERT_TRUE(show_exposed(view, width, height));
  view.grab_frame();
}

// While alive, calls `on_frame` after each frame `window` draws at `page_w` pixels wide: a figure export at a page's
// size lays its chart out there, so a test can look at that layout. Not copyable (it owns an observer of `window`).
class PageFrameWatch {
 public:
  PageFrameWatch(vtkRenderWindow* window, int page_w, std::function<void()> on_frame);
  ~PageFrameWatch();
  PageFrameWatch(const PageFrameWatch&) = delete;
  PageFrameWatch& operator=(const PageFrameWatch&) = delete;

 private:
  vtkRenderWindow* window_;
  int page_w_;
  std::function<void()> on_frame_;
  unsigned long tag_ = 0;
};

// <build>/test-output/FOLDER/NAME, the folder made when missing; for files a test exports and leaves to look at.
QString output_path(const QString& folder, const QString& name);

// Exports `view` as a PNG at `scale` times its window size to `path` (an earlier file there removed first, so a stale
// one never passes) and reads it back; a null image, and a test failure with the view's reason, when the export fails.
template <class View>
QImage export_png(View& view, const QString& path, int scale) {
  QFile::remove(path);
  const auto saved = view.save_png(path.toStdString(), scale);
  EXPECT_TRUE(saved.ok()) << saved.error();
  return saved.ok() ? QImage(path) : QImage();
}

// The lines of the text file at `path` without empty ones, into `lines`; false (and `lines` untouched) when the file
// cannot be opened.
bool read_lines(const QString& path, QStringList* lines);

// Exports `view`'s numbers as CSV to `path` and reads the file back into `lines` (read_lines); true when both worked.
template <class View>
bool export_csv(View& view, const QString& path, QStringList* lines) {
  return view.save_csv(path.toStdString()).ok() && read_lines(path, lines);
}

}  // namespace ms::test
