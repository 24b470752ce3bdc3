#include "core/stats/bootstrap.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <vector>

namespace ms::stats {

double percentile(Eigen::VectorXd values, double q) {
  const long n = values.size();
  if (n == 0) return std::numeric_limits<double>::quiet_NaN();
  std::sort(values.data(), values.data() + n);
  const double position = q / 100.0 * static_cast<double>(n - 1);
  const long below = std::clamp(static_cast<long>(std::floor(position)), 0L, n - 1);
  const long above = std::min(below + 1, n - 1);
  const double fraction = position - static_cast<double>(below);
  return values(below) + fraction * (values(above) - values(below));
}

BootstrapInterval bootstrap_interval(const Eigen::Ref<const Eigen::VectorXd>& x,
                                     const Eigen::Ref<const Eigen::VectorXd>& y, const PairedStatistic& statistic,
                                     const BootstrapOptions& options) {
  const long n = x.size();
  constexpr double nan = std::numeric_limits<double>::quiet_NaN();
  if (y.size() != n || n == 0 || options.resamples <= 0) return {nan, nan, 0};
  std::mt19937_64 engine(options.seed);
  // Index = floor(u * n) from a 53-bit uniform: the same stream on every standard library (unlike
  // uniform_int_distribution, whose algorithm is implementation-defined).
  auto draw_index = [&]() {
    const double u = static_cast<double>(engine() >> 11) * 0x1.0p-53;
    return std::min(static_cast<long>(u * static_cast<double>(n)), n - 1);
  };
  std::vector<double> kept;
  kept.reserve(static_cast<std::size_t>(options.resamples));
  Eigen::VectorXd xs(n), ys(n);
  for (long b = 0; b < options.resamples; ++b) {
    for (long i = 0; i < n; ++i) {
      const long j = draw_index();
      xs(i) = x(j);
      ys(i) = y(j);
    }
    const double value = statistic(xs, ys);
    if (!std::isnan(value)) kept.push_back(value);
  }
  BootstrapInterval interval{nan, nan, static_cast<long>(kept.size())};
  if (kept.size() < 2) return interval;
  const Eigen::VectorXd values = Eigen::Map<const Eigen::VectorXd>(kept.data(), static_cast<long>(kept.size()));
  interval.low = percentile(values, 50.0 * (1.0 - options.level));
  interval.high = percentile(values, 50.0 * (1.0 + options.level));
  return interval;
}

}  // namespace ms::stats
