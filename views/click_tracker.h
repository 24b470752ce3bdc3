// ClickTracker: tells a click from a drag on a view whose drags pan or turn the camera. A click is a left-button
// press and release within 4 widget pixels (Manhattan) of each other.
//
// press(event)    call from mousePressEvent with every press
// release(event)  call from mouseReleaseEvent with every release; true when this release ends a click (the
//                 event's position is then where the user clicked)
#pragma once

#include <QPointF>

class QMouseEvent;

namespace ms::views {

class ClickTracker {
 public:
  void press(const QMouseEvent& event);
  bool release(const QMouseEvent& event);

 private:
  QPointF press_position_;
  bool pressed_ = false;
};

}  // namespace ms::views
