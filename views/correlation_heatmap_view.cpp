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

#include "views/figure_export.h"
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
    const int rows = static_cast<int>(data->rows.size()), columns = static_cast<int>(data->columns.size());
    const float W = static_cast<float>(GetScene()->GetSceneWidth()), H = static_cast<float>(GetScene()->GetSceneHeight());
    const float s = static_cast<float>(scale), margin = 12 * s, pad = 6 * s;
    vtkTextProperty* text = painter->GetTextProp();

    // Title.
    float top = H - margin;
    set_text(text, 14, 0.1, true);
    text->SetJustificationToCentered();
    text->SetVerticalJustificationToTop();
    if (!data->title.empty()) {
      painter->DrawString(W / 2, top, data->title);
      top -= text_height(painter, data->title) + 2 * pad;
    }
    if (rows == 0 || columns == 0) return true;

    // Row labels on the left.
    set_text(text, 12, 0.1);
    float label_w = 0;
    for (const auto& row : data->rows) label_w = std::max(label_w, text_width(painter, row));
    // The colour bar on the right: bar, tick labels, title.
    const float bar_w = 16 * s;
    const float tick_w = text_width(painter, "-1.0") + pad;
    const float legend_w = bar_w + tick_w + 2 * pad + text_height(painter, "Pearson r");
    const float left = margin + label_w + pad;
    const float right = W - margin - legend_w - 2 * pad;
    cell_w = std::max(1.0f, (right - left) / columns);

    // Column labels below the cells: upright when they fit, else turned 45 degrees.
    float longest = 0, label_h = 0;
    for (const auto& column : data->columns) longest = std::max(longest, text_width(painter, column));
    const bool turn = longest + pad > cell_w;
    if (turn) {
      // The extent of a name turned 45 degrees, from its upright box: the SVG and PDF export devices measure text
      // upright whatever its orientation (their labels ran off the page).
      for (const auto& column : data->columns)
        label_h = std::max(label_h, (text_width(painter, column) + text_height(painter, column)) * 0.70710678f);
    } else {
      label_h = text_height(painter, "Ag");
    }
    const float bottom = margin + label_h + pad;
    cell_h = std::max(1.0f, (top - bottom) / rows);
    cells_left = left, cells_top = top;

    // Cells, with r and stars; text white on the darkest colours.
    double font = 12;
    painter->GetPen()->SetColorF(1.0, 1.0, 1.0);
    painter->GetPen()->SetWidth(s);
    for (int i = 0; i < rows; ++i)
      for (int j = 0; j < columns; ++j) {
        const Rgb c = CorrelationHeatmapView::colour_of(data->r(i, j));
        painter->GetBrush()->SetColorF(c[0], c[1], c[2]);
        painter->DrawRect(left + j * cell_w, top - (i + 1) * cell_h, cell_w, cell_h);
      }
    // One font size for every cell: the largest (at most 12 pt) at which the widest text fits.
    std::string widest;
    for (int i = 0; i < rows; ++i)
      for (int j = 0; j < columns; ++j) {
        const std::string t = view->cell_text(i, j);
        if (t.size() > widest.size()) widest = t;
      }
    for (; font > 6; font -= 1) {
      set_text(text, font, 0.0);
      if (text_width(painter, widest) + pad <= cell_w && text_height(painter, widest) + 2 <= cell_h) break;
    }
    text->SetJustificationToCentered();
    text->SetVerticalJustificationToCentered();
    for (int i = 0; i < rows; ++i)
      for (int j = 0; j < columns; ++j) {
        const double r = data->r(i, j);
        // White on dark cells, by luminance (Rec. 709 weights), so the text keeps its contrast on both ends.
        const Rgb c = CorrelationHeatmapView::colour_of(r);
        const double luminance = 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
        const double ink = std::isnan(r) ? 0.3 : (luminance < 0.45 ? 1.0 : 0.0);
        text->SetColor(ink, ink, ink);
        painter->DrawString(left + (j + 0.5f) * cell_w, top - (i + 0.5f) * cell_h, view->cell_text(i, j));
      }

    // Row labels, right-aligned against the cells.
    set_text(text, 12, 0.1);
    text->SetJustificationToRight();
    text->SetVerticalJustificationToCentered();
    for (int i = 0; i < rows; ++i) painter->DrawString(left - pad, top - (i + 0.5f) * cell_h, data->rows[i]);
    // Column labels: the end of a turned name sits under its column, the text hangs down to the left.
    if (turn) {
      text->SetOrientation(45.0);
      text->SetJustificationToRight();
      text->SetVerticalJustificationToCentered();
    } else {
      text->SetJustificationToCentered();
      text->SetVerticalJustificationToTop();
    }
    const float label_y = bottom - pad;
    for (int j = 0; j < columns; ++j) painter->DrawString(left + (j + 0.5f) * cell_w, label_y, data->columns[j]);
    text->SetOrientation(0.0);

    // Colour bar: thin slices from -1 at the bottom to +1 at the top, a frame, ticks every 0.5.
    const float bar_x = right + 2 * pad, bar_h = top - bottom;
    const int slices = 100;
    painter->GetPen()->SetLineType(vtkPen::NO_PEN);
    for (int k = 0; k < slices; ++k) {
      const Rgb c = CorrelationHeatmapView::colour_of(-1.0 + 2.0 * (k + 0.5) / slices);
      painter->GetBrush()->SetColorF(c[0], c[1], c[2]);
      painter->DrawRect(bar_x, bottom + bar_h * k / slices, bar_w, bar_h / slices + 0.5f);
    }
    painter->GetPen()->SetLineType(vtkPen::SOLID_LINE);
    painter->GetPen()->SetColorF(0.3, 0.3, 0.3);
    painter->GetBrush()->SetOpacityF(0.0);
    painter->DrawRect(bar_x, bottom, bar_w, bar_h);
    painter->GetBrush()->SetOpacityF(1.0);
    set_text(text, 11, 0.1);
    text->SetJustificationToLeft();
    text->SetVerticalJustificationToCentered();
    for (int k = 0; k <= 4; ++k) {
      const double value = -1.0 + 0.5 * k;
      const float y = bottom + bar_h * static_cast<float>(k) / 4;
      painter->DrawLine(bar_x + bar_w, y, bar_x + bar_w + 4 * s, y);
      char label[16];
      std::snprintf(label, sizeof label, "%.1f", value);
      painter->DrawString(bar_x + bar_w + 6 * s, y, label);
    }
    set_text(text, 12, 0.1);
    text->SetOrientation(90.0);
    text->SetJustificationToCentered();
    text->SetVerticalJustificationToBottom();
    painter->DrawString(W - margin, bottom + bar_h / 2, "Pearson r");
    text->SetOrientation(0.0);
    return true;
  }
};
vtkStandardNewMacro(HeatmapItem);

