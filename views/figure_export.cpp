#include "views/figure_export.h"

#include <QFileInfo>
#include <QImage>
#include <QImageReader>
#include <QImageWriter>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QRegularExpression>

#include <vtkContextActor.h>
#include <vtkContextDevice2D.h>
#include <vtkImageData.h>
#include <vtkMath.h>
#include <vtkMatrix3x3.h>
#include <vtkNew.h>
#include <vtkObjectFactory.h>
#include <vtkPNGWriter.h>
#include <vtkPropCollection.h>
#include <vtkRenderer.h>
#include <vtkWindow.h>
#include <vtkRendererCollection.h>
#include <vtkSVGContextDevice2D.h>
#include <vtkSVGExporter.h>
#include <vtkTextProperty.h>
#include <vtkStdString.h>
#include <vtkUnicodeString.h>
#include <vtkXMLDataElement.h>
#include <vtkRenderWindow.h>
#include <vtkWindowToImageFilter.h>

#include "core/common/atomic_write.h"
#include "views/painter_device.h"
#include "views/user_questions.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdlib>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iterator>
#include <vector>

namespace ms::views {
namespace {

// The PNG's pHYs chunk: viewers and layout programs read the physical size from it.
ms::Status set_png_dpi(const std::string& path, int dpi) {
  QImage image(QString::fromStdString(path), "PNG");
  if (image.isNull()) return ms::make_error("save PNG " + path + ": cannot read the image back");
  const int per_metre = static_cast<int>(std::lround(dpi / 0.0254));
  if (image.dotsPerMeterX() == per_metre) return ms::Ok{};
  image.setDotsPerMeterX(per_metre);
  image.setDotsPerMeterY(per_metre);
  if (!image.save(QString::fromStdString(path), "PNG")) return ms::make_error("save PNG " + path + ": cannot write");
  return ms::Ok{};
}

}  // namespace

ms::Status save_window_png(vtkRenderWindow* window, const std::string& path, int scale) {
  if (scale < 1) return ms::make_error("save PNG " + path + ": scale must be >= 1, got " + std::to_string(scale));
  return save_window_png(window, path, ExportSize::window_times(scale));
}

ms::Status save_window_png(vtkRenderWindow* window, const std::string& path, const ExportSize& size) {
  if (!window) return ms::make_error("save PNG " + path + ": no render window");
  const int* window_size = window->GetSize();
  const int width = window_size[0], height = window_size[1], dpi = window->GetDPI();
  const ms::Result<ExportGeometry> geometry = export_geometry(width, height, dpi, size);
  if (!geometry.ok()) return ms::make_error("save PNG " + path + ": " + geometry.error());

  // Render once at the full size (VTK draws into its own framebuffer, so the window may outgrow the widget) with
  // the DPI scaled alike, so the chart lays out its axes, titles and legend for the large image.
  window->SetSize(geometry->pixel_w, geometry->pixel_h);
  window->SetDPI(geometry->dpi);
  window->Render();  // a first frame at this size lays the axes out; the grab's frame places the plots in them
  vtkNew<vtkWindowToImageFilter> grab;
  grab->SetInput(window);
  grab->SetInputBufferTypeToRGB();
  grab->ReadFrontBufferOff();  // render into the back buffer and read it: the front may hold an older frame
  grab->ShouldRerenderOn();
  grab->Update();
  window->SetSize(width, height);
  window->SetDPI(dpi);

  return ms::write_atomically(path, [&](const std::string& part) -> ms::Status {
    vtkNew<vtkPNGWriter> writer;
    writer->SetFileName(part.c_str());
    writer->SetInputConnection(grab->GetOutputPort());
    writer->Write();
    if (writer->GetErrorCode() != 0) return ms::make_error("save PNG " + path + ": cannot write the file");
    return size.physical() ? set_png_dpi(part, size.dpi) : ms::Status(ms::Ok{});
  });
}

namespace {

// VTK 9.1's SVG and PDF devices mishandle drawing under a transform: vtkChartXY paints its plots in data
// coordinates under a data-to-pixel matrix; the SVG device then clips in the data frame (every curve vanishes) and
// both devices scale markers by that non-uniform matrix (ellipses in SVG, page-sized blobs in PDF). FlatDevice
// keeps the matrix stack itself and hands the wrapped device pixel coordinates under an identity matrix.
class FlatDevice : public vtkContextDevice2D {
 public:
  static FlatDevice* New();
  vtkTypeMacro(FlatDevice, vtkContextDevice2D);

