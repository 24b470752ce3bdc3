#include "views/figure_view.h"

#include <vtkGenericOpenGLRenderWindow.h>

#include <utility>

namespace ms::views {

FigureView::FigureView(QWidget* parent, std::function<std::string()> file_stem) : VtkWidget(parent) {
  save_image_action_ = new QAction(tr("Save image…"), this);
  save_data_action_ = new QAction(tr("Save data…"), this);
  connect(save_image_action_, &QAction::triggered, this, [this, file_stem] {
    run_save_image_dialog(this, QString::fromStdString(file_stem()),
                          [this](const std::string& path, const ExportSize& size) { return save_figure(path, size); });
  });
  connect(save_data_action_, &QAction::triggered, this, [this, file_stem = std::move(file_stem)] {
    run_save_data_dialog(this, QString::fromStdString(file_stem()),
                         [this](const std::string& path) { return save_csv(path); });
  });
}

FigureView::~FigureView() = default;

ms::Status FigureView::save_png(const std::string& path, int scale) {
  return window_png(path, ExportSize::window_times(scale));
}

ms::Status FigureView::save_png(const std::string& path, const ExportSize& size) { return write_png(path, size); }

ms::Status FigureView::save_figure(const std::string& path, int scale) {
  return save_figure(path, ExportSize::window_times(scale));
}

ms::Status FigureView::save_figure(const std::string& path, const ExportSize& size) {
  if (!isValid()) return ms::make_error("save image " + path + ": the view has not been shown yet");
  return write_figure(path, size);
}

ms::Status FigureView::write_png(const std::string& path, const ExportSize& size) { return window_png(path, size); }

ms::Status FigureView::write_figure(const std::string& path, const ExportSize& size) {
  set_export_scale(size.text_scale);  // vector files: lines and points thin with the text
  const ms::Status status = save_view_figure(render_window(), path, size,
                                             [this](const std::string& png, const ExportSize& s) { return save_png(png, s); });
  set_export_scale(1.0);
  render();  // after a vector export the view draws through OpenGL again
  return status;
}

ms::Status FigureView::window_png(const std::string& path, const ExportSize& size) {
  if (!isValid()) return ms::make_error("save PNG " + path + ": the view has not been shown yet");
  set_export_scale(png_factor(size));
  const ms::Status status = save_window_png(render_window(), path, size);
  set_export_scale(1.0);
  render();
  return status;
}

}  // namespace ms::views
