// glue_parallel: run f(k) for k = 0..n-1 on `threads` std::threads (0 = hardware threads), dynamic scheduling.
// Results must be written per k and reduced afterwards in index order, which keeps them thread-count independent.
#pragma once

#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>

namespace ms::geometry {

// f(k, worker) with worker in [0, workers); returns the number of workers used.
template <class F>
int glue_parallel_for(int n, int threads, F&& f) {
  int workers = threads > 0 ? threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  workers = std::max(1, std::min(workers, n));
  std::atomic<int> next{0};
  auto body = [&](int worker) {
    for (int k = next.fetch_add(1); k < n; k = next.fetch_add(1)) f(k, worker);
  };
  std::vector<std::thread> pool;
  for (int w = 1; w < workers; ++w) pool.emplace_back(body, w);
  body(0);
  for (std::thread& t : pool) t.join();
  return workers;
}

// How many workers glue_parallel_for will use, for sizing per-worker workspaces.
inline int glue_workers(int n, int threads) {
  int workers = threads > 0 ? threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  return std::max(1, std::min(workers, n));
}

}  // namespace ms::geometry
