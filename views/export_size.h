// What size an exported figure is, and what that size means for a window: the physical sizes journals ask for, the
// CLI's size and DPI texts, and the page, pixels and line thickening an export of a window works out from them.
//
// ExportSize
//   width_mm <= 0: the window's size, PNG at `scale` times it (vector files: the window's px/pt).
//   width_mm > 0: a physical size, e.g. kSingleColumnMm / kDoubleColumnMm; height_mm 0 keeps the window's aspect.
//     PNG: width_mm / 25.4 * dpi pixels wide, laid out with the window's DPI set to dpi * text_scale, so a view's
//     9 pt font is 9 * text_scale pt on paper. SVG: width/height in mm over a viewBox in pt. PDF: a page of that
//     many pt. The layout is the page's: axes, ticks and legends are placed for it, not scaled from the window.
//   dpi: PNG pixels per inch at a physical size, and the resolution of embedded 3D images in vector files.
//   text_scale: every text size times this (1: the views' 11-13 pt stay 11-13 pt on paper). physical_mm and
//     parse_export_size use kPrintTextScale (0.75: 8-10 pt, the journals' range) for column widths.
// parse_export_size / parse_dpi (for the CLI)
//   "window" or "Nx" (an integer scale 1..8), "single" / "89mm", "double" / "183mm", "WmmxHmm" or "WxHmm";
//   DPI an integer 72..1200. Outputs: the size, or an error that quotes the text and lists what is accepted.
#pragma once

#include <string>

#include "core/common/result.h"

namespace ms::views {

// Journal column widths (Nature, Science, Cell: about 89 and 183 mm).
constexpr double kSingleColumnMm = 89.0;
constexpr double kDoubleColumnMm = 183.0;
constexpr double kPrintTextScale = 0.75;
constexpr int kMinDpi = 72;
constexpr int kMaxDpi = 1200;

struct ExportSize {
  int scale = 2;           // window size times this (PNG), when width_mm <= 0
  double width_mm = 0.0;   // > 0: physical width
  double height_mm = 0.0;  // 0: the window's aspect
  int dpi = 300;           // PNG at a physical size; embedded 3D images in SVG/PDF
  double text_scale = 1.0;  // all text sizes times this (0.5 to 2)

  static ExportSize window_times(int scale) { return ExportSize{scale, 0.0, 0.0, 300, 1.0}; }
  static ExportSize physical_mm(double width_mm, int dpi, double height_mm = 0.0) {
    return ExportSize{1, width_mm, height_mm, dpi, kPrintTextScale};
  }
  bool physical() const { return width_mm > 0.0; }
};

ms::Result<ExportSize> parse_export_size(const std::string& text, int dpi = 300);
ms::Result<int> parse_dpi(const std::string& text);
// "window x2", "89 x 60 mm at 300 dpi": for captions and logs.
std::string describe(const ExportSize& size);

// What a figure of `size` is for a window of window_w x window_h pixels at window_dpi:
//   page_w/h   the page in pt (vector files) = the layout size at 72 dpi for a physical size, else the window
//   pixel_w/h  the PNG's pixels; dpi the DPI to lay the PNG out at (text_scale applied)
//   factor     how much thicker lines and points are drawn in the PNG than on screen
// Refuses a window without a size, a text scale outside 0.5..2, a scale outside 1..32, a DPI outside
// kMinDpi..kMaxDpi, sides past 2000 mm and images past 400 megapixels.
struct ExportGeometry {
  double page_w = 0, page_h = 0;
  int pixel_w = 0, pixel_h = 0;
  int dpi = 72;
  double factor = 1.0;
};
ms::Result<ExportGeometry> export_geometry(int window_w, int window_h, int window_dpi, const ExportSize& size);
// The line and point thickening a view applies while it saves a PNG of `size` (scale, or dpi / 72; times
// text_scale, so lines thin with the text on paper; vector files thicken by text_scale alone).
double png_factor(const ExportSize& size);

}  // namespace ms::views
