#include "views/marker_scatter_view.h"

#include <QMouseEvent>
#include <vtkAxis.h>
#include <vtkBrush.h>
#include <vtkChartLegend.h>
#include <vtkChartXY.h>
#include <vtkContext2D.h>
#include <vtkContextItem.h>
#include <vtkContextScene.h>
#include <vtkContextView.h>
#include <vtkDoubleArray.h>
#include <vtkGenericOpenGLRenderWindow.h>
#include <vtkObjectFactory.h>
#include <vtkPen.h>
#include <vtkPlotLine.h>
#include <vtkPlotPoints.h>
#include <vtkRenderer.h>
#include <vtkStringArray.h>
#include <vtkTable.h>
#include <vtkTextProperty.h>
#include <vtkVector.h>

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <limits>
#include <sstream>

#include "views/csv_text.h"
#include "views/figure_font.h"
#include "views/palette.h"

namespace ms::views {
namespace {

constexpr float kMarkerSize = 9.0f;
constexpr float kRingSize = 19.0f;
constexpr float kFitWidth = 1.5f;
constexpr float kErrorBarWidth = 1.0f;
const double kNaN = std::numeric_limits<double>::quiet_NaN();

const std::string kRho = "\xCF\x81";  // ρ in UTF-8

const std::string& font_file() {
  static const std::string path = [] {
    for (const char* candidate : {"/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
                                  "/usr/share/fonts/TTF/DejaVuSans.ttf", "/usr/share/fonts/dejavu/DejaVuSans.ttf"})
      if (std::ifstream(candidate).good()) return std::string(candidate);
    return std::string();
  }();
  return path;
}

// The statistics text box, painted after the chart so it sits on top, in a corner of the chart's plot area (read
// from the axes at paint time, so it follows resizes and the export's larger layout).
class StatisticsBox : public vtkContextItem {
 public:
  static StatisticsBox* New();
  vtkTypeMacro(StatisticsBox, vtkContextItem);

  vtkChartXY* chart = nullptr;
  std::vector<std::string> lines;
  bool right = false, bottom = false;  // which corner
  double scale = 1.0;                  // export factor for the padding

  // Where the box is drawn in scene coordinates (empty without lines); sets the painter's text properties.
  vtkRectf rect(vtkContext2D* painter, float* line_height = nullptr) {
    if (!chart || lines.empty()) return vtkRectf(0, 0, 0, 0);
    vtkAxis* x = chart->GetAxis(vtkAxis::BOTTOM);
    vtkAxis* y = chart->GetAxis(vtkAxis::LEFT);
    const float left = x->GetPoint1()[0], right_edge = x->GetPoint2()[0];
    const float low = y->GetPoint1()[1], top = y->GetPoint2()[1];
    vtkTextProperty* text = painter->GetTextProp();
    // VTK's built-in fonts have no Greek letters: the text uses DejaVu Sans when it is installed (fonts-dejavu-core,
    // a dependency of the package). The PDF export draws it with Qt, which embeds that font.
    if (!font_file().empty()) {
      text->SetFontFamily(VTK_FONT_FILE);
      text->SetFontFile(font_file().c_str());
    } else {
      text->SetFontFamilyToArial();
    }
    text->SetFontSize(12);
    text->SetColor(0.1, 0.1, 0.1);
    text->SetJustificationToLeft();
    text->SetVerticalJustificationToBottom();
    text->SetBold(false);
    text->SetItalic(false);
    float width = 0.0f, height = 0.0f;
    for (const auto& line : lines) {
      float bounds[4];
      painter->ComputeStringBounds(line, bounds);
      width = std::max(width, bounds[2]);
      height = std::max(height, bounds[3]);
    }
    if (line_height) *line_height = height;
    const float box_w = width + 2 * pad(), box_h = lines.size() * height + (lines.size() - 1) * gap() + 2 * pad();
    const float margin = static_cast<float>(8.0 * scale);
    return vtkRectf(right ? right_edge - margin - box_w : left + margin, bottom ? low + margin : top - margin - box_h,
                    box_w, box_h);
  }

