// View (a), the manifold projection: samples as points coloured by class (palette.h), optional class centers
// (bigger, shaded balls) and anchor points (smaller, lighter, same colours), a legend of class names.
// Flat mode: the first two coordinates, parallel projection, drag pans and the wheel zooms. Orbit mode: three
// coordinates (z = 0 for 2-column data), perspective, a drag rotates (trackball camera).
// Hovering a sample emits point_hovered(index) (nearest drawn sample within a few pixels; -1 when none).
//
// set_data   ProjectionData (view_data.h): coords n by 2|3, labels n in [0, P), P class names, centers P by 2|3
//            or empty, anchors m by 2|3 or empty with m anchor labels
// save_png   the view at `scale` times the widget size (point sizes scaled with it)
// save_csv   columns kind (sample|center|anchor), index, class_id, class, x, y[, z]
#pragma once

#include <Eigen/Core>
#include <QPointF>
#include <QAction>
#include <string>
#include <vtkSmartPointer.h>

#include "core/common/result.h"
#include "views/view_data.h"
#include "views/vtk_widget.h"

class vtkActor;
class vtkLegendBoxActor;
class vtkRenderer;

namespace ms::views {

class ProjectionView : public VtkWidget {
  Q_OBJECT
 public:
  enum class Mode { Flat2D, Orbit3D };
  // Anchors are drawn in their class colour mixed with this much white (palette.h lighten).
  static constexpr double kAnchorLightening = 0.4;

  explicit ProjectionView(QWidget* parent = nullptr);
  ~ProjectionView() override;

  // Errors (nothing changes) on inconsistent sizes or labels out of range. Picks Orbit3D for 3-column
  // coordinates and Flat2D otherwise, and resets the camera.
  ms::Status set_data(ProjectionData data);
  const ProjectionData& data() const { return data_; }

  void set_mode(Mode mode);
  Mode mode() const { return mode_; }
  // Frames all points (Orbit3D: seen from an oblique angle).
  void reset_camera();

  // The sample drawn nearest to `position` (widget coordinates) within `radius` widget pixels, or -1.
  int sample_at(const QPointF& position, double radius = 6.0) const;
  // Where sample `index` is drawn, in widget coordinates (the inverse of sample_at).
  QPointF sample_position(int index) const;

  ms::Status save_png(const std::string& path, int scale);
  ms::Status save_csv(const std::string& path) const;
  // "Save image…" (PNG at a chosen scale) and "Save data…" (CSV) with their file dialogs, for menus and toolbars.
  QAction* save_image_action() const { return save_image_action_; }
  QAction* save_data_action() const { return save_data_action_; }

  vtkRenderer* main_renderer() const override;

 Q_SIGNALS:
  void point_hovered(int index);

 protected:
  void mouseMoveEvent(QMouseEvent* event) override;
  void leaveEvent(QEvent* event) override;
  void resizeEvent(QResizeEvent* event) override;

 private:
  QAction* save_image_action_ = nullptr;
  QAction* save_data_action_ = nullptr;
  void rebuild_scene();
  void layout_legend();
  void apply_point_sizes(double factor);
  void set_hovered(int index);
  // Display (device pixel, y up) position of a drawn sample and its depth; false when behind the camera.
  bool project(int index, double& x, double& y, double& depth) const;

  vtkSmartPointer<vtkRenderer> renderer_;
  vtkSmartPointer<vtkActor> samples_;
  vtkSmartPointer<vtkActor> centers_;
  vtkSmartPointer<vtkActor> anchors_;
  vtkSmartPointer<vtkLegendBoxActor> legend_;
  ProjectionData data_;
  Eigen::Matrix<double, Eigen::Dynamic, 3> drawn_;  // sample positions as drawn (mode applied)
  Mode mode_ = Mode::Flat2D;
  int hovered_ = -1;
};

}  // namespace ms::views
