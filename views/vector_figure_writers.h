// The two writers behind save_window_vector (views/figure_export.h): a window's context scenes, painted through
// views/flat_context_device.h, into one file at `path` as it is (the caller picks a temporary name, lays the
// window out for the page and checks the file).
//
// write_svg_figure  VTK's SVG device: text as <text> elements (put right for SVG viewers), markers as <use> of
//                   one symbol, an opaque white background. width_mm/height_mm > 0: that physical size over a
//                   viewBox of the window's pixels (pt); 0: the window's pixels.
// write_pdf_figure  a QPainter device on a QPdfWriter, one page of the window's size in pt on white; Qt embeds
//                   the TrueType font and draws any Unicode (VTK's libharu device lost ρ and Ψ).
// Outputs: Ok, or an error saying what could not be started or finished.
#pragma once

#include <string>

#include "core/common/result.h"

class vtkRenderWindow;

namespace ms::views {

ms::Status write_svg_figure(vtkRenderWindow* window, const std::string& path, double width_mm = 0,
                            double height_mm = 0);
ms::Status write_pdf_figure(vtkRenderWindow* window, const std::string& path);

}  // namespace ms::views