  bool Paint(vtkContext2D* painter) override {
    float line_height = 0.0f;
    const vtkRectf box = rect(painter, &line_height);
    if (box.GetWidth() <= 0) return true;
    painter->GetPen()->SetLineType(vtkPen::SOLID_LINE);
    painter->GetPen()->SetColorF(0.55, 0.55, 0.55);
    painter->GetPen()->SetWidth(static_cast<float>(scale));
    painter->GetBrush()->SetColorF(1.0, 1.0, 1.0, 0.88);
    painter->DrawRect(box.GetX(), box.GetY(), box.GetWidth(), box.GetHeight());
    for (size_t i = 0; i < lines.size(); ++i) {
      const float ly = box.GetY() + box.GetHeight() - pad() - (i + 1) * line_height - i * gap();
      painter->DrawString(box.GetX() + pad(), ly, lines[i]);
    }
    return true;
  }

 private:
  float pad() const { return static_cast<float>(6.0 * scale); }
  float gap() const { return static_cast<float>(3.0 * scale); }
};
vtkStandardNewMacro(StatisticsBox);

}  // namespace

// A chart whose legend goes where no point is drawn: the first of `corners` (inside the plot area) whose rectangle
// holds no point and misses the statistics box, else centred below the plot area, which then gives up that height.
// Decided at every paint from that paint's layout, so it follows resizes and the export's page layout.
class PlacedLegendChart : public vtkChartXY {
 public:
  static PlacedLegendChart* New();
  vtkTypeMacro(PlacedLegendChart, vtkChartXY);

  enum Corner { kBottomLeft, kBottomRight, kTopLeft, kTopRight };
  const ScatterData* data = nullptr;
  StatisticsBox* box = nullptr;
  std::vector<Corner> corners{kBottomRight, kTopRight, kBottomLeft, kTopLeft};
  double marker_size = kMarkerSize;  // drawn diameter in scene pixels
  vtkRectf legend;                   // where the legend was put, scene coordinates
  bool below = false;

  bool Paint(vtkContext2D* painter) override {
    if (!GetVisible() || !GetShowLegend() || !data || !GetScene()) return vtkChartXY::Paint(painter);
    // Lay the plot out without a legend border, as the inline corners leave it, and try the corners in it.
    below = false;
    if (GetLayoutStrategy() == vtkChart::FILL_SCENE)
      SetSize(vtkRectf(0.0, 0.0, GetScene()->GetSceneWidth(), GetScene()->GetSceneHeight()));
    Update();
    UpdateLayout(painter);
    const vtkRectf size = Legend->GetBoundingRect(painter);
    const float w = size.GetWidth(), h = size.GetHeight();
    const vtkRectf avoid = box ? box->rect(painter) : vtkRectf(0, 0, 0, 0);
    below = true;
    for (Corner corner : corners) {
      const bool right = corner == kBottomRight || corner == kTopRight, top = corner == kTopLeft || corner == kTopRight;
      const vtkRectf r(right ? Point2[0] - w : Point1[0], top ? Point2[1] - h : Point1[1], w, h);
      if (!holds_point(r) && !overlaps(r, avoid)) {
        legend = r, below = false;
        break;
      }
    }
    // Below: under the x axis at the foot of the chart (GetLegendBorder makes room), centred on the plot area.
    if (below) legend = vtkRectf(0.5f * (Point1[0] + Point2[0] - w), 4.0f, w, h);
    Legend->SetPoint(vtkVector2f(legend.GetX(), legend.GetY()));
    return vtkChartXY::Paint(painter);
  }

 protected:
  int GetLegendBorder(vtkContext2D* painter, int axis) override {
    if (!below || axis != vtkAxis::BOTTOM) return 0;
    return static_cast<int>(Legend->GetBoundingRect(painter).GetHeight()) + 8;
  }
  void SetLegendPosition(const vtkRectf&) override {}  // Paint placed it

