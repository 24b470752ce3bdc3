#include "views/vector_figure_writers.h"

#include <QMarginsF>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <vtkNew.h>
#include <vtkRenderWindow.h>

#include "views/flat_context_device.h"
#include "views/painter_device.h"

namespace ms::views {

// One point per window pixel: the page is the window at 72 dpi (for a physical size the window was laid out at
// that many pixels), drawn by Qt (fonts embedded, any script).
ms::Status write_pdf_figure(vtkRenderWindow* window, const std::string& path) {
  const int* size = window->GetSize();
  QPdfWriter writer(QString::fromStdString(path));
  writer.setResolution(72);
  writer.setCreator(QStringLiteral("ManifoldScope"));
  writer.setTitle(QStringLiteral("ManifoldScope figure"));
  writer.setPageMargins(QMarginsF(0, 0, 0, 0));
  if (!writer.setPageSize(QPageSize(QSizeF(size[0], size[1]), QPageSize::Point, QString(), QPageSize::ExactMatch)))
    return ms::make_error("cannot set the page size");
  QPainter painter;
  if (!painter.begin(&writer)) return ms::make_error("cannot start a PDF document");
  painter.setRenderHint(QPainter::Antialiasing);
  painter.fillRect(QRectF(0, 0, size[0], size[1]), Qt::white);  // paper figures: white, not transparent
  vtkNew<PainterDevice> device;
  device->set_target(&painter, size[0], size[1], window->GetDPI());
  paint_context_actors(window, device, false, nullptr);
  device->set_target(nullptr, 0, 0, 72);
  if (!painter.end()) return ms::make_error("cannot finish the PDF document");
  return ms::Ok{};
}

}  // namespace ms::views
