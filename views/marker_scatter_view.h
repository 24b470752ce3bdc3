// View (c), marker versus OOD: one point per checkpoint (x = an ID marker, y = an OOD metric) as a vtkChartXY in a
// VtkWidget. Points are coloured by group (Okabe-Ito, in numeric order when every group reads as a number, else in
// order of first appearance) with a legend (in a corner of the plot area where no point is drawn, else below it);
// a least-squares line; a text box in the top-left corner with
// "r = …, p = …, ρ = …, 95% CI [lo, hi], n = …"; axis titles. When the data has y intervals (an OOD accuracy's Wilson
// interval), each point gets a grey vertical error bar, and hovering it shows "name / 95% CI [lo, hi], n = items";
// otherwise hovering shows its name.
// Clicking a point (press and release within a few pixels, so drags still pan) selects it and emits
// point_clicked(index); set_selected(index) draws a dark ring around a point (-1: none).
//
// set_data   (views/plot_view.h) ScatterData (plot_data.h): n finite x and y, n labels, n groups or none
// save_png, save_figure, the save actions: FigureView (views/figure_view.h), points, ring and line thickened
//            alike; ρ stays ρ in every format; a column-wide figure gives the statistics box headroom
// save_csv   columns x, y, label, group, and y_low, y_high, y_n when there are intervals (one row per point)
#pragma once

#include <QPointF>
#include <QRectF>
#include <string>
#include <vector>
#include <vtkSmartPointer.h>

#include "core/common/result.h"
#include "views/click_tracker.h"
#include "views/plot_view.h"
#include "views/plot_data.h"

class vtkChartXY;
class vtkContextItem;
class vtkContextView;
class vtkPlotLine;
class vtkTable;

namespace ms::views {

class PlacedLegendChart;  // marker_scatter_view.cpp

class MarkerScatterView : public PlotView<ScatterData> {
  Q_OBJECT
 public:
  explicit MarkerScatterView(QWidget* parent = nullptr);
  ~MarkerScatterView() override;

  // Highlights point `index` (-1 or out of range: no highlight).
  void set_selected(int index);
  int selected() const { return selected_; }

  // Where point `index` is drawn, in widget coordinates (after the first paint); and the point drawn nearest to
  // `position` within `radius` widget pixels, or -1.
  QPointF point_position(int index) const;
  int point_at(const QPointF& position, double radius = 8.0) const;

  // The least-squares line y = slope x + intercept through the points (NaN for fewer than 2 distinct x).
  double fit_slope() const { return slope_; }
  double fit_intercept() const { return intercept_; }
  // The text of the statistics box.
  std::string statistics_text() const;
  // What hovering point `index` shows above its coordinates: its label, and its y interval when it has one.
  std::string point_name(size_t index) const;
  // The error bars' plot (two rows per bar: x, low and x, high), or nullptr when no point has an interval.
  vtkPlotLine* error_bars() const { return error_bars_; }
  // The colour each group is drawn in, in legend order.
  const std::vector<std::string>& group_order() const { return group_order_; }

  ms::Status save_csv(const std::string& path) const override;

  vtkChartXY* chart() const;
  // Where the legend was drawn at the last paint, in widget coordinates of that paint's window size (an export's
  // page while it renders): a corner of the plot area that holds no point, else below the plot area (legend_below).
  QRectF legend_rect() const;
  bool legend_below() const;

 Q_SIGNALS:
  void point_clicked(int index);

 protected:
  void mousePressEvent(QMouseEvent* event) override;
  void mouseReleaseEvent(QMouseEvent* event) override;
  void set_export_scale(double factor) override;
  // Sizes that differ or a non-finite x or y. New data clears the selection.
  std::string data_problem(const ScatterData& data) const override;
  void show_data() override;
  ms::Status write_figure(const std::string& path, const ExportSize& size) override;

 private:
  PlacedLegendChart* placed() const;
  // The steps of show_data, in drawing order: the selection ring, error bars, each group's points, the fit line;
  // then the axes and the statistics box's and legend's corners.
  void add_selection_ring();
  void add_error_bars();
  void add_group_points();
  void add_fit_line();
  void set_axes();
  void place_statistics();
  void update_selection_plot();

  vtkSmartPointer<vtkContextView> view_;
  vtkSmartPointer<vtkChartXY> chart_;
  vtkSmartPointer<vtkContextItem> statistics_box_;
  vtkSmartPointer<vtkTable> selection_table_;
  vtkPlotLine* error_bars_ = nullptr;  // owned by the chart
  std::vector<std::string> group_order_;
  double slope_ = 0.0, intercept_ = 0.0;
  int selected_ = -1;
  ClickTracker click_;
};

}  // namespace ms::views
