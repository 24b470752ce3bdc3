// View (d), the correlation heat map (the paper's Figure 3): rows = markers, columns = OOD targets (or
// architectures); each cell is coloured by Pearson r on a diverging map (-1 blue, 0 white, +1 red; NaN grey) and
// says "0.87**" (stars as given in the data, from p); row and column labels (column labels turn 45 degrees when
// they do not fit), a title, and a colour bar with its scale on the right. Drawn by one VTK context item in a
// VtkWidget. Clicking a cell emits cell_clicked(row, column).
//
// set_data   (views/plot_view.h) HeatmapData (plot_data.h): R row and C column labels, r, p, n each R by C, stars R
//            by C or empty
// save_png, save_figure, the save actions: FigureView (views/figure_view.h); paddings and lines thicken with the
//            export, fonts follow its DPI
// save_csv   columns row, column, r, p, n, stars (one line per cell, row-major; NaN = empty field)
#pragma once

#include <QPointF>
#include <string>
#include <vtkSmartPointer.h>

#include "core/common/result.h"
#include "views/click_tracker.h"
#include "views/plot_view.h"
#include "views/palette.h"
#include "views/plot_data.h"

class vtkContextItem;
class vtkContextView;

namespace ms::views {

class CorrelationHeatmapView : public PlotView<HeatmapData> {
  Q_OBJECT
 public:
  explicit CorrelationHeatmapView(QWidget* parent = nullptr);
  ~CorrelationHeatmapView() override;

  // The diverging colour of r (clamped to [-1, 1]); grey for NaN.
  static Rgb colour_of(double r);
  // The text drawn in cell (row, column): r to 2 decimals and the stars, "n/a" for NaN.
  std::string cell_text(int row, int column) const;

  // The center of a cell in widget coordinates (after the first paint), and the cell under a widget position
  // ({-1, -1} outside the cells).
  QPointF cell_position(int row, int column) const;
  std::pair<int, int> cell_at(const QPointF& position) const;

  ms::Status save_csv(const std::string& path) const override;

 Q_SIGNALS:
  void cell_clicked(int row, int column);

 protected:
  void mousePressEvent(QMouseEvent* event) override;
  void mouseReleaseEvent(QMouseEvent* event) override;
  // Paddings and lines (fonts follow the export's DPI).
  void set_export_scale(double factor) override;
  // A matrix or the stars that do not match the labels.
  std::string data_problem(const HeatmapData& data) const override;
  void show_data() override;

 private:
  vtkSmartPointer<vtkContextView> view_;
  vtkSmartPointer<vtkContextItem> item_;
  ClickTracker click_;
};

}  // namespace ms::views
