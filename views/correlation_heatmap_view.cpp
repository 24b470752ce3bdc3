#include "views/correlation_heatmap_view.h"

#include <QMouseEvent>
#include <vtkBrush.h>
#include <vtkColorTransferFunction.h>
#include <vtkContext2D.h>
#include <vtkContextItem.h>
#include <vtkContextScene.h>
#include <vtkContextView.h>
#include <vtkGenericOpenGLRenderWindow.h>
#include <vtkObjectFactory.h>
#include <vtkPen.h>
#include <vtkRenderer.h>
#include <vtkTextProperty.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>

#include "views/csv_text.h"
#include "views/figure_font.h"

namespace ms::views {
namespace {

constexpr double kGrey = 0.78;

// -1 blue, 0 white, +1 red (the ends of ColorBrewer's RdBu), interpolated in CIE Lab.
vtkSmartPointer<vtkColorTransferFunction> diverging_map() {
  auto map = vtkSmartPointer<vtkColorTransferFunction>::New();
  map->SetColorSpaceToLab();
  map->AddRGBPoint(-1.0, 0.129, 0.400, 0.675);
  map->AddRGBPoint(0.0, 1.0, 1.0, 1.0);
  map->AddRGBPoint(1.0, 0.698, 0.094, 0.169);
  map->ClampingOn();
  return map;
}

std::string fixed2(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.2f", value);
  return text;
}

void set_text(vtkTextProperty* text, double size, double grey, bool bold = false) {
  text->SetFontSize(static_cast<int>(std::lround(size)));
  text->SetColor(grey, grey, grey);
  text->SetBold(bold);
  text->SetItalic(false);
  text->SetOrientation(0.0);
  use_figure_font(text);
}

float text_width(vtkContext2D* painter, const std::string& text) {
  float bounds[4];
  painter->ComputeStringBounds(text, bounds);
  return bounds[2];
}

float text_height(vtkContext2D* painter, const std::string& text) {
  float bounds[4];
  painter->ComputeStringBounds(text, bounds);
  return bounds[3];
}

// Where the parts of the map go at one paint, in scene pixels (y up).
struct MapLayout {
  float s = 1, margin = 0, pad = 0;                // the export factor, the page's margin, a padding
  float width = 0;                                 // the scene's
  float left = 0, right = 0, top = 0, bottom = 0;  // the cells' box
  float cell_w = 0, cell_h = 0;
  float bar_w = 0;    // the colour bar's
  bool turn = false;  // column labels turned 45 degrees
};

// Everything of the map in one item: layout from the scene size and the label extents at paint time, so resizes
// and the export's larger DPI lay out afresh. Scene coordinates: device pixels, y up.
class HeatmapItem : public vtkContextItem {
 public:
  static HeatmapItem* New();
  vtkTypeMacro(HeatmapItem, vtkContextItem);

  const HeatmapData* data = nullptr;
  const CorrelationHeatmapView* view = nullptr;
  double scale = 1.0;  // export factor for paddings and lines (fonts follow the DPI)
  // Last layout: the cells' top-left corner and size.
  float cells_left = 0, cells_top = 0, cell_w = 0, cell_h = 0;

  bool Paint(vtkContext2D* painter) override {
    if (!data || !GetScene()) return true;
    const float W = static_cast<float>(GetScene()->GetSceneWidth()), H = static_cast<float>(GetScene()->GetSceneHeight());
    MapLayout map;
    map.s = static_cast<float>(scale), map.margin = 12 * map.s, map.pad = 6 * map.s, map.width = W;
    map.top = draw_title(painter, W / 2, H - map.margin, map.pad);
    if (data->rows.empty() || data->columns.empty()) return true;
    lay_out(painter, map);
    cells_left = map.left, cells_top = map.top, cell_w = map.cell_w, cell_h = map.cell_h;
    draw_cells(painter, map);
    draw_cell_texts(painter, map);
    draw_row_labels(painter, map);
    draw_column_labels(painter, map);
    draw_colour_bar(painter, map);
    return true;
  }

 private:
  // The title centred at `top`; returns where what comes below it starts.
  float draw_title(vtkContext2D* painter, float centre_x, float top, float pad) const {
    vtkTextProperty* text = painter->GetTextProp();
    set_text(text, 14, 0.1, true);
    text->SetJustificationToCentered();
    text->SetVerticalJustificationToTop();
    if (data->title.empty()) return top;
    painter->DrawString(centre_x, top, data->title);
    return top - (text_height(painter, data->title) + 2 * pad);
  }

