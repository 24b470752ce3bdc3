#include "core/stats/binomial_interval.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace ms::stats {

ProportionInterval wilson_interval(int64_t successes, int64_t trials, double z) {
  if (trials <= 0 || successes < 0 || successes > trials) {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    return {nan, nan};
  }
  const double n = static_cast<double>(trials);
  const double p = static_cast<double>(successes) / n;
  const double z2 = z * z;
  const double denominator = 1.0 + z2 / n;
  const double center = (p + z2 / (2.0 * n)) / denominator;
  const double half = z / denominator * std::sqrt(p * (1.0 - p) / n + z2 / (4.0 * n * n));
  // At k = 0 (k = n) the lower (upper) bound is exactly 0 (1); rounding would leave it a few ulps off.
  const double low = successes == 0 ? 0.0 : std::max(0.0, center - half);
  const double high = successes == trials ? 1.0 : std::min(1.0, center + half);
  return {low, high};
}

}  // namespace ms::stats
