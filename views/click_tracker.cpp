#include "views/click_tracker.h"

#include <QMouseEvent>

namespace ms::views {

void ClickTracker::press(const QMouseEvent& event) {
  if (event.button() == Qt::LeftButton) press_position_ = event.position(), pressed_ = true;
}

bool ClickTracker::release(const QMouseEvent& event) {
  if (!pressed_ || event.button() != Qt::LeftButton) return false;
  pressed_ = false;
  return (event.position() - press_position_).manhattanLength() <= 4.0;
}

}  // namespace ms::views
