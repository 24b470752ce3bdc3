// Progress of a headless job on stderr (percent, what is being done, ETA), and Ctrl-C as a clean cancel.
#pragma once

#include <chrono>
#include <mutex>

#include "core/common/progress.h"

namespace ms::cli {

class StderrProgress final : public Progress {
 public:
  StderrProgress();
  ~StderrProgress() override;
  // Thread-safe; prints at most every 0.5 s (a line each 2 s when stderr is not a terminal).
  void report(double fraction, const std::string& message) override;
  void note(const std::string& message) override;

 private:
  std::mutex mutex_;
  std::chrono::steady_clock::time_point start_, last_;
  bool terminal_ = false;
  bool dirty_line_ = false;
};

// While alive, the first Ctrl-C (SIGINT) or SIGTERM cancels `token` instead of killing the process; a second one
// kills it as usual.
class CancelOnInterrupt {
 public:
  explicit CancelOnInterrupt(CancelToken& token);
  ~CancelOnInterrupt();
};

}  // namespace ms::cli
