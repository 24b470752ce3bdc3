// Figure export shared by the VTK views: a render window to PNG at an integer scale, and the CSV helpers that
// write the numbers a view shows next to it.
//
// save_window_png
//   window  a vtkRenderWindow that can render (for a VtkWidget: after it has been shown once)
//   path    output .png
//   scale   integer >= 1; the image is scale times the window size, rendered once at that size with the DPI
//           scaled alike (text follows; line widths and point sizes do not, so views thicken those themselves
//           while exporting). Not tiles (vtkWindowToImageFilter::SetScale): a tiled chart keeps the small
//           window's layout with scaled text, and its x axis title ran into the tick labels.
// Outputs: Ok, or an error naming the file.
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

// "Save image…": asks for a .png file, then for a scale (1 to 8, default 2), and calls `save`. "Save data…": asks
// for a .csv file and calls `save`. Errors are shown in a message box. True when a file was written.
//   base_name  suggested file name without extension
bool run_save_image_dialog(QWidget* parent, const QString& base_name, const PngSaver& save);
bool run_save_data_dialog(QWidget* parent, const QString& base_name, const CsvSaver& save);

ms::Status save_window_png(vtkRenderWindow* window, const std::string& path, int scale);

// One CSV field: quoted (with doubled quotes) when it holds a comma, quote or line break.
std::string csv_field(const std::string& text);

// A number that reads back exactly (17 significant digits); NaN (a missing value) is an empty field.
std::string csv_number(double value);

// Writes `text` to `path`; Ok or an error naming the file.
ms::Status write_text_file(const std::string& path, const std::string& text);

}  // namespace ms::views