  // The device drawn on; null once the export is over (the actor's context keeps this device until the next
  // render and ends it later, when the wrapped device may be gone).
  vtkContextDevice2D* inner = nullptr;
  // VTK 9.1's SVG device writes the clip rectangle's y (from the bottom) as an SVG y (from the top).
  bool flip_clip_y = false;

  void Begin(vtkViewport* viewport) override {
    matrix_ = kIdentity;
    stack_.clear();
    height_ = viewport->GetVTKWindow()->GetSize()[1];
    if (inner) inner->Begin(viewport);
  }
  void End() override {
    if (inner) inner->End();
  }
  int GetWidth() override { return inner->GetWidth(); }
  int GetHeight() override { return inner->GetHeight(); }
  void SetViewportSize(const vtkVector2i& size) override {
    Superclass::SetViewportSize(size);
    inner->SetViewportSize(size);
  }
  void SetViewportRect(const vtkRecti& rect) override {
    Superclass::SetViewportRect(rect);
    inner->SetViewportRect(rect);
  }

  void DrawPoly(float* p, int n, unsigned char* colors, int nc) override {
    inner->DrawPoly(mapped(p, n).data(), n, colors, nc);
  }
  void DrawLines(float* p, int n, unsigned char* colors, int nc) override {
    inner->DrawLines(mapped(p, n).data(), n, colors, nc);
  }
  void DrawPoints(float* p, int n, unsigned char* colors, int nc) override {
    inner->DrawPoints(mapped(p, n).data(), n, colors, nc);
  }
  void DrawPointSprites(vtkImageData* sprite, float* p, int n, unsigned char* colors, int nc) override {
    inner->DrawPointSprites(sprite, mapped(p, n).data(), n, colors, nc);
  }
  void DrawMarkers(int shape, bool highlight, float* p, int n, unsigned char* colors, int nc) override {
    inner->DrawMarkers(shape, highlight, mapped(p, n).data(), n, colors, nc);
  }
  void DrawQuad(float* p, int n) override { inner->DrawQuad(mapped(p, n).data(), n); }
  void DrawQuadStrip(float* p, int n) override { inner->DrawQuadStrip(mapped(p, n).data(), n); }
  void DrawPolygon(float* p, int n) override { inner->DrawPolygon(mapped(p, n).data(), n); }
  void DrawColoredPolygon(float* p, int n, unsigned char* colors, int nc) override {
    inner->DrawColoredPolygon(mapped(p, n).data(), n, colors, nc);
  }
  // Charts never rotate: the radii scale by the diagonal.
  void DrawEllipseWedge(float x, float y, float out_rx, float out_ry, float in_rx, float in_ry, float start,
                        float stop) override {
    const auto c = mapped(&x, &y);
    const float sx = scale_x(), sy = scale_y();
    inner->DrawEllipseWedge(c[0], c[1], out_rx * sx, out_ry * sy, in_rx * sx, in_ry * sy, start, stop);
  }
  void DrawEllipticArc(float x, float y, float rx, float ry, float start, float stop) override {
    const auto c = mapped(&x, &y);
    inner->DrawEllipticArc(c[0], c[1], rx * scale_x(), ry * scale_y(), start, stop);
  }
  void DrawString(float* p, const vtkStdString& text) override { inner->DrawString(mapped(p, 1).data(), text); }
  // The deprecated UTF-32 overloads are still pure virtual in 9.1; they go through UTF-8.
  void DrawString(float* p, const vtkUnicodeString& text) override {
    inner->DrawString(mapped(p, 1).data(), vtkStdString(text.utf8_str()));
  }
  void DrawMathTextString(float* p, const vtkStdString& text) override {
    inner->DrawMathTextString(mapped(p, 1).data(), text);
  }
  // The box of the text as drawn: the SVG and PDF devices measure it upright whatever its orientation, so turned
  // axis labels got too little room.
  void ComputeStringBounds(const vtkStdString& text, float bounds[4]) override {
    vtkNew<vtkTextProperty> upright;
    upright->ShallowCopy(TextProp);
    upright->SetOrientation(0.0);
    inner->ApplyTextProp(upright);
    inner->ComputeStringBounds(text, bounds);
    const double angle = vtkMath::RadiansFromDegrees(TextProp->GetOrientation());
    const float c = static_cast<float>(std::abs(std::cos(angle))), s = static_cast<float>(std::abs(std::sin(angle)));
    const float w = bounds[2], h = bounds[3];
    bounds[2] = w * c + h * s;
    bounds[3] = w * s + h * c;
    inner->ApplyTextProp(TextProp);
  }
  void ComputeStringBounds(const vtkUnicodeString& text, float bounds[4]) override {
    ComputeStringBounds(vtkStdString(text.utf8_str()), bounds);
  }
  void ComputeJustifiedStringBounds(const char* text, float bounds[4]) override {
    inner->ApplyTextProp(TextProp);
    inner->ComputeJustifiedStringBounds(text, bounds);
  }
  bool MathTextIsSupported() override { return inner->MathTextIsSupported(); }
  void DrawImage(float p[2], float scale, vtkImageData* image) override {
    inner->DrawImage(mapped(p, 1).data(), scale * scale_x(), image);
  }
  void DrawImage(const vtkRectf& rect, vtkImageData* image) override {
    float corners[4] = {rect.GetLeft(), rect.GetBottom(), rect.GetRight(), rect.GetTop()};
    const auto c = mapped(corners, 2);
    inner->DrawImage(vtkRectf(c[0], c[1], c[2] - c[0], c[3] - c[1]), image);
  }

