// Figure export shared by the VTK views: a render window to PNG (an integer scale of the window, or a physical size
// at a DPI) or to vector SVG/PDF, written atomically, and the CSV helpers that write the numbers a view shows next
// to it.
//
// ExportSize (what size a figure is)
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
//
// save_figure
//   window  a vtkRenderWindow that can render (for a VtkWidget: after it has been shown once)
//   path    output file; the type by its extension (case-insensitive): .png, .svg or .pdf
//   size    see ExportSize; the int overload is ExportSize::window_times(scale)
// Outputs: Ok, or an error naming the file. The file is written under a temporary name in the same folder and then
//   renamed, so a failed export never leaves a half file (nor replaces an earlier one).
//
// save_window_png
//   The image is rendered once at its full size with the DPI scaled alike (text follows; line widths and point
//   sizes do not, so views thicken those by png_factor while exporting). Not tiles
//   (vtkWindowToImageFilter::SetScale): a tiled chart keeps the small window's layout with scaled text, and its x
//   axis title ran into the tick labels.
//
// save_window_vector
//   The window's context scenes (vtkChartXY, custom vtkContextItems) painted in pixel coordinates. SVG: through
//   VTK's SVG device (text as <text> elements, curves as polylines/paths, markers as <use> of one symbol). PDF:
//   through a QPainter device (views/painter_device.h) on a QPdfWriter, because VTK's libharu device has only the
//   standard Latin-1 fonts (ρ, Ψ were lost); Qt embeds the TrueType font (DejaVu Sans, pdffonts: "emb yes"),
//   keeps text as text, and draws any Unicode. (QtSvg rendering VTK's SVG was tried: Qt 6.4 drops its <symbol> markers,
//   clip paths and text.) Only context scenes are exported: 3D views compose their own figure
//   (views/composed_figure.h: the scene as an embedded image, legend and titles as vectors).
#pragma once

#include <QString>
#include <functional>
#include <optional>
#include <string>

#include "core/common/result.h"

class QWidget;
class vtkRenderWindow;

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

using PngSaver = std::function<ms::Status(const std::string& path, int scale)>;
using SizedSaver = std::function<ms::Status(const std::string& path, const ExportSize& size)>;
using CsvSaver = std::function<ms::Status(const std::string& path)>;

// "Save image…": asks for a file (PNG, SVG or PDF), then for a size (window x scale, single column 89 mm, double
// column 183 mm) and, for PNG at a column width, a DPI (300 or 600); calls `save`. "Save data…": asks for a .csv
// file and calls `save`. Errors are shown in a message box. The questions go through views/user_questions.h.
// True when a file was written.
//   base_name  suggested file name without extension
bool run_save_image_dialog(QWidget* parent, const QString& base_name, const SizedSaver& save);
// The older form: `vector` false offers PNG only and asks for a scale (1 to 8, default 2).
bool run_save_image_dialog(QWidget* parent, const QString& base_name, const PngSaver& save, bool vector = false);
// The size questions of "Save image…" alone, for `path` (a PNG at a column width gets the DPI question); a PNG's
// answer starts at "window x default_scale" when that is offered (1, 2 or 4). Empty if cancelled.
std::optional<ExportSize> ask_export_size(QWidget* parent, const QString& path, int default_scale = 2);
// The file question of "Save image…" alone (for panels with their own scale box): a path, or empty if cancelled.
QString ask_image_path(QWidget* parent, const QString& base_name, bool vector = true);
// The file question of "Save data…" alone: a .csv path, or empty if cancelled.
QString ask_csv_path(QWidget* parent, const QString& title, const QString& base_name);
bool run_save_data_dialog(QWidget* parent, const QString& base_name, const CsvSaver& save);

ms::Status save_figure(vtkRenderWindow* window, const std::string& path, int scale);
ms::Status save_figure(vtkRenderWindow* window, const std::string& path, const ExportSize& size);
ms::Status save_window_png(vtkRenderWindow* window, const std::string& path, int scale);
ms::Status save_window_png(vtkRenderWindow* window, const std::string& path, const ExportSize& size);
ms::Status save_window_vector(vtkRenderWindow* window, const std::string& path);
ms::Status save_window_vector(vtkRenderWindow* window, const std::string& path, const ExportSize& size);

// A view's save_figure: PNG through `png` (the view thickens its lines by png_factor), SVG or PDF through
// save_window_vector; an error for any other extension.
ms::Status save_view_figure(vtkRenderWindow* window, const std::string& path, int scale, const PngSaver& png);
ms::Status save_view_figure(vtkRenderWindow* window, const std::string& path, const ExportSize& size,
                            const SizedSaver& png);

// True for a path whose extension is .svg or .pdf (any case): scale does not apply.
bool is_vector_path(const std::string& path);

// The file dialog filter of the image types: "PNG (*.png);;SVG (*.svg);;PDF (*.pdf)".
QString image_file_filter();

// Files are replaced atomically by ms::write_atomically (core/common/atomic_write.h).

// One CSV field: quoted (with doubled quotes) when it holds a comma, quote or line break.
std::string csv_field(const std::string& text);

// A number that reads back exactly (17 significant digits); NaN (a missing value) is an empty field.
std::string csv_number(double value);

// Writes `text` to `path`; Ok or an error naming the file.
ms::Status write_text_file(const std::string& path, const std::string& text);

}  // namespace ms::views
