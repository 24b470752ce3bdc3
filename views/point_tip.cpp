#include "views/point_tip.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QScreen>

namespace ms::views {

namespace {
constexpr int kGap = 14;  // pixels between the point and the box
}

PointTip::PointTip(QWidget* owner) : QFrame(owner, Qt::ToolTip | Qt::FramelessWindowHint) {
  setAttribute(Qt::WA_ShowWithoutActivating);
  setAttribute(Qt::WA_TransparentForMouseEvents);
  setFrameShape(QFrame::Box);
  setBackgroundRole(QPalette::ToolTipBase);
  setForegroundRole(QPalette::ToolTipText);
  setAutoFillBackground(true);
  picture_ = new QLabel(this);
  text_ = new QLabel(this);
  text_->setTextFormat(Qt::RichText);
  auto* layout = new QHBoxLayout(this);
  layout->setContentsMargins(6, 6, 8, 6);
  layout->addWidget(picture_);
  layout->addWidget(text_);
}

void PointTip::show_beside(QWidget* view, QPointF where, const QPixmap& picture, const QString& html) {
  picture_->setPixmap(picture);
  picture_->setVisible(!picture.isNull());
  text_->setText(html);
  adjustSize();
  // Below right of the point; flipped to the other side where the screen ends.
  const QPoint point = view->mapToGlobal(where.toPoint());
  QPoint corner = point + QPoint(kGap, kGap);
  const QRect screen = view->screen() ? view->screen()->availableGeometry() : QRect();
  if (screen.isValid()) {
    if (corner.x() + width() > screen.right()) corner.setX(point.x() - kGap - width());
    if (corner.y() + height() > screen.bottom()) corner.setY(point.y() - kGap - height());
  }
  move(corner);
  show();
  raise();
}

}  // namespace ms::views
