#include "tests/gui/latency/timing_application.h"

#include <QElapsedTimer>
#include <QEvent>
#include <QMetaEnum>

namespace ms::test {

TimingApplication::TimingApplication(int& argc, char** argv) : QApplication(argc, argv) {}

TimingApplication* TimingApplication::instance() { return static_cast<TimingApplication*>(QCoreApplication::instance()); }

void TimingApplication::reset() {
  longest_paint_ms_ = longest_other_ms_ = 0;
  longest_other_what_.clear();
}

namespace {

bool is_painting(QEvent::Type type) {
  return type == QEvent::UpdateRequest || type == QEvent::Paint || type == QEvent::UpdateLater;
}

}  // namespace

bool TimingApplication::notify(QObject* receiver, QEvent* event) {
  const QEvent::Type type = event->type();  // the event (or, for DeferredDelete, the receiver) may be gone after delivery
  if (depth_ > 0) {
    // Painting inside another event (QProgressBar::setValue repaints at once) counts as painting, not as that event.
    if (!is_painting(type) || painting_) return QApplication::notify(receiver, event);
    painting_ = true;
    QElapsedTimer clock;
    clock.start();
    const bool result = QApplication::notify(receiver, event);
    const double ms = static_cast<double>(clock.nsecsElapsed()) / 1e6;
    painting_ = false;
    nested_paint_ms_ += ms;
    longest_paint_ms_ = std::max(longest_paint_ms_, ms);
    return result;
  }
  ++depth_;
  nested_paint_ms_ = 0;
  QElapsedTimer clock;
  clock.start();
  const QMetaObject* receiver_class = receiver->metaObject();
  const bool result = QApplication::notify(receiver, event);
  const double ms = static_cast<double>(clock.nsecsElapsed()) / 1e6 - nested_paint_ms_;
  --depth_;
  if (is_painting(type)) {
    longest_paint_ms_ = std::max(longest_paint_ms_, ms + nested_paint_ms_);
  } else if (ms > longest_other_ms_) {
    longest_other_ms_ = ms;
    longest_other_what_ = QString("%1 to %2").arg(QMetaEnum::fromType<QEvent::Type>().valueToKey(type),
                                                  receiver_class->className());
  }
  return result;
}

}  // namespace ms::test
