// View (a), the manifold projection: samples as points coloured by class (palette.h), optional class centers
// (bigger, shaded balls) and anchor points (smaller, lighter, same colours), a legend of class names.
// Flat mode: the first two coordinates, parallel projection, drag pans and the wheel zooms. Orbit mode: three
// coordinates (z = 0 for 2-column data), perspective, a drag rotates (trackball camera).
// An overlay set (e.g. the same items under a shift, in the same basis) is drawn as lighter squares in the class
// colours with its own legend entry.
// Hovering emits point_hovered(index) for the nearest drawn point within a few pixels: index in [0, n) is sample
// `index` (row of coords), index in [n, n + o) is overlay row index - n, -1 is none. Centers and anchors are not
// hoverable.
//
// set_data   (views/plot_view.h) ProjectionData (view_data.h): coords n by 2|3, labels n in [0, P), P class names,
//            centers P by 2|3 or empty, anchors m by 2|3 or empty with m anchor labels, overlay o by 2|3 or empty
//            with o labels
// save_png   (FigureView, views/figure_view.h) the view at `scale` times the widget size (point sizes scaled with
//            it), as on screen; at an ExportSize: save_figure's PNG
// save_figure  PNG, SVG or PDF (by the path's extension) at an ExportSize (views/figure_export.h): the points as an
//            embedded image (PNG: the whole figure one image), the legend as vector shapes and text in a strip
//            of its own at the right (views/composed_figure.h)
// figure_panel  this view as one panel of a composed figure (the Compare tab puts two side by side)
// save_csv   columns kind (sample|overlay|center|anchor), index, class_id, class, x, y[, z]
#pragma once

#include <Eigen/Core>
#include <QPointF>
#include <QRect>
#include <string>
#include <vtkSmartPointer.h>

#include "core/common/result.h"
#include "views/composed_figure.h"
#include "views/plot_view.h"
#include "views/view_data.h"

class vtkActor;
class vtkLegendBoxActor;
class vtkObject;
class vtkRenderer;

namespace ms::views {

class ProjectionView : public PlotView<ProjectionData> {
  Q_OBJECT
 public:
  enum class Mode { Flat2D, Orbit3D };
  // Anchors are drawn in their class colour mixed with this much white (palette.h lighten).
  static constexpr double kAnchorLightening = 0.4;
  // Overlay squares likewise.
  static constexpr double kOverlayLightening = 0.45;

  explicit ProjectionView(QWidget* parent = nullptr);
  ~ProjectionView() override;

  void set_mode(Mode mode);
  Mode mode() const { return mode_; }
  // Frames all points (Orbit3D: seen from an oblique angle).
  void reset_camera();

  // The sample or overlay point (index as for point_hovered) drawn nearest to `position` (widget coordinates)
  // within `radius` widget pixels, or -1.
  int sample_at(const QPointF& position, double radius = 6.0) const;
  // Where point `index` (as for point_hovered) is drawn, in widget coordinates (the inverse of sample_at).
  QPointF sample_position(int index) const;

  ComposedPanel figure_panel(const std::string& title = {});
  std::vector<FigureLegendEntry> legend_entries() const;
  ms::Status save_csv(const std::string& path) const override;

  vtkRenderer* main_renderer() const override;

  // The class legend's box in widget coordinates (empty without a legend). It has a strip of its own at the right
  // edge, beside the points' viewport, so it never covers data however narrow the view.
  QRect legend_rect() const;

 Q_SIGNALS:
  void point_hovered(int index);
  // The user moved the camera (drag, wheel); not emitted for set_data, reset_camera or set_camera, so linking two
  // views through set_camera cannot loop.
  void camera_changed();

 protected:
  void mouseMoveEvent(QMouseEvent* event) override;
  void leaveEvent(QEvent* event) override;
  void resizeEvent(QResizeEvent* event) override;
  void set_export_scale(double factor) override;  // point sizes
  // Inconsistent sizes or labels out of range.
  std::string data_problem(const ProjectionData& data) const override;
  // Picks Orbit3D for 3-column coordinates and Flat2D otherwise, and resets the camera.
  void show_data() override;
  ms::Status write_png(const std::string& path, const ExportSize& size) override;  // the composed figure's PNG
  ms::Status write_figure(const std::string& path, const ExportSize& size) override;

 private:
  // Rebuilds the scene in steps: the samples and overlay (drawn_), centers and anchors, the legend.
  void rebuild_scene();
  void add_samples_and_overlay(bool flat, double step);
  void add_centers_and_anchors(bool flat, double step);
  void rebuild_legend();
  void layout_legend();
  void apply_point_sizes(double factor);
  // The points alone (no legend strip) rendered at width x height pixels, the camera widened if the image is
  // narrower than the points' viewport on screen (so no point is cut off).
  ms::Result<QImage> render_scene(int width, int height, double point_factor);
  void set_hovered(int index);
  void on_interaction(vtkObject* caller, unsigned long event, void* call_data);
  // Display (device pixel, y up) position of a drawn sample and its depth; false when behind the camera.
  bool project(int index, double& x, double& y, double& depth) const;

  vtkSmartPointer<vtkRenderer> renderer_;
  vtkSmartPointer<vtkRenderer> legend_renderer_;  // the right strip holding the legend (not interactive)
  vtkSmartPointer<vtkActor> samples_;
  vtkSmartPointer<vtkActor> centers_;
  vtkSmartPointer<vtkActor> anchors_;
  vtkSmartPointer<vtkActor> overlay_;
  vtkSmartPointer<vtkLegendBoxActor> legend_;
  Eigen::Matrix<double, Eigen::Dynamic, 3> drawn_;  // sample then overlay positions as drawn (mode applied)
  Mode mode_ = Mode::Flat2D;
  int hovered_ = -1;
};

}  // namespace ms::views