HeatmapItem* as_heatmap(const vtkSmartPointer<vtkContextItem>& item) { return static_cast<HeatmapItem*>(item.Get()); }

}  // namespace

CorrelationHeatmapView::CorrelationHeatmapView(QWidget* parent)
    : VtkWidget(parent), view_(vtkSmartPointer<vtkContextView>::New()) {
  view_->SetRenderWindow(render_window());
  view_->GetRenderer()->SetBackground(1.0, 1.0, 1.0);
  auto item = vtkSmartPointer<HeatmapItem>::New();
  item->data = &data_;
  item->view = this;
  item_ = item;
  view_->GetScene()->AddItem(item_);

  save_image_action_ = new QAction(tr("Save image…"), this);
  save_data_action_ = new QAction(tr("Save data…"), this);
  connect(save_image_action_, &QAction::triggered, this, [this] {
    run_save_image_dialog(
        this, "correlation_heatmap", [this](const std::string& path, const ExportSize& size) { return save_figure(path, size); });
  });
  connect(save_data_action_, &QAction::triggered, this, [this] {
    run_save_data_dialog(this, "correlation_heatmap", [this](const std::string& path) { return save_csv(path); });
  });
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

ms::Status CorrelationHeatmapView::set_data(HeatmapData data) {
  const Eigen::Index R = static_cast<Eigen::Index>(data.rows.size()), C = static_cast<Eigen::Index>(data.columns.size());
  auto shape = [](Eigen::Index r, Eigen::Index c) { return std::to_string(r) + " by " + std::to_string(c); };
  if (data.r.rows() != R || data.r.cols() != C || data.p.rows() != R || data.p.cols() != C || data.n.rows() != R ||
      data.n.cols() != C)
    return ms::make_error("correlation heat map: " + shape(R, C) + " labels but r is " + shape(data.r.rows(), data.r.cols()) +
                          ", p " + shape(data.p.rows(), data.p.cols()) + ", n " + shape(data.n.rows(), data.n.cols()));
  if (!data.stars.empty()) {
    bool ok = static_cast<Eigen::Index>(data.stars.size()) == R;
    for (const auto& row : data.stars) ok = ok && static_cast<Eigen::Index>(row.size()) == C;
    if (!ok) return ms::make_error("correlation heat map: the stars are not " + shape(R, C));
  }
  data_ = std::move(data);
  item_->Modified();
  render();
  return ms::Ok{};
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
  if (event->button() == Qt::LeftButton) press_position_ = event->position(), pressed_ = true;
  VtkWidget::mousePressEvent(event);
}

void CorrelationHeatmapView::mouseReleaseEvent(QMouseEvent* event) {
  if (pressed_ && event->button() == Qt::LeftButton) {
    pressed_ = false;
    if ((event->position() - press_position_).manhattanLength() <= 4.0) {
      const auto [row, column] = cell_at(event->position());
      if (row >= 0) Q_EMIT cell_clicked(row, column);
    }
  }
  VtkWidget::mouseReleaseEvent(event);
}

ms::Status CorrelationHeatmapView::save_png(const std::string& path, int scale) {
  return save_png(path, ExportSize::window_times(scale));
}

ms::Status CorrelationHeatmapView::save_png(const std::string& path, const ExportSize& size) {
  if (!isValid()) return ms::make_error("save PNG " + path + ": the view has not been shown yet");
  as_heatmap(item_)->scale = png_factor(size);
  const ms::Status status = save_window_png(render_window(), path, size);
  as_heatmap(item_)->scale = 1.0;
  render();
  return status;
}

ms::Status CorrelationHeatmapView::save_figure(const std::string& path, int scale) {
  return save_figure(path, ExportSize::window_times(scale));
}

ms::Status CorrelationHeatmapView::save_figure(const std::string& path, const ExportSize& size) {
  if (!isValid()) return ms::make_error("save image " + path + ": the view has not been shown yet");
  as_heatmap(item_)->scale = size.text_scale;  // vector files: paddings follow the text
  const ms::Status status = save_view_figure(render_window(), path, size,
                                             [this](const std::string& png, const ExportSize& s) { return save_png(png, s); });
  as_heatmap(item_)->scale = 1.0;
  render();  // after a vector export the map draws through OpenGL again
  return status;
}

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