  // The context edits the pen, brush and text property it reads from this device; the wrapped one gets copies.
  void ApplyPen(vtkPen* pen) override { Superclass::ApplyPen(pen); }
  void ApplyBrush(vtkBrush* brush) override { Superclass::ApplyBrush(brush); }
  void ApplyTextProp(vtkTextProperty* prop) override { Superclass::ApplyTextProp(prop); }
  void SetColor4(unsigned char color[4]) override { inner->SetColor4(color); }
  void SetTexture(vtkImageData* image, int properties) override { inner->SetTexture(image, properties); }
  void SetPointSize(float size) override { inner->SetPointSize(size); }
  void SetLineWidth(float width) override { inner->SetLineWidth(width); }
  void SetLineType(int type) override { inner->SetLineType(type); }

  void SetMatrix(vtkMatrix3x3* m) override { std::copy(m->GetData(), m->GetData() + 9, matrix_.begin()); }
  void GetMatrix(vtkMatrix3x3* m) override { m->DeepCopy(matrix_.data()); }
  void MultiplyMatrix(vtkMatrix3x3* m) override {
    std::array<double, 9> product;
    vtkMatrix3x3::Multiply3x3(matrix_.data(), m->GetData(), product.data());
    matrix_ = product;
  }
  void PushMatrix() override { stack_.push_back(matrix_); }
  void PopMatrix() override {
    if (stack_.empty()) return;
    matrix_ = stack_.back();
    stack_.pop_back();
  }
  void SetClipping(int* rect) override {
    int clip[4] = {rect[0], flip_clip_y ? height_ - rect[1] - rect[3] : rect[1], rect[2], rect[3]};
    inner->SetClipping(clip);
  }
  void EnableClipping(bool enable) override { inner->EnableClipping(enable); }

 private:
  static constexpr std::array<double, 9> kIdentity{1, 0, 0, 0, 1, 0, 0, 0, 1};

  float scale_x() const { return static_cast<float>(std::abs(matrix_[0])); }
  float scale_y() const { return static_cast<float>(std::abs(matrix_[4])); }

  // The pen, brush and text as the context left them, then n points in pixels.
  std::vector<float> mapped(const float* p, int n) {
    inner->ApplyPen(Pen);
    inner->ApplyBrush(Brush);
    inner->ApplyTextProp(TextProp);
    std::vector<float> out(2 * static_cast<size_t>(std::max(n, 0)));
    for (int i = 0; i < n; ++i) {
      const double x = p[2 * i], y = p[2 * i + 1];
      out[2 * i] = static_cast<float>(matrix_[0] * x + matrix_[1] * y + matrix_[2]);
      out[2 * i + 1] = static_cast<float>(matrix_[3] * x + matrix_[4] * y + matrix_[5]);
    }
    return out;
  }
  std::vector<float> mapped(const float* x, const float* y) {
    const float p[2] = {*x, *y};
    return mapped(p, 1);
  }

