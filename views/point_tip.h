// A tooltip for a hovered point: a small floating box with a picture and rich text (e.g. the input image, its true
// label and the prediction), placed beside the point — never under the cursor, so it does not take the hover away
// from the view — and kept on the screen.
//
// show_beside  view: the widget the point is drawn in; where: the point in view coordinates
#pragma once

#include <QFrame>
#include <QPixmap>
#include <QPointF>
#include <QString>

class QLabel;

namespace ms::views {

class PointTip : public QFrame {
 public:
  explicit PointTip(QWidget* owner);

  void show_beside(QWidget* view, QPointF where, const QPixmap& picture, const QString& html);

  QLabel* picture() const { return picture_; }
  QLabel* text() const { return text_; }

 private:
  QLabel* picture_;
  QLabel* text_;
};

}  // namespace ms::views
