#include "views/figure_export.h"

#include <QFileInfo>
#include <QString>

namespace ms::views {

std::string figure_type(const std::string& path) {
  return QFileInfo(QString::fromStdString(path)).suffix().toLower().toStdString();
}

bool is_vector_path(const std::string& path) {
  const std::string type = figure_type(path);
  return type == "svg" || type == "pdf";
}

QString image_file_filter() { return QStringLiteral("PNG (*.png);;SVG (*.svg);;PDF (*.pdf)"); }

ms::Status save_figure(vtkRenderWindow* window, const std::string& path, int scale) {
  return save_figure(window, path, ExportSize::window_times(scale));
}

ms::Status save_figure(vtkRenderWindow* window, const std::string& path, const ExportSize& size) {
  const std::string type = figure_type(path);
  if (type == "svg" || type == "pdf") return save_window_vector(window, path, size);
  if (type == "png") return save_window_png(window, path, size);
  return ms::make_error("save image " + path + ": unknown type '" + type + "' (use .png, .svg or .pdf)");
}

ms::Status save_view_figure(vtkRenderWindow* window, const std::string& path, int scale, const PngSaver& png) {
  const std::string type = figure_type(path);
  if (type == "png") return png(path, scale);
  return is_vector_path(path) ? save_window_vector(window, path) : save_figure(window, path, scale);
}

ms::Status save_view_figure(vtkRenderWindow* window, const std::string& path, const ExportSize& size,
                            const SizedSaver& png) {
  const std::string type = figure_type(path);
  if (type == "png") return png(path, size);
  return is_vector_path(path) ? save_window_vector(window, path, size) : save_figure(window, path, size);
}

}  // namespace ms::views