  std::array<double, 9> matrix_ = kIdentity;
  int height_ = 0;
  std::vector<std::array<double, 9>> stack_;
};
vtkStandardNewMacro(FlatDevice);

// Paints every context actor of `window` through `device` (flattened), renderer layer by layer as VTK's exporters
// do. `before` runs for each renderer first (the SVG background).
void paint_context_actors(vtkRenderWindow* window, vtkContextDevice2D* device, bool flip_clip_y,
                          const std::function<void(vtkRenderer*)>& before) {
  vtkNew<FlatDevice> flat;
  flat->inner = device;
  flat->flip_clip_y = flip_clip_y;
  vtkRendererCollection* renderers = window->GetRenderers();
  for (int layer = 0; layer < window->GetNumberOfLayers(); ++layer) {
    vtkCollectionSimpleIterator it;
    renderers->InitTraversal(it);
    while (vtkRenderer* renderer = renderers->GetNextRenderer(it)) {
      if (renderer->GetLayer() != layer) continue;
      if (before) before(renderer);
      vtkPropCollection* props = renderer->GetViewProps();
      vtkCollectionSimpleIterator pit;
      props->InitTraversal(pit);
      while (vtkProp* prop = props->GetNextProp(pit)) {
        auto* actor = vtkContextActor::SafeDownCast(prop);
        if (!actor) continue;
        vtkSmartPointer<vtkContextDevice2D> previous = actor->GetForceDevice();
        actor->SetForceDevice(flat);
        actor->RenderOverlay(renderer);
        actor->SetForceDevice(previous);
      }
    }
  }
  flat->inner = nullptr;
}

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

ms::Status write_svg(vtkRenderWindow* window, const std::string& path, double width_mm = 0, double height_mm = 0) {
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

// One point per window pixel: the page is the window at 72 dpi (for a physical size the window was laid out at
// that many pixels), drawn by Qt (fonts embedded, any script).
ms::Status write_pdf(vtkRenderWindow* window, const std::string& path) {
  const int* size = window->GetSize();
  QPdfWriter writer(QString::fromStdString(path));
  writer.setResolution(72);
  writer.setCreator(QStringLiteral("ManifoldScope"));
  writer.setTitle(QStringLiteral("ManifoldScope figure"));
  writer.setPageMargins(QMarginsF(0, 0, 0, 0));
  if (!writer.setPageSize(QPageSize(QSizeF(size[0], size[1]), QPageSize::Point, QString(), QPageSize::ExactMatch)))
    return ms::make_error("cannot set the page size");
  QPainter painter;
  if (!painter.begin(&writer)) return ms::make_error("cannot start a PDF document");
  painter.setRenderHint(QPainter::Antialiasing);
  painter.fillRect(QRectF(0, 0, size[0], size[1]), Qt::white);  // paper figures: white, not transparent
  vtkNew<PainterDevice> device;
  device->set_target(&painter, size[0], size[1], window->GetDPI());
  paint_context_actors(window, device, false, nullptr);
  device->set_target(nullptr, 0, 0, 72);
  if (!painter.end()) return ms::make_error("cannot finish the PDF document");
  return ms::Ok{};
}

bool has_ending(const std::string& text, const std::string& ending) {
  return text.size() >= ending.size() && text.compare(text.size() - ending.size(), ending.size(), ending) == 0;
}

std::string lower_extension(const std::string& path) {
  return QFileInfo(QString::fromStdString(path)).suffix().toLower().toStdString();
}

// Whether `path` looks like a whole file of its type (the exporters report some failures only on their log).
bool complete_file(const std::string& path, const std::string& type) {
  std::ifstream in(path, std::ios::binary);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.pop_back();
  if (type == "svg") return text.rfind("<svg", 0) == 0 && has_ending(text, "</svg>");
  if (type == "pdf") return text.rfind("%PDF-", 0) == 0 && has_ending(text, "%%EOF");
  return text.rfind("\x89PNG", 0) == 0;
}

}  // namespace

ms::Status save_window_vector(vtkRenderWindow* window, const std::string& path) {
  return save_window_vector(window, path, ExportSize::window_times(1));
}

// A physical size lays the window out at its size in pt (72 dpi) for the export and then puts it back.
ms::Status save_window_vector(vtkRenderWindow* window, const std::string& path, const ExportSize& export_size) {
  const std::string type = lower_extension(path);
  const std::string what = "save " + QString::fromStdString(type).toUpper().toStdString() + " " + path;
  if (type != "svg" && type != "pdf") return ms::make_error(what + ": not an .svg or .pdf file name");
  if (!window) return ms::make_error(what + ": no render window");
  const int* size = window->GetSize();
  const int width = size[0], height = size[1], dpi = window->GetDPI();
  const ms::Result<ExportGeometry> geometry = export_geometry(width, height, dpi, export_size);
  if (!geometry.ok()) return ms::make_error(what + ": " + geometry.error());
  const bool resized = export_size.physical() || export_size.text_scale != 1.0;
  if (resized) {
    window->SetSize(static_cast<int>(std::lround(geometry->page_w)), static_cast<int>(std::lround(geometry->page_h)));
    window->SetDPI(static_cast<int>(std::lround((export_size.physical() ? 72 : dpi) * export_size.text_scale)));
    // The charts lay themselves out for the page; a second frame places the plots in axes the first one moved.
    window->Render();
    window->Render();
  }
  const double width_mm = export_size.physical() ? geometry->page_w / 72.0 * 25.4 : 0.0;
  const double height_mm = export_size.physical() ? geometry->page_h / 72.0 * 25.4 : 0.0;
  const ms::Status status = ms::write_atomically(path, [&](const std::string& part) -> ms::Status {
    const ms::Status written = type == "svg" ? write_svg(window, part, width_mm, height_mm) : write_pdf(window, part);
    if (!written.ok()) return ms::make_error(what + ": " + written.error());
    if (!complete_file(part, type)) return ms::make_error(what + ": the exporter wrote no complete file");
    return ms::Ok{};
  });
  if (resized) {
    window->SetSize(width, height);
    window->SetDPI(dpi);
  }
  return status;
}

ms::Status save_view_figure(vtkRenderWindow* window, const std::string& path, int scale, const PngSaver& png) {
  const std::string type = lower_extension(path);
  if (type == "png") return png(path, scale);
  return is_vector_path(path) ? save_window_vector(window, path) : save_figure(window, path, scale);
}

ms::Status save_view_figure(vtkRenderWindow* window, const std::string& path, const ExportSize& size,
                            const SizedSaver& png) {
  const std::string type = lower_extension(path);
  if (type == "png") return png(path, size);
  return is_vector_path(path) ? save_window_vector(window, path, size) : save_figure(window, path, size);
}

bool is_vector_path(const std::string& path) {
  const std::string type = lower_extension(path);
  return type == "svg" || type == "pdf";
}

QString image_file_filter() { return QStringLiteral("PNG (*.png);;SVG (*.svg);;PDF (*.pdf)"); }

ms::Status save_figure(vtkRenderWindow* window, const std::string& path, int scale) {
  return save_figure(window, path, ExportSize::window_times(scale));
}

ms::Status save_figure(vtkRenderWindow* window, const std::string& path, const ExportSize& size) {
  const std::string type = lower_extension(path);
  if (type == "svg" || type == "pdf") return save_window_vector(window, path, size);
  if (type == "png") return save_window_png(window, path, size);
  return ms::make_error("save image " + path + ": unknown type '" + type + "' (use .png, .svg or .pdf)");
}

ms::Result<ExportGeometry> export_geometry(int window_w, int window_h, int window_dpi, const ExportSize& size) {
  if (window_w <= 0 || window_h <= 0) return ms::make_error("the window has no size yet");
  if (!(size.text_scale >= 0.5 && size.text_scale <= 2.0))
    return ms::make_error("text scale must be 0.5 to 2, got " + std::to_string(size.text_scale));
  ExportGeometry g;
  if (!size.physical()) {
    if (size.scale < 1 || size.scale > 32)
      return ms::make_error("scale must be 1 to 32, got " + std::to_string(size.scale));
    g.page_w = window_w, g.page_h = window_h;
    g.pixel_w = window_w * size.scale, g.pixel_h = window_h * size.scale;
    g.dpi = static_cast<int>(std::lround(window_dpi * size.scale * size.text_scale));
    g.factor = size.scale;
    return g;
  }
  if (size.dpi < kMinDpi || size.dpi > kMaxDpi)
    return ms::make_error("DPI must be " + std::to_string(kMinDpi) + " to " + std::to_string(kMaxDpi) + ", got " +
                          std::to_string(size.dpi));
  if (size.width_mm > 2000 || size.height_mm < 0 || size.height_mm > 2000)
    return ms::make_error("a figure is at most 2000 mm on a side");
  g.page_w = size.width_mm / 25.4 * 72.0;
  g.page_h = size.height_mm > 0 ? size.height_mm / 25.4 * 72.0 : g.page_w * window_h / window_w;
  g.pixel_w = static_cast<int>(std::lround(size.width_mm / 25.4 * size.dpi));
  g.pixel_h = static_cast<int>(std::lround(g.page_h / 72.0 * size.dpi));
  if (static_cast<double>(g.pixel_w) * g.pixel_h > 400e6)
    return ms::make_error("the image would be " + std::to_string(g.pixel_w) + " x " + std::to_string(g.pixel_h) +
                          " pixels; use a lower DPI");
  g.dpi = static_cast<int>(std::lround(size.dpi * size.text_scale));
  g.factor = size.dpi / 72.0;
  return g;
}

double png_factor(const ExportSize& size) {
  return (size.physical() ? size.dpi / 72.0 : std::max(size.scale, 1)) * size.text_scale;
}

ms::Result<int> parse_dpi(const std::string& text) {
  const QString t = QString::fromStdString(text).trimmed();
  bool ok = false;
  const int dpi = t.toInt(&ok);
  if (!ok || dpi < kMinDpi || dpi > kMaxDpi)
    return ms::make_error("DPI '" + text + "': expected a whole number from " + std::to_string(kMinDpi) + " to " +
                          std::to_string(kMaxDpi) + " (journals ask for 300 or 600)");
  return dpi;
}

ms::Result<ExportSize> parse_export_size(const std::string& text, int dpi) {
  const std::string accepted =
      "expected 'window', a scale such as '2x', 'single' (89mm), 'double' (183mm), a width such as '120mm', or "
      "width x height such as '89x60mm'";
  if (dpi < kMinDpi || dpi > kMaxDpi) return ms::make_error("DPI " + std::to_string(dpi) + ": " + parse_dpi("x").error());
  const QString t = QString::fromStdString(text).trimmed().toLower();
  if (t == "window") return ExportSize::window_times(1);
  if (t == "single" || t == "single-column") return ExportSize::physical_mm(kSingleColumnMm, dpi);
  if (t == "double" || t == "double-column") return ExportSize::physical_mm(kDoubleColumnMm, dpi);
  const QRegularExpression scale("^(\\d+)x$");
  if (const auto m = scale.match(t); m.hasMatch()) {
    const int k = m.captured(1).toInt();
    if (k < 1 || k > 8) return ms::make_error("size '" + text + "': a scale is 1x to 8x");
    return ExportSize::window_times(k);
  }
  const QRegularExpression mm("^(\\d+(?:\\.\\d+)?)(?:\\s*mm)?(?:\\s*x\\s*(\\d+(?:\\.\\d+)?))?\\s*mm$");
  const auto m = mm.match(t);
  if (!m.hasMatch()) return ms::make_error("size '" + text + "': " + accepted);
  const double w = m.captured(1).toDouble(), h = m.captured(2).isEmpty() ? 0.0 : m.captured(2).toDouble();
  if (w < 10 || w > 1000 || (!m.captured(2).isEmpty() && (h < 10 || h > 1000)))
    return ms::make_error("size '" + text + "': sides must be 10 to 1000 mm");
  return ExportSize::physical_mm(w, dpi, h);
}

std::string describe(const ExportSize& size) {
  if (!size.physical()) return "window x" + std::to_string(size.scale);
  const QString h = size.height_mm > 0 ? QString(" x %1").arg(size.height_mm) : QString();
  return QString("%1%2 mm at %3 dpi").arg(size.width_mm).arg(h).arg(size.dpi).toStdString();
}

std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\n\r") == std::string::npos) return text;
  std::string quoted = "\"";
  for (char c : text) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + '"';
}

std::string csv_number(double value) {
  if (std::isnan(value)) return {};
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "%.17g", value);
  return buffer;
}

