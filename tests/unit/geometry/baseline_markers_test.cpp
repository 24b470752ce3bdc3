// Baseline markers: hand-computed small cases, and the d x d-free paths against direct d x d computations.
#include <cmath>
#include <random>

#include <Eigen/Eigenvalues>
#include <Eigen/SVD>
#include <gtest/gtest.h>

#include "core/geometry/baseline_logits.h"
#include "core/geometry/baseline_markers.h"
#include "core/geometry/baseline_nc1.h"
#include "core/geometry/baseline_pairwise.h"
#include "core/geometry/baseline_spectrum.h"

namespace ms::geometry {
namespace {

constexpr double pi = 3.14159265358979323846;

Eigen::MatrixXd random_matrix(long n, long d, unsigned seed, double offset = 0.0) {
  std::mt19937_64 engine(seed);
  std::normal_distribution<double> normal;
  Eigen::MatrixXd X(n, d);
  for (long i = 0; i < n; ++i)
    for (long j = 0; j < d; ++j) X(i, j) = normal(engine) * (1.0 + 0.2 * static_cast<double>(j % 5)) + offset;
  return X;
}

Eigen::VectorXi cyclic_labels(long n, int classes) {
  Eigen::VectorXi labels(n);
  for (long i = 0; i < n; ++i) labels(i) = static_cast<int>(i % classes);
  return labels;
}

TEST(Baselines, HandComputedSmallCases) {
  // Points (±1, 0), (0, ±2): covariance diag(2, 8)/3, PR = (2+8)^2 / (4+64) = 100/68; rank 2.
  Eigen::MatrixXd X(4, 2);
  X << 1, 0, -1, 0, 0, 2, 0, -2;
  EXPECT_NEAR(participation_ratio(X), 100.0 / 68.0, 1e-14);
  EXPECT_EQ(numerical_rank(X), 2);
  // Shrinking the second axis to 1e-4 (sigma ratio 1e-4 < 1e-3) drops it from the numerical rank; 1e-2 keeps it.
  X.col(1) *= 0.5e-4;
  EXPECT_EQ(numerical_rank(X), 1);
  X.col(1) *= 100.0;
  EXPECT_EQ(numerical_rank(X), 2);

  // Unit square: four sides of length 1 and two diagonals sqrt(2).
  Eigen::MatrixXd square(4, 2);
  square << 0, 0, 1, 0, 0, 1, 1, 1;
  EXPECT_NEAR(mean_distance(square), (4.0 + 2.0 * std::sqrt(2.0)) / 6.0, 1e-14);

  // (1,0), (0,1), (-1,0): angles pi/2, pi, pi/2. A zero vector (norm floored) is at pi/2 from everything.
  Eigen::MatrixXd angles(3, 2);
  angles << 1, 0, 0, 1, -1, 0;
  EXPECT_NEAR(mean_angle(angles), 2.0 * pi / 3.0, 1e-14);
  Eigen::MatrixXd with_zero(2, 2);
  with_zero << 0, 0, 3, 4;
  EXPECT_NEAR(mean_angle(with_zero), pi / 2, 1e-14);

  // Columns with deviations (-2,0,2), (1,0,-1), (-1,0,1): Cov12 = -2, Cov13 = 2, Cov23 = -1 (ddof 1): mean |.| = 5/3.
  Eigen::MatrixXd cov(3, 3);
  cov << 1, 2, 0, 3, 1, 1, 5, 0, 2;
  EXPECT_NEAR(mean_covariance(cov, 1), 5.0 / 3.0, 1e-14);
  EXPECT_NEAR(mean_covariance(cov, 2), 5.0 / 3.0, 1e-14);

  Eigen::MatrixXd sparse(2, 3);
  sparse << 0, 1e-7, 2, -3, 0, 2e-6;
  EXPECT_NEAR(sparsity(sparse), 3.0 / 6.0, 1e-15);

  // NC1: class 0 = (-2,0), (0,0), class 1 = (0,0), (2,0): class means (∓1, 0), mu_G = 0.
  // Sigma_W = diag(1, 0), Sigma_B = diag(1, 0): NC1 = tr(diag(1,0)) / 2 = 0.5.
  Eigen::MatrixXd nc(4, 2);
  nc << -2, 0, 0, 0, 0, 0, 2, 0;
  Eigen::VectorXi labels(4);
  labels << 0, 0, 1, 1;
  EXPECT_NEAR(nc1(nc, labels), 0.5, 1e-14);
  // Within-class spread orthogonal to the class-mean direction is invisible to Sigma_B^+: NC1 = 0.
  nc << -1, 1, -1, -1, 1, 1, 1, -1;
  EXPECT_NEAR(nc1(nc, labels), 0.0, 1e-14);
}

// Direct d x d references.
double direct_participation_ratio(const Eigen::MatrixXd& X) {
  const Eigen::MatrixXd Xc = X.rowwise() - X.colwise().mean();
  const Eigen::MatrixXd C = Xc.transpose() * Xc / (X.rows() - 1.0);
  const Eigen::VectorXd lambda = Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd>(C).eigenvalues();
  return lambda.sum() * lambda.sum() / lambda.squaredNorm();
}

long direct_rank(const Eigen::MatrixXd& X) {
  const Eigen::MatrixXd Xc = X.rowwise() - X.colwise().mean();
  const Eigen::VectorXd s = Eigen::JacobiSVD<Eigen::MatrixXd>(Xc).singularValues();
  return (s.array() >= 1e-3 * s(0)).count();
}

double direct_nc1(const Eigen::MatrixXd& X, const Eigen::VectorXi& labels, int C) {
  const long d = X.cols();
  const Eigen::RowVectorXd mu_g = X.colwise().mean();
  Eigen::MatrixXd means = Eigen::MatrixXd::Zero(C, d);
  Eigen::VectorXd counts = Eigen::VectorXd::Zero(C);
  for (long i = 0; i < X.rows(); ++i) {
    means.row(labels(i)) += X.row(i);
    counts(labels(i)) += 1;
  }
  for (int c = 0; c < C; ++c) means.row(c) /= counts(c);
  Eigen::MatrixXd Sw = Eigen::MatrixXd::Zero(d, d), Sb = Eigen::MatrixXd::Zero(d, d);
  for (long i = 0; i < X.rows(); ++i) {
    const Eigen::VectorXd r = (X.row(i) - means.row(labels(i))).transpose();
    Sw += r * r.transpose();
  }
  Sw /= static_cast<double>(X.rows());
  for (int c = 0; c < C; ++c) {
    const Eigen::VectorXd m = (means.row(c) - mu_g).transpose();
    Sb += m * m.transpose();
  }
  Sb /= static_cast<double>(C);
  const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eig(Sb);
  const double top = eig.eigenvalues().maxCoeff();
  Eigen::MatrixXd pinv = Eigen::MatrixXd::Zero(d, d);
  for (long k = 0; k < d; ++k)
    if (eig.eigenvalues()(k) > 1e-3 * top)
      pinv += eig.eigenvectors().col(k) * eig.eigenvectors().col(k).transpose() / eig.eigenvalues()(k);
  return (Sw * pinv).trace() / C;
}

double direct_mean_covariance(const Eigen::MatrixXd& X) {
  const Eigen::MatrixXd Xc = X.rowwise() - X.colwise().mean();
  const Eigen::MatrixXd C = Xc.transpose() * Xc / (X.rows() - 1.0);
  double total = 0;
  for (long k = 0; k < C.rows(); ++k)
    for (long l = k + 1; l < C.cols(); ++l) total += std::fabs(C(k, l));
  return total / (C.rows() * (C.rows() - 1) / 2.0);
}

double direct_mean_distance(const Eigen::MatrixXd& X, bool angle) {
  double total = 0;
  long pairs = 0;
  for (long i = 0; i < X.rows(); ++i)
    for (long j = i + 1; j < X.rows(); ++j, ++pairs) {
      if (angle) {
        const double c = X.row(i).dot(X.row(j)) / (std::max(X.row(i).norm(), 1e-8) * std::max(X.row(j).norm(), 1e-8));
        total += std::acos(std::clamp(c, -1.0, 1.0));
      } else {
        total += (X.row(i) - X.row(j)).norm();
      }
    }
  return total / pairs;
}

TEST(Baselines, SampleSpacePathsMatchDirectFeatureSpaceComputation) {
  // Wide (d > n: the Gram path) and tall (d < n) shapes; offset data so centering matters; blocks of 3 and 7.
  for (auto [n, d] : {std::pair<long, long>{24, 60}, std::pair<long, long>{80, 9}}) {
    const Eigen::MatrixXd X = random_matrix(n, d, 11, 0.7);
    const Eigen::VectorXi labels = cyclic_labels(n, 4);
    EXPECT_NEAR(participation_ratio(X), direct_participation_ratio(X), 1e-11 * direct_participation_ratio(X));
    EXPECT_EQ(numerical_rank(X), direct_rank(X));
    EXPECT_NEAR(nc1(X, labels), direct_nc1(X, labels, 4), 1e-11 * direct_nc1(X, labels, 4));
    for (long block : {3L, 7L, 1000L})
      EXPECT_NEAR(mean_covariance(X, block), direct_mean_covariance(X), 1e-12 * direct_mean_covariance(X));
    EXPECT_NEAR(mean_distance(X), direct_mean_distance(X, false), 1e-11 * direct_mean_distance(X, false));
    EXPECT_NEAR(mean_angle(X), direct_mean_distance(X, true), 1e-11);
  }
  // The angles come from the centered Gram matrix plus the mean's terms (baseline_gram.h): still exact far from the
  // origin (mean 30x the spread) and with an all-zero row (pi/2 from every other row, as with direct products).
  Eigen::MatrixXd far = random_matrix(40, 25, 8, 0.0);
  far.rowwise() += Eigen::RowVectorXd::Constant(25, 30.0);
  far.row(7).setZero();
  EXPECT_NEAR(mean_angle(far), direct_mean_distance(far, true), 1e-12);
  EXPECT_NEAR(mean_distance(far), direct_mean_distance(far, false), 1e-12 * direct_mean_distance(far, false));
  // Rank-deficient data: 30 samples in a 5-dimensional subspace of R^50.
  const Eigen::MatrixXd low = random_matrix(30, 5, 4) * random_matrix(5, 50, 5);
  EXPECT_EQ(numerical_rank(low), 5);
  EXPECT_EQ(direct_rank(low), 5);
}

TEST(Baselines, EntryPointAndWithinClassAverages) {
  const Eigen::MatrixXd X = random_matrix(36, 20, 3).cwiseMax(0.0);  // ReLU-like, so sparsity is informative
  const Eigen::VectorXi labels = cyclic_labels(36, 3);
  const Result<BaselineMarkers> m = compute_baseline_markers(X, labels);
  ASSERT_TRUE(m.ok()) << m.error();
  EXPECT_NEAR(m->participation_ratio, direct_participation_ratio(X), 1e-10);
  EXPECT_NEAR(m->nc1, direct_nc1(X, labels, 3), 1e-10);
  EXPECT_NEAR(m->sparsity, static_cast<double>((X.array() > 1e-6).count()) / X.size(), 1e-15);
  // _avg: the statistic per class, averaged.
  double pr = 0, dist = 0, cov = 0;
  for (int c = 0; c < 3; ++c) {
    Eigen::MatrixXd Xc(12, 20);
    for (int k = 0; k < 12; ++k) Xc.row(k) = X.row(3 * k + c);
    pr += direct_participation_ratio(Xc) / 3;
    dist += direct_mean_distance(Xc, false) / 3;
    cov += direct_mean_covariance(Xc) / 3;
  }
  EXPECT_NEAR(m->participation_ratio_avg, pr, 1e-10);
  EXPECT_NEAR(m->mean_distance_avg, dist, 1e-10);
  EXPECT_NEAR(m->mean_covariance_avg, cov, 1e-12);
  EXPECT_LE(m->numerical_rank_avg, 12.0);
  // Float input gives the same markers up to float rounding of the input.
  const Eigen::MatrixXf Xf = X.cast<float>();
  const Result<BaselineMarkers> mf = compute_baseline_markers(Xf, labels);
  ASSERT_TRUE(mf.ok());
  EXPECT_NEAR(mf->participation_ratio, m->participation_ratio, 1e-5 * m->participation_ratio);
  EXPECT_NEAR(mf->mean_distance, m->mean_distance, 1e-5 * m->mean_distance);
  // The sample Gram matrices handed in by the analysis (shared with GLUE) give the same markers, bitwise.
  const SampleGram gram = sample_gram(X);
  const Result<BaselineMarkers> shared = compute_baseline_markers(X, labels, BaselineOptions{}, &gram);
  ASSERT_TRUE(shared.ok());
  EXPECT_EQ(shared->participation_ratio, m->participation_ratio);
  EXPECT_EQ(shared->numerical_rank, m->numerical_rank);
  EXPECT_EQ(shared->mean_distance, m->mean_distance);
  EXPECT_EQ(shared->mean_angle, m->mean_angle);
  EXPECT_EQ(shared->mean_distance_avg, m->mean_distance_avg);
  // Errors are values.
  EXPECT_FALSE(compute_baseline_markers(X, cyclic_labels(35, 3)).ok());
  const SampleGram smaller = sample_gram(X.topRows(30));
  EXPECT_FALSE(compute_baseline_markers(X, labels, BaselineOptions{}, &smaller).ok());
}

TEST(LogitMarkers, AurocHandlesTiesAsMannWhitney) {
  // Positive scores 0.9, 0.8; negative 0.8, 0.3: pairs won 1 + 1 + 0.5 + 1 of 4.
  Eigen::VectorXd scores(4);
  scores << 0.9, 0.8, 0.8, 0.3;
  Eigen::Array<bool, -1, 1> positive(4);
  positive << true, true, false, false;
  EXPECT_DOUBLE_EQ(auroc(scores, positive), 3.5 / 4.0);
  positive << true, true, true, true;
  EXPECT_TRUE(std::isnan(auroc(scores, positive)));
}

TEST(LogitMarkers, HandComputedBatch) {
  // Rows: (2,0) label 0 correct; (0,1) label 0 wrong; (3,3) label 1 wrong (argmax takes the first); (10,0) label 0
  // correct with max p = 1/(1+e^-10) >= 0.95.
  Eigen::MatrixXd z(4, 2);
  z << 2, 0, 0, 1, 3, 3, 10, 0;
  Eigen::VectorXi labels(4);
  labels << 0, 0, 1, 0;
  const Result<LogitMarkers> m = compute_logit_markers(z, labels);
  ASSERT_TRUE(m.ok()) << m.error();
  auto sigmoid = [](double t) { return 1.0 / (1.0 + std::exp(-t)); };
  auto binary_entropy = [](double p) { return -p * std::log(p + 1e-12) - (1 - p) * std::log(1 - p + 1e-12); };
  const double p[4] = {sigmoid(2), sigmoid(1), 0.5, sigmoid(10)};
  EXPECT_NEAR(m->accuracy, 0.5, 1e-15);
  EXPECT_NEAR(m->confidence, (p[0] + p[1] + p[2] + p[3]) / 4, 1e-15);
  EXPECT_NEAR(m->entropy, (binary_entropy(p[0]) + binary_entropy(p[1]) + binary_entropy(p[2]) + binary_entropy(p[3])) / 4,
              1e-14);
  EXPECT_NEAR(m->logit_margin, (2.0 - 1.0 + 0.0 + 10.0) / 4, 1e-15);
  const double lse = std::log(std::exp(2.0) + 1) + std::log(1 + std::exp(1.0)) + 3 + std::log(2.0) +
                     std::log(std::exp(10.0) + 1);
  EXPECT_NEAR(m->energy_score, -lse / 4, 1e-14);
  EXPECT_DOUBLE_EQ(m->atc_score, 1.0);  // one confident sample, correct
  EXPECT_DOUBLE_EQ(m->auroc, 1.0);      // both correct samples are more confident than both wrong ones
  EXPECT_FALSE(compute_logit_markers(z, Eigen::VectorXi::Constant(4, 2)).ok());
}

}  // namespace
}  // namespace ms::geometry

