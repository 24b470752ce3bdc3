// Progress reporting and cancellation for long core jobs, without Qt: the app wraps these in signals,
// the CLI prints them on stderr.
#pragma once

#include <algorithm>
#include <atomic>
#include <string>

namespace ms {

class Progress {
 public:
  virtual ~Progress() = default;
  // fraction in [0, 1]; message says what is being done ("layer3 (4/9)").
  virtual void report(double fraction, const std::string& message) = 0;
  // A message to keep, not just show in passing (the analysis' memory plan, a warning): never dropped by the
  // throttling of report(). Ignored by default.
  virtual void note(const std::string& message) { (void)message; }
};

class NullProgress final : public Progress {
 public:
  void report(double, const std::string&) override {}
};

// One stage of a longer job: its fractions mapped into the slice [begin, end) of the whole, its messages prefixed.
class SliceProgress final : public Progress {
 public:
  SliceProgress(Progress& outer, double begin, double end, std::string prefix)
      : outer_(outer), begin_(begin), end_(end), prefix_(std::move(prefix)) {}
  void report(double fraction, const std::string& message) override {
    outer_.report(begin_ + (end_ - begin_) * std::clamp(fraction, 0.0, 1.0), prefix_ + message);
  }
  void note(const std::string& message) override { outer_.note(prefix_ + message); }

 private:
  Progress& outer_;
  double begin_, end_;
  std::string prefix_;
};

// Shared by the job and whoever may cancel it; checked between units of work.
class CancelToken {
 public:
  void cancel() { cancelled_.store(true, std::memory_order_relaxed); }
  bool cancelled() const { return cancelled_.load(std::memory_order_relaxed); }

 private:
  std::atomic<bool> cancelled_{false};
};

}  // namespace ms
