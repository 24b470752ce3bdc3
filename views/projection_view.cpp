#include "views/projection_view.h"

#include <QMouseEvent>
#include <vtkActor.h>
#include <vtkCamera.h>
#include <vtkNew.h>
#include <vtkCellData.h>
#include <vtkCellArray.h>
#include <vtkCommand.h>
#include <vtkGenericOpenGLRenderWindow.h>
#include <vtkGenericRenderWindowInteractor.h>
#include <vtkInteractorStyleTrackballCamera.h>
#include <vtkLegendBoxActor.h>
#include <vtkMatrix4x4.h>
#include <vtkPointData.h>
#include <vtkPoints.h>
#include <vtkPolyData.h>
#include <vtkPolyDataMapper.h>
#include <vtkProperty.h>
#include <vtkProperty2D.h>
#include <vtkRegularPolygonSource.h>
#include <vtkRenderer.h>
#include <vtkTextProperty.h>
#include <vtkUnsignedCharArray.h>

#include <algorithm>
#include <cmath>
#include <sstream>

#include "views/csv_text.h"
#include "views/figure_font.h"
#include "views/palette.h"
#include "views/vtk_pan_zoom_style.h"

namespace ms::views {
namespace {

using Points3 = Eigen::Matrix<double, Eigen::Dynamic, 3>;

// Point sizes in widget pixels (times the device pixel ratio, times the export scale).
constexpr double kSampleSize = 7.0;
constexpr double kCenterSize = 18.0;
constexpr double kAnchorSize = 5.0;
constexpr double kOverlaySize = 6.0;
const Rgb kOverlayLegendGrey{0.35, 0.35, 0.35};

// Round points (flat or shaded balls), or square ones when `square` (the overlay's glyph).
vtkSmartPointer<vtkActor> point_actor(const Points3& positions, const std::vector<Rgb>& colours, bool shaded,
                                      bool square = false) {
  vtkNew<vtkPoints> points;
  points->SetDataTypeToDouble();
  points->SetNumberOfPoints(positions.rows());
  vtkNew<vtkCellArray> vertices;
  vtkNew<vtkUnsignedCharArray> rgb;
  rgb->SetName("class colour");
  rgb->SetNumberOfComponents(3);
  rgb->SetNumberOfTuples(positions.rows());
  for (vtkIdType i = 0; i < positions.rows(); ++i) {
    points->SetPoint(i, positions(i, 0), positions(i, 1), positions(i, 2));
    vertices->InsertNextCell(1, &i);
    for (int c = 0; c < 3; ++c)
      rgb->SetTypedComponent(i, c, static_cast<unsigned char>(std::lround(colours[i][c] * 255)));
  }
  vtkNew<vtkPolyData> poly;
  poly->SetPoints(points);
  poly->SetVerts(vertices);
  poly->GetPointData()->SetScalars(rgb);

  vtkNew<vtkPolyDataMapper> mapper;
  mapper->SetInputData(poly);
  mapper->SetColorModeToDirectScalars();
  mapper->ScalarVisibilityOn();
  auto actor = vtkSmartPointer<vtkActor>::New();
  actor->SetMapper(mapper);
  actor->GetProperty()->SetRenderPointsAsSpheres(!square);  // round points, or the GL default: squares
  if (shaded) {
    actor->GetProperty()->SetSpecular(0.4);
    actor->GetProperty()->SetSpecularPower(30.0);
  } else {
    actor->GetProperty()->LightingOff();  // flat discs keep the exact class colour
  }
  return actor;
}

// Rows of `m` as 3D points (z = 0 for two columns); in Flat2D z is replaced by `flat_z` so layers never fight.
Points3 as_points(const Eigen::MatrixXd& m, bool flat, double flat_z) {
  Points3 p = Points3::Zero(m.rows(), 3);
  if (m.rows() == 0) return p;
  const int columns = flat ? 2 : static_cast<int>(std::min<Eigen::Index>(m.cols(), 3));
  p.leftCols(columns) = m.leftCols(columns);
  if (flat) p.col(2).setConstant(flat_z);
  return p;
}

// The first label outside [0, classes), as "<point> i has label l, outside [0, classes)"; empty when none is.
std::string label_problem(const Eigen::VectorXi& labels, int classes, const std::string& point) {
  for (Eigen::Index i = 0; i < labels.size(); ++i)
    if (labels[i] < 0 || labels[i] >= classes)
      return point + " " + std::to_string(i) + " has label " + std::to_string(labels[i]) + ", outside [0, " +
             std::to_string(classes) + ")";
  return {};
}

// How the messages name an extra point set (anchors, overlay), the set, its labels and one of its points.
struct PointSetNames {
  std::string set, labels, point, points;
};

// An extra point set: k columns (when not empty), one label per point, each label a class.
std::string point_set_problem(const Eigen::MatrixXd& m, const Eigen::VectorXi& labels, Eigen::Index k, int classes,
                              const PointSetNames& names) {
  if (m.size() > 0 && m.cols() != k) return names.set + " must have " + std::to_string(k) + " columns";
  if (labels.size() != m.rows())
    return std::to_string(labels.size()) + " " + names.labels + " for " + std::to_string(m.rows()) + " " + names.points;
  return label_problem(labels, classes, names.point);
}

std::string check(const ProjectionData& d) {
  const Eigen::Index n = d.coords.rows(), k = d.coords.cols();
  const int classes = static_cast<int>(d.class_names.size());
  if (n > 0 && k != 2 && k != 3) return "coordinates must have 2 or 3 columns, got " + std::to_string(k);
  if (d.labels.size() != n)
    return std::to_string(d.labels.size()) + " labels for " + std::to_string(n) + " points";
  if (std::string problem = label_problem(d.labels, classes, "point"); !problem.empty()) return problem;
  if (d.centers.size() > 0 && (d.centers.rows() != classes || d.centers.cols() != k))
    return "centers must be " + std::to_string(classes) + " by " + std::to_string(k);
  const PointSetNames anchors{"anchors", "anchor labels", "anchor", "anchors"};
  if (std::string problem = point_set_problem(d.anchors, d.anchor_labels, k, classes, anchors); !problem.empty())
    return problem;
  const PointSetNames overlay{"overlay", "overlay labels", "overlay point", "overlay points"};
  if (std::string problem = point_set_problem(d.overlay, d.overlay_labels, k, classes, overlay); !problem.empty())
    return problem;
  if (!d.coords.allFinite() || !d.centers.allFinite() || !d.anchors.allFinite() || !d.overlay.allFinite())
    return "coordinates must be finite";
  return {};
}

// A legend symbol: `shape` with every cell in `colour`.
vtkSmartPointer<vtkPolyData> coloured_symbol(vtkPolyData* shape, const Rgb& colour) {
  auto symbol = vtkSmartPointer<vtkPolyData>::New();
  symbol->DeepCopy(shape);
  vtkNew<vtkUnsignedCharArray> rgb;
  rgb->SetNumberOfComponents(3);
  rgb->SetNumberOfTuples(symbol->GetNumberOfCells());
  for (vtkIdType cell = 0; cell < symbol->GetNumberOfCells(); ++cell)
    for (int k = 0; k < 3; ++k) rgb->SetTypedComponent(cell, k, static_cast<unsigned char>(std::lround(colour[k] * 255)));
  symbol->GetCellData()->SetScalars(rgb);
  return symbol;
}

// The overlay's legend glyph: a square.
vtkSmartPointer<vtkPolyData> square_shape() {
  vtkNew<vtkPoints> corners;
  corners->InsertNextPoint(-0.8, -0.8, 0.0);
  corners->InsertNextPoint(0.8, -0.8, 0.0);
  corners->InsertNextPoint(0.8, 0.8, 0.0);
  corners->InsertNextPoint(-0.8, 0.8, 0.0);
  vtkNew<vtkCellArray> square;
  const vtkIdType ids[4] = {0, 1, 2, 3};
  square->InsertNextCell(4, ids);
  auto shape = vtkSmartPointer<vtkPolyData>::New();
  shape->SetPoints(corners);
  shape->SetPolys(square);
  return shape;
}

// An empty legend box: white, bordered, black entry text in the figure font, placed in normalized viewport units.
vtkSmartPointer<vtkLegendBoxActor> new_legend() {
  auto legend = vtkSmartPointer<vtkLegendBoxActor>::New();
  legend->SetBorder(true);
  legend->UseBackgroundOn();
  legend->SetBackgroundColor(1.0, 1.0, 1.0);
  legend->SetBackgroundOpacity(0.85);
  legend->GetEntryTextProperty()->SetColor(0.0, 0.0, 0.0);
  legend->GetEntryTextProperty()->SetFontSize(12);
  use_figure_font(legend->GetEntryTextProperty());
  legend->GetPositionCoordinate()->SetCoordinateSystemToNormalizedViewport();
  legend->GetPosition2Coordinate()->SetCoordinateSystemToNormalizedViewport();
  legend->GetProperty()->SetColor(0.3, 0.3, 0.3);  // border
  return legend;
}

}  // namespace

ProjectionView::ProjectionView(QWidget* parent)
    : PlotView(parent, [] { return std::string("projection"); }),
      renderer_(vtkSmartPointer<vtkRenderer>::New()),
      legend_renderer_(vtkSmartPointer<vtkRenderer>::New()) {
  renderer_->SetBackground(1.0, 1.0, 1.0);
  render_window()->AddRenderer(renderer_);
  legend_renderer_->SetBackground(1.0, 1.0, 1.0);
  legend_renderer_->InteractiveOff();  // drags and hovers belong to the points' renderer
  legend_renderer_->SetDraw(false);
  render_window()->AddRenderer(legend_renderer_);
  set_mode(Mode::Flat2D);
}

ProjectionView::~ProjectionView() = default;

vtkRenderer* ProjectionView::main_renderer() const { return renderer_; }

std::string ProjectionView::data_problem(const ProjectionData& data) const {
  const std::string problem = check(data);
  return problem.empty() ? problem : "projection view: " + problem;
}

void ProjectionView::show_data() {
  hovered_ = -1;
  set_mode(data_.coords.cols() == 3 ? Mode::Orbit3D : Mode::Flat2D);  // rebuilds the scene, resets the camera
}

void ProjectionView::set_mode(Mode mode) {
  mode_ = mode;
  vtkSmartPointer<vtkInteractorStyleTrackballCamera> style;
  if (mode_ == Mode::Flat2D) style = vtkSmartPointer<PanZoomStyle2D>::New();
  else style = vtkSmartPointer<vtkInteractorStyleTrackballCamera>::New();
  // Drags fire InteractionEvent per move; a wheel step only Start/EndInteractionEvent.
  style->AddObserver(vtkCommand::InteractionEvent, this, &ProjectionView::on_interaction);
  style->AddObserver(vtkCommand::EndInteractionEvent, this, &ProjectionView::on_interaction);
  interactor()->SetInteractorStyle(style);
  rebuild_scene();
  reset_camera();
}

void ProjectionView::rebuild_scene() {
  renderer_->RemoveAllViewProps();
  const bool flat = mode_ == Mode::Flat2D;
  // In Flat2D everything lies in one plane: anchors just below the samples, centers just above (along the view
  // direction), so the draw order is fixed without changing where anything appears.
  double extent = 1.0;
  if (data_.coords.rows() > 0) {
    const Eigen::RowVectorXd range = data_.coords.colwise().maxCoeff() - data_.coords.colwise().minCoeff();
    extent = std::max(range.maxCoeff(), 1e-12);
  }
  const double step = 1e-3 * extent;
  add_samples_and_overlay(flat, step);
  add_centers_and_anchors(flat, step);
  rebuild_legend();
  layout_legend();
  apply_point_sizes(1.0);
}

void ProjectionView::add_samples_and_overlay(bool flat, double step) {
  const Points3 samples = as_points(data_.coords, flat, 0.0);
  std::vector<Rgb> colours(data_.labels.size());
  for (Eigen::Index i = 0; i < data_.labels.size(); ++i) colours[i] = class_colour(data_.labels[i]);
  samples_ = point_actor(samples, colours, false);
  renderer_->AddActor(samples_);

  // The overlay just below the samples in Flat2D, so an unshifted point stays visible on top of its shifted copy.
  const Points3 overlay = as_points(data_.overlay, flat, -0.5 * step);
  overlay_ = nullptr;
  if (overlay.rows() > 0) {
    std::vector<Rgb> c(overlay.rows());
    for (Eigen::Index i = 0; i < overlay.rows(); ++i)
      c[i] = lighten(class_colour(data_.overlay_labels[i]), ProjectionView::kOverlayLightening);
    overlay_ = point_actor(overlay, c, false, true);
    renderer_->AddActor(overlay_);
  }
  drawn_.resize(samples.rows() + overlay.rows(), 3);
  drawn_ << samples, overlay;
}

void ProjectionView::add_centers_and_anchors(bool flat, double step) {
  centers_ = nullptr;
  if (data_.centers.rows() > 0) {
    std::vector<Rgb> c(data_.centers.rows());
    for (Eigen::Index p = 0; p < data_.centers.rows(); ++p) c[p] = class_colour(static_cast<int>(p));
    centers_ = point_actor(as_points(data_.centers, flat, step), c, true);
    renderer_->AddActor(centers_);
  }
  anchors_ = nullptr;
  if (data_.anchors.rows() > 0) {
    std::vector<Rgb> c(data_.anchors.rows());
    for (Eigen::Index a = 0; a < data_.anchors.rows(); ++a)
      c[a] = lighten(class_colour(data_.anchor_labels[a]), ProjectionView::kAnchorLightening);
    anchors_ = point_actor(as_points(data_.anchors, flat, -step), c, false);
    renderer_->AddActor(anchors_);
  }
}

// A new legend each time: entries added to an existing vtkLegendBoxActor do not get its entry text property
// (VTK 9.1), so their names would be drawn in the default white.
void ProjectionView::rebuild_legend() {
  legend_ = new_legend();
  const int classes = static_cast<int>(data_.class_names.size());
  const bool overlay_entry = data_.overlay.rows() > 0 && !data_.overlay_name.empty();
  legend_->SetNumberOfEntries(classes + (overlay_entry ? 1 : 0));
  // The colour goes in the symbol's own scalars; a negative entry colour keeps the text black (a yellow or
  // sky-blue name on white would be hard to read).
  double text_colour[3] = {-1.0, -1.0, -1.0};
  vtkNew<vtkRegularPolygonSource> disc;
  disc->SetNumberOfSides(24);
  disc->Update();
  for (int p = 0; p < classes; ++p)
    legend_->SetEntry(p, coloured_symbol(disc->GetOutput(), class_colour(p)), data_.class_names[p].c_str(),
                      text_colour);
  if (overlay_entry) {
    // A grey square: the overlay's glyph, in every class colour.
    const Rgb grey = lighten(kOverlayLegendGrey, ProjectionView::kOverlayLightening);
    legend_->SetEntry(classes, coloured_symbol(square_shape(), grey), data_.overlay_name.c_str(), text_colour);
  }
  legend_renderer_->RemoveAllViewProps();
  if (classes > 0) legend_renderer_->AddActor2D(legend_);
}

void ProjectionView::layout_legend() {
  const bool shown = legend_ && legend_->GetNumberOfEntries() > 0;
  legend_renderer_->SetDraw(shown);
  if (!shown) {
    renderer_->SetViewport(0.0, 0.0, 1.0, 1.0);
    return;
  }
  const double w = std::max(width(), 1), h = std::max(height(), 1);
  size_t longest = 1;
  for (const auto& name : data_.class_names) longest = std::max(longest, name.size());
  const int entries = legend_->GetNumberOfEntries();
  if (entries > static_cast<int>(data_.class_names.size())) longest = std::max(longest, data_.overlay_name.size());
  // About 21 widget pixels per entry and 7.5 per character (the actor fits its text inside), capped to the view.
  const double box_w = std::min(0.45 * w, 34.0 + 7.5 * static_cast<double>(longest));
  const double box_h = std::min(0.9 * h, 12.0 + 21.0 * static_cast<double>(entries));
  // The strip: the box and 8 px either side; the points get the rest of the width.
  const double strip = (box_w + 16.0) / w;
  renderer_->SetViewport(0.0, 0.0, 1.0 - strip, 1.0);
  legend_renderer_->SetViewport(1.0 - strip, 0.0, 1.0, 1.0);
  legend_->SetPosition(8.0 / (strip * w), 1.0 - (box_h + 8.0) / h);
  legend_->SetPosition2(box_w / (strip * w), box_h / h);
}

QRect ProjectionView::legend_rect() const {
  if (!legend_ || !legend_renderer_->GetDraw()) return {};
  const double w = std::max(width(), 1), h = std::max(height(), 1);
  const double* strip = legend_renderer_->GetViewport();
  const double* at = legend_->GetPosition();
  const double* size = legend_->GetPosition2();
  const double left = (strip[0] + at[0] * (strip[2] - strip[0])) * w, width_px = size[0] * (strip[2] - strip[0]) * w;
  const double top = (1.0 - at[1] - size[1]) * h, height_px = size[1] * h;
  return QRectF(left, top, width_px, height_px).toAlignedRect();
}

void ProjectionView::resizeEvent(QResizeEvent* event) {
  layout_legend();  // first: QOpenGLWidget::resizeEvent paints at once
  VtkWidget::resizeEvent(event);
}

void ProjectionView::apply_point_sizes(double factor) {
  const double scale = devicePixelRatioF() * factor;
  if (samples_) samples_->GetProperty()->SetPointSize(static_cast<float>(kSampleSize * scale));
  if (centers_) centers_->GetProperty()->SetPointSize(static_cast<float>(kCenterSize * scale));
  if (anchors_) anchors_->GetProperty()->SetPointSize(static_cast<float>(kAnchorSize * scale));
  if (overlay_) overlay_->GetProperty()->SetPointSize(static_cast<float>(kOverlaySize * scale));
}

void ProjectionView::reset_camera() {
  vtkCamera* camera = renderer_->GetActiveCamera();
  camera->SetFocalPoint(0.0, 0.0, 0.0);
  camera->SetPosition(0.0, 0.0, 1.0);
  camera->SetViewUp(0.0, 1.0, 0.0);
  camera->SetParallelProjection(mode_ == Mode::Flat2D ? 1 : 0);
  renderer_->ResetCamera();
  // ResetCamera fits the points' bounding sphere to the viewport's height. In 2D the box itself is fitted, to the
  // width too: a viewport narrower than tall (a Compare half beside its legend strip) would cut the cloud's sides.
  const int* size = render_window()->GetSize();
  const double* viewport = renderer_->GetViewport();
  const double wide = (viewport[2] - viewport[0]) * size[0], tall = (viewport[3] - viewport[1]) * size[1];
  double bounds[6];
  renderer_->ComputeVisiblePropBounds(bounds);
  if (mode_ == Mode::Flat2D && wide > 0.0 && tall > 0.0 && bounds[0] <= bounds[1]) {
    const double cx = 0.5 * (bounds[0] + bounds[1]), cy = 0.5 * (bounds[2] + bounds[3]);
    const double* position = camera->GetPosition();
    camera->SetFocalPoint(cx, cy, 0.0);
    camera->SetPosition(cx, cy, position[2]);
    const double half_height = std::max(0.5 * (bounds[3] - bounds[2]), 0.5 * (bounds[1] - bounds[0]) * tall / wide);
    if (half_height > 0.0) camera->SetParallelScale(1.08 * half_height);
  } else if (wide > 0.0 && tall > 0.0 && wide < tall) {
    camera->Zoom(wide / tall);
  }
  if (mode_ == Mode::Orbit3D) {
    camera->Azimuth(35.0);
    camera->Elevation(25.0);
    camera->OrthogonalizeViewUp();
  }
  renderer_->ResetCameraClippingRange();
  render();
}

bool ProjectionView::project(int index, double& x, double& y, double& depth) const {
  const int* size = render_window()->GetSize();
  vtkMatrix4x4* m = renderer_->GetActiveCamera()->GetCompositeProjectionTransformMatrix(
      renderer_->GetTiledAspectRatio(), -1.0, 1.0);
  const double p[4] = {drawn_(index, 0), drawn_(index, 1), drawn_(index, 2), 1.0};
  double clip[4];
  m->MultiplyPoint(p, clip);
  if (clip[3] <= 0.0) return false;
  const double* viewport = renderer_->GetViewport();
  x = (clip[0] / clip[3] + 1.0) * 0.5 * size[0] * (viewport[2] - viewport[0]) + size[0] * viewport[0];
  y = (clip[1] / clip[3] + 1.0) * 0.5 * size[1] * (viewport[3] - viewport[1]) + size[1] * viewport[1];
  depth = clip[2] / clip[3];
  return true;
}

int ProjectionView::sample_at(const QPointF& position, double radius) const {
  const double dpr = devicePixelRatioF();
  const double px = position.x() * dpr, py = render_window()->GetSize()[1] - position.y() * dpr;
  const double r2 = radius * dpr * radius * dpr;
  int best = -1;
  double best_d2 = 0.0, best_depth = 0.0;
  for (int i = 0; i < static_cast<int>(drawn_.rows()); ++i) {
    double x, y, depth;
    if (!project(i, x, y, depth)) continue;
    const double d2 = (x - px) * (x - px) + (y - py) * (y - py);
    if (d2 > r2) continue;
    // Nearest on screen; among (almost) coincident ones, the one in front.
    if (best < 0 || d2 < best_d2 - 0.25 || (d2 <= best_d2 + 0.25 && depth < best_depth)) {
      best = i;
      best_d2 = d2;
      best_depth = depth;
    }
  }
  return best;
}

QPointF ProjectionView::sample_position(int index) const {
  if (index < 0 || index >= drawn_.rows()) return {};
  double x, y, depth;
  if (!project(index, x, y, depth)) return {};
  const double dpr = devicePixelRatioF();
  return {x / dpr, (render_window()->GetSize()[1] - y) / dpr};
}

void ProjectionView::on_interaction(vtkObject*, unsigned long, void*) { Q_EMIT camera_changed(); }

void ProjectionView::set_hovered(int index) {
  if (index == hovered_) return;
  hovered_ = index;
  Q_EMIT point_hovered(index);
}

void ProjectionView::mouseMoveEvent(QMouseEvent* event) {
  // While a button is held the user drags the camera; hovering resumes on release.
  if (event->buttons() == Qt::NoButton) set_hovered(sample_at(event->position()));
  VtkWidget::mouseMoveEvent(event);
}

void ProjectionView::leaveEvent(QEvent* event) {
  set_hovered(-1);
  VtkWidget::leaveEvent(event);
}

void ProjectionView::set_export_scale(double factor) { apply_point_sizes(factor); }

ms::Status ProjectionView::write_png(const std::string& path, const ExportSize& size) { return save_figure(path, size); }

std::vector<FigureLegendEntry> ProjectionView::legend_entries() const {
  std::vector<FigureLegendEntry> entries;
  for (size_t p = 0; p < data_.class_names.size(); ++p)
    entries.push_back({data_.class_names[p], class_colour(static_cast<int>(p)), false});
  if (data_.overlay.rows() > 0 && !data_.overlay_name.empty())
    entries.push_back({data_.overlay_name, lighten(kOverlayLegendGrey, kOverlayLightening), true});
  return entries;
}

ms::Result<QImage> ProjectionView::render_scene(int width, int height, double point_factor) {
  vtkCamera* camera = renderer_->GetActiveCamera();
  vtkNew<vtkCamera> saved;
  saved->DeepCopy(camera);
  const double* viewport = renderer_->GetViewport();
  const int* size = render_window()->GetSize();
  const double shown_aspect = (viewport[2] - viewport[0]) * size[0] / std::max(1.0, (viewport[3] - viewport[1]) * size[1]);
  const double aspect = static_cast<double>(width) / std::max(height, 1);
  if (aspect < shown_aspect) camera->Zoom(aspect / shown_aspect);  // keep the horizontal extent on screen
  legend_renderer_->SetDraw(false);
  renderer_->SetViewport(0.0, 0.0, 1.0, 1.0);
  apply_point_sizes(point_factor / devicePixelRatioF());
  ms::Result<QImage> image = render_window_image(render_window(), width, height);
  camera->DeepCopy(saved);
  layout_legend();
  apply_point_sizes(1.0);
  render();
  return image;
}

ComposedPanel ProjectionView::figure_panel(const std::string& title) {
  ComposedPanel panel;
  panel.title = title;
  panel.legend = legend_entries();
  panel.render = [this](int w, int h, double factor) { return render_scene(w, h, factor); };
  const double* viewport = renderer_->GetViewport();
  panel.aspect = (viewport[2] - viewport[0]) * width() / std::max(1.0, (viewport[3] - viewport[1]) * height());
  return panel;
}

ms::Status ProjectionView::write_figure(const std::string& path, const ExportSize& size) {
  return save_composed_figure(path, {figure_panel()}, width(), height(), size);
}

ms::Status ProjectionView::save_csv(const std::string& path) const {
  const Eigen::Index k = data_.coords.cols();
  std::ostringstream out;
  out << "kind,index,class_id,class,x,y" << (k == 3 ? ",z" : "") << '\n';
  auto row = [&](const char* kind, Eigen::Index index, int label, const Eigen::MatrixXd& m) {
    out << kind << ',' << index << ',' << label << ',' << csv_field(data_.class_names[label]);
    for (Eigen::Index c = 0; c < k; ++c) out << ',' << csv_number(m(index, c));
    out << '\n';
  };
  for (Eigen::Index i = 0; i < data_.coords.rows(); ++i) row("sample", i, data_.labels[i], data_.coords);
  for (Eigen::Index i = 0; i < data_.overlay.rows(); ++i) row("overlay", i, data_.overlay_labels[i], data_.overlay);
  for (Eigen::Index p = 0; p < data_.centers.rows(); ++p) row("center", p, static_cast<int>(p), data_.centers);
  for (Eigen::Index a = 0; a < data_.anchors.rows(); ++a) row("anchor", a, data_.anchor_labels[a], data_.anchors);
  return write_text_file(path, out.str());
}

}  // namespace ms::views
