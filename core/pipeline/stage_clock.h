// StageClock: wall-clock and CPU seconds (all threads of the process) of an analysis' stages (extraction, GLUE,
// baselines, logits, ...), summed over layers and sets, in the order the stages first ran; the analysis prints them
// per checkpoint, so where the time of a slow network goes is visible without a profiler. CPU seconds are the work
// when other jobs load the machine.
#pragma once

#include <chrono>
#include <cstdio>
#include <ctime>
#include <string>
#include <vector>

namespace ms::pipeline {

class StageClock {
 public:
  // Adds the time since the last lap (or construction) to `stage`, and starts the next lap.
  void lap(const std::string& stage) {
    const auto now = std::chrono::steady_clock::now();
    const std::clock_t cpu = std::clock();
    const double seconds = std::chrono::duration<double>(now - last_).count();
    const double cpu_seconds = static_cast<double>(cpu - last_cpu_) / CLOCKS_PER_SEC;
    last_ = now;
    last_cpu_ = cpu;
    for (Stage& s : stages_)
      if (s.name == stage) {
        s.seconds += seconds;
        s.cpu_seconds += cpu_seconds;
        return;
      }
    stages_.push_back({stage, seconds, cpu_seconds});
  }
  // Starts a lap without charging the time since the last one to any stage.
  void restart() {
    last_ = std::chrono::steady_clock::now();
    last_cpu_ = std::clock();
  }

  // "stage times (wall, cpu): extraction 1.2 s (2.3 s), GLUE 3.4 s (6.5 s), ..."
  std::string summary() const {
    std::string text = "stage times (wall, cpu):";
    for (size_t k = 0; k < stages_.size(); ++k) {
      char numbers[64];
      std::snprintf(numbers, sizeof numbers, " %.1f s (%.1f s)", stages_[k].seconds, stages_[k].cpu_seconds);
      text += (k ? ", " : " ") + stages_[k].name + numbers;
    }
    return text;
  }

 private:
  struct Stage {
    std::string name;
    double seconds = 0, cpu_seconds = 0;
  };
  std::chrono::steady_clock::time_point last_ = std::chrono::steady_clock::now();
  std::clock_t last_cpu_ = std::clock();
  std::vector<Stage> stages_;
};

}  // namespace ms::pipeline
