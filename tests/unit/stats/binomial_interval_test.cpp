#include "core/stats/binomial_interval.h"

#include <gtest/gtest.h>

#include <cmath>

namespace ms::stats {
namespace {

// The Wilson bounds are the roots of (1 + z^2/n) p^2 - (2 k/n + z^2/n) p + (k/n)^2 = 0, solved here with the
// quadratic formula, independently of the implementation's centre-and-half-width form.
std::pair<double, double> quadratic_roots(double k, double n, double z) {
  const double q = k / n, a = 1 + z * z / n, b = -(2 * q + z * z / n), c = q * q;
  const double root = std::sqrt(b * b - 4 * a * c);
  return {(-b - root) / (2 * a), (-b + root) / (2 * a)};
}

TEST(WilsonInterval, MatchesTheRootsOfItsQuadratic) {
  for (auto [k, n] : {std::pair<int64_t, int64_t>{7, 20}, {1, 3}, {450, 1000}, {9999, 10000}, {25, 25}, {0, 40}}) {
    const ProportionInterval interval = wilson_interval(k, n);
    const auto [low, high] = quadratic_roots(static_cast<double>(k), static_cast<double>(n), kZ95);
    EXPECT_NEAR(interval.low, std::max(0.0, low), 1e-12) << k << "/" << n;
    EXPECT_NEAR(interval.high, std::min(1.0, high), 1e-12) << k << "/" << n;
  }
}

TEST(WilsonInterval, KnownValuesAndEdges) {
  // 7 of 20 at 95 %: [0.1812, 0.5671] (the textbook example, 4 decimals).
  const ProportionInterval interval = wilson_interval(7, 20);
  EXPECT_NEAR(interval.low, 0.1812, 5e-5);
  EXPECT_NEAR(interval.high, 0.5671, 5e-5);
  // k = 0 and k = n keep a non-empty interval inside [0, 1].
  EXPECT_EQ(wilson_interval(0, 10).low, 0.0);
  EXPECT_GT(wilson_interval(0, 10).high, 0.2);
  EXPECT_EQ(wilson_interval(10, 10).high, 1.0);
  EXPECT_TRUE(std::isnan(wilson_interval(1, 0).low));
  EXPECT_TRUE(std::isnan(wilson_interval(5, 4).high));
}

}  // namespace
}  // namespace ms::stats
