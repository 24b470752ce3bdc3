// Figure export shared by the VTK views: a render window to PNG at an integer scale or to vector SVG/PDF, written
// atomically, and the CSV helpers that write the numbers a view shows next to it.
//
// save_figure
//   window  a vtkRenderWindow that can render (for a VtkWidget: after it has been shown once)
//   path    output file; the type by its extension (case-insensitive): .png, .svg or .pdf
//   scale   PNG only, integer >= 1 (see save_window_png); vector files are the window's size in px (SVG) or pt (PDF)
// Outputs: Ok, or an error naming the file. The file is written under a temporary name in the same folder and then
//   renamed, so a failed export never leaves a half file (nor replaces an earlier one).
//
// save_window_png
//   The image is scale times the window size, rendered once at that size with the DPI scaled alike (text follows;
//   line widths and point sizes do not, so views thicken those themselves while exporting). Not tiles
//   (vtkWindowToImageFilter::SetScale): a tiled chart keeps the small window's layout with scaled text, and its x
//   axis title ran into the tick labels.
//
// save_window_vector
//   The window's context scenes (vtkChartXY, custom vtkContextItems) painted through VTK's SVG device (text as
//   <text> elements, curves as polylines/paths, markers as <use> of one symbol) or its libharu PDF device (text
//   in the standard Helvetica font, so outside Latin-1 it is lost: callers spell such letters out). Only context
//   scenes are exported: 3D props of a renderer are not (export those as PNG).
#pragma once

#include <QString>
#include <functional>
#include <string>

#include "core/common/result.h"

class QWidget;
class vtkRenderWindow;

namespace ms::views {

using PngSaver = std::function<ms::Status(const std::string& path, int scale)>;
using CsvSaver = std::function<ms::Status(const std::string& path)>;

// "Save image…": asks for a file, then (PNG only) for a scale (1 to 8, default 2), and calls `save` (scale 1 for
// SVG and PDF). "Save data…": asks for a .csv file and calls `save`. Errors are shown in a message box. The
// questions go through views/user_questions.h. True when
// a file was written.
//   base_name  suggested file name without extension
//   vector     offer SVG and PDF besides PNG (views whose window holds only context scenes)
bool run_save_image_dialog(QWidget* parent, const QString& base_name, const PngSaver& save, bool vector = false);
// The file question of "Save image…" alone (for panels with their own scale box): a path, or empty if cancelled.
QString ask_image_path(QWidget* parent, const QString& base_name, bool vector = true);
// The file question of "Save data…" alone: a .csv path, or empty if cancelled.
QString ask_csv_path(QWidget* parent, const QString& title, const QString& base_name);
bool run_save_data_dialog(QWidget* parent, const QString& base_name, const CsvSaver& save);

ms::Status save_figure(vtkRenderWindow* window, const std::string& path, int scale);
ms::Status save_window_png(vtkRenderWindow* window, const std::string& path, int scale);
ms::Status save_window_vector(vtkRenderWindow* window, const std::string& path);

// A view's save_figure: PNG through `png` (the view thickens its lines for the scale), SVG or PDF through
// save_window_vector; an error for any other extension.
ms::Status save_view_figure(vtkRenderWindow* window, const std::string& path, int scale, const PngSaver& png);

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
