// Checks 1, 2, 4, 5, 6 of spec glue.md section 5 (check 3 is glue_dual_test.cpp). Statistical tolerances are
// stated next to each assertion; every run is seeded, so the tests are deterministic.
#include "core/geometry/glue.h"
#include "core/geometry/glue_repeat.h"
#include "tests/unit/geometry/glue_test_data.h"

#include <gtest/gtest.h>

#include <Eigen/Dense>

#include <cmath>
#include <vector>

namespace ms::geometry {
namespace {

using testing::gaussian;
using testing::Manifolds;

GlueResult run(const Eigen::MatrixXd& X, const Eigen::VectorXi& labels, GlueOptions options) {
  auto result = glue(X, labels, options);
  EXPECT_TRUE(result.ok()) << (result.ok() ? "" : result.error());
  EXPECT_EQ(result->diagnostics.failed_solves, 0);
  return std::move(result).value();
}

// GLUE's mean capacity of the rows of `points`, each a class of one point, with `n_t` samples drawn from `seed`.
double capacity_of_points(const Eigen::MatrixXd& points, int n_t, int seed) {
  const Eigen::VectorXi labels = Eigen::VectorXi::LinSpaced(points.rows(), 0, points.rows() - 1);
  GlueOptions options;
  options.n_t = n_t;
  options.seed = seed;
  return run(points, labels, options).mean.capacity;
}

// Check 1: P orthonormal points give E[a] = P/2 exactly, alpha = 2. Per-sample a is a sum of P terms z^2 1[z<0]
// (mean 1/2, variance 5/4): with P = 10, n_t = 2000 the sd of alpha is ~0.03; tolerance 3/sqrt(n_t) = 0.067.
TEST(GlueChecks, OrthonormalPointsHaveCapacityTwo) {
  std::mt19937_64 rng(1);
  const int P = 10, N = 24;
  const Eigen::MatrixXd X = testing::orthonormal(N, P, rng).transpose();
  EXPECT_NEAR(capacity_of_points(X, 2000, 5), 2.0, 3.0 / std::sqrt(2000.0));
}

// Check 1, second half: P = 10 random Gaussian points in N = 500, n_t = 1000: alpha ~ 1.97-2.0. Tolerance
// 3/sqrt(n_t) = 0.095 around 1.985.
TEST(GlueChecks, RandomPointsHaveCapacityNearTwo) {
  std::mt19937_64 rng(2);
  const int P = 10, N = 500;
  EXPECT_NEAR(capacity_of_points(gaussian(P, N, rng), 1000, 9), 1.985, 3.0 / std::sqrt(1000.0));
}

// Check 2: alpha = Psi (1 + R^-2) / D holds exactly, on any data and every inactive policy.
TEST(GlueChecks, CapacityIdentityHoldsExactly) {
  const Manifolds data = testing::clouds(6, 30, 80, 1.5, 21);
  for (InactivePolicy policy : {InactivePolicy::zero_row, InactivePolicy::zero_axis, InactivePolicy::active_only}) {
    GlueOptions options;
    options.n_t = 100;
    options.inactive = policy;
    options.repeats = 2;
    const GlueResult r = run(data.X, data.labels, options);
    for (const GlueMeasures& m : r.repeats) {
      const double rhs = m.utility * (1 + 1 / (m.radius * m.radius)) / m.dimension;
      EXPECT_NEAR(rhs / m.capacity, 1.0, 1e-10) << to_string(policy);
    }
  }
}

void expect_same_measures(const GlueMeasures& a, const GlueMeasures& b, double tol, const char* what) {
  EXPECT_NEAR(a.capacity, b.capacity, tol * std::abs(b.capacity)) << what;
  EXPECT_NEAR(a.dimension, b.dimension, tol * std::abs(b.dimension)) << what;
  EXPECT_NEAR(a.radius, b.radius, tol * std::abs(b.radius)) << what;
  EXPECT_NEAR(a.utility, b.utility, tol * std::abs(b.utility)) << what;
  EXPECT_NEAR(a.center_alignment, b.center_alignment, tol) << what;
  EXPECT_NEAR(a.axis_alignment, b.axis_alignment, tol) << what;
  EXPECT_NEAR(a.center_axis_alignment, b.center_axis_alignment, tol) << what;
  EXPECT_NEAR(a.center_alignment_signed, b.center_alignment_signed, tol) << what;
  EXPECT_NEAR(a.active_fraction, b.active_fraction, tol) << what;
}

// Check 4: scaling, rotation and zero padding leave a seeded result unchanged to 1e-8 (they change K only by
// rounding, and the probes are drawn as L z from K); translation does change alpha.
TEST(GlueChecks, InvariantToScalingRotationPadding) {
  Manifolds data = testing::clouds(5, 20, 60, 1.0, 4);  // m = 100 > N = 60: a rank-deficient K
  GlueOptions options;
  options.n_t = 100;
  options.points_per_manifold = 16;
  options.seed = 17;
  const GlueResult base = run(data.X, data.labels, options);

  expect_same_measures(run(3.7 * data.X, data.labels, options).mean, base.mean, 1e-8, "scaling");
  std::mt19937_64 rng(8);
  const Eigen::MatrixXd Q = testing::orthonormal(60, 60, rng);
  expect_same_measures(run(data.X * Q, data.labels, options).mean, base.mean, 1e-8, "rotation");
  Eigen::MatrixXd padded = Eigen::MatrixXd::Zero(data.X.rows(), 100);
  padded.leftCols(60) = data.X;
  expect_same_measures(run(padded, data.labels, options).mean, base.mean, 1e-8, "zero padding");

  Eigen::MatrixXd shifted = data.X;
  shifted.rowwise() += Eigen::RowVectorXd::Constant(60, 0.3);
  const double alpha_shifted = run(shifted, data.labels, options).mean.capacity;
  EXPECT_GT(std::abs(alpha_shifted - base.mean.capacity), 0.05 * base.mean.capacity) << "translation";
}

// Check 4 for permuting manifolds and y -> -y. With probes drawn from K these hold in distribution only (the
// sample of L z depends on the order of the points), so they are checked with fixed probes t in R^N, h = X t.
TEST(GlueChecks, InvariantToPermutingManifoldsAndFlippingLabels) {
  const int P = 5, M = 12, N = 70, n_t = 60;
  Manifolds data = testing::clouds(P, M, N, 1.2, 6);
  std::mt19937_64 rng(12);
  const Eigen::MatrixXd T = gaussian(N, n_t, rng);
  Eigen::MatrixXd Y(P, n_t);
  for (int k = 0; k < n_t; ++k)
    for (int mu = 0; mu < P; ++mu) Y(mu, k) = (rng() & 1) ? 1.0 : -1.0;
  std::vector<int> offsets;
  for (int mu = 0; mu <= P; ++mu) offsets.push_back(mu * M);
  auto measures = [&](const Eigen::MatrixXd& X, const Eigen::MatrixXd& Yk, const Eigen::MatrixXd& Tk) {
    return glue_repeat(X * X.transpose(), offsets, X * Tk, Yk, InactivePolicy::zero_row, 2).measures.measures;
  };
  const GlueMeasures base = measures(data.X, Y, T);
  // y -> -y mirrors the cone: the same problem as t -> -t, which has the same law.
  expect_same_measures(measures(data.X, -Y, -T), base, 1e-8, "y -> -y");

  const std::vector<int> perm = {3, 0, 4, 1, 2};  // new manifold nu is old manifold perm[nu]
  Eigen::MatrixXd Xp(P * M, N), Yp(P, n_t);
  for (int nu = 0; nu < P; ++nu) {
    Xp.middleRows(nu * M, M) = data.X.middleRows(perm[nu] * M, M);
    Yp.row(nu) = Y.row(perm[nu]);
  }
  expect_same_measures(measures(Xp, Yp, T), base, 1e-8, "permuted manifolds");
}

// Check 5: balls. D = 1 manifolds are point pairs, so the replica values are exact in expectation with
// orthonormal centers and axes; P = 10, n_t = 1500: relative sd of alpha ~1.5 %, tolerance 5 %.
TEST(GlueChecks, SegmentsMatchReplicaTable) {
  const double R[] = {0.5, 1.0, 2.0};
  const double table[] = {1.25760, 1.00000, 0.82999};
  for (int i = 0; i < 3; ++i) {
    const Manifolds data = testing::spheres(10, 1, R[i], 2, 40, 30 + i);
    GlueOptions options;
    options.n_t = 1500;
    options.seed = 2;
    const GlueResult r = run(data.X, data.labels, options);
    EXPECT_NEAR(r.mean.capacity, table[i], 0.05 * table[i]) << "R = " << R[i];
  }
}

// Check 5: D-spheres of radius 1, P = 2, M = 200, N = 1000: alpha ~ 0.69 (D=2), 0.43 (D=4), 0.28 (D=8), above
// the limit 2/(D+1). With n_t = 2000 the sd of alpha is ~1.5 %; tolerance 6 % of the reference value (which has
// its own sampling error), and alpha must lie above the M = infinity value minus 3 %.
TEST(GlueChecks, SpheresMatchFiniteSampleValues) {
  const int D[] = {2, 4, 8};
  const double expected[] = {0.69, 0.43, 0.28};
  for (int i = 0; i < 3; ++i) {
    const Manifolds data = testing::spheres(2, D[i], 1.0, 200, 1000, 50 + i);
    GlueOptions options;
    options.n_t = 2000;
    options.points_per_manifold = 200;
    options.seed = 3;
    const GlueResult r = run(data.X, data.labels, options);
    EXPECT_NEAR(r.mean.capacity, expected[i], 0.06 * expected[i]) << "D = " << D[i];
    EXPECT_GT(r.mean.capacity, 0.97 * 2.0 / (D[i] + 1)) << "D = " << D[i];
  }
}

// Check 5: towards M = infinity, alpha approaches 2/(D+1): D = 2 with M = 1000 points on the circle (P = 2; the
// manifolds are orthogonal, so P does not matter). sd of alpha ~2 % for n_t = 500; tolerance 5 %.
TEST(GlueChecks, DenseCirclesApproachTwoOverDPlusOne) {
  const Manifolds data = testing::spheres(2, 2, 1.0, 1000, 16, 77);
  GlueOptions options;
  options.n_t = 500;
  options.points_per_manifold = 1000;
  options.seed = 4;
  const GlueResult r = run(data.X, data.labels, options);
  EXPECT_NEAR(r.mean.capacity, 2.0 / 3.0, 0.05 * 2.0 / 3.0);
}

// Check 6: recovery (ICML App. B.5: P = 2, M = 200, N = 1000, n_t = 200, policy A). D_eff must increase with the
// true D and R_eff with the true R; the indicative values are checked loosely (25 %).
TEST(GlueChecks, RecoveryIsMonotone) {
  GlueOptions options;
  options.points_per_manifold = 200;
  options.seed = 8;
  const int D[] = {2, 4, 6, 8, 10};
  const double D_indicative[] = {2.25, 4.07, 5.60, 6.98, 8.17};
  double previous = 0;
  for (int i = 0; i < 5; ++i) {
    const Manifolds data = testing::spheres(2, D[i], 1.0, 200, 1000, 60 + i);
    const double d_eff = run(data.X, data.labels, options).mean.dimension;
    EXPECT_GT(d_eff, previous) << "D = " << D[i];
    EXPECT_NEAR(d_eff, D_indicative[i], 0.25 * D_indicative[i]) << "D = " << D[i];
    previous = d_eff;
  }
  const double R[] = {0.8, 1.0, 1.4, 1.7, 2.0};
  const double R_indicative[] = {0.87, 1.03, 1.34, 1.56, 1.77};
  previous = 0;
  for (int i = 0; i < 5; ++i) {
    const Manifolds data = testing::spheres(2, 4, R[i], 200, 1000, 70 + i);
    const double r_eff = run(data.X, data.labels, options).mean.radius;
    EXPECT_GT(r_eff, previous) << "R = " << R[i];
    EXPECT_NEAR(r_eff, R_indicative[i], 0.25 * R_indicative[i]) << "R = " << R[i];
    previous = r_eff;
  }
}

}  // namespace
}  // namespace ms::geometry
