// Figure export shared by the VTK views: a render window to PNG (an integer scale of the window, or a physical size
// at a DPI) or to vector SVG/PDF, written atomically. The public entry of figure export: it also provides the
// sizes (views/export_size.h), the save dialogs (views/figure_dialogs.h) and the CSV helpers (views/csv_text.h).
//
// save_figure
//   window  a vtkRenderWindow that can render (for a VtkWidget: after it has been shown once)
//   path    output file; the type by its extension (case-insensitive): .png, .svg or .pdf
//   size    see ExportSize; the int overload is ExportSize::window_times(scale)
// Outputs: Ok, or an error naming the file. The file is written under a temporary name in the same folder and then
//   renamed, so a failed export never leaves a half file (nor replaces an earlier one).
//
// save_window_png (figure_export_png.cpp)
//   The image is rendered once at its full size with the DPI scaled alike (text follows; line widths and point
//   sizes do not, so views thicken those by png_factor while exporting). Not tiles
//   (vtkWindowToImageFilter::SetScale): a tiled chart keeps the small window's layout with scaled text, and its x
//   axis title ran into the tick labels. At a physical size the PNG records its DPI (pHYs chunk).
//
// save_window_vector (figure_export_vector.cpp)
//   The window's context scenes (vtkChartXY, custom vtkContextItems) painted in pixel coordinates
//   (views/flat_context_device.h). SVG: through VTK's SVG device (text as <text> elements, curves as
//   polylines/paths, markers as <use> of one symbol). PDF: through a QPainter device (views/painter_device.h) on a
//   QPdfWriter, because VTK's libharu device has only the standard Latin-1 fonts (ρ, Ψ were lost); Qt embeds the
//   TrueType font (DejaVu Sans, pdffonts: "emb yes"), keeps text as text, and draws any Unicode. (QtSvg rendering
//   VTK's SVG was tried: Qt 6.4 drops its <symbol> markers, clip paths and text.) See views/vector_figure_writers.h.
//   Only context scenes are exported: 3D views compose their own figure (views/composed_figure.h: the scene as an
//   embedded image, legend and titles as vectors).
#pragma once

#include <QString>
#include <string>

#include "core/common/result.h"
#include "views/csv_text.h"
#include "views/export_size.h"
#include "views/figure_dialogs.h"

class vtkRenderWindow;

namespace ms::views {

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

// The lower-case extension of `path` without the dot ("png", "svg", "pdf", or whatever else it is): the type
// save_figure writes.
std::string figure_type(const std::string& path);

// True for a path whose extension is .svg or .pdf (any case): scale does not apply.
bool is_vector_path(const std::string& path);

// The file dialog filter of the image types: "PNG (*.png);;SVG (*.svg);;PDF (*.pdf)".
QString image_file_filter();

// Files are replaced atomically by ms::write_atomically (core/common/atomic_write.h).

}  // namespace ms::views
