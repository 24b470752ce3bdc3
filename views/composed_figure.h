// Figures of 3D scenes for papers: each panel's scene as an embedded raster image, its title and legend as vector
// text and shapes, painted by Qt into a PNG (QImage), an SVG (QSvgGenerator: <text>, <image>) or a PDF (QPdfWriter:
// text as text, the TrueType font embedded). Used by ProjectionView::save_figure and the Compare tab.
//
// save_composed_figure(path, panels, window_w, window_h, size)
//   path      .png, .svg or .pdf (any case)
//   panels    side by side, equal widths; each: a title above (none if empty), a legend in a strip of its own at the
//             right of its scene (legends never cover points), and `render`, which draws the scene at the pixel
//             size asked with points `point_factor` times their size on screen
//   window_w/h  the figure's size on screen (px): the page for ExportSize::window_times; a physical width
//             without a height is as tall as keeps each panel's scene at its `aspect` (the legend and title strips
//             added), so the points fill their area as in the window
//   size      ExportSize (views/figure_export.h): PNG pixels as for the 2D views; SVG/PDF pages in pt; the scene
//             images at size.dpi (window sizes: 300 dpi); titles 14 pt and legend 12 pt times size.text_scale;
//             points shrink with a page narrower than the window (to a third at most)
// Outputs: Ok or an error naming the file; written atomically (ms::write_atomically).
//
// render_window_image(window, width, height)
//   The window rendered once at width x height pixels (then put back to its size) as a QImage; an error when the
//   size is not positive or too large for the GPU.
#pragma once

#include <QImage>
#include <functional>
#include <string>
#include <vector>

#include "core/common/result.h"
#include "views/figure_export.h"
#include "views/palette.h"

class vtkRenderWindow;

namespace ms::views {

struct FigureLegendEntry {
  std::string name;
  Rgb colour{0, 0, 0};
  bool square = false;  // a square swatch (the overlay set) instead of a disc
};

struct ComposedPanel {
  std::string title;
  std::vector<FigureLegendEntry> legend;
  std::function<ms::Result<QImage>(int width, int height, double point_factor)> render;
  double aspect = 0;  // the scene's width / height on screen (0: unknown); sets a physical page's height
};

ms::Status save_composed_figure(const std::string& path, const std::vector<ComposedPanel>& panels, int window_w,
                                int window_h, const ExportSize& size);

ms::Result<QImage> render_window_image(vtkRenderWindow* window, int width, int height);

}  // namespace ms::views
