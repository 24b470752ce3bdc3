// Painting a window's 2D context scenes (vtkChartXY, custom vtkContextItems) onto another device, as the vector
// exports do, with VTK 9.1's transform troubles kept away from that device.
//
// paint_context_actors(window, device, flip_clip_y, before)
//   window       a render window that has rendered (its charts are laid out)
//   device       the device drawn on (VTK's SVG device, or a PainterDevice on a QPdfWriter); it receives pixel
//                coordinates under an identity matrix (the context's matrix stack is applied here), and text
//                bounds measured as the text is turned
//   flip_clip_y  true for VTK's SVG device, which writes a clip rectangle's y (from the bottom) as an SVG y
//   before       run for each renderer before its actors (the SVG background), or empty
// Renderers are painted layer by layer, as VTK's exporters do. 3D props are not painted.
#pragma once

#include <functional>

class vtkContextDevice2D;
class vtkRenderWindow;
class vtkRenderer;

namespace ms::views {

void paint_context_actors(vtkRenderWindow* window, vtkContextDevice2D* device, bool flip_clip_y,
                          const std::function<void(vtkRenderer*)>& before);

}  // namespace ms::views
