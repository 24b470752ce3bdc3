#include "views/layer_profile_view.h"

#include <vtkAxis.h>
#include <vtkChartLegend.h>
#include <vtkChartXY.h>
#include <vtkContextScene.h>
#include <vtkContextView.h>
#include <vtkDoubleArray.h>
#include <vtkGenericOpenGLRenderWindow.h>
#include <vtkPen.h>
#include <vtkPlotPoints.h>
#include <vtkRenderer.h>
#include <vtkStringArray.h>
#include <vtkTable.h>
#include <vtkTextProperty.h>
#include <vtkTextRenderer.h>

#include <QHelpEvent>
#include <QToolTip>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <sstream>

#include "views/csv_text.h"
#include "views/figure_font.h"
#include "views/palette.h"

namespace ms::views {
namespace {
constexpr float kLineWidth = 2.0f;
constexpr float kMarkerSize = 7.0f;
}  // namespace

LayerProfileView::LayerProfileView(QWidget* parent)
    : PlotView(parent, [this] { return "layer_profile_" + data_.marker; }),
      view_(vtkSmartPointer<vtkContextView>::New()),
      chart_(vtkSmartPointer<vtkChartXY>::New()) {
  // The context view moves its renderer into our window and puts its chart interaction style on our interactor.
  view_->SetRenderWindow(render_window());
  view_->GetRenderer()->SetBackground(1.0, 1.0, 1.0);
  view_->GetScene()->AddItem(chart_);

  chart_->SetShowLegend(true);
  chart_->GetLegend()->SetHorizontalAlignment(vtkChartLegend::RIGHT);
  chart_->GetLegend()->SetVerticalAlignment(vtkChartLegend::TOP);
  chart_->GetLegend()->SetInline(false);  // beside the plot area, never over a curve
  use_chart_fonts(chart_);

  vtkAxis* x = chart_->GetAxis(vtkAxis::BOTTOM);
  x->SetTitle("Layer");
  x->SetBehavior(vtkAxis::FIXED);
  x->SetGridVisible(false);
  vtkAxis* y = chart_->GetAxis(vtkAxis::LEFT);
  y->SetTickLabelAlgorithm(vtkAxis::TICK_SIMPLE);
  y->GetGridPen()->SetColorF(0.88, 0.88, 0.88);
}

LayerProfileView::~LayerProfileView() = default;

vtkChartXY* LayerProfileView::chart() const { return chart_; }

std::string LayerProfileView::data_problem(const ProfileData& data) const {
  const size_t layers = data.layers.size();
  for (const auto& series : data.series)
    if (series.values.size() != layers)
      return "layer profile: series '" + series.name + "' has " + std::to_string(series.values.size()) + " values for " +
             std::to_string(layers) + " layers";
  return {};
}

void LayerProfileView::show_data() {
  const size_t layers = data_.layers.size();
  vtkNew<vtkTable> table;
  vtkNew<vtkDoubleArray> index;
  index->SetName("layer");
  table->AddColumn(index);
  for (size_t s = 0; s < data_.series.size(); ++s) {
    vtkNew<vtkDoubleArray> column;
    column->SetName(data_.series[s].name.c_str());
    table->AddColumn(column);
  }
  table->SetNumberOfRows(static_cast<vtkIdType>(layers));
  for (size_t l = 0; l < layers; ++l) {
    table->SetValue(static_cast<vtkIdType>(l), 0, static_cast<double>(l));
    for (size_t s = 0; s < data_.series.size(); ++s)
      table->SetValue(static_cast<vtkIdType>(l), static_cast<vtkIdType>(s + 1), data_.series[s].values[l]);
  }

  chart_->ClearPlots();
  // One layer (a results table without layers) has nothing to join: markers only, as a line needs two points.
  const int kind = layers < 2 ? vtkChart::POINTS : vtkChart::LINE;
  for (size_t s = 0; s < data_.series.size(); ++s) {
    auto* line = vtkPlotPoints::SafeDownCast(chart_->AddPlot(kind));
    line->SetInputData(table, 0, static_cast<vtkIdType>(s + 1));
    line->SetLabel(data_.series[s].name);
    const Rgb colour = class_colour(static_cast<int>(s));
    line->SetColor(colour[0], colour[1], colour[2]);
    line->SetWidth(kLineWidth);
    line->SetMarkerStyle(vtkPlotPoints::CIRCLE);
    line->SetMarkerSize(kMarkerSize);
  }

  vtkAxis* x = chart_->GetAxis(vtkAxis::BOTTOM);
  // Half a step of margin so the first and last markers are not cut by the axes.
  x->SetRange(-0.5, layers > 0 ? static_cast<double>(layers) - 0.5 : 0.5);
  // y: the data range plus a margin, so extreme markers are not cut by the frame; ticks are picked inside it.
  double lo = std::numeric_limits<double>::infinity(), hi = -lo;
  for (const auto& series : data_.series)
    for (double v : series.values)
      if (std::isfinite(v)) lo = std::min(lo, v), hi = std::max(hi, v);
  if (!(lo <= hi)) lo = 0.0, hi = 1.0;
  const double margin = hi > lo ? 0.06 * (hi - lo) : std::max(0.5, 0.1 * std::abs(hi));
  vtkAxis* y = chart_->GetAxis(vtkAxis::LEFT);
  y->SetBehavior(vtkAxis::FIXED);
  y->SetRange(lo - margin, hi + margin);
  y->SetTitle(data_.marker);
  chart_->RecalculateBounds();
  drawn_.clear();  // new names: the labels are set again
  update_label_orientation();
  render();
}

std::array<int, 2> LayerProfileView::label_size(const std::string& text) const {
  vtkTextProperty* properties = chart_->GetAxis(vtkAxis::BOTTOM)->GetLabelProperties();
  vtkNew<vtkTextProperty> flat;
  flat->ShallowCopy(properties);
  flat->SetOrientation(0.0);
  int box[4] = {0, 0, 0, 0};
  vtkTextRenderer* renderer = vtkTextRenderer::GetInstance();
  if (!renderer || !renderer->GetBoundingBox(flat, text.empty() ? " " : text, box, 72)) return {8 * int(text.size()), 14};
  return {box[1] - box[0] + 1, box[3] - box[2] + 1};
}

std::vector<size_t> LayerProfileView::drawn_labels() const { return drawn_; }

// The legend's width: the longest name at the legend's font size plus the symbol, padding and frame (about 45 px).
double LayerProfileView::legend_width() const {
  vtkTextProperty* properties = chart_->GetLegend()->GetLabelProperties();
  const double ratio = properties->GetFontSize() / static_cast<double>(
                                                       chart_->GetAxis(vtkAxis::BOTTOM)->GetLabelProperties()->GetFontSize());
  double widest = 0;
  for (const auto& series : data_.series) widest = std::max(widest, label_size(series.name)[0] * ratio);
  return widest + 45.0;
}

// Beside the plot (top right) while the legend takes at most a third of the chart's width; else centred under the
// x axis, one entry a line, so long checkpoint names do not squash the plot. Non-inline either way: vtkChartXY
// reserves the room and never draws the legend over a curve. True when beside.
bool LayerProfileView::place_legend(double layout_width) {
  const bool beside = data_.series.empty() || legend_width() <= layout_width / 3.0;
  vtkChartLegend* legend = chart_->GetLegend();
  const int horizontal = beside ? vtkChartLegend::RIGHT : vtkChartLegend::CENTER;
  const int vertical = beside ? vtkChartLegend::TOP : vtkChartLegend::BOTTOM;
  if (legend->GetHorizontalAlignment() != horizontal || legend->GetVerticalAlignment() != vertical) {
    legend->SetHorizontalAlignment(horizontal);
    legend->SetVerticalAlignment(vertical);
    legend->Modified();
    chart_->Modified();
  }
  return beside;
}

bool LayerProfileView::legend_beside() const {
  return chart_->GetLegend()->GetHorizontalAlignment() == vtkChartLegend::RIGHT;
}

// Every k-th label (always the first and the last), k the smallest that keeps neighbours apart at this width:
// side by side when the longest name fits under its tick, else at 45 degrees (then parallel labels need one text
// height between them, measured perpendicular to the text: tick spacing times sin 45).
void LayerProfileView::update_label_orientation(double layout_width) {
  const size_t layers = data_.layers.size();
  int longest = 0, height = 14;
  for (const auto& name : data_.layers) {
    const auto [w, h] = label_size(name);
    longest = std::max(longest, w);
    height = std::max(height, h);
  }
  // The plot spans the widget minus the y axis and margins (about 110 px) and the legend when it is beside it.
  const double across = layout_width > 0 ? layout_width : width();
  const double legend = place_legend(across) ? legend_width() : 0.0;
  const double per_tick = std::max(1.0, (across - 110.0 - legend) / std::max<size_t>(layers, 1));
  const double gap = 6.0;
  const bool rotate = longest + gap > per_tick;
  const double needed = rotate ? (height + gap) * std::sqrt(2.0) : longest + gap;
  const size_t stride = std::max<size_t>(1, static_cast<size_t>(std::ceil(needed / per_tick)));
  std::vector<size_t> drawn;
  for (size_t l = 0; l < layers; l += stride) drawn.push_back(l);
  if (layers > 0 && drawn.back() != layers - 1) {
    if (drawn.size() > 1 && layers - 1 - drawn.back() < stride) drawn.pop_back();  // too close to the last
    drawn.push_back(layers - 1);
  }
  vtkAxis* x = chart_->GetAxis(vtkAxis::BOTTOM);
  vtkTextProperty* labels = x->GetLabelProperties();
  if (drawn != drawn_) {
    drawn_ = drawn;
    vtkNew<vtkDoubleArray> positions;
    vtkNew<vtkStringArray> names;
    for (size_t l : drawn_) {
      positions->InsertNextValue(static_cast<double>(l));
      names->InsertNextValue(data_.layers[l]);
    }
    x->SetCustomTickPositions(positions, names);
    x->Modified();
    render();
  }
  if (rotate == (labels->GetOrientation() != 0.0)) return;
  labels->SetOrientation(rotate ? 45.0 : 0.0);
  // Rotated: the end of the name sits at its tick, the text hangs down to the left.
  if (rotate) {
    labels->SetJustificationToRight();
    labels->SetVerticalJustificationToCentered();
  } else {
    labels->SetJustificationToCentered();
    labels->SetVerticalJustificationToTop();
  }
  chart_->GetAxis(vtkAxis::BOTTOM)->Modified();
  render();
}

int LayerProfileView::layer_at(QPoint position) const {
  vtkAxis* x = chart_->GetAxis(vtkAxis::BOTTOM);
  const float* p1 = x->GetPoint1();
  const float* p2 = x->GetPoint2();
  if (data_.layers.empty() || p2[0] <= p1[0]) return -1;
  const double scene_x = position.x() * devicePixelRatioF();
  const double value = x->GetMinimum() + (scene_x - p1[0]) / (p2[0] - p1[0]) * (x->GetMaximum() - x->GetMinimum());
  const long index = std::lround(value);
  return index >= 0 && index < static_cast<long>(data_.layers.size()) ? static_cast<int>(index) : -1;
}

bool LayerProfileView::event(QEvent* event) {
  // Thinned labels leave most layers unnamed on the axis: the tooltip names the layer under the pointer.
  if (event->type() == QEvent::ToolTip) {
    auto* help = static_cast<QHelpEvent*>(event);
    const int index = layer_at(help->pos());
    if (index >= 0)
      QToolTip::showText(help->globalPos(), QString("%1: %2").arg(index).arg(QString::fromStdString(data_.layers[index])), this);
    else
      QToolTip::hideText();
    return true;
  }
  return VtkWidget::event(event);
}

void LayerProfileView::resizeEvent(QResizeEvent* event) {
  update_label_orientation();  // first: QOpenGLWidget::resizeEvent paints at once
  VtkWidget::resizeEvent(event);
}

void LayerProfileView::set_export_scale(double factor) {
  for (vtkIdType i = 0; i < chart_->GetNumberOfPlots(); ++i) {
    auto* line = vtkPlotPoints::SafeDownCast(chart_->GetPlot(i));
    if (!line) continue;
    line->SetWidth(static_cast<float>(kLineWidth * factor));
    line->SetMarkerSize(static_cast<float>(kMarkerSize * factor));
  }
}

// The layer names are thinned and turned for the figure's width (in pt at its text size), then for the window's.
ms::Status LayerProfileView::write_figure(const std::string& path, const ExportSize& size) {
  const ms::Result<ExportGeometry> geometry = export_geometry(width(), std::max(height(), 1), 72, size);
  if (geometry.ok()) update_label_orientation(geometry->page_w / size.text_scale);
  // The simple tick rule spaces ticks in screen pixels: a column-wide figure got one y tick. Wilkinson's picks a few
  // round ones at any size.
  vtkAxis* y = chart_->GetAxis(vtkAxis::LEFT);
  if (size.physical()) y->SetTickLabelAlgorithm(vtkAxis::TICK_WILKINSON_EXTENDED);
  const ms::Status status = FigureView::write_figure(path, size);
  y->SetTickLabelAlgorithm(vtkAxis::TICK_SIMPLE);
  update_label_orientation();
  render();
  return status;
}

ms::Status LayerProfileView::save_csv(const std::string& path) const {
  std::ostringstream out;
  out << "layer_index,layer";
  for (const auto& series : data_.series) out << ',' << csv_field(series.name);
  out << '\n';
  for (size_t l = 0; l < data_.layers.size(); ++l) {
    out << l << ',' << csv_field(data_.layers[l]);
    for (const auto& series : data_.series) out << ',' << csv_number(series.values[l]);
    out << '\n';
  }
  return write_text_file(path, out.str());
}

}  // namespace ms::views