 private:
  // A point whose marker reaches into r (the legend would hide part of it).
  bool holds_point(const vtkRectf& r) {
    vtkAxis* x = GetAxis(vtkAxis::BOTTOM);
    vtkAxis* y = GetAxis(vtkAxis::LEFT);
    const double xs = (Point2[0] - Point1[0]) / (x->GetMaximum() - x->GetMinimum());
    const double ys = (Point2[1] - Point1[1]) / (y->GetMaximum() - y->GetMinimum());
    const double reach = 0.5 * marker_size;
    for (size_t i = 0; i < data->x.size(); ++i) {
      const double sx = Point1[0] + (data->x[i] - x->GetMinimum()) * xs;
      const double sy = Point1[1] + (data->y[i] - y->GetMinimum()) * ys;
      if (sx + reach >= r.GetX() && sx - reach <= r.GetX() + r.GetWidth() && sy + reach >= r.GetY() &&
          sy - reach <= r.GetY() + r.GetHeight())
        return true;
    }
    return false;
  }
  static bool overlaps(const vtkRectf& a, const vtkRectf& b) {
    if (a.GetWidth() <= 0 || b.GetWidth() <= 0) return false;
    return a.GetX() < b.GetX() + b.GetWidth() && b.GetX() < a.GetX() + a.GetWidth() &&
           a.GetY() < b.GetY() + b.GetHeight() && b.GetY() < a.GetY() + a.GetHeight();
  }
};
vtkStandardNewMacro(PlacedLegendChart);

namespace {

std::string printed(const char* pattern, double value) {
  char text[64];
  std::snprintf(text, sizeof text, pattern, value);
  return text;
}

// p-values span many decades: fixed for ordinary ones, scientific below 0.001.
std::string format_p(double p) {
  if (!std::isfinite(p)) return "n/a";
  return p < 1e-3 ? printed("%.1e", p) : printed("%.3f", p);
}

std::string format_r(double r) { return std::isfinite(r) ? printed("%.3f", r) : "n/a"; }

bool is_number(const std::string& text, double& value) {
  if (text.empty()) return false;
  char* end = nullptr;
  value = std::strtod(text.c_str(), &end);
  return end == text.c_str() + text.size();
}

// Numeric order when every group reads as a number (lr, wd, seed), else first appearance.
std::vector<std::string> order_groups(const std::vector<std::string>& groups) {
  std::vector<std::string> order;
  for (const auto& g : groups)
    if (std::find(order.begin(), order.end(), g) == order.end()) order.push_back(g);
  double a = 0.0, b = 0.0;
  const bool numeric = std::all_of(order.begin(), order.end(), [&](const std::string& g) { return is_number(g, a); });
  if (numeric)
    std::stable_sort(order.begin(), order.end(), [&](const std::string& l, const std::string& r) {
      is_number(l, a), is_number(r, b);
      return a < b;
    });
  return order;
}

vtkSmartPointer<vtkTable> xy_table(const std::vector<double>& x, const std::vector<double>& y) {
  auto table = vtkSmartPointer<vtkTable>::New();
  vtkNew<vtkDoubleArray> xs, ys;
  xs->SetName("x");
  ys->SetName("y");
  table->AddColumn(xs);
  table->AddColumn(ys);
  table->SetNumberOfRows(static_cast<vtkIdType>(x.size()));
  for (size_t i = 0; i < x.size(); ++i) {
    table->SetValue(static_cast<vtkIdType>(i), 0, x[i]);
    table->SetValue(static_cast<vtkIdType>(i), 1, y[i]);
  }
  return table;
}

// Data range with a margin, so extreme points are not cut by the frame.
void padded_range(const std::vector<double>& v, double& lo, double& hi) {
  lo = std::numeric_limits<double>::infinity(), hi = -lo;
  for (double value : v) lo = std::min(lo, value), hi = std::max(hi, value);
  if (!(lo <= hi)) lo = 0.0, hi = 1.0;
  const double margin = hi > lo ? 0.08 * (hi - lo) : std::max(0.05, 0.1 * std::abs(hi));
  lo -= margin, hi += margin;
}

// What is wrong with `data` for the scatter (sizes that differ, a non-finite x or y), or empty.
std::string scatter_problem(const ScatterData& data) {
  const size_t n = data.x.size();
  if (data.y.size() != n || data.labels.size() != n || (!data.groups.empty() && data.groups.size() != n))
    return std::to_string(n) + " x values but " + std::to_string(data.y.size()) + " y values, " +
           std::to_string(data.labels.size()) + " labels and " + std::to_string(data.groups.size()) + " groups";
  for (size_t i = 0; i < n; ++i)
    if (!std::isfinite(data.x[i]) || !std::isfinite(data.y[i]))
      return "point '" + data.labels[i] + "' has a missing or infinite value";
  const bool intervals = !data.y_low.empty() || !data.y_high.empty() || !data.y_items.empty();
  if (intervals && (data.y_low.size() != n || data.y_high.size() != n || data.y_items.size() != n))
    return std::to_string(n) + " points but " + std::to_string(data.y_low.size()) + " lower, " +
           std::to_string(data.y_high.size()) + " upper bounds and " + std::to_string(data.y_items.size()) +
           " item counts";
  return {};
}

// Least squares through the points, [x 1] b = y: slope and intercept, NaN for fewer than 2 distinct x.
void least_squares(const std::vector<double>& x, const std::vector<double>& y, double& slope, double& intercept) {
  slope = intercept = kNaN;
  const size_t n = x.size();
  if (n < 2) return;
  Eigen::MatrixXd design(n, 2);
  Eigen::VectorXd target(n);
  for (size_t i = 0; i < n; ++i) design(i, 0) = x[i], design(i, 1) = 1.0, target(i) = y[i];
  Eigen::ColPivHouseholderQR<Eigen::MatrixXd> qr(design);
  if (qr.rank() != 2) return;
  const Eigen::Vector2d b = qr.solve(target);
  slope = b(0), intercept = b(1);
}

}  // namespace

MarkerScatterView::MarkerScatterView(QWidget* parent)
    : PlotView(parent, [] { return std::string("marker_vs_ood"); }),
      view_(vtkSmartPointer<vtkContextView>::New()),
      chart_(vtkSmartPointer<PlacedLegendChart>::New()),
      selection_table_(xy_table({}, {})) {
  view_->SetRenderWindow(render_window());
  view_->GetRenderer()->SetBackground(1.0, 1.0, 1.0);
  view_->GetScene()->AddItem(chart_);
  auto box = vtkSmartPointer<StatisticsBox>::New();
  box->chart = chart_;
  statistics_box_ = box;
  placed()->data = &data_;
  placed()->box = box;
  view_->GetScene()->AddItem(statistics_box_);

  chart_->SetShowLegend(true);
  chart_->GetLegend()->SetInline(true);
  // Placed by PlacedLegendChart at every paint; CUSTOM keeps vtkChartXY from moving it.
  chart_->GetLegend()->SetHorizontalAlignment(vtkChartLegend::CUSTOM);
  chart_->GetLegend()->SetVerticalAlignment(vtkChartLegend::CUSTOM);
  use_chart_fonts(chart_);
  for (int which : {vtkAxis::BOTTOM, vtkAxis::LEFT}) {
    vtkAxis* axis = chart_->GetAxis(which);
    axis->SetBehavior(vtkAxis::FIXED);
    axis->SetTickLabelAlgorithm(vtkAxis::TICK_SIMPLE);
    axis->GetGridPen()->SetColorF(0.9, 0.9, 0.9);
  }
}

MarkerScatterView::~MarkerScatterView() = default;

vtkChartXY* MarkerScatterView::chart() const { return chart_; }

PlacedLegendChart* MarkerScatterView::placed() const { return static_cast<PlacedLegendChart*>(chart_.Get()); }

QRectF MarkerScatterView::legend_rect() const {
  const vtkRectf r = placed()->legend;
  const double dpr = devicePixelRatioF(), top = render_window()->GetSize()[1] - r.GetY() - r.GetHeight();
  return {r.GetX() / dpr, top / dpr, r.GetWidth() / dpr, r.GetHeight() / dpr};
}

bool MarkerScatterView::legend_below() const { return placed()->below; }

std::string MarkerScatterView::data_problem(const ScatterData& data) const {
  const std::string problem = scatter_problem(data);
  return problem.empty() ? problem : "marker scatter: " + problem;
}

void MarkerScatterView::show_data() {
  selected_ = -1;
  group_order_ = data_.groups.empty() ? std::vector<std::string>{""} : order_groups(data_.groups);

  chart_->ClearPlots();
  add_selection_ring();  // first, so the selected point's own marker is drawn over it
  add_error_bars();
  add_group_points();
  least_squares(data_.x, data_.y, slope_, intercept_);
  if (std::isfinite(slope_)) add_fit_line();
  set_axes();
  place_statistics();
  chart_->RecalculateBounds();
  render();
}

void MarkerScatterView::add_selection_ring() {
  selection_table_ = xy_table({}, {});
  auto* ring = vtkPlotPoints::SafeDownCast(chart_->AddPlot(vtkChart::POINTS));
  ring->SetInputData(selection_table_, 0, 1);
  ring->SetColor(0.1, 0.1, 0.1);
  ring->SetMarkerStyle(vtkPlotPoints::CIRCLE);
  ring->SetMarkerSize(kRingSize);
  ring->SetLegendVisibility(false);
  ring->SetSelectable(false);
  ring->SetTooltipLabelFormat("");
}

void MarkerScatterView::add_group_points() {
  for (size_t g = 0; g < group_order_.size(); ++g) {
    std::vector<double> gx, gy;
    vtkNew<vtkStringArray> names;
    for (size_t i = 0; i < data_.x.size(); ++i)
      if (data_.groups.empty() || data_.groups[i] == group_order_[g]) {
        gx.push_back(data_.x[i]);
        gy.push_back(data_.y[i]);
        names->InsertNextValue(point_name(i));
      }
    auto* points = vtkPlotPoints::SafeDownCast(chart_->AddPlot(vtkChart::POINTS));
    points->SetInputData(xy_table(gx, gy), 0, 1);
    const Rgb colour = class_colour(static_cast<int>(g));
    points->SetColor(colour[0], colour[1], colour[2]);
    points->SetMarkerStyle(vtkPlotPoints::CIRCLE);
    points->SetMarkerSize(kMarkerSize);
    points->SetIndexedLabels(names);
    points->SetTooltipLabelFormat("%i\n%x, %y");
    if (data_.groups.empty()) points->SetLabel("checkpoints");
    else points->SetLabel(data_.colour_title.empty() ? group_order_[g] : data_.colour_title + " = " + group_order_[g]);
  }
}

void MarkerScatterView::add_fit_line() {
  const double x0 = *std::min_element(data_.x.begin(), data_.x.end());
  const double x1 = *std::max_element(data_.x.begin(), data_.x.end());
  auto* fit = vtkPlotLine::SafeDownCast(chart_->AddPlot(vtkChart::LINE));
  fit->SetInputData(xy_table({x0, x1}, {slope_ * x0 + intercept_, slope_ * x1 + intercept_}), 0, 1);
  fit->SetColor(0.3, 0.3, 0.3);
  fit->SetWidth(kFitWidth);
  fit->GetPen()->SetLineType(vtkPen::DASH_LINE);
  fit->SetLabel("least-squares fit");
  fit->SetMarkerStyle(vtkPlotPoints::NONE);
  fit->SetTooltipLabelFormat("");
  fit->SetSelectable(false);
}

// The ranges hold every point and interval with a margin; the titles are the data's.
void MarkerScatterView::set_axes() {
  double xlo, xhi, ylo, yhi;
  padded_range(data_.x, xlo, xhi);
  std::vector<double> y_extent = data_.y;  // the intervals stay inside the frame too
  for (size_t i = 0; i < data_.y_low.size(); ++i)
    if (std::isfinite(data_.y_low[i]) && std::isfinite(data_.y_high[i]))
      y_extent.push_back(data_.y_low[i]), y_extent.push_back(data_.y_high[i]);
  padded_range(y_extent, ylo, yhi);
  vtkAxis* x = chart_->GetAxis(vtkAxis::BOTTOM);
  x->SetRange(xlo, xhi);
  x->SetTitle(data_.x_title);
  vtkAxis* y = chart_->GetAxis(vtkAxis::LEFT);
  y->SetRange(ylo, yhi);
  y->SetTitle(data_.y_title);
}

// Text box and legend in the two corners the trend leaves empty: a rising cloud leaves top-left and bottom-right.
void MarkerScatterView::place_statistics() {
  auto* box = static_cast<StatisticsBox*>(statistics_box_.Get());
  const double r = data_.statistics.pearson_r;
  const bool falling = std::isfinite(r) && r < 0.0;
  box->right = falling;
  box->bottom = false;
  // The legend tries the corner the trend leaves empty first, then the others but the box's; else it goes below.
  using C = PlacedLegendChart::Corner;
  placed()->corners = falling ? std::vector<C>{C::kBottomLeft, C::kBottomRight, C::kTopLeft}
                              : std::vector<C>{C::kBottomRight, C::kBottomLeft, C::kTopRight};
  std::istringstream text(statistics_text());
  box->lines.clear();
  for (std::string line; std::getline(text, line);) box->lines.push_back(line);
}

std::string MarkerScatterView::statistics_text() const {
  const ScatterStatistics& s = data_.statistics;
  std::string text = "r = " + format_r(s.pearson_r) + ", p = " + format_p(s.pearson_p) + "\n";
  text += kRho + " = " + format_r(s.spearman_rho) + ", p = " + format_p(s.spearman_p) + "\n";  // ρ
  if (std::isfinite(s.ci_low) && std::isfinite(s.ci_high))
    text += printed("%.0f", 100.0 * s.ci_level) + "% CI [" + printed("%.3f", s.ci_low) + ", " + printed("%.3f", s.ci_high) + "]\n";
  text += "n = " + std::to_string(s.n);
  if (data_.missing > 0) text += " (" + std::to_string(data_.missing) + " missing)";
  return text;
}

void MarkerScatterView::set_selected(int index) {
  selected_ = index >= 0 && index < static_cast<int>(data_.x.size()) ? index : -1;
  update_selection_plot();
  render();
}

void MarkerScatterView::update_selection_plot() {
  if (!selection_table_) return;
  selection_table_->SetNumberOfRows(selected_ >= 0 ? 1 : 0);
  if (selected_ >= 0) {
    selection_table_->SetValue(0, 0, data_.x[selected_]);
    selection_table_->SetValue(0, 1, data_.y[selected_]);
  }
  selection_table_->Modified();
}

QPointF MarkerScatterView::point_position(int index) const {
  if (index < 0 || index >= static_cast<int>(data_.x.size())) return {};
  vtkAxis* x = chart_->GetAxis(vtkAxis::BOTTOM);
  vtkAxis* y = chart_->GetAxis(vtkAxis::LEFT);
  const double sx = x->GetPoint1()[0] + (data_.x[index] - x->GetMinimum()) / (x->GetMaximum() - x->GetMinimum()) *
                                            (x->GetPoint2()[0] - x->GetPoint1()[0]);
  const double sy = y->GetPoint1()[1] + (data_.y[index] - y->GetMinimum()) / (y->GetMaximum() - y->GetMinimum()) *
                                            (y->GetPoint2()[1] - y->GetPoint1()[1]);
  const double dpr = devicePixelRatioF();
  return {sx / dpr, (render_window()->GetSize()[1] - sy) / dpr};
}

int MarkerScatterView::point_at(const QPointF& position, double radius) const {
  int best = -1;
  double best_distance = radius * radius;
  for (int i = 0; i < static_cast<int>(data_.x.size()); ++i) {
    const QPointF d = point_position(i) - position;
    const double distance = d.x() * d.x() + d.y() * d.y();
    if (distance <= best_distance) best = i, best_distance = distance;
  }
  return best;
}

void MarkerScatterView::mousePressEvent(QMouseEvent* event) {
  click_.press(*event);
  FigureView::mousePressEvent(event);
}

void MarkerScatterView::mouseReleaseEvent(QMouseEvent* event) {
  // A click, not the end of a pan.
  if (click_.release(*event)) {
    const int index = point_at(event->position());
    if (index >= 0) {
      set_selected(index);
      Q_EMIT point_clicked(index);
    }
  }
  FigureView::mouseReleaseEvent(event);
}

void MarkerScatterView::set_export_scale(double factor) {
  for (vtkIdType i = 0; i < chart_->GetNumberOfPlots(); ++i) {
    vtkPlot* plot = chart_->GetPlot(i);
    if (auto* line = vtkPlotLine::SafeDownCast(plot)) {
      line->SetWidth(static_cast<float>((line == error_bars_ ? kErrorBarWidth : kFitWidth) * factor));
    } else if (auto* points = vtkPlotPoints::SafeDownCast(plot)) {
      points->SetMarkerSize(static_cast<float>((i == 0 ? kRingSize : kMarkerSize) * factor));
    }
  }
  placed()->marker_size = kMarkerSize * factor;
  static_cast<StatisticsBox*>(statistics_box_.Get())->scale = factor;
  // The simple tick rule spaces ticks in pixels, so an export at scale 2 would have twice as many; Wilkinson's picks
  // a few round ones whatever the size.
  for (int which : {vtkAxis::BOTTOM, vtkAxis::LEFT})
    chart_->GetAxis(which)->SetTickLabelAlgorithm(factor > 1.0 ? vtkAxis::TICK_WILKINSON_EXTENDED : vtkAxis::TICK_SIMPLE);
}

// At a column width the plot is small beside its text: the y axis gets headroom above the cloud for the statistics
// box (the legend keeps the corner the trend leaves empty). The window's range comes back after.
ms::Status MarkerScatterView::write_figure(const std::string& path, const ExportSize& size) {
  vtkAxis* y = chart_->GetAxis(vtkAxis::LEFT);
  const double ylo = y->GetMinimum(), yhi = y->GetMaximum();
  if (size.physical()) y->SetRange(ylo, yhi + 0.7 * (yhi - ylo));  // the box above the cloud
  const ms::Status status = FigureView::write_figure(path, size);
  y->SetRange(ylo, yhi);
  render();
  return status;
}

ms::Status MarkerScatterView::save_csv(const std::string& path) const {
  std::ostringstream out;
  const bool intervals = !data_.y_low.empty();
  out << "x,y,label,group" << (intervals ? ",y_low,y_high,y_n" : "") << "\n";
  for (size_t i = 0; i < data_.x.size(); ++i) {
    out << csv_number(data_.x[i]) << ',' << csv_number(data_.y[i]) << ',' << csv_field(data_.labels[i]) << ','
        << csv_field(data_.groups.empty() ? std::string() : data_.groups[i]);
    if (intervals)
      out << ',' << csv_number(data_.y_low[i]) << ',' << csv_number(data_.y_high[i]) << ',' << data_.y_items[i];
    out << '\n';
  }
  return write_text_file(path, out.str());
}

std::string MarkerScatterView::point_name(size_t index) const {
  std::string name = data_.labels[index];
  if (index < data_.y_low.size() && std::isfinite(data_.y_low[index]) && std::isfinite(data_.y_high[index]))
    name += "\n95% CI [" + printed("%.3f", data_.y_low[index]) + ", " + printed("%.3f", data_.y_high[index]) +
            "], n = " + std::to_string(data_.y_items[index]);
  return name;
}

void MarkerScatterView::add_error_bars() {
  error_bars_ = nullptr;
  std::vector<double> bx, by;  // two ends per bar: with PolyLine off each pair is its own segment
  for (size_t i = 0; i < data_.y_low.size(); ++i)
    if (std::isfinite(data_.y_low[i]) && std::isfinite(data_.y_high[i]))
      bx.insert(bx.end(), {data_.x[i], data_.x[i]}), by.insert(by.end(), {data_.y_low[i], data_.y_high[i]});
  if (bx.empty()) return;
  error_bars_ = vtkPlotLine::SafeDownCast(chart_->AddPlot(vtkChart::LINE));
  error_bars_->SetInputData(xy_table(bx, by), 0, 1);
  error_bars_->SetPolyLine(false);
  error_bars_->SetColor(0.45, 0.45, 0.45);
  error_bars_->SetWidth(kErrorBarWidth);
  error_bars_->SetMarkerStyle(vtkPlotPoints::NONE);
  error_bars_->SetLegendVisibility(false);
  error_bars_->SetTooltipLabelFormat("");
  error_bars_->SetSelectable(false);
}

}  // namespace ms::views
