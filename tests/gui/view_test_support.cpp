#include "tests/gui/view_test_support.h"

#include <QDir>
#include <QFile>

#include <vtkCallbackCommand.h>
#include <vtkCommand.h>
#include <vtkRenderWindow.h>

#include <cmath>
#include <cstdlib>

namespace ms::test {

bool is_near(QRgb pixel, const std::array<double, 3>& colour, int tolerance) {
  return std::abs(qRed(pixel) - std::lround(colour[0] * 255)) <= tolerance &&
         std::abs(qGreen(pixel) - std::lround(colour[1] * 255)) <= tolerance &&
         std::abs(qBlue(pixel) - std::lround(colour[2] * 255)) <= tolerance;
}

int count_near(const QImage& image, const std::array<double, 3>& colour, int tolerance, QRect region) {
  if (region.isNull()) region = image.rect();
  region = region.intersected(image.rect());
  int count = 0;
  for (int y = region.top(); y <= region.bottom(); ++y)
    for (int x = region.left(); x <= region.right(); ++x) count += is_near(image.pixel(x, y), colour, tolerance);
  return count;
}

PageFrameWatch::PageFrameWatch(vtkRenderWindow* window, int page_w, std::function<void()> on_frame)
    : window_(window), page_w_(page_w), on_frame_(std::move(on_frame)) {
  vtkNew<vtkCallbackCommand> callback;  // the window's observer list keeps it alive
  callback->SetCallback([](vtkObject* caller, unsigned long, void* self, void*) {
    auto* watch = static_cast<PageFrameWatch*>(self);
    if (static_cast<vtkRenderWindow*>(caller)->GetSize()[0] == watch->page_w_) watch->on_frame_();
  });
  callback->SetClientData(this);
  tag_ = window_->AddObserver(vtkCommand::EndEvent, callback);
}

PageFrameWatch::~PageFrameWatch() { window_->RemoveObserver(tag_); }

QString output_path(const QString& folder, const QString& name) {
  const QString dir = QString(MS_TEST_OUTPUT_DIR) + "/" + folder;
  QDir().mkpath(dir);
  return dir + "/" + name;
}

bool read_lines(const QString& path, QStringList* lines) {
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly | QIODevice::Text)) return false;
  *lines = QString::fromUtf8(file.readAll()).split('\n', Qt::SkipEmptyParts);
  return true;
}

}  // namespace ms::test