ms::Status write_text_file(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) return ms::make_error("cannot open " + path + " for writing");
  out << text;
  out.close();
  if (!out) return ms::make_error("cannot write " + path);
  return ms::Ok{};
}

namespace {

bool report(QWidget* parent, const QString& title, const ms::Status& status) {
  if (status.ok()) return true;
  show_warning(parent, title, QString::fromStdString(status.error()));
  return false;
}

}  // namespace

QString ask_image_path(QWidget* parent, const QString& base_name, bool vector) {
  FileQuestion question;
  question.title = QObject::tr("Save image");
  question.suggested = base_name + ".png";
  question.filters = vector ? image_file_filter().split(";;") : QStringList{QObject::tr("PNG images (*.png)")};
  question.default_suffix = "png";
  return ask_file(parent, question);
}

QString ask_csv_path(QWidget* parent, const QString& title, const QString& base_name) {
  FileQuestion question;
  question.title = title;
  question.suggested = base_name + ".csv";
  question.filters = QStringList{QObject::tr("CSV tables (*.csv)")};
  question.default_suffix = "csv";
  return ask_file(parent, question);
}

bool run_save_image_dialog(QWidget* parent, const QString& base_name, const PngSaver& save, bool vector) {
  const QString title = QObject::tr("Save image");
  const QString path = ask_image_path(parent, base_name, vector);
  if (path.isEmpty()) return false;
  int scale = 1;
  if (!is_vector_path(path.toStdString())) {
    const std::optional<int> chosen =
        ask_number(parent, {title, QObject::tr("Scale (times the size on screen):"), 2, 1, 8});
    if (!chosen) return false;
    scale = *chosen;
  }
  return report(parent, title, save(path.toStdString(), scale));
}

