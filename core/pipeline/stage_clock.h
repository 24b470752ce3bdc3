// StageClock: wall-clock seconds of an analysis' stages (extraction, GLUE, baselines, logits, ...), summed over
// layers and sets, in the order the stages first ran; the analysis prints them per checkpoint, so where the time of
// a slow network goes is visible without a profiler.
#pragma once

#include <chrono>
#include <cstdio>
#include <string>
#include <utility>
#include <vector>

namespace ms::pipeline {

class StageClock {
 public:
  // Adds the time since the last lap (or construction) to `stage`, and starts the next lap.
  void lap(const std::string& stage) {
    const auto now = std::chrono::steady_clock::now();
    const double seconds = std::chrono::duration<double>(now - last_).count();
    last_ = now;
    for (auto& [name, total] : stages_)
      if (name == stage) {
        total += seconds;
        return;
      }
    stages_.emplace_back(stage, seconds);
  }
  // Starts a lap without charging the time since the last one to any stage.
  void restart() { last_ = std::chrono::steady_clock::now(); }

  // "stage times: extraction 1.2 s, GLUE 3.4 s, ..."
  std::string summary() const {
    std::string text = "stage times:";
    for (size_t k = 0; k < stages_.size(); ++k) {
      char number[32];
      std::snprintf(number, sizeof number, " %.1f s", stages_[k].second);
      text += (k ? ", " : " ") + stages_[k].first + number;
    }
    return text;
  }

 private:
  std::chrono::steady_clock::time_point last_ = std::chrono::steady_clock::now();
  std::vector<std::pair<std::string, double>> stages_;
};

}  // namespace ms::pipeline
