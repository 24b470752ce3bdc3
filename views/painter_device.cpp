#include "views/painter_device.h"

#include <QFontDatabase>
#include <QFontMetricsF>
#include <QImage>
#include <QPainter>
#include <QPainterPath>
#include <QStringList>

#include <vtkBrush.h>
#include <vtkImageData.h>
#include <vtkMatrix3x3.h>
#include <vtkObjectFactory.h>
#include <vtkPen.h>
#include <vtkStdString.h>
#include <vtkTextProperty.h>
#include <vtkUnicodeString.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>

namespace ms::views {
namespace {

QColor rgba(const unsigned char* c, int nc) {
  return QColor(c[0], c[1], c[2], nc >= 4 ? c[3] : 255);
}

// A family registered from a font file (once per file), or empty when Qt cannot read it.
QString family_of_file(const std::string& file) {
  static std::map<std::string, QString> known;
  const auto it = known.find(file);
  if (it != known.end()) return it->second;
  const int id = QFontDatabase::addApplicationFont(QString::fromStdString(file));
  const QStringList families = id >= 0 ? QFontDatabase::applicationFontFamilies(id) : QStringList();
  return known[file] = families.isEmpty() ? QString() : families.front();
}

// VTK image data (unsigned char, 1 to 4 components, rows from the bottom) as a QImage (rows from the top).
QImage to_qimage(vtkImageData* image) {
  if (!image || image->GetScalarType() != VTK_UNSIGNED_CHAR) return {};
  int dims[3];
  image->GetDimensions(dims);
  const int nc = image->GetNumberOfScalarComponents();
  const auto* data = static_cast<const unsigned char*>(image->GetScalarPointer());
  QImage out(dims[0], dims[1], QImage::Format_ARGB32);
  for (int y = 0; y < dims[1]; ++y)
    for (int x = 0; x < dims[0]; ++x) {
      const unsigned char* c = data + (static_cast<size_t>(y) * dims[0] + x) * nc;
      const int g = c[0];
      out.setPixel(x, dims[1] - 1 - y,
                   nc >= 3 ? qRgba(c[0], c[1], c[2], nc == 4 ? c[3] : 255) : qRgba(g, g, g, nc == 2 ? c[1] : 255));
    }
  return out;
}

}  // namespace

QString figure_font_family() {
  static const QString family = [] {
    for (const char* file : {"/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/TTF/DejaVuSans.ttf",
                             "/usr/share/fonts/dejavu/DejaVuSans.ttf"})
      if (std::ifstream(file).good())
        if (QString name = family_of_file(file); !name.isEmpty()) return name;
    return QFontDatabase::systemFont(QFontDatabase::GeneralFont).family();
  }();
  return family;
}

vtkStandardNewMacro(PainterDevice);

void PainterDevice::set_target(QPainter* painter, double page_width, double page_height, double dpi) {
  painter_ = painter;
  page_width_ = page_width;
  page_height_ = page_height;
  dpi_ = dpi;
}

QFont PainterDevice::font() const {
  QString family = figure_font_family();
  if (TextProp->GetFontFamily() == VTK_FONT_FILE && TextProp->GetFontFile())
    if (QString named = family_of_file(TextProp->GetFontFile()); !named.isEmpty()) family = named;
  if (TextProp->GetFontFamily() == VTK_COURIER) family = QStringLiteral("DejaVu Sans Mono");
  QFont f(family);
  // Sizes are points at the window's DPI, that is pixels * 72 / dpi; the page has one unit per pixel (72 dpi).
  f.setPointSizeF(std::max(1.0, TextProp->GetFontSize() * dpi_ / 72.0));
  f.setBold(TextProp->GetBold() != 0);
  f.setItalic(TextProp->GetItalic() != 0);
  // No ligatures for Latin text: "eff" stays three letters for search and copy (not "eﬀ").
  f.setStyleStrategy(QFont::PreferNoShaping);
  return f;
}

void PainterDevice::apply_pen() {
  const vtkColor4ub c = Pen->GetColorObject();
  QPen pen(QColor(c[0], c[1], c[2], c[3]), std::max(0.0f, Pen->GetWidth()));
  switch (Pen->GetLineType()) {
    case vtkPen::NO_PEN: pen.setStyle(Qt::NoPen); break;
    case vtkPen::DASH_LINE: pen.setStyle(Qt::DashLine); break;
    case vtkPen::DOT_LINE: pen.setStyle(Qt::DotLine); break;
    case vtkPen::DASH_DOT_LINE: pen.setStyle(Qt::DashDotLine); break;
    case vtkPen::DASH_DOT_DOT_LINE: pen.setStyle(Qt::DashDotDotLine); break;
    default: pen.setStyle(Qt::SolidLine);
  }
  pen.setCapStyle(Qt::FlatCap);
  pen.setJoinStyle(Qt::RoundJoin);
  painter_->setPen(pen);
  painter_->setBrush(Qt::NoBrush);
}

void PainterDevice::apply_brush() {
  const vtkColor4ub c = Brush->GetColorObject();
  painter_->setPen(Qt::NoPen);
  painter_->setBrush(QColor(c[0], c[1], c[2], c[3]));
}

// Points in VTK's y-up pixels become page coordinates (y down) through the painter's transform while one lives;
// the painter's state comes back after.
class Flipped {
 public:
  Flipped(QPainter* painter, double page_height) : painter_(painter) {
    painter_->save();
    painter_->translate(0, page_height);
    painter_->scale(1, -1);
  }
  ~Flipped() { painter_->restore(); }
  Flipped(const Flipped&) = delete;
  Flipped& operator=(const Flipped&) = delete;

