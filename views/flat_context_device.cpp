#include "views/flat_context_device.h"

#include <vtkContextActor.h>
#include <vtkContextDevice2D.h>
#include <vtkImageData.h>
#include <vtkMath.h>
#include <vtkMatrix3x3.h>
#include <vtkNew.h>
#include <vtkObjectFactory.h>
#include <vtkPropCollection.h>
#include <vtkRenderWindow.h>
#include <vtkRenderer.h>
#include <vtkRendererCollection.h>
#include <vtkStdString.h>
#include <vtkTextProperty.h>
#include <vtkUnicodeString.h>
#include <vtkWindow.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <vector>

namespace ms::views {
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

// Every context actor of `renderer` painted through `flat` (the actor's own device put back after).
void paint_renderer_actors(vtkRenderer* renderer, vtkContextDevice2D* flat) {
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

}  // namespace

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
      paint_renderer_actors(renderer, flat);
    }
  }
  flat->inner = nullptr;
}

}  // namespace ms::views