  // The cells' box under map.top: row labels on the left, the colour bar (bar, tick labels, title) on the right,
  // column labels below.
  void lay_out(vtkContext2D* painter, MapLayout& map) const {
    set_text(painter->GetTextProp(), 12, 0.1);
    float label_w = 0;
    for (const auto& row : data->rows) label_w = std::max(label_w, text_width(painter, row));
    map.bar_w = 16 * map.s;
    const float tick_w = text_width(painter, "-1.0") + map.pad;
    const float legend_w = map.bar_w + tick_w + 2 * map.pad + text_height(painter, "Pearson r");
    map.left = map.margin + label_w + map.pad;
    map.right = map.width - map.margin - legend_w - 2 * map.pad;
    map.cell_w = std::max(1.0f, (map.right - map.left) / static_cast<int>(data->columns.size()));
    map.bottom = map.margin + column_label_height(painter, map) + map.pad;
    map.cell_h = std::max(1.0f, (map.top - map.bottom) / static_cast<int>(data->rows.size()));
  }

  // Column labels go upright when they fit their cells, else turned 45 degrees (map.turn); returns their height.
  float column_label_height(vtkContext2D* painter, MapLayout& map) const {
    float longest = 0;
    for (const auto& column : data->columns) longest = std::max(longest, text_width(painter, column));
    map.turn = longest + map.pad > map.cell_w;
    if (!map.turn) return text_height(painter, "Ag");
    // The extent of a name turned 45 degrees, from its upright box: the SVG and PDF export devices measure text
    // upright whatever its orientation (their labels ran off the page).
    float label_h = 0;
    for (const auto& column : data->columns)
      label_h = std::max(label_h, (text_width(painter, column) + text_height(painter, column)) * 0.70710678f);
    return label_h;
  }

  void draw_cells(vtkContext2D* painter, const MapLayout& map) const {
    painter->GetPen()->SetColorF(1.0, 1.0, 1.0);
    painter->GetPen()->SetWidth(map.s);
    for (int i = 0; i < static_cast<int>(data->rows.size()); ++i)
      for (int j = 0; j < static_cast<int>(data->columns.size()); ++j) {
        const Rgb c = CorrelationHeatmapView::colour_of(data->r(i, j));
        painter->GetBrush()->SetColorF(c[0], c[1], c[2]);
        painter->DrawRect(map.left + j * map.cell_w, map.top - (i + 1) * map.cell_h, map.cell_w, map.cell_h);
      }
  }

  // One font size for every cell: the largest (at most 12 pt) at which the widest text fits.
  void fit_cell_font(vtkContext2D* painter, const MapLayout& map) const {
    std::string widest;
    for (int i = 0; i < static_cast<int>(data->rows.size()); ++i)
      for (int j = 0; j < static_cast<int>(data->columns.size()); ++j) {
        const std::string t = view->cell_text(i, j);
        if (t.size() > widest.size()) widest = t;
      }
    for (double font = 12; font > 6; font -= 1) {
      set_text(painter->GetTextProp(), font, 0.0);
      if (text_width(painter, widest) + map.pad <= map.cell_w && text_height(painter, widest) + 2 <= map.cell_h) break;
    }
  }

  // r and the stars in each cell; white on dark cells, by luminance (Rec. 709 weights), so the text keeps its
  // contrast on both ends.
  void draw_cell_texts(vtkContext2D* painter, const MapLayout& map) const {
    fit_cell_font(painter, map);
    vtkTextProperty* text = painter->GetTextProp();
    text->SetJustificationToCentered();
    text->SetVerticalJustificationToCentered();
    for (int i = 0; i < static_cast<int>(data->rows.size()); ++i)
      for (int j = 0; j < static_cast<int>(data->columns.size()); ++j) {
        const double r = data->r(i, j);
        const Rgb c = CorrelationHeatmapView::colour_of(r);
        const double luminance = 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
        const double ink = std::isnan(r) ? 0.3 : (luminance < 0.45 ? 1.0 : 0.0);
        text->SetColor(ink, ink, ink);
        painter->DrawString(map.left + (j + 0.5f) * map.cell_w, map.top - (i + 0.5f) * map.cell_h, view->cell_text(i, j));
      }
  }

