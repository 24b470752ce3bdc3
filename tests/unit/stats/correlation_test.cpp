// Pearson, Spearman and Kendall on small cases whose values follow by hand (stated in each test). The same numbers
// are what scipy.stats 1.10 prints for these inputs.
#include <cmath>

#include <gtest/gtest.h>

#include "core/stats/correlation.h"
#include "core/stats/special_functions.h"

namespace ms::stats {
namespace {

constexpr double pi = 3.14159265358979323846;

Eigen::VectorXd vec(std::initializer_list<double> values) {
  Eigen::VectorXd v(static_cast<long>(values.size()));
  long i = 0;
  for (double value : values) v(i++) = value;
  return v;
}

TEST(Pearson, ThreePointsHalfCorrelation) {
  // x = (1,2,3), y = (1,3,2): deviations (-1,0,1), (-1,1,0), r = 1/2. df = 1, t = 1/sqrt(3), p = 1 - (2/pi) atan(t)
  // = 1 - (2/pi)(pi/6) = 2/3.
  const CorrelationResult result = pearson(vec({1, 2, 3}), vec({1, 3, 2}));
  EXPECT_EQ(result.n, 3);
  EXPECT_NEAR(result.statistic, 0.5, 1e-15);
  EXPECT_NEAR(result.p, 2.0 / 3.0, 1e-14);
}

TEST(Pearson, InvariantToAffineMapsAndSignFlips) {
  const Eigen::VectorXd x = vec({0.3, 1.2, -0.7, 2.2, 0.1, 1.9, -1.1});
  const Eigen::VectorXd y = vec({1.0, 2.5, -0.2, 2.0, 0.4, 3.1, 0.0});
  const CorrelationResult base = pearson(x, y);
  const CorrelationResult scaled = pearson((1e6 * x).array() + 5.0, y);
  const CorrelationResult flipped = pearson(-x, y);
  EXPECT_NEAR(scaled.statistic, base.statistic, 1e-13);
  EXPECT_NEAR(flipped.statistic, -base.statistic, 1e-15);
  EXPECT_NEAR(flipped.p, base.p, 1e-15);
  // r from the textbook sum formula.
  const double n = 7;
  const double sxy = (x.array() * y.array()).sum() - x.sum() * y.sum() / n;
  const double sxx = x.squaredNorm() - x.sum() * x.sum() / n, syy = y.squaredNorm() - y.sum() * y.sum() / n;
  EXPECT_NEAR(base.statistic, sxy / std::sqrt(sxx * syy), 1e-14);
}

TEST(Pearson, PerfectAndUndefined) {
  const CorrelationResult perfect = pearson(vec({1, 2, 3, 4}), vec({2, 4, 6, 8}));
  EXPECT_DOUBLE_EQ(perfect.statistic, 1.0);
  EXPECT_EQ(perfect.p, 0.0);
  EXPECT_TRUE(std::isnan(pearson(vec({1, 1, 1}), vec({1, 2, 3})).statistic));
  EXPECT_TRUE(std::isnan(pearson(vec({1, 2}), vec({1, 2})).p));
}

TEST(Ranks, AverageTies) {
  const Eigen::VectorXd ranks = average_ranks(vec({10, 20, 20, 5, 20}));
  EXPECT_EQ(ranks, vec({2, 4, 4, 1, 4}));
}

TEST(Spearman, TiesByHand) {
  // x = (1,2,2,3,5) -> ranks (1,2.5,2.5,4,5); y = (2,1,4,3,5) -> ranks (2,1,4,3,5).
  // Rank deviations (-2,-.5,-.5,1,2) and (-1,-2,1,0,2): rho = 6.5 / sqrt(9.5 * 10) = 0.66688592885535.
  // p with df = 3: t = rho sqrt(3/(1-rho^2)), p = 1 - (2/pi)(atan(u) + u/(1+u^2)), u = t/sqrt(3).
  const CorrelationResult result = spearman(vec({1, 2, 2, 3, 5}), vec({2, 1, 4, 3, 5}));
  const double rho = 6.5 / std::sqrt(95.0);
  EXPECT_NEAR(result.statistic, rho, 1e-15);
  const double u = rho / std::sqrt(1.0 - rho * rho);
  EXPECT_NEAR(result.p, 1.0 - 2.0 / pi * (std::atan(u) + u / (1.0 + u * u)), 1e-13);  // scipy: 0.21889398131323154
}

TEST(Kendall, ExactSmallSamples) {
  // n = 4 in order: tau = 1, the only permutation with 0 inversions at either end: p = 2/4! = 1/12.
  CorrelationResult r = kendall(vec({1, 2, 3, 4}), vec({1, 2, 3, 4}));
  EXPECT_DOUBLE_EQ(r.statistic, 1.0);
  EXPECT_NEAR(r.p, 1.0 / 12.0, 1e-15);
  // One discordant pair: tau = (5-1)/6, p = 2 * (1 + 3)/4! = 1/3 (permutations of 4 with <= 1 inversion: 1 + 3).
  r = kendall(vec({1, 2, 3, 4}), vec({1, 3, 2, 4}));
  EXPECT_NEAR(r.statistic, 4.0 / 6.0, 1e-15);
  EXPECT_NEAR(r.p, 1.0 / 3.0, 1e-15);
  // n = 5, two discordant pairs: tau = 0.6; permutations of 5 with <= 2 inversions: 1 + 4 + 9 = 14, p = 28/120.
  r = kendall(vec({1, 2, 3, 4, 5}), vec({2, 1, 4, 3, 5}));
  EXPECT_NEAR(r.statistic, 0.6, 1e-15);
  EXPECT_NEAR(r.p, 28.0 / 120.0, 1e-15);
  // Reversed order is symmetric.
  r = kendall(vec({1, 2, 3, 4, 5}), vec({5, 4, 3, 1, 2}));
  EXPECT_NEAR(r.statistic, -0.8, 1e-15);
  EXPECT_NEAR(r.p, 2.0 * 5.0 / 120.0, 1e-15);  // <= 1 inversion from the reversed order: 1 + 4
}

TEST(Kendall, ExactForLargeNWithOneDiscordantPair) {
  // n = 40 > 33 but only one discordant pair: scipy still uses the exact p = 2 / 39!.
  Eigen::VectorXd x(40), y(40);
  for (int i = 0; i < 40; ++i) x(i) = y(i) = i;
  std::swap(y(0), y(1));
  const CorrelationResult r = kendall(x, y);
  EXPECT_NEAR(r.statistic, 1.0 - 2.0 / 780.0, 1e-15);
  EXPECT_LT(std::fabs(r.p - 2.0 / std::tgamma(40.0)) / r.p, 1e-12);  // 9.804939513027087e-47
}

TEST(Kendall, TiesUseTheNormalApproximation) {
  // x = (1,1,2,3), y = (1,2,2,3): 6 pairs, one tied in x, one tied in y, 4 concordant: tau-b = 4/sqrt(5*5) = 0.8.
  // Variance (n=4, m=12): (12*13 - 18 - 18)/18 + 2*1*1/12 = 41/6; p = erfc(4/sqrt(41/6)/sqrt 2) = 0.12597116307723.
  const CorrelationResult r = kendall(vec({1, 1, 2, 3}), vec({1, 2, 2, 3}));
  EXPECT_NEAR(r.statistic, 0.8, 1e-15);
  EXPECT_NEAR(r.p, std::erfc(4.0 / std::sqrt(41.0 / 6.0) / std::sqrt(2.0)), 1e-15);
  EXPECT_NEAR(r.p, 0.12597116307723114, 1e-14);
}

TEST(Kendall, LargeSampleWithoutTiesUsesNormalApproximation) {
  // n = 50 without ties: z = S / sqrt(n(n-1)(2n+5)/18), with S = concordant - discordant counted directly.
  const int n = 50;
  Eigen::VectorXd x(n), y(n);
  for (int i = 0; i < n; ++i) {
    x(i) = i;
    y(i) = std::sin(1.3 * i) + 0.02 * i;
  }
  double s = 0;
  for (int i = 0; i < n; ++i)
    for (int j = i + 1; j < n; ++j) s += ((x(j) - x(i)) * (y(j) - y(i)) > 0) ? 1 : -1;
  const CorrelationResult r = kendall(x, y);
  EXPECT_NEAR(r.statistic, s / (n * (n - 1) / 2.0), 1e-14);
  EXPECT_NEAR(r.p, normal_two_sided_p(s / std::sqrt(n * (n - 1.0) * (2.0 * n + 5.0) / 18.0)), 1e-14);
}

}  // namespace
}  // namespace ms::stats
