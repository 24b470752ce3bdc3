// Confidence interval of a proportion: k successes in n trials (an accuracy measured on n items).
#pragma once

#include <cstdint>

namespace ms::stats {

// The two-sided 97.5 % quantile of the standard normal, for 95 % intervals.
inline constexpr double kZ95 = 1.959963984540054;

struct ProportionInterval {
  double low = 0.0, high = 0.0;
};

// Wilson score interval: the p with (k/n - p)^2 <= z^2 p (1 - p) / n, i.e.
//   (k/n + z^2/2n -+ z sqrt(k/n (1 - k/n) / n + z^2/4n^2)) / (1 + z^2/n).
// Unlike the normal (Wald) interval it stays inside [0, 1] and is not empty at k = 0 or k = n, which matters for
// small OOD subsamples. NaN bounds for n <= 0 or k outside [0, n].
ProportionInterval wilson_interval(int64_t successes, int64_t trials, double z = kZ95);

}  // namespace ms::stats
