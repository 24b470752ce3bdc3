// Bootstrap intervals, partial correlation, significance stars, pairwise model selection.
#include <cmath>
#include <random>

#include <gtest/gtest.h>

#include "core/stats/bootstrap.h"
#include "core/stats/model_selection.h"
#include "core/stats/partial_correlation.h"
#include "core/stats/significance.h"
#include "core/stats/special_functions.h"

namespace ms::stats {
namespace {

TEST(Percentile, LinearInterpolationLikeNumpy) {
  Eigen::VectorXd v(5);
  v << 4, 1, 3, 2, 5;
  EXPECT_DOUBLE_EQ(percentile(v, 0), 1.0);
  EXPECT_DOUBLE_EQ(percentile(v, 100), 5.0);
  EXPECT_DOUBLE_EQ(percentile(v, 50), 3.0);
  EXPECT_DOUBLE_EQ(percentile(v, 2.5), 1.1);   // position 0.1
  EXPECT_DOUBLE_EQ(percentile(v, 97.5), 4.9);  // position 3.9
}

TEST(Bootstrap, SeededAndSensible) {
  std::mt19937_64 engine(7);
  std::normal_distribution<double> normal;
  const long n = 60;
  Eigen::VectorXd x(n), y(n);
  for (long i = 0; i < n; ++i) {
    x(i) = normal(engine);
    y(i) = 0.6 * x(i) + 0.8 * normal(engine);
  }
  const BootstrapOptions options{2000, 0.95, 42};
  const BootstrapInterval a = bootstrap_interval(x, y, pearson_r, options);
  const BootstrapInterval b = bootstrap_interval(x, y, pearson_r, options);
  EXPECT_EQ(a.low, b.low);
  EXPECT_EQ(a.high, b.high);
  EXPECT_EQ(a.valid, 2000);
  const double r = pearson_r(x, y);
  EXPECT_LT(a.low, r);
  EXPECT_GT(a.high, r);
  // Width close to the Fisher-z interval width 2*1.96*(1-r^2)/sqrt(n-3) (large-sample theory), within 35 %.
  const double fisher_width = 2 * 1.96 * (1 - r * r) / std::sqrt(n - 3.0);
  EXPECT_NEAR(a.high - a.low, fisher_width, 0.35 * fisher_width);
  const BootstrapInterval other_seed = bootstrap_interval(x, y, pearson_r, {2000, 0.95, 43});
  EXPECT_NE(other_seed.low, a.low);
}

TEST(Bootstrap, ExactLinearDataGivesADegenerateInterval) {
  Eigen::VectorXd x = Eigen::VectorXd::LinSpaced(20, 0, 1), y = 3 * x;
  const BootstrapInterval ci = bootstrap_interval(x, y, pearson_r, {500, 0.95, 1});
  EXPECT_NEAR(ci.low, 1.0, 1e-12);
  EXPECT_NEAR(ci.high, 1.0, 1e-12);
  EXPECT_LT(ci.valid, 500 + 1);  // resamples of one repeated point are constant and skipped
  EXPECT_GT(ci.valid, 490);
}

TEST(PartialCorrelation, MatchesTheThreeCorrelationFormula) {
  // r_xy.z = (r_xy - r_xz r_yz) / sqrt((1 - r_xz^2)(1 - r_yz^2)); p from t with n - 3 df.
  std::mt19937_64 engine(3);
  std::normal_distribution<double> normal;
  const long n = 40;
  Eigen::VectorXd x(n), y(n), z(n);
  for (long i = 0; i < n; ++i) {
    z(i) = normal(engine);
    x(i) = z(i) + 0.5 * normal(engine);
    y(i) = z(i) + 0.3 * x(i) + 0.7 * normal(engine);
  }
  const double rxy = pearson_r(x, y), rxz = pearson_r(x, z), ryz = pearson_r(y, z);
  const double expected = (rxy - rxz * ryz) / std::sqrt((1 - rxz * rxz) * (1 - ryz * ryz));
  const CorrelationResult partial = partial_correlation(x, y, z);
  EXPECT_NEAR(partial.statistic, expected, 1e-12);
  const double t = expected * std::sqrt((n - 3.0) / (1 - expected * expected));
  EXPECT_NEAR(partial.p, student_t_two_sided_p(t, n - 3.0), 1e-12);
  // Controlling for a variable that explains everything shared leaves nothing: x = z + e1, y = z + e2 with e1, e2
  // orthogonal to each other and to (1, z).
  Eigen::VectorXd zz(4), e1(4), e2(4);
  zz << 1, 2, 3, 4;
  e1 << 1, -1, -1, 1;
  e2 << 1, -3, 3, -1;
  // e1.1 = e1.z = 0, e2.1 = 1-3+3-1 = 0, e2.z = 1-6+9-4 = 0, e1.e2 = 1+3-3-1 = 0.
  EXPECT_NEAR(partial_correlation(zz + e1, zz + e2, zz).statistic, 0.0, 1e-14);
}

TEST(Significance, StarsAtTheSpecThresholds) {
  EXPECT_EQ(significance_stars(1e-4), "****");
  EXPECT_EQ(significance_stars(1.0001e-4), "***");
  EXPECT_EQ(significance_stars(1e-3), "***");
  EXPECT_EQ(significance_stars(1e-2), "**");
  EXPECT_EQ(significance_stars(0.05), "*");
  EXPECT_EQ(significance_stars(0.0501), "");
  EXPECT_EQ(significance_stars(std::nan("")), "");
}

TEST(ModelSelection, CountsPairsPerArchitectureAndDataset) {
  // (arch, dataset, D, Psi, ID acc, OOD)
  const std::vector<ModelVariant> variants = {
      {"A", "d1", 2.0, 0.3, 90, 50}, {"A", "d1", 1.0, 0.2, 95, 40},  // geometry right (picks first), accuracy wrong
      {"A", "d2", 2.0, 0.1, 90, 50}, {"A", "d2", 1.0, 0.2, 95, 60},  // geometry abstains, accuracy right
      {"B", "d1", 1.0, 0.1, 80, 30}, {"B", "d1", 3.0, 0.4, 85, 20},  // geometry wrong, accuracy wrong
      {"B", "d2", 1.0, 0.1, 80, 30}, {"B", "d2", 3.0, 0.4, 85, 30},  // OOD tie: not counted
      {"C", "d1", 1.0, 0.1, 80, 30},                                 // alone: no pair
  };
  const ModelSelectionScores s = score_pairwise_selection(variants);
  EXPECT_EQ(s.geometry.pairs, 3);
  EXPECT_EQ(s.geometry.predicted, 2);
  EXPECT_EQ(s.geometry.correct, 1);
  EXPECT_DOUBLE_EQ(s.geometry.score, 1.0 / 3.0);
  EXPECT_EQ(s.id_accuracy.pairs, 3);
  EXPECT_EQ(s.id_accuracy.predicted, 3);
  EXPECT_EQ(s.id_accuracy.correct, 1);
}

TEST(ModelSelection, OnePredictorPicksTheHigherValueWithinEachGroup) {
  // Group A: OOD 1 < 2 < 3 with predictor 10, 30, 20 -> pairs (1,2) right, (1,3) right, (2,3) wrong.
  // Group B: OOD 5, 5 tie (not counted), 4 with predictor 1, 2, 2 -> (5a,4) wrong, (5b,4) tie: no pick, not right.
  // A NaN leaves its pairs out; pairs across groups are not compared.
  Eigen::VectorXd ood(7), predictor(7);
  ood << 1, 2, 3, 5, 5, 4, 9;
  predictor << 10, 30, 20, 1, 2, 2, std::nan("");
  const std::vector<std::string> groups{"A", "A", "A", "B", "B", "B", "A"};
  const SelectionScore s = score_predictor_selection(predictor, ood, groups);
  EXPECT_EQ(s.pairs, 5);
  EXPECT_EQ(s.predicted, 4);
  EXPECT_EQ(s.correct, 2);
  EXPECT_DOUBLE_EQ(s.score, 0.4);
  // Without ties, the negated predictor is right exactly where the predictor is wrong.
  Eigen::VectorXd x(6), y(6);
  x << 0.3, 0.1, 0.7, 0.2, 0.9, 0.4;
  y << 3, 1, 2, 6, 5, 4;
  const SelectionScore up = score_predictor_selection(x, y), down = score_predictor_selection(-x, y);
  EXPECT_EQ(up.pairs, 15);
  EXPECT_EQ(up.correct + down.correct, 15);
  // A monotone predictor is always right.
  EXPECT_DOUBLE_EQ(score_predictor_selection(y * 2.0 + Eigen::VectorXd::Ones(6), y).score, 1.0);
}

}  // namespace
}  // namespace ms::stats