std::optional<ExportSize> ask_export_size(QWidget* parent, const QString& path, int default_scale) {
  const bool png = !is_vector_path(path.toStdString());
  const QString single = QObject::tr("single column (89 mm)"), twice = QObject::tr("double column (183 mm)");
  ChoiceListQuestion size;
  size.title = QObject::tr("Save image");
  size.label = png ? QObject::tr("Size of the image (a column width is laid out for print, text in points):")
                   : QObject::tr("Size of the page (a column width is laid out for print, text in points):");
  size.items = {QObject::tr("Size")};
  size.choices = png ? QStringList{QObject::tr("window x 1"), QObject::tr("window x 2"), QObject::tr("window x 4"),
                                   single, twice}
                     : QStringList{QObject::tr("window size"), single, twice};
  size.chosen = {png ? size.choices[default_scale == 1 ? 0 : default_scale == 4 ? 2 : 1] : size.choices[0]};
  size.headers = {QObject::tr("Figure"), QString(), QObject::tr("Size")};
  const std::optional<QStringList> chosen = ask_choices(parent, size);
  if (!chosen || chosen->isEmpty()) return std::nullopt;
  const QString answer = chosen->front();
  if (answer != single && answer != twice) {
    const int scale = answer.endsWith("4") ? 4 : answer.endsWith("2") ? 2 : 1;
    return ExportSize::window_times(scale);
  }
  ExportSize result = ExportSize::physical_mm(answer == single ? kSingleColumnMm : kDoubleColumnMm, 300);
  if (!png) return result;
  ChoiceListQuestion dpi;
  dpi.title = size.title;
  dpi.label = QObject::tr("Resolution (journals ask for 300 dpi, 600 for line art):");
  dpi.items = {QObject::tr("DPI")};
  dpi.choices = {QStringLiteral("300"), QStringLiteral("600")};
  dpi.chosen = {QStringLiteral("300")};
  dpi.headers = {QObject::tr("Figure"), QString(), QObject::tr("DPI")};
  const std::optional<QStringList> dots = ask_choices(parent, dpi);
  if (!dots || dots->isEmpty()) return std::nullopt;
  result.dpi = dots->front().toInt() == 600 ? 600 : 300;
  return result;
}

bool run_save_image_dialog(QWidget* parent, const QString& base_name, const SizedSaver& save) {
  const QString title = QObject::tr("Save image");
  const QString path = ask_image_path(parent, base_name, true);
  if (path.isEmpty()) return false;
  const std::optional<ExportSize> size = ask_export_size(parent, path);
  if (!size) return false;
  return report(parent, title, save(path.toStdString(), *size));
}

bool run_save_data_dialog(QWidget* parent, const QString& base_name, const CsvSaver& save) {
  const QString title = QObject::tr("Save data");
  const QString path = ask_csv_path(parent, title, base_name);
  if (path.isEmpty()) return false;
  return report(parent, title, save(path.toStdString()));
}

}  // namespace ms::views
