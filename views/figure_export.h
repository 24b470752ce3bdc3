// Figure export shared by the VTK views: a render window to PNG at an integer scale, and the CSV helpers that
// write the numbers a view shows next to it.
//
// save_window_png
//   window  a vtkRenderWindow that can render (for a VtkWidget: after it has been shown once)
//   path    output .png
//   scale   integer >= 1; the image is scale times the window size (tiled rendering: text scales with it,
//           line widths and point sizes do not, so views thicken those themselves while exporting)
// Outputs: Ok, or an error naming the file.
#pragma once

#include <string>

#include "core/common/result.h"

class vtkRenderWindow;

namespace ms::views {

ms::Status save_window_png(vtkRenderWindow* window, const std::string& path, int scale);

// One CSV field: quoted (with doubled quotes) when it holds a comma, quote or line break.
std::string csv_field(const std::string& text);

// A number that reads back exactly (17 significant digits); NaN (a missing value) is an empty field.
std::string csv_number(double value);

// Writes `text` to `path`; Ok or an error naming the file.
ms::Status write_text_file(const std::string& path, const std::string& text);

}  // namespace ms::views
