// A VTK 2D context device that draws on a QPainter: the PDF export's device (views/figure_export.cpp). VTK's own
// PDF device (libharu) has only the 14 standard fonts in a Latin-1 encoding, so ρ, Ψ and ⟨·,·⟩ were lost; Qt's
// PDF engine embeds a subset of the TrueType font and writes text as text in any script.
//
// Inputs: points in the window's pixels, y up (FlatDevice in figure_export.cpp flattens VTK's matrix stack
//   before this device sees them), one page pixel per painter unit (a QPdfWriter at 72 dpi: 1 px = 1 pt).
//   page_height  the page's height in those units (the y axis flips)
//   dpi          the window's DPI: VTK font sizes are points at that DPI
// Text uses DejaVu Sans (fonts-dejavu-core), a font file the text property names, or Qt's default sans font.
// Matrices are ignored (identity): the caller passes flat coordinates.
#pragma once

#include <QFont>
#include <vtkContextDevice2D.h>

class QPainter;

namespace ms::views {

class PainterDevice : public vtkContextDevice2D {
 public:
  static PainterDevice* New();
  vtkTypeMacro(PainterDevice, vtkContextDevice2D);

  void set_target(QPainter* painter, double page_width, double page_height, double dpi);

  void DrawPoly(float* p, int n, unsigned char* colors, int nc) override;
  void DrawLines(float* p, int n, unsigned char* colors, int nc) override;
  void DrawPoints(float* p, int n, unsigned char* colors, int nc) override;
  void DrawPointSprites(vtkImageData* sprite, float* p, int n, unsigned char* colors, int nc) override;
  void DrawMarkers(int shape, bool highlight, float* p, int n, unsigned char* colors, int nc) override;
  void DrawQuad(float* p, int n) override;
  void DrawQuadStrip(float* p, int n) override;
  void DrawPolygon(float* p, int n) override;
  void DrawColoredPolygon(float* p, int n, unsigned char* colors, int nc) override;
  void DrawEllipseWedge(float x, float y, float out_rx, float out_ry, float in_rx, float in_ry, float start,
                        float stop) override;
  void DrawEllipticArc(float x, float y, float rx, float ry, float start, float stop) override;
  void DrawString(float* p, const vtkStdString& text) override;
  void DrawString(float* p, const vtkUnicodeString& text) override;
  void ComputeStringBounds(const vtkStdString& text, float bounds[4]) override;
  void ComputeStringBounds(const vtkUnicodeString& text, float bounds[4]) override;
  void ComputeJustifiedStringBounds(const char* text, float bounds[4]) override;
  void DrawMathTextString(float* p, const vtkStdString& text) override { DrawString(p, text); }
  void DrawImage(float p[2], float scale, vtkImageData* image) override;
  void DrawImage(const vtkRectf& rect, vtkImageData* image) override;
  void SetColor4(unsigned char*) override {}
  void SetTexture(vtkImageData*, int) override {}
  void SetPointSize(float) override {}
  void SetLineWidth(float) override {}
  void SetLineType(int) override {}
  void SetMatrix(vtkMatrix3x3*) override {}
  void GetMatrix(vtkMatrix3x3* m) override;
  void MultiplyMatrix(vtkMatrix3x3*) override {}
  void PushMatrix() override {}
  void PopMatrix() override {}
  void SetClipping(int* rect) override;
  void EnableClipping(bool enable) override;
  int GetWidth() override { return static_cast<int>(page_width_); }
  int GetHeight() override { return static_cast<int>(page_height_); }

 private:
  QFont font() const;
  void apply_pen();
  void apply_brush();
  void fill_polygon(const float* p, int n);

  QPainter* painter_ = nullptr;
  double page_width_ = 0, page_height_ = 0, dpi_ = 72;
  int clip_[4] = {0, 0, 0, 0};
};

// The family name of DejaVu Sans as Qt knows it (the font file registered once), or Qt's default sans family.
QString figure_font_family();

}  // namespace ms::views
