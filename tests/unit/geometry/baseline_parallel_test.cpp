// Baseline markers on several threads: identical to one thread and to the statistics computed one by one (the
// serial definition), and the cache-ordered sampled covariance against the straightforward pair loop.
#include <cmath>
#include <limits>
#include <random>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "core/geometry/baseline_covariance.h"
#include "core/geometry/baseline_markers.h"
#include "core/geometry/baseline_nc1.h"
#include "core/geometry/baseline_pairwise.h"
#include "core/geometry/baseline_spectrum.h"

namespace ms::geometry {
namespace {

// ReLU-like features with unequal column scales and an offset, so centering and sparsity both matter.
Eigen::MatrixXd relu_matrix(long n, long d, unsigned seed) {
  std::mt19937_64 engine(seed);
  std::normal_distribution<double> normal;
  Eigen::MatrixXd X(n, d);
  for (long j = 0; j < d; ++j)
    for (long i = 0; i < n; ++i) X(i, j) = std::max(0.0, normal(engine) * (1.0 + 0.1 * static_cast<double>(j % 7)) + 0.3);
  return X;
}

// Unequal class sizes (labels drawn at random), one class with a single sample (skipped by the _avg).
Eigen::VectorXi random_labels(long n, int classes, unsigned seed) {
  std::mt19937 engine(seed);
  Eigen::VectorXi labels(n);
  for (long i = 0; i < n; ++i) labels(i) = static_cast<int>(engine() % static_cast<unsigned>(classes));
  labels(n - 1) = classes;
  return labels;
}

// Every marker of `a` equal to the same of `b`, to the bit.
void expect_identical(const BaselineMarkers& a, const BaselineMarkers& b) {
  using M = BaselineMarkers;
  const std::pair<const char*, double M::*> markers[] = {
      {"participation_ratio", &M::participation_ratio}, {"numerical_rank", &M::numerical_rank},
      {"nc1", &M::nc1}, {"sparsity", &M::sparsity}, {"mean_distance", &M::mean_distance},
      {"mean_angle", &M::mean_angle}, {"mean_covariance", &M::mean_covariance},
      {"participation_ratio_avg", &M::participation_ratio_avg}, {"numerical_rank_avg", &M::numerical_rank_avg},
      {"sparsity_avg", &M::sparsity_avg}, {"mean_distance_avg", &M::mean_distance_avg},
      {"mean_angle_avg", &M::mean_angle_avg}, {"mean_covariance_avg", &M::mean_covariance_avg}};
  for (const auto& [name, marker] : markers) EXPECT_EQ(a.*marker, b.*marker) << name;
}

// The straightforward pair loop: the pairs in the order they are drawn (the estimator's definition).
double sampled_reference(const Eigen::MatrixXd& X, long pairs, unsigned long long seed) {
  const long d = X.cols();
  const Eigen::MatrixXd Xc = X.rowwise() - X.colwise().mean();
  std::mt19937_64 rng(seed);
  double total = 0.0;
  for (long p = 0; p < pairs; ++p) {
    const long k = static_cast<long>(rng() % static_cast<unsigned long long>(d));
    long l = static_cast<long>(rng() % static_cast<unsigned long long>(d - 1));
    if (l >= k) ++l;
    total += std::abs(Xc.col(k).dot(Xc.col(l)));
  }
  return total / static_cast<double>(X.rows() - 1) / static_cast<double>(pairs);
}

TEST(BaselinesParallel, ThreadCountDoesNotChangeTheMarkers) {
  const Eigen::MatrixXd X = relu_matrix(200, 600, 21);
  const Eigen::VectorXi labels = random_labels(200, 4, 5);
  // Exact covariance (600 <= 4096 features), then the sampled estimator (exact only up to 100 features).
  for (long exact_max : {4096L, 100L}) {
    BaselineOptions options;
    options.covariance_exact_max_features = exact_max;
    options.covariance_pairs = 30000;
    options.threads = 1;
    const Result<BaselineMarkers> one = compute_baseline_markers(X, labels, options);
    ASSERT_TRUE(one.ok()) << one.error();
    for (int threads : {2, 3, 0}) {
      options.threads = threads;
      const Result<BaselineMarkers> many = compute_baseline_markers(X, labels, options);
      ASSERT_TRUE(many.ok()) << many.error();
      expect_identical(*one, *many);
    }

    // The serial definition: every statistic on the whole sample, and per class summed in class order. Bitwise,
    // except where the sums run in another order: the whole sample's covariance comes from the classes' scatters
    // (baseline_covariance.h), and the within-class statistics read the class's rows in place (in a matrix with
    // another leading dimension) — those to 1e-12 relative.
    auto near = [](double value, double expected) { EXPECT_NEAR(value, expected, 1e-12 * std::abs(expected)); };
    auto covariance = [&](const Eigen::MatrixXd& Y) {
      return exact_max == 4096 ? mean_covariance(Y) : mean_covariance_sampled(Y, 30000, 0);
    };
    EXPECT_EQ(one->participation_ratio, participation_ratio(X));
    EXPECT_EQ(one->numerical_rank, static_cast<double>(numerical_rank(X)));
    EXPECT_EQ(one->nc1, nc1(X, labels));
    EXPECT_EQ(one->mean_distance, mean_distance(X));
    EXPECT_EQ(one->mean_angle, mean_angle(X));
    near(one->mean_covariance, covariance(X));
    double pr = 0, rank = 0, sparse = 0, dist = 0, angle = 0, cov = 0;
    for (int c = 0; c < 4; ++c) {
      std::vector<long> rows;
      for (long i = 0; i < X.rows(); ++i)
        if (labels(i) == c) rows.push_back(i);
      Eigen::MatrixXd Xc(static_cast<long>(rows.size()), X.cols());
      for (std::size_t k = 0; k < rows.size(); ++k) Xc.row(static_cast<long>(k)) = X.row(rows[k]);
      pr += participation_ratio(Xc);
      rank += static_cast<double>(numerical_rank(Xc));
      sparse += sparsity(Xc);
      dist += mean_distance(Xc);
      angle += mean_angle(Xc);
      cov += covariance(Xc);
    }
    near(one->participation_ratio_avg, pr / 4);
    near(one->numerical_rank_avg, rank / 4);
    EXPECT_EQ(one->sparsity_avg, sparse / 4);
    near(one->mean_distance_avg, dist / 4);
    near(one->mean_angle_avg, angle / 4);
    near(one->mean_covariance_avg, cov / 4);
  }
}

// The whole sample's mean covariance from the classes' scatters plus the between-class term, against the direct
// product of the whole sample: exact (several feature blocks) and sampled (the same pairs; 200 x 6000 is above the
// size where they are visited by column stripe), with an empty class and a one-sample class among them.
TEST(BaselinesParallel, CovarianceByClassEqualsTheDirectProducts) {
  for (long d : {100L, 6000L}) {
    const Eigen::MatrixXd X = relu_matrix(200, d, 4);
    const std::vector<long> offsets = {0, 70, 70, 71, 200};  // class 1 empty, class 2 one sample
    Eigen::MatrixXd Z = X, means(4, d);
    means.row(1).setConstant(std::numeric_limits<double>::quiet_NaN());  // an empty class's mean is never read
    for (long c = 0; c < 4; ++c) {
      const long rows = offsets[c + 1] - offsets[c];
      if (rows == 0) continue;
      means.row(c) = X.middleRows(offsets[c], rows).colwise().mean();
      Z.middleRows(offsets[c], rows).rowwise() -= means.row(c);
    }
    BaselineOptions options;
    options.block = 16;
    options.covariance_exact_max_features = 1000;
    options.covariance_pairs = 50000;
    options.covariance_seed = 9;
    const CovarianceByClass got = mean_covariance_by_class(Z, offsets, means, options);
    const bool exact = d <= 1000;
    auto direct = [&](const Eigen::MatrixXd& Y) {
      return exact ? mean_covariance(Y) : mean_covariance_sampled(Y, options.covariance_pairs, options.covariance_seed);
    };
    EXPECT_NEAR(got.whole, direct(X), 1e-12 * direct(X)) << "d = " << d;
    ASSERT_EQ(got.classes.size(), 4u);
    for (long c : {0L, 3L}) {
      const Eigen::MatrixXd rows = X.middleRows(offsets[c], offsets[c + 1] - offsets[c]);
      EXPECT_NEAR(got.classes[static_cast<size_t>(c)], direct(rows), 1e-12 * direct(rows)) << "class " << c;
    }
    EXPECT_TRUE(std::isnan(got.classes[1]) && std::isnan(got.classes[2]));
    options.threads = 1;
    const CovarianceByClass serial = mean_covariance_by_class(Z, offsets, means, options);
    EXPECT_EQ(serial.whole, got.whole);
    EXPECT_EQ(serial.classes[3], got.classes[3]);
  }
}

TEST(BaselinesParallel, CacheOrderedSampledCovarianceEqualsThePairLoop) {
  // 200 x 6000 doubles (9.6 MB) is above the size where the pairs are reordered, in 5 column stripes; 200 x 300 is
  // below it (the pairs are visited as drawn: bitwise the loop).
  for (long d : {6000L, 300L}) {
    const Eigen::MatrixXd X = relu_matrix(200, d, 8);
    for (unsigned long long seed : {0ULL, 3ULL}) {
      const double reference = sampled_reference(X, 200000, seed);
      const double ordered = mean_covariance_sampled(X, 200000, seed);
      EXPECT_NEAR(ordered, reference, 1e-12 * reference) << "d = " << d;
      EXPECT_EQ(mean_covariance_sampled(X, 200000, seed, false), reference);
      if (d == 300) {
        EXPECT_EQ(ordered, reference);
      }
    }
  }
  // The estimator itself is unchanged: another seed gives another (close) value.
  const Eigen::MatrixXd X = relu_matrix(200, 6000, 8);
  EXPECT_NE(mean_covariance_sampled(X, 200000, 0), mean_covariance_sampled(X, 200000, 1));
}

}  // namespace
}  // namespace ms::geometry
