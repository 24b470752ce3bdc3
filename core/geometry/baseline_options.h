// BaselineOptions: the settings of the representation baselines (baseline_markers.h), and their stored form beside
// a project's markers. Defaults are the paper's code's thresholds.
#pragma once

#include <map>
#include <string>

#include "core/common/result.h"

namespace ms::geometry {

struct BaselineOptions {
  double sparsity_threshold = 1e-6;  // |x| > threshold counts as nonzero
  double rank_tolerance = 1e-3;      // sigma_j >= tol * sigma_1
  double nc1_tolerance = 1e-3;       // Sigma_B eigenpairs kept: lambda > tol * lambda_max
  long block = 256;                  // feature rows per block of the exact covariance (memory ~ block * d)
  // mean_covariance is exact up to this many features, and estimated from covariance_pairs random feature pairs
  // (seeded by covariance_seed) above it; 0 = always exact (the paper's code, O(n d^2)).
  long covariance_exact_max_features = 4096;
  long covariance_pairs = 1000000;
  unsigned long long covariance_seed = 0;
  // Sampled pairs visited in a cache-friendly order (false: in the order drawn; same value up to summation order).
  bool covariance_cache_order = true;
  // Threads for the independent statistics (whole sample: one task per statistic; one task per class);
  // 0 = hardware threads. Memory: one copy of a class's rows per running task.
  int threads = 2;
};

// The options that change a baseline marker, as the text stored beside it (a project's geometry options), each only
// when it differs from its default, so projects analysed before these were stored still match: keys
// sparsity_threshold, rank_tolerance, nc1_tolerance, covariance_exact_max_features, covariance_pairs and
// covariance_seed. The block size, the thread count and the cache order change no marker and are not stored.
std::map<std::string, std::string> to_map(const BaselineOptions& options);
// Reads those keys back into `options`; an absent key keeps its value, other keys are ignored. Errors name the key
// and its text.
Status from_map(const std::map<std::string, std::string>& map, BaselineOptions& options);
// What no run accepts: a negative or non-finite threshold or tolerance, block < 1, covariance_pairs < 1,
// covariance_exact_max_features < 0, threads < 0. Errors name the option.
Status validate(const BaselineOptions& options);

}  // namespace ms::geometry
