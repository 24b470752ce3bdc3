#include "views/layer_profile_view.h"

#include <vtkAxis.h>
#include <vtkChartLegend.h>
#include <vtkChartXY.h>
#include <vtkContextScene.h>
#include <vtkContextView.h>
#include <vtkDoubleArray.h>
#include <vtkGenericOpenGLRenderWindow.h>
#include <vtkPen.h>
#include <vtkPlotLine.h>
#include <vtkRenderer.h>
#include <vtkStringArray.h>
#include <vtkTable.h>
#include <vtkTextProperty.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>

#include "views/figure_export.h"
#include "views/palette.h"

namespace ms::views {
namespace {
constexpr float kLineWidth = 2.0f;
constexpr float kMarkerSize = 7.0f;
}  // namespace

LayerProfileView::LayerProfileView(QWidget* parent)
    : VtkWidget(parent), view_(vtkSmartPointer<vtkContextView>::New()), chart_(vtkSmartPointer<vtkChartXY>::New()) {
  // The context view moves its renderer into our window and puts its chart interaction style on our interactor.
  view_->SetRenderWindow(render_window());
  view_->GetRenderer()->SetBackground(1.0, 1.0, 1.0);
  view_->GetScene()->AddItem(chart_);

  chart_->SetShowLegend(true);
  chart_->GetLegend()->SetHorizontalAlignment(vtkChartLegend::RIGHT);
  chart_->GetLegend()->SetVerticalAlignment(vtkChartLegend::TOP);
  chart_->GetLegend()->GetLabelProperties()->SetFontSize(12);

  vtkAxis* x = chart_->GetAxis(vtkAxis::BOTTOM);
  x->SetTitle("Layer");
  x->SetBehavior(vtkAxis::FIXED);
  x->GetTitleProperties()->SetFontSize(13);
  x->GetLabelProperties()->SetFontSize(11);
  x->SetGridVisible(false);
  vtkAxis* y = chart_->GetAxis(vtkAxis::LEFT);
  y->SetTickLabelAlgorithm(vtkAxis::TICK_SIMPLE);
  y->GetTitleProperties()->SetFontSize(13);
  y->GetLabelProperties()->SetFontSize(11);
  y->GetGridPen()->SetColorF(0.88, 0.88, 0.88);

  save_image_action_ = new QAction(tr("Save image…"), this);
  save_data_action_ = new QAction(tr("Save data…"), this);
  connect(save_image_action_, &QAction::triggered, this, [this] {
    run_save_image_dialog(this, QString::fromStdString("layer_profile_" + data_.marker),
                          [this](const std::string& path, int scale) { return save_figure(path, scale); }, true);
  });
  connect(save_data_action_, &QAction::triggered, this, [this] {
    run_save_data_dialog(this, QString::fromStdString("layer_profile_" + data_.marker),
                         [this](const std::string& path) { return save_csv(path); });
  });
}

LayerProfileView::~LayerProfileView() = default;

vtkChartXY* LayerProfileView::chart() const { return chart_; }

ms::Status LayerProfileView::set_data(ProfileData data) {
  const size_t layers = data.layers.size();
  for (const auto& series : data.series)
    if (series.values.size() != layers)
      return ms::make_error("layer profile: series '" + series.name + "' has " + std::to_string(series.values.size()) +
                            " values for " + std::to_string(layers) + " layers");
  data_ = std::move(data);

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
  for (size_t s = 0; s < data_.series.size(); ++s) {
    auto* line = vtkPlotLine::SafeDownCast(chart_->AddPlot(vtkChart::LINE));
    line->SetInputData(table, 0, static_cast<vtkIdType>(s + 1));
    line->SetLabel(data_.series[s].name);
    const Rgb colour = class_colour(static_cast<int>(s));
    line->SetColor(colour[0], colour[1], colour[2]);
    line->SetWidth(kLineWidth);
    line->SetMarkerStyle(vtkPlotPoints::CIRCLE);
    line->SetMarkerSize(kMarkerSize);
  }

  vtkAxis* x = chart_->GetAxis(vtkAxis::BOTTOM);
  vtkNew<vtkDoubleArray> positions;
  vtkNew<vtkStringArray> labels;
  for (size_t l = 0; l < layers; ++l) {
    positions->InsertNextValue(static_cast<double>(l));
    labels->InsertNextValue(data_.layers[l]);
  }
  x->SetCustomTickPositions(positions, labels);
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
  update_label_orientation();
  render();
  return ms::Ok{};
}

void LayerProfileView::update_label_orientation() {
  size_t longest = 0;
  for (const auto& name : data_.layers) longest = std::max(longest, name.size());
  // Widget pixels: a label of 11 pt at 72 dpi is about 6.5 px per character; the plot spans the widget minus
  // the y axis and margins (about 110 px).
  const double per_tick = (width() - 110.0) / std::max<size_t>(data_.layers.size(), 1);
  const bool rotate = 6.5 * static_cast<double>(longest) + 10.0 > per_tick;
  vtkTextProperty* labels = chart_->GetAxis(vtkAxis::BOTTOM)->GetLabelProperties();
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

void LayerProfileView::resizeEvent(QResizeEvent* event) {
  update_label_orientation();  // first: QOpenGLWidget::resizeEvent paints at once
  VtkWidget::resizeEvent(event);
}

void LayerProfileView::set_export_scale(double factor) {
  for (vtkIdType i = 0; i < chart_->GetNumberOfPlots(); ++i) {
    auto* line = vtkPlotLine::SafeDownCast(chart_->GetPlot(i));
    if (!line) continue;
    line->SetWidth(static_cast<float>(kLineWidth * factor));
    line->SetMarkerSize(static_cast<float>(kMarkerSize * factor));
  }
}

ms::Status LayerProfileView::save_png(const std::string& path, int scale) {
  if (!isValid()) return ms::make_error("save PNG " + path + ": the view has not been shown yet");
  set_export_scale(scale);
  const ms::Status status = save_window_png(render_window(), path, scale);
  set_export_scale(1.0);
  render();
  return status;
}

ms::Status LayerProfileView::save_figure(const std::string& path, int scale) {
  if (!isValid()) return ms::make_error("save image " + path + ": the view has not been shown yet");
  const ms::Status status = save_view_figure(render_window(), path, scale,
                                             [this](const std::string& png, int s) { return save_png(png, s); });
  render();  // after a vector export the chart draws through OpenGL again
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