  // Row labels, right-aligned against the cells.
  void draw_row_labels(vtkContext2D* painter, const MapLayout& map) const {
    vtkTextProperty* text = painter->GetTextProp();
    set_text(text, 12, 0.1);
    text->SetJustificationToRight();
    text->SetVerticalJustificationToCentered();
    for (int i = 0; i < static_cast<int>(data->rows.size()); ++i)
      painter->DrawString(map.left - map.pad, map.top - (i + 0.5f) * map.cell_h, data->rows[i]);
  }

  // Column labels: the end of a turned name sits under its column, the text hangs down to the left.
  void draw_column_labels(vtkContext2D* painter, const MapLayout& map) const {
    vtkTextProperty* text = painter->GetTextProp();
    if (map.turn) {
      text->SetOrientation(45.0);
      text->SetJustificationToRight();
      text->SetVerticalJustificationToCentered();
    } else {
      text->SetJustificationToCentered();
      text->SetVerticalJustificationToTop();
    }
    const float label_y = map.bottom - map.pad;
    for (int j = 0; j < static_cast<int>(data->columns.size()); ++j)
      painter->DrawString(map.left + (j + 0.5f) * map.cell_w, label_y, data->columns[j]);
    text->SetOrientation(0.0);
  }

  // Colour bar: thin slices from -1 at the bottom to +1 at the top, a frame, then its scale.
  void draw_colour_bar(vtkContext2D* painter, const MapLayout& map) const {
    const float bar_x = map.right + 2 * map.pad, bar_h = map.top - map.bottom;
    const int slices = 100;
    painter->GetPen()->SetLineType(vtkPen::NO_PEN);
    for (int k = 0; k < slices; ++k) {
      const Rgb c = CorrelationHeatmapView::colour_of(-1.0 + 2.0 * (k + 0.5) / slices);
      painter->GetBrush()->SetColorF(c[0], c[1], c[2]);
      painter->DrawRect(bar_x, map.bottom + bar_h * k / slices, map.bar_w, bar_h / slices + 0.5f);
    }
    painter->GetPen()->SetLineType(vtkPen::SOLID_LINE);
    painter->GetPen()->SetColorF(0.3, 0.3, 0.3);
    painter->GetBrush()->SetOpacityF(0.0);
    painter->DrawRect(bar_x, map.bottom, map.bar_w, bar_h);
    painter->GetBrush()->SetOpacityF(1.0);
    draw_bar_scale(painter, map, bar_x + map.bar_w, bar_h);
  }

