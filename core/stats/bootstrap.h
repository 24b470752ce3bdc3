// Seeded percentile bootstrap confidence intervals for a paired statistic (e.g. Pearson r).
//
// Inputs:
//   x, y        n paired values
//   statistic   function of a resampled (x, y) pair of n-vectors; NaN results (constant resamples) are skipped
//   options     resamples B, confidence level, seed
// Outputs:
//   BootstrapInterval {low, high, valid}: the (1-level)/2 and (1+level)/2 percentiles (linear interpolation, as
//   numpy.percentile) of the valid resampled statistics; valid = how many resamples were usable.
#pragma once

#include <cstdint>
#include <functional>

#include <Eigen/Core>

namespace ms::stats {

struct BootstrapOptions {
  long resamples = 1000;
  double level = 0.95;
  std::uint64_t seed = 0;
};

struct BootstrapInterval {
  double low = 0.0;
  double high = 0.0;
  long valid = 0;
};

using PairedStatistic =
    std::function<double(const Eigen::Ref<const Eigen::VectorXd>&, const Eigen::Ref<const Eigen::VectorXd>&)>;

// Resamples the n pairs with replacement (std::mt19937_64 seeded with options.seed, so a seed gives the same interval
// on every platform). Returns NaN bounds when fewer than 2 resamples are valid.
BootstrapInterval bootstrap_interval(const Eigen::Ref<const Eigen::VectorXd>& x,
                                     const Eigen::Ref<const Eigen::VectorXd>& y, const PairedStatistic& statistic,
                                     const BootstrapOptions& options);

// Percentile q in [0, 100] of values with linear interpolation between order statistics (numpy's default).
double percentile(Eigen::VectorXd values, double q);

}  // namespace ms::stats
