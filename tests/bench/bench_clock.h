// The two clocks every benchmark here reads: wall time, and the CPU time of the whole process (all its threads), so a
// result shows the work done whatever else loads the machine.
#pragma once

#include <sys/resource.h>

#include <chrono>

namespace ms::bench {

// Seconds on a steady clock (differences only).
inline double now() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

// CPU seconds (user + system) this process has used so far.
inline double cpu_seconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec + 1e-6 * (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec);
}

}  // namespace ms::bench
