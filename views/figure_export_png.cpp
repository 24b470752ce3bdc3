#include "views/figure_export.h"

#include <QImage>
#include <QString>
#include <vtkNew.h>
#include <vtkPNGWriter.h>
#include <vtkRenderWindow.h>
#include <vtkWindowToImageFilter.h>

#include <cmath>

#include "core/common/atomic_write.h"

namespace ms::views {
namespace {

// The PNG's pHYs chunk: viewers and layout programs read the physical size from it.
ms::Status set_png_dpi(const std::string& path, int dpi) {
  QImage image(QString::fromStdString(path), "PNG");
  if (image.isNull()) return ms::make_error("save PNG " + path + ": cannot read the image back");
  const int per_metre = static_cast<int>(std::lround(dpi / 0.0254));
  if (image.dotsPerMeterX() == per_metre) return ms::Ok{};
  image.setDotsPerMeterX(per_metre);
  image.setDotsPerMeterY(per_metre);
  if (!image.save(QString::fromStdString(path), "PNG")) return ms::make_error("save PNG " + path + ": cannot write");
  return ms::Ok{};
}

}  // namespace

ms::Status save_window_png(vtkRenderWindow* window, const std::string& path, int scale) {
  if (scale < 1) return ms::make_error("save PNG " + path + ": scale must be >= 1, got " + std::to_string(scale));
  return save_window_png(window, path, ExportSize::window_times(scale));
}

ms::Status save_window_png(vtkRenderWindow* window, const std::string& path, const ExportSize& size) {
  if (!window) return ms::make_error("save PNG " + path + ": no render window");
  const int* window_size = window->GetSize();
  const int width = window_size[0], height = window_size[1], dpi = window->GetDPI();
  const ms::Result<ExportGeometry> geometry = export_geometry(width, height, dpi, size);
  if (!geometry.ok()) return ms::make_error("save PNG " + path + ": " + geometry.error());

  // Render once at the full size (VTK draws into its own framebuffer, so the window may outgrow the widget) with
  // the DPI scaled alike, so the chart lays out its axes, titles and legend for the large image.
  window->SetSize(geometry->pixel_w, geometry->pixel_h);
  window->SetDPI(geometry->dpi);
  window->Render();  // a first frame at this size lays the axes out; the grab's frame places the plots in them
  vtkNew<vtkWindowToImageFilter> grab;
  grab->SetInput(window);
  grab->SetInputBufferTypeToRGB();
  grab->ReadFrontBufferOff();  // render into the back buffer and read it: the front may hold an older frame
  grab->ShouldRerenderOn();
  grab->Update();
  window->SetSize(width, height);
  window->SetDPI(dpi);

  return ms::write_atomically(path, [&](const std::string& part) -> ms::Status {
    vtkNew<vtkPNGWriter> writer;
    writer->SetFileName(part.c_str());
    writer->SetInputConnection(grab->GetOutputPort());
    writer->Write();
    if (writer->GetErrorCode() != 0) return ms::make_error("save PNG " + path + ": cannot write the file");
    return size.physical() ? set_png_dpi(part, size.dpi) : ms::Status(ms::Ok{});
  });
}

}  // namespace ms::views
