#include "views/composed_figure.h"

#include <QFileInfo>
#include <QFontMetricsF>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QSvgGenerator>

#include <vtkImageData.h>
#include <vtkNew.h>
#include <vtkRenderWindow.h>
#include <vtkWindowToImageFilter.h>

#include <algorithm>
#include <cmath>
#include <memory>

#include "core/common/atomic_write.h"
#include "views/painter_device.h"

namespace ms::views {
namespace {

constexpr int kMaxImageSide = 16384;  // what GPUs render in one piece
constexpr int kDotsPerMetreAt72 = 2835;

QColor qcolour(const Rgb& c) { return QColor::fromRgbF(static_cast<float>(c[0]), static_cast<float>(c[1]), static_cast<float>(c[2])); }

QFont figure_font(double points) {
  QFont font(figure_font_family());
  font.setPointSizeF(points);
  font.setStyleStrategy(QFont::PreferNoShaping);  // no ligatures: "eff" stays searchable
  return font;
}

// Text sizes in pt: the window's own for window sizes, journal sizes (7-9 pt) for a column width.
struct Style {
  double title_pt = 14, legend_pt = 12;
  double image_px_per_pt = 1;  // resolution of the scene images
  double point_scale = 1;      // points drawn this many pt per screen pixel
};

// The legend's box at the top of its strip: a disc or square per entry in the class colour, the name beside it.
double paint_legend(QPainter& painter, const std::vector<FigureLegendEntry>& entries, const QRectF& strip,
                    const Style& style, bool measure_only) {
  if (entries.empty()) return 0;
  const QFont font = figure_font(style.legend_pt);
  const QFontMetricsF metrics(font, painter.device());
  const double pad = 0.5 * style.legend_pt, swatch = 0.8 * style.legend_pt, row = 1.5 * style.legend_pt;
  double text_w = 0;
  for (const auto& e : entries) text_w = std::max(text_w, metrics.horizontalAdvance(QString::fromStdString(e.name)));
  const double box_w = std::min(3 * pad + swatch + text_w, measure_only ? 1e9 : strip.width() - 2 * pad);
  if (measure_only) return box_w + 2 * pad;
  const QRectF box(strip.left() + pad, strip.top() + pad, box_w, 2 * pad + row * entries.size());
  painter.setPen(QPen(QColor(77, 77, 77), 0.5));
  painter.setBrush(Qt::white);
  painter.drawRect(box);
  painter.setFont(font);
  for (size_t i = 0; i < entries.size(); ++i) {
    const double mid = box.top() + pad + row * (i + 0.5);
    const QRectF mark(box.left() + pad, mid - swatch / 2, swatch, swatch);
    painter.setPen(Qt::NoPen);
    painter.setBrush(qcolour(entries[i].colour));
    if (entries[i].square) painter.drawRect(mark);
    else painter.drawEllipse(mark);
    painter.setPen(Qt::black);
    const double x = mark.right() + pad;
    const QString name = metrics.elidedText(QString::fromStdString(entries[i].name), Qt::ElideRight, box.right() - pad - x);
    painter.drawText(QPointF(x, mid + (metrics.ascent() - metrics.descent()) / 2), name);
  }
  return box_w + 2 * pad;
}

// A panel's title strip and legend strip widths in pt.
struct Strips {
  double title_h = 0, legend_w = 0;
};

Strips strips(QPainter& painter, const ComposedPanel& panel, double panel_w, const Style& style) {
  Strips s;
  const QFont title_font = figure_font(style.title_pt);
  s.title_h = panel.title.empty() ? 0 : QFontMetricsF(title_font, painter.device()).height() * 1.5;
  s.legend_w = std::min(0.45 * panel_w, paint_legend(painter, panel.legend, {}, style, true));
  return s;
}

// A physical width without a height: the page as tall as keeps each scene's aspect on screen (the points then
// fill their area as they did in the window), at least a fifth of the width.
double page_height_for_scenes(const std::vector<ComposedPanel>& panels, double page_w, const Style& style) {
  QImage probe(1, 1, QImage::Format_RGB32);
  probe.setDotsPerMeterX(kDotsPerMetreAt72);
  probe.setDotsPerMeterY(kDotsPerMetreAt72);
  QPainter painter(&probe);
  const double panel_w = page_w / static_cast<double>(panels.size());
  double height = 0.2 * page_w;
  for (const ComposedPanel& panel : panels) {
    if (panel.aspect <= 0) continue;
    const Strips s = strips(painter, panel, panel_w, style);
    height = std::max(height, s.title_h + (panel_w - s.legend_w) / panel.aspect);
  }
  return height;
}

// All panels on a page of page_w x page_h pt (one painter unit per pt).
ms::Status paint_panels(QPainter& painter, const std::vector<ComposedPanel>& panels, double page_w, double page_h,
                        const Style& style) {
  painter.fillRect(QRectF(0, 0, page_w, page_h), Qt::white);
  painter.setRenderHint(QPainter::Antialiasing);
  painter.setRenderHint(QPainter::SmoothPixmapTransform);
  const double panel_w = page_w / static_cast<double>(panels.size());
  for (size_t i = 0; i < panels.size(); ++i) {
    const ComposedPanel& panel = panels[i];
    const double x0 = panel_w * i;
    const QFont title_font = figure_font(style.title_pt);
    const auto [title_h, legend_w] = strips(painter, panel, panel_w, style);
    const QRectF scene(x0, title_h, panel_w - legend_w, page_h - title_h);
    const int w = static_cast<int>(std::lround(scene.width() * style.image_px_per_pt));
    const int h = static_cast<int>(std::lround(scene.height() * style.image_px_per_pt));
    ms::Result<QImage> image = panel.render(w, h, style.image_px_per_pt * style.point_scale);
    if (!image.ok()) return ms::make_error(image.error());
    painter.drawImage(scene, *image);
    paint_legend(painter, panel.legend, QRectF(scene.right(), title_h, legend_w, scene.height()), style, false);
    if (!panel.title.empty()) {
      painter.setFont(title_font);
      painter.setPen(Qt::black);
      painter.drawText(QRectF(x0, 0, panel_w, title_h), Qt::AlignCenter, QString::fromStdString(panel.title));
    }
    if (i > 0) {
      painter.setPen(QPen(QColor(180, 180, 180), 0.75));
      painter.drawLine(QPointF(x0, 0), QPointF(x0, page_h));
    }
  }
  return ms::Ok{};
}

ms::Status write_png(const std::string& part, const std::vector<ComposedPanel>& panels, const ExportGeometry& g,
                     const ExportSize& size, Style style) {
  QImage image(g.pixel_w, g.pixel_h, QImage::Format_RGB32);
  if (image.isNull()) return ms::make_error("no memory for the image");
  image.setDotsPerMeterX(kDotsPerMetreAt72);  // fonts in pt map to painter units (pt) as on the other devices
  image.setDotsPerMeterY(kDotsPerMetreAt72);
  style.image_px_per_pt = g.pixel_w / g.page_w;
  QPainter painter(&image);
  painter.scale(g.pixel_w / g.page_w, g.pixel_h / g.page_h);
  if (ms::Status painted = paint_panels(painter, panels, g.page_w, g.page_h, style); !painted.ok()) return painted;
  painter.end();
  const int dpm = static_cast<int>(std::lround((size.physical() ? size.dpi : 72 * size.scale) / 0.0254));
  image.setDotsPerMeterX(dpm);
  image.setDotsPerMeterY(dpm);
  if (!image.save(QString::fromStdString(part), "PNG")) return ms::make_error("cannot write the image");
  return ms::Ok{};
}

ms::Status write_vector(const std::string& part, bool pdf, const std::vector<ComposedPanel>& panels,
                        const ExportGeometry& g, const Style& style) {
  std::unique_ptr<QPdfWriter> writer;
  std::unique_ptr<QSvgGenerator> svg;
  QPainter painter;  // after the devices: it ends before they go
  if (pdf) {
    writer = std::make_unique<QPdfWriter>(QString::fromStdString(part));
    writer->setResolution(72);
    writer->setCreator(QStringLiteral("ManifoldScope"));
    writer->setTitle(QStringLiteral("ManifoldScope figure"));
    writer->setPageMargins(QMarginsF(0, 0, 0, 0));
    writer->setPageSize(QPageSize(QSizeF(g.page_w, g.page_h), QPageSize::Point, QString(), QPageSize::ExactMatch));
    if (!painter.begin(writer.get())) return ms::make_error("cannot start the PDF document");
  } else {
    svg = std::make_unique<QSvgGenerator>();
    svg->setFileName(QString::fromStdString(part));
    svg->setTitle(QStringLiteral("ManifoldScope figure"));
    svg->setResolution(72);
    svg->setSize(QSize(static_cast<int>(std::lround(g.page_w)), static_cast<int>(std::lround(g.page_h))));
    svg->setViewBox(QRectF(0, 0, g.page_w, g.page_h));
    if (!painter.begin(svg.get())) return ms::make_error("cannot start the SVG document");
  }
  if (ms::Status painted = paint_panels(painter, panels, g.page_w, g.page_h, style); !painted.ok()) return painted;
  if (!painter.end()) return ms::make_error("cannot finish the file");
  return ms::Ok{};
}

}  // namespace

ms::Result<QImage> render_window_image(vtkRenderWindow* window, int width, int height) {
  if (!window) return ms::make_error("no render window");
  if (width < 1 || height < 1 || width > kMaxImageSide || height > kMaxImageSide)
    return ms::make_error("cannot render a " + std::to_string(width) + " x " + std::to_string(height) +
                          " image (at most " + std::to_string(kMaxImageSide) + " a side)");
  const int* size = window->GetSize();
  const int old_w = size[0], old_h = size[1];
  window->SetSize(width, height);
  vtkNew<vtkWindowToImageFilter> grab;
  grab->SetInput(window);
  grab->SetInputBufferTypeToRGB();
  grab->ReadFrontBufferOff();
  grab->ShouldRerenderOn();
  grab->Update();
  window->SetSize(old_w, old_h);
  vtkImageData* data = grab->GetOutput();
  int dims[3];
  data->GetDimensions(dims);
  if (dims[0] != width || dims[1] != height) return ms::make_error("the window rendered no image of that size");
  const auto* rgb = static_cast<const unsigned char*>(data->GetScalarPointer());
  QImage image(width, height, QImage::Format_RGB888);
  for (int y = 0; y < height; ++y)  // VTK's rows run from the bottom
    std::copy(rgb + static_cast<size_t>(y) * width * 3, rgb + static_cast<size_t>(y + 1) * width * 3,
              image.scanLine(height - 1 - y));
  return image;
}

ms::Status save_composed_figure(const std::string& path, const std::vector<ComposedPanel>& panels, int window_w,
                                int window_h, const ExportSize& size) {
  const std::string type = QFileInfo(QString::fromStdString(path)).suffix().toLower().toStdString();
  const std::string what = "save " + QString::fromStdString(type).toUpper().toStdString() + " " + path;
  if (type != "png" && type != "svg" && type != "pdf")
    return ms::make_error("save image " + path + ": unknown type '" + type + "' (use .png, .svg or .pdf)");
  if (panels.empty()) return ms::make_error(what + ": nothing to draw");
  ms::Result<ExportGeometry> geometry = export_geometry(window_w, window_h, 72, size);
  if (!geometry.ok()) return ms::make_error(what + ": " + geometry.error());
  Style style;
  style.title_pt *= size.text_scale;
  style.legend_pt *= size.text_scale;
  // On a page smaller than the window the points shrink with it (to a third at most), so clouds stay clouds.
  style.point_scale = std::clamp(geometry->page_w / window_w, 1.0 / 3.0, 1.0);
  if (size.physical() && size.height_mm <= 0) {
    geometry->page_h = page_height_for_scenes(panels, geometry->page_w, style);
    geometry->pixel_h = static_cast<int>(std::lround(geometry->page_h / 72.0 * size.dpi));
  }
  style.image_px_per_pt = std::max(2.0, (size.physical() ? size.dpi : 300) / 72.0);
  return ms::write_atomically(path, [&](const std::string& part) -> ms::Status {
    const ms::Status written = type == "png" ? write_png(part, panels, *geometry, size, style)
                                             : write_vector(part, type == "pdf", panels, *geometry, style);
    if (!written.ok()) return ms::make_error(what + ": " + written.error());
    return ms::Ok{};
  });
}

}  // namespace ms::views
