// View (b), the layer profile: one marker versus layer index for several checkpoints, as a vtkChartXY in a
// VtkWidget. Series = checkpoints (Okabe-Ito colours in order, lines with circle markers; NaN values are gaps),
// x = layer index labelled with the layer names, y = the marker; legend and axis titles. The legend sits beside
// the plot, or under it when it would take more than a third of the width (long names, a column-wide figure).
//
// set_data   (views/plot_view.h) ProfileData (view_data.h): marker name, L layer names, series of L values each
// save_png, save_figure, the save actions: FigureView (views/figure_view.h), lines and markers thickened alike; a
//            figure's layer names are thinned and turned for its width
// save_csv   the numbers shown: columns layer_index, layer, then one column per series (empty = missing)
#pragma once

#include <QPoint>
#include <array>
#include <string>
#include <vector>
#include <vtkSmartPointer.h>

#include "core/common/result.h"
#include "views/plot_view.h"
#include "views/view_data.h"

class vtkChartXY;
class vtkContextView;

namespace ms::views {

class LayerProfileView : public PlotView<ProfileData> {
  Q_OBJECT
 public:
  explicit LayerProfileView(QWidget* parent = nullptr);
  ~LayerProfileView() override;

  ms::Status save_csv(const std::string& path) const override;

  vtkChartXY* chart() const;
  // The layers whose names are drawn under the axis: every k-th (first and last always), so that no two overlap at
  // the current width; the others are named by the tooltip.
  std::vector<size_t> drawn_labels() const;
  // A label's width and height in pixels, unrotated, as VTK renders it; the layer index under a widget x (or -1).
  std::array<int, 2> label_size(const std::string& text) const;
  int layer_at(QPoint position) const;
  // True while the legend sits beside the plot; false when it would take more than a third of the chart's width
  // (long checkpoint names, a column-wide figure) and sits under the x axis instead, leaving the plot the full width.
  bool legend_beside() const;

 protected:
  void resizeEvent(QResizeEvent* event) override;
  bool event(QEvent* event) override;
  void set_export_scale(double factor) override;
  // A series without one value per layer.
  std::string data_problem(const ProfileData& data) const override;
  void show_data() override;
  // The layer names thinned and turned for the figure's width, Wilkinson's y ticks at a physical size.
  ms::Status write_figure(const std::string& path, const ExportSize& size) override;

 private:
  // Layer names turn 45 degrees when they would not fit side by side under their ticks.
  void update_label_orientation(double layout_width = -1);  // width in pt at the text size; -1: the widget's
  bool place_legend(double layout_width);  // true: beside the plot
  double legend_width() const;

  vtkSmartPointer<vtkContextView> view_;
  vtkSmartPointer<vtkChartXY> chart_;
  std::vector<size_t> drawn_;
};

}  // namespace ms::views