namespace ms::geometry {
namespace {

TEST(Baselines, SampledMeanCovarianceEstimatesTheExactMean) {
  // 60 samples x 300 features with correlated columns: the exact mean over 44850 pairs vs 400000 sampled pairs.
  // |Cov| varies by about its own mean here, so the relative standard error is ~1/sqrt(4e5) = 0.16 %; tolerance 1 %.
  Eigen::MatrixXd latent = Eigen::MatrixXd::Random(60, 5);
  Eigen::MatrixXd X = latent * Eigen::MatrixXd::Random(5, 300) + 0.3 * Eigen::MatrixXd::Random(60, 300);
  const double exact = mean_covariance(X);
  const double sampled = mean_covariance_sampled(X, 400000, 7);
  EXPECT_NEAR(sampled, exact, 0.01 * exact);
  EXPECT_EQ(mean_covariance_sampled(X, 1000, 7), mean_covariance_sampled(X, 1000, 7));  // seeded
  // The entry point switches to sampling above the feature limit, and stays exact at or below it.
  Eigen::VectorXi labels = Eigen::VectorXi::LinSpaced(60, 0, 59).unaryExpr([](int i) { return i % 3; });
  BaselineOptions wide;
  wide.covariance_exact_max_features = 100;
  wide.covariance_pairs = 400000;
  auto estimated = compute_baseline_markers(X, labels, wide);
  auto direct = compute_baseline_markers(X, labels, BaselineOptions{});
  ASSERT_TRUE(estimated.ok() && direct.ok());
  EXPECT_NEAR(direct->mean_covariance, exact, 1e-12 * exact);  // from the classes' scatters: another sum order
  EXPECT_NEAR(estimated->mean_covariance, exact, 0.01 * exact);
  EXPECT_NEAR(estimated->mean_covariance_avg, direct->mean_covariance_avg, 0.02 * direct->mean_covariance_avg);
}

}  // namespace
}  // namespace ms::geometry
