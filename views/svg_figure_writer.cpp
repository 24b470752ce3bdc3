#include "views/vector_figure_writers.h"

#include <QString>
#include <vtkNew.h>
#include <vtkObjectFactory.h>
#include <vtkRenderWindow.h>
#include <vtkRenderer.h>
#include <vtkSVGContextDevice2D.h>
#include <vtkSVGExporter.h>
#include <vtkXMLDataElement.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "views/flat_context_device.h"

namespace ms::views {
namespace {

// What VTK 9.1's SVG device writes for text, put right: font sizes in pt that are pixels at the window's DPI (so
// 11 pt came out a third too large), "text-anchor=right" (not SVG: end), alignment-baseline (ignored on <text>:
// shifted by dy instead), rotations in VTK's counter-clockwise sense on SVG's downward y, and font families
// without a fallback.
void fix_svg_text(vtkXMLDataElement* node, double dpi) {
  if (std::strcmp(node->GetName(), "text") == 0) {
    if (const char* size = node->GetAttribute("font-size")) {
      char buffer[32];
      std::snprintf(buffer, sizeof buffer, "%.4gpx", std::atof(size) * dpi / 72.0);
      node->SetAttribute("font-size", buffer);
    }
    if (const char* family = node->GetAttribute("font-family"))
      node->SetAttribute("font-family", ("'" + std::string(family) + "', Arial, Helvetica, sans-serif").c_str());
    if (const char* anchor = node->GetAttribute("text-anchor")) {
      const std::string side = anchor;  // SetAttribute frees the string `anchor` points to
      if (side == "right") node->SetAttribute("text-anchor", "end");
      if (side == "left") node->SetAttribute("text-anchor", "start");
    }
    if (const char* baseline = node->GetAttribute("alignment-baseline")) {
      const std::string which = baseline;
      node->RemoveAttribute("alignment-baseline");
      // From the alphabetic baseline to VTK's box edges, in em of a sans font.
      if (which == "central") node->SetAttribute("dy", "0.35em");
      if (which == "top") node->SetAttribute("dy", "0.75em");
      if (which == "bottom") node->SetAttribute("dy", "-0.2em");
    }
    if (const char* transform = node->GetAttribute("transform")) {
      std::string text = transform;
      const size_t at = text.find("rotate(");
      if (at != std::string::npos) {
        const size_t value = at + 7, end = text.find(')', value);
        const double angle = std::atof(text.c_str() + value);
        char buffer[32];
        std::snprintf(buffer, sizeof buffer, "%.6g", -angle);
        text.replace(value, end - value, buffer);
        node->SetAttribute("transform", text.c_str());
      }
    }
  }
  for (int i = 0; i < node->GetNumberOfNestedElements(); ++i) fix_svg_text(node->GetNestedElement(i), dpi);
}

// vtkSVGExporter with the flattened device, text as <text> elements (fixed up), an opaque background, and its
// definitions (clip rectangles) always written.
class FlatSvgExporter : public vtkSVGExporter {
 public:
  static FlatSvgExporter* New();
  vtkTypeMacro(FlatSvgExporter, vtkSVGExporter);

  // > 0: the page's physical size, written as width/height in mm over a viewBox of the window's pixels (pt).
  double width_mm = 0, height_mm = 0;

 protected:
  void WriteData() override {
    PrepareDocument();
    paint_context_actors(RenderWindow, Device, true, [this](vtkRenderer* renderer) {
      if (!DrawBackground) return;
      const double alpha = renderer->GetBackgroundAlpha();
      renderer->SetBackgroundAlpha(1.0);  // paper figures: white, not transparent
      RenderBackground(renderer);
      renderer->SetBackgroundAlpha(alpha);
    });
    Device->GenerateDefinitions();
    if (DefinitionNode->GetNumberOfNestedElements() == 0) RootNode->RemoveNestedElement(DefinitionNode);
    fix_svg_text(RootNode, RenderWindow->GetDPI());
    if (width_mm > 0) {
      const int* size = RenderWindow->GetSize();
      const std::string box = "0 0 " + std::to_string(size[0]) + " " + std::to_string(size[1]);
      RootNode->SetAttribute("viewBox", box.c_str());
      RootNode->SetAttribute("width", (QString::number(width_mm, 'g', 6) + "mm").toUtf8().constData());
      RootNode->SetAttribute("height", (QString::number(height_mm, 'g', 6) + "mm").toUtf8().constData());
    }
    RootNode->PrintXML(FileName);
    Device->Delete();
    Device = nullptr;
    RootNode->Delete();
    RootNode = nullptr;
    DefinitionNode = PageNode = nullptr;
  }
};
vtkStandardNewMacro(FlatSvgExporter);

}  // namespace

ms::Status write_svg_figure(vtkRenderWindow* window, const std::string& path, double width_mm, double height_mm) {
  vtkNew<FlatSvgExporter> exporter;
  exporter->width_mm = width_mm;
  exporter->height_mm = height_mm;
  exporter->SetRenderWindow(window);
  exporter->SetFileName(path.c_str());
  exporter->SetTitle("ManifoldScope figure");
  exporter->SetDescription("");
  exporter->SetTextAsPath(false);  // text stays text: selectable and editable
  exporter->Write();
  return ms::Ok{};
}

}  // namespace ms::views
