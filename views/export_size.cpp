#include "views/export_size.h"

#include <QRegularExpression>
#include <QString>

#include <algorithm>
#include <cmath>

namespace ms::views {
namespace {

// A window-sized figure: the page is the window, the PNG `scale` times it.
ms::Result<ExportGeometry> window_geometry(int window_w, int window_h, int window_dpi, const ExportSize& size) {
  if (size.scale < 1 || size.scale > 32)
    return ms::make_error("scale must be 1 to 32, got " + std::to_string(size.scale));
  ExportGeometry g;
  g.page_w = window_w, g.page_h = window_h;
  g.pixel_w = window_w * size.scale, g.pixel_h = window_h * size.scale;
  g.dpi = static_cast<int>(std::lround(window_dpi * size.scale * size.text_scale));
  g.factor = size.scale;
  return g;
}

// A physical size: the page in pt, the PNG at size.dpi; the window gives only the aspect when no height is set.
ms::Result<ExportGeometry> physical_geometry(int window_w, int window_h, const ExportSize& size) {
  if (size.dpi < kMinDpi || size.dpi > kMaxDpi)
    return ms::make_error("DPI must be " + std::to_string(kMinDpi) + " to " + std::to_string(kMaxDpi) + ", got " +
                          std::to_string(size.dpi));
  if (size.width_mm > 2000 || size.height_mm < 0 || size.height_mm > 2000)
    return ms::make_error("a figure is at most 2000 mm on a side");
  ExportGeometry g;
  g.page_w = size.width_mm / 25.4 * 72.0;
  g.page_h = size.height_mm > 0 ? size.height_mm / 25.4 * 72.0 : g.page_w * window_h / window_w;
  g.pixel_w = static_cast<int>(std::lround(size.width_mm / 25.4 * size.dpi));
  g.pixel_h = static_cast<int>(std::lround(g.page_h / 72.0 * size.dpi));
  if (static_cast<double>(g.pixel_w) * g.pixel_h > 400e6)
    return ms::make_error("the image would be " + std::to_string(g.pixel_w) + " x " + std::to_string(g.pixel_h) +
                          " pixels; use a lower DPI");
  g.dpi = static_cast<int>(std::lround(size.dpi * size.text_scale));
  g.factor = size.dpi / 72.0;
  return g;
}

}  // namespace

ms::Result<ExportGeometry> export_geometry(int window_w, int window_h, int window_dpi, const ExportSize& size) {
  if (window_w <= 0 || window_h <= 0) return ms::make_error("the window has no size yet");
  if (!(size.text_scale >= 0.5 && size.text_scale <= 2.0))
    return ms::make_error("text scale must be 0.5 to 2, got " + std::to_string(size.text_scale));
  return size.physical() ? physical_geometry(window_w, window_h, size)
                         : window_geometry(window_w, window_h, window_dpi, size);
}

double png_factor(const ExportSize& size) {
  return (size.physical() ? size.dpi / 72.0 : std::max(size.scale, 1)) * size.text_scale;
}

ms::Result<int> parse_dpi(const std::string& text) {
  const QString t = QString::fromStdString(text).trimmed();
  bool ok = false;
  const int dpi = t.toInt(&ok);
  if (!ok || dpi < kMinDpi || dpi > kMaxDpi)
    return ms::make_error("DPI '" + text + "': expected a whole number from " + std::to_string(kMinDpi) + " to " +
                          std::to_string(kMaxDpi) + " (journals ask for 300 or 600)");
  return dpi;
}

ms::Result<ExportSize> parse_export_size(const std::string& text, int dpi) {
  const std::string accepted =
      "expected 'window', a scale such as '2x', 'single' (89mm), 'double' (183mm), a width such as '120mm', or "
      "width x height such as '89x60mm'";
  if (dpi < kMinDpi || dpi > kMaxDpi) return ms::make_error("DPI " + std::to_string(dpi) + ": " + parse_dpi("x").error());
  const QString t = QString::fromStdString(text).trimmed().toLower();
  if (t == "window") return ExportSize::window_times(1);
  if (t == "single" || t == "single-column") return ExportSize::physical_mm(kSingleColumnMm, dpi);
  if (t == "double" || t == "double-column") return ExportSize::physical_mm(kDoubleColumnMm, dpi);
  const QRegularExpression scale("^(\\d+)x$");
  if (const auto m = scale.match(t); m.hasMatch()) {
    const int k = m.captured(1).toInt();
    if (k < 1 || k > 8) return ms::make_error("size '" + text + "': a scale is 1x to 8x");
    return ExportSize::window_times(k);
  }
  const QRegularExpression mm("^(\\d+(?:\\.\\d+)?)(?:\\s*mm)?(?:\\s*x\\s*(\\d+(?:\\.\\d+)?))?\\s*mm$");
  const auto m = mm.match(t);
  if (!m.hasMatch()) return ms::make_error("size '" + text + "': " + accepted);
  const double w = m.captured(1).toDouble(), h = m.captured(2).isEmpty() ? 0.0 : m.captured(2).toDouble();
  if (w < 10 || w > 1000 || (!m.captured(2).isEmpty() && (h < 10 || h > 1000)))
    return ms::make_error("size '" + text + "': sides must be 10 to 1000 mm");
  return ExportSize::physical_mm(w, dpi, h);
}

std::string describe(const ExportSize& size) {
  if (!size.physical()) return "window x" + std::to_string(size.scale);
  const QString h = size.height_mm > 0 ? QString(" x %1").arg(size.height_mm) : QString();
  return QString("%1%2 mm at %3 dpi").arg(size.width_mm).arg(h).arg(size.dpi).toStdString();
}

}  // namespace ms::views
