// A QApplication that times the handling of every event it delivers from the event loop, split into painting
// (update requests and paint events: composing the window, which software OpenGL under Xvfb does on the CPU) and
// everything else (timers, queued signals, input: where computation would show if it ran on the GUI thread).
#pragma once

#include <QApplication>

namespace ms::test {

class TimingApplication : public QApplication {
 public:
  TimingApplication(int& argc, char** argv);
  bool notify(QObject* receiver, QEvent* event) override;

  void reset();
  double longest_paint_ms() const { return longest_paint_ms_; }
  double longest_other_ms() const { return longest_other_ms_; }
  QString longest_other_what() const { return longest_other_what_; }

  static TimingApplication* instance();

 private:
  int depth_ = 0;  // only outermost deliveries are timed (nested sends are part of them) ...
  bool painting_ = false;
  double nested_paint_ms_ = 0;  // ... except nested painting, which is timed as painting
  double longest_paint_ms_ = 0;
  double longest_other_ms_ = 0;
  QString longest_other_what_;
};

}  // namespace ms::test