  // Ticks every 0.5 right of the bar (its right edge at bar_end), and the title "Pearson r" turned upright.
  void draw_bar_scale(vtkContext2D* painter, const MapLayout& map, float bar_end, float bar_h) const {
    vtkTextProperty* text = painter->GetTextProp();
    set_text(text, 11, 0.1);
    text->SetJustificationToLeft();
    text->SetVerticalJustificationToCentered();
    for (int k = 0; k <= 4; ++k) {
      const double value = -1.0 + 0.5 * k;
      const float y = map.bottom + bar_h * static_cast<float>(k) / 4;
      painter->DrawLine(bar_end, y, bar_end + 4 * map.s, y);
      char label[16];
      std::snprintf(label, sizeof label, "%.1f", value);
      painter->DrawString(bar_end + 6 * map.s, y, label);
    }
    set_text(text, 12, 0.1);
    text->SetOrientation(90.0);
    text->SetJustificationToCentered();
    text->SetVerticalJustificationToBottom();
    painter->DrawString(map.width - map.margin, map.bottom + bar_h / 2, "Pearson r");
    text->SetOrientation(0.0);
  }
};
vtkStandardNewMacro(HeatmapItem);

HeatmapItem* as_heatmap(const vtkSmartPointer<vtkContextItem>& item) { return static_cast<HeatmapItem*>(item.Get()); }

}  // namespace

CorrelationHeatmapView::CorrelationHeatmapView(QWidget* parent)
    : PlotView(parent, [] { return std::string("correlation_heatmap"); }),
      view_(vtkSmartPointer<vtkContextView>::New()) {
  view_->SetRenderWindow(render_window());
  view_->GetRenderer()->SetBackground(1.0, 1.0, 1.0);
  auto item = vtkSmartPointer<HeatmapItem>::New();
  item->data = &data_;
  item->view = this;
  item_ = item;
  view_->GetScene()->AddItem(item_);
}

CorrelationHeatmapView::~CorrelationHeatmapView() = default;

Rgb CorrelationHeatmapView::colour_of(double r) {
  if (std::isnan(r)) return {kGrey, kGrey, kGrey};
  static const vtkSmartPointer<vtkColorTransferFunction> map = diverging_map();
  Rgb colour;
  map->GetColor(std::clamp(r, -1.0, 1.0), colour.data());
  return colour;
}

std::string CorrelationHeatmapView::cell_text(int row, int column) const {
  const double r = data_.r(row, column);
  if (std::isnan(r)) return "n/a";
  return fixed2(r) + (data_.stars.empty() ? std::string() : data_.stars[row][column]);
}

std::string CorrelationHeatmapView::data_problem(const HeatmapData& data) const {
  const Eigen::Index R = static_cast<Eigen::Index>(data.rows.size()), C = static_cast<Eigen::Index>(data.columns.size());
  auto shape = [](Eigen::Index r, Eigen::Index c) { return std::to_string(r) + " by " + std::to_string(c); };
  if (data.r.rows() != R || data.r.cols() != C || data.p.rows() != R || data.p.cols() != C || data.n.rows() != R ||
      data.n.cols() != C)
    return "correlation heat map: " + shape(R, C) + " labels but r is " + shape(data.r.rows(), data.r.cols()) + ", p " +
           shape(data.p.rows(), data.p.cols()) + ", n " + shape(data.n.rows(), data.n.cols());
  if (!data.stars.empty()) {
    bool ok = static_cast<Eigen::Index>(data.stars.size()) == R;
    for (const auto& row : data.stars) ok = ok && static_cast<Eigen::Index>(row.size()) == C;
    if (!ok) return "correlation heat map: the stars are not " + shape(R, C);
  }
  return {};
}

void CorrelationHeatmapView::show_data() {
  item_->Modified();
  render();
}

QPointF CorrelationHeatmapView::cell_position(int row, int column) const {
  const HeatmapItem* item = as_heatmap(item_);
  const double dpr = devicePixelRatioF();
  const double x = item->cells_left + (column + 0.5) * item->cell_w;
  const double y = item->cells_top - (row + 0.5) * item->cell_h;
  return {x / dpr, (render_window()->GetSize()[1] - y) / dpr};
}

std::pair<int, int> CorrelationHeatmapView::cell_at(const QPointF& position) const {
  const HeatmapItem* item = as_heatmap(item_);
  if (item->cell_w <= 0 || item->cell_h <= 0) return {-1, -1};
  const double dpr = devicePixelRatioF();
  const double x = position.x() * dpr, y = render_window()->GetSize()[1] - position.y() * dpr;
  const int column = static_cast<int>(std::floor((x - item->cells_left) / item->cell_w));
  const int row = static_cast<int>(std::floor((item->cells_top - y) / item->cell_h));
  if (row < 0 || column < 0 || row >= static_cast<int>(data_.rows.size()) ||
      column >= static_cast<int>(data_.columns.size()))
    return {-1, -1};
  return {row, column};
}

void CorrelationHeatmapView::mousePressEvent(QMouseEvent* event) {
  click_.press(*event);
  FigureView::mousePressEvent(event);
}

void CorrelationHeatmapView::mouseReleaseEvent(QMouseEvent* event) {
  if (click_.release(*event)) {
    const auto [row, column] = cell_at(event->position());
    if (row >= 0) Q_EMIT cell_clicked(row, column);
  }
  FigureView::mouseReleaseEvent(event);
}

void CorrelationHeatmapView::set_export_scale(double factor) { as_heatmap(item_)->scale = factor; }

ms::Status CorrelationHeatmapView::save_csv(const std::string& path) const {
  std::ostringstream out;
  out << "row,column,r,p,n,stars\n";
  for (size_t i = 0; i < data_.rows.size(); ++i)
    for (size_t j = 0; j < data_.columns.size(); ++j)
      out << csv_field(data_.rows[i]) << ',' << csv_field(data_.columns[j]) << ',' << csv_number(data_.r(i, j)) << ','
          << csv_number(data_.p(i, j)) << ',' << data_.n(i, j) << ','
          << csv_field(data_.stars.empty() ? std::string() : data_.stars[i][j]) << '\n';
  return write_text_file(path, out.str());
}

}  // namespace ms::views
