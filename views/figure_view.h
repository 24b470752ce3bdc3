// FigureView: a VtkWidget that saves what it shows as a figure (PNG, SVG or PDF by the path's extension,
// views/figure_export.h) and the numbers behind it as CSV, with "Save image…" and "Save data…" actions (and
// their file dialogs) for menus and toolbars. The plot views derive from it; each says how it thickens its lines
// and points for an export and writes its own CSV, and may lay its figure out differently (write_png,
// write_figure).
//
// save_png(path, scale)    the window at `scale` times its size, lines and points `scale` times as thick
// save_png(path, size)     a PNG of `size` (write_png)
// save_figure(path, size)  PNG, SVG or PDF at `size` (write_figure); an int is ExportSize::window_times(scale)
// save_csv(path)           the numbers shown, in the view's columns
// Outputs: Ok, or an error naming the file; every save refuses a view that has not been shown yet. The view looks
// as before on screen afterwards.
#pragma once

#include <QAction>
#include <functional>
#include <string>

#include "core/common/result.h"
#include "views/figure_export.h"
#include "views/vtk_widget.h"

namespace ms::views {

class FigureView : public VtkWidget {
  Q_OBJECT
 public:
  ms::Status save_png(const std::string& path, int scale);
  ms::Status save_png(const std::string& path, const ExportSize& size);
  ms::Status save_figure(const std::string& path, int scale);
  ms::Status save_figure(const std::string& path, const ExportSize& size);
  virtual ms::Status save_csv(const std::string& path) const = 0;
  // "Save image…" (PNG, SVG or PDF at a chosen size) and "Save data…" (CSV) with their file dialogs.
  QAction* save_image_action() const { return save_image_action_; }
  QAction* save_data_action() const { return save_data_action_; }

 protected:
  // file_stem: the file name the dialogs suggest (no extension), asked each time an action fires.
  FigureView(QWidget* parent, std::function<std::string()> file_stem);
  ~FigureView() override;

  // Draws lines and points `factor` times as thick as on screen (1: as on screen).
  virtual void set_export_scale(double factor) = 0;
  // A PNG of `size`. Default: window_png.
  virtual ms::Status write_png(const std::string& path, const ExportSize& size);
  // The figure at `path` (the view has been shown). Default: a PNG through save_png; SVG or PDF of the window's
  // context scenes with lines thickened by size.text_scale (they thin with the text on paper).
  virtual ms::Status write_figure(const std::string& path, const ExportSize& size);
  // The window rendered at `size` with lines and points thickened by png_factor(size), then put back.
  ms::Status window_png(const std::string& path, const ExportSize& size);

 private:
  QAction* save_image_action_ = nullptr;
  QAction* save_data_action_ = nullptr;
};

}  // namespace ms::views