 private:
  QPainter* painter_;
};

void PainterDevice::DrawPoly(float* p, int n, unsigned char* colors, int nc) {
  if (!painter_ || n < 2) return;
  const Flipped flipped(painter_, page_height_);
  apply_pen();
  if (!colors) {
    QPolygonF line;
    for (int i = 0; i < n; ++i) line << QPointF(p[2 * i], p[2 * i + 1]);
    painter_->drawPolyline(line);
  } else {
    QPen pen = painter_->pen();
    for (int i = 0; i + 1 < n; ++i) {
      pen.setColor(rgba(colors + i * nc, nc));
      painter_->setPen(pen);
      painter_->drawLine(QPointF(p[2 * i], p[2 * i + 1]), QPointF(p[2 * i + 2], p[2 * i + 3]));
    }
  }
}

void PainterDevice::DrawLines(float* p, int n, unsigned char* colors, int nc) {
  if (!painter_) return;
  const Flipped flipped(painter_, page_height_);
  apply_pen();
  QPen pen = painter_->pen();
  for (int i = 0; i + 1 < n; i += 2) {
    if (colors) {
      pen.setColor(rgba(colors + i * nc, nc));
      painter_->setPen(pen);
    }
    painter_->drawLine(QPointF(p[2 * i], p[2 * i + 1]), QPointF(p[2 * i + 2], p[2 * i + 3]));
  }
}

void PainterDevice::DrawPoints(float* p, int n, unsigned char* colors, int nc) {
  DrawMarkers(VTK_MARKER_SQUARE, false, p, n, colors, nc);
}

void PainterDevice::DrawPointSprites(vtkImageData*, float* p, int n, unsigned char* colors, int nc) {
  DrawMarkers(VTK_MARKER_CIRCLE, false, p, n, colors, nc);
}

// Markers are Pen->GetWidth() across, in the pen's colour or one colour each; crosses and pluses are stroked.
void PainterDevice::DrawMarkers(int shape, bool highlight, float* p, int n, unsigned char* colors, int nc) {
  if (!painter_) return;
  const Flipped flipped(painter_, page_height_);
  const vtkColor4ub pen_colour = Pen->GetColorObject();
  const double size = std::max(1.0f, Pen->GetWidth()) * (highlight ? 1.2 : 1.0), r = size / 2.0;
  for (int i = 0; i < n; ++i) {
    const QColor colour = colors ? rgba(colors + i * nc, nc)
                                 : QColor(pen_colour[0], pen_colour[1], pen_colour[2], pen_colour[3]);
    const QPointF c(p[2 * i], p[2 * i + 1]);
    if (shape == VTK_MARKER_CROSS || shape == VTK_MARKER_PLUS) {
      painter_->setPen(QPen(colour, std::max(1.0, size / 5.0)));
      painter_->setBrush(Qt::NoBrush);
      if (shape == VTK_MARKER_PLUS) {
        painter_->drawLine(c - QPointF(r, 0), c + QPointF(r, 0));
        painter_->drawLine(c - QPointF(0, r), c + QPointF(0, r));
      } else {
        painter_->drawLine(c - QPointF(r, r), c + QPointF(r, r));
        painter_->drawLine(c + QPointF(-r, r), c + QPointF(r, -r));
      }
      continue;
    }
    painter_->setPen(Qt::NoPen);
    painter_->setBrush(colour);
    if (shape == VTK_MARKER_SQUARE) {
      painter_->drawRect(QRectF(c.x() - r, c.y() - r, size, size));
    } else if (shape == VTK_MARKER_DIAMOND) {
      painter_->drawPolygon(QPolygonF({c + QPointF(0, r), c + QPointF(r, 0), c - QPointF(0, r), c - QPointF(r, 0)}));
    } else {
      painter_->drawEllipse(c, r, r);
    }
  }
}

void PainterDevice::fill_polygon(const float* p, int n) {
  QPolygonF polygon;
  for (int i = 0; i < n; ++i) polygon << QPointF(p[2 * i], p[2 * i + 1]);
  painter_->drawPolygon(polygon);
}

void PainterDevice::DrawQuad(float* p, int n) {
  if (!painter_) return;
  const Flipped flipped(painter_, page_height_);
  apply_brush();
  for (int q = 0; q + 3 < n; q += 4) fill_polygon(p + 2 * q, 4);
}

void PainterDevice::DrawQuadStrip(float* p, int n) {
  if (!painter_) return;
  const Flipped flipped(painter_, page_height_);
  apply_brush();
  for (int q = 0; q + 3 < n; q += 2) {
    const float quad[8] = {p[2 * q], p[2 * q + 1], p[2 * q + 2], p[2 * q + 3],
                           p[2 * q + 6], p[2 * q + 7], p[2 * q + 4], p[2 * q + 5]};
    fill_polygon(quad, 4);
  }
}

void PainterDevice::DrawPolygon(float* p, int n) { DrawColoredPolygon(p, n, nullptr, 0); }

// Per-vertex colours are averaged: the charts colour whole polygons alike.
void PainterDevice::DrawColoredPolygon(float* p, int n, unsigned char* colors, int nc) {
  if (!painter_ || n < 3) return;
  const Flipped flipped(painter_, page_height_);
  apply_brush();
  if (colors && nc >= 3) {
    double sum[4] = {0, 0, 0, 0};
    for (int i = 0; i < n; ++i)
      for (int k = 0; k < 4; ++k) sum[k] += k < nc ? colors[i * nc + k] : 255;
    painter_->setBrush(QColor(static_cast<int>(sum[0] / n), static_cast<int>(sum[1] / n),
                              static_cast<int>(sum[2] / n), static_cast<int>(sum[3] / n)));
  }
  fill_polygon(p, n);
}

void PainterDevice::DrawEllipseWedge(float x, float y, float out_rx, float out_ry, float in_rx, float in_ry,
                                     float start, float stop) {
  if (!painter_) return;
  const Flipped flipped(painter_, page_height_);
  apply_brush();
  // Angles counter-clockwise from +x in y-up space: Qt's arcs read the same under the flipped transform.
  QPainterPath path;
  const QRectF outer(x - out_rx, y - out_ry, 2 * out_rx, 2 * out_ry);
  const QRectF inner(x - in_rx, y - in_ry, 2 * in_rx, 2 * in_ry);
  path.arcMoveTo(outer, -start);
  path.arcTo(outer, -start, -(stop - start));
  if (in_rx > 0 || in_ry > 0) {
    path.arcTo(inner, -stop, stop - start);
  } else {
    path.lineTo(x, y);
  }
  path.closeSubpath();
  painter_->drawPath(path);
}

void PainterDevice::DrawEllipticArc(float x, float y, float rx, float ry, float start, float stop) {
  if (!painter_) return;
  const Flipped flipped(painter_, page_height_);
  apply_pen();
  const vtkColor4ub b = Brush->GetColorObject();
  painter_->setBrush(QColor(b[0], b[1], b[2], b[3]));
  const QRectF box(x - rx, y - ry, 2 * rx, 2 * ry);
  if (std::abs(stop - start) >= 360.0f) {
    painter_->drawEllipse(box);
  } else {
    QPainterPath path;
    path.arcMoveTo(box, -start);
    path.arcTo(box, -start, -(stop - start));
    painter_->drawPath(path);
  }
}

void PainterDevice::ComputeStringBounds(const vtkStdString& text, float bounds[4]) {
  bounds[0] = bounds[1] = bounds[2] = bounds[3] = 0.0f;
  if (!painter_) return;
  const QFontMetricsF metrics(font(), painter_->device());
  const QStringList lines = QString::fromUtf8(text.c_str()).split('\n');
  double width = 0;
  for (const QString& line : lines) width = std::max(width, metrics.horizontalAdvance(line));
  bounds[2] = static_cast<float>(width);
  bounds[3] = static_cast<float>(metrics.ascent() + metrics.descent() + (lines.size() - 1) * metrics.lineSpacing());
}

void PainterDevice::ComputeStringBounds(const vtkUnicodeString& text, float bounds[4]) {
  ComputeStringBounds(vtkStdString(text.utf8_str()), bounds);
}

// The box's offset from the anchor point by the justification (as VTK's devices report it).
void PainterDevice::ComputeJustifiedStringBounds(const char* text, float bounds[4]) {
  ComputeStringBounds(vtkStdString(text ? text : ""), bounds);
  const int h = TextProp->GetJustification(), v = TextProp->GetVerticalJustification();
  bounds[0] = h == VTK_TEXT_CENTERED ? -bounds[2] / 2 : h == VTK_TEXT_RIGHT ? -bounds[2] : 0.0f;
  bounds[1] = v == VTK_TEXT_CENTERED ? -bounds[3] / 2 : v == VTK_TEXT_TOP ? -bounds[3] : 0.0f;
}

// Text is drawn upright in page coordinates (y down), turned by the property's counter-clockwise orientation.
void PainterDevice::DrawString(float* p, const vtkStdString& text) {
  if (!painter_ || text.empty()) return;
  float box[4];
  ComputeStringBounds(text, box);
  const QFont f = font();
  const QFontMetricsF metrics(f, painter_->device());
  const int h = TextProp->GetJustification(), v = TextProp->GetVerticalJustification();
  const double left = h == VTK_TEXT_CENTERED ? -box[2] / 2.0 : h == VTK_TEXT_RIGHT ? -box[2] : 0.0;
  const double top = v == VTK_TEXT_CENTERED ? -box[3] / 2.0 : v == VTK_TEXT_TOP ? 0.0 : -box[3];
  painter_->save();
  painter_->translate(p[0], page_height_ - p[1]);
  painter_->rotate(-TextProp->GetOrientation());
  painter_->setFont(f);
  const double* c = TextProp->GetColor();
  painter_->setPen(QColor::fromRgbF(static_cast<float>(c[0]), static_cast<float>(c[1]), static_cast<float>(c[2]),
                                    static_cast<float>(TextProp->GetOpacity())));
  const QStringList lines = QString::fromUtf8(text.c_str()).split('\n');
  for (int i = 0; i < lines.size(); ++i) {
    const double w = metrics.horizontalAdvance(lines[i]);
    const double x = left + (h == VTK_TEXT_CENTERED ? (box[2] - w) / 2.0 : h == VTK_TEXT_RIGHT ? box[2] - w : 0.0);
    painter_->drawText(QPointF(x, top + metrics.ascent() + i * metrics.lineSpacing()), lines[i]);
  }
  painter_->restore();
}

void PainterDevice::DrawString(float* p, const vtkUnicodeString& text) { DrawString(p, vtkStdString(text.utf8_str())); }

void PainterDevice::DrawImage(float p[2], float scale, vtkImageData* image) {
  if (!painter_ || !image) return;
  int dims[3];
  image->GetDimensions(dims);
  DrawImage(vtkRectf(p[0], p[1], dims[0] * scale, dims[1] * scale), image);
}

void PainterDevice::DrawImage(const vtkRectf& rect, vtkImageData* image) {
  if (!painter_) return;
  const QImage picture = to_qimage(image);
  if (picture.isNull()) return;
  const QRectF target(rect.GetX(), page_height_ - rect.GetY() - rect.GetHeight(), rect.GetWidth(), rect.GetHeight());
  painter_->drawImage(target, picture);
}

void PainterDevice::GetMatrix(vtkMatrix3x3* m) { m->Identity(); }

void PainterDevice::SetClipping(int* rect) { std::copy(rect, rect + 4, clip_); }

void PainterDevice::EnableClipping(bool enable) {
  if (!painter_) return;
  if (!enable) {
    painter_->setClipping(false);
    return;
  }
  painter_->setClipRect(QRectF(clip_[0], page_height_ - clip_[1] - clip_[3], clip_[2], clip_[3]));
}

}  // namespace ms::views
