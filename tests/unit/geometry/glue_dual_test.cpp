// Check 3 of spec glue.md section 5: the Gram-space dual against an independent brute-force primal solve in R^N,
// plus the NNLS solver's own contract (KKT, warm start, dependent columns).
#include "core/geometry/glue.h"
#include "core/geometry/glue_anchors.h"
#include "core/geometry/glue_pinv_form.h"
#include "core/geometry/nnls_gram.h"
#include "tests/unit/geometry/glue_test_data.h"

#include <gtest/gtest.h>

#include <Eigen/Dense>

#include <limits>
#include <vector>

namespace ms::geometry {
namespace {

using testing::gaussian;

// Primal: theta* = argmin 1/2 |theta - t|^2 s.t. G theta >= 0 (rows of G are y_mu x_i). Brute force over every
// candidate active set S: theta = t - G_S^T (G_S G_S^T)^{-1} G_S t is the projection of t on {G_S theta = 0}; it is
// the answer iff its multipliers are >= 0 and it is feasible. Obviously correct, exponential, fine for m <= 12.
struct Primal {
  Eigen::VectorXd theta;
  Eigen::VectorXd lambda;  // multipliers, theta = t + G^T lambda
};

Primal brute_force_primal(const Eigen::MatrixXd& G, const Eigen::VectorXd& t) {
  const int m = static_cast<int>(G.rows());
  Primal best;
  double best_distance = std::numeric_limits<double>::infinity();
  for (unsigned mask = 0; mask < (1u << m); ++mask) {
    std::vector<int> S;
    for (int i = 0; i < m; ++i)
      if (mask & (1u << i)) S.push_back(i);
    Eigen::MatrixXd GS(S.size(), G.cols());
    for (size_t a = 0; a < S.size(); ++a) GS.row(a) = G.row(S[a]);
    Eigen::VectorXd lambda_S = Eigen::VectorXd::Zero(S.size());
    if (!S.empty()) lambda_S = -(GS * GS.transpose()).ldlt().solve(GS * t);
    if (S.size() && lambda_S.minCoeff() < -1e-12) continue;
    const Eigen::VectorXd theta = t + GS.transpose() * lambda_S;
    if ((G * theta).minCoeff() < -1e-10 * t.norm()) continue;
    const double distance = (theta - t).squaredNorm();
    if (distance < best_distance) {
      best_distance = distance;
      best.theta = theta;
      best.lambda = Eigen::VectorXd::Zero(m);
      for (size_t a = 0; a < S.size(); ++a) best.lambda[S[a]] = lambda_S[a];
    }
  }
  return best;
}

TEST(GlueDual, MatchesBruteForcePrimalInAmbientSpace) {
  std::mt19937_64 rng(7);
  const int P = 3, M = 4, N = 30, m = P * M;
  const std::vector<int> offsets = {0, 4, 8, 12};
  NnlsGramSolver solver;
  int problems_with_active = 0;
  for (int trial = 0; trial < 12; ++trial) {
    // Clouds around random centers, so both active and inactive manifolds occur.
    Eigen::MatrixXd X = gaussian(m, N, rng) * 0.4;
    const Eigen::MatrixXd centers = gaussian(P, N, rng);
    for (int i = 0; i < m; ++i) X.row(i) += centers.row(i / M);
    const Eigen::VectorXd t = gaussian(N, 1, rng);
    Eigen::VectorXd y(P);
    for (int mu = 0; mu < P; ++mu) y[mu] = (rng() & 1) ? 1.0 : -1.0;
    Eigen::MatrixXd G(m, N);
    for (int i = 0; i < m; ++i) G.row(i) = y[i / M] * X.row(i);

    const Primal primal = brute_force_primal(G, t);
    ASSERT_EQ(primal.theta.size(), N);
    const Eigen::MatrixXd K = X * X.transpose();
    const AnchorSolution dual = glue_anchors(K, offsets, y, X * t, solver);
    EXPECT_EQ(dual.info.status, NnlsStatus::solved);

    // theta* to 1e-8 (relative to |t|).
    const Eigen::VectorXd theta = t + G.transpose() * dual.lambda;
    EXPECT_LT((theta - primal.theta).norm(), 1e-8 * t.norm()) << "trial " << trial;

    // a_k: ||t - theta*||^2 three ways, to 1e-6: brute force, the dual's lambda^T Q lambda, and the spec's
    // pseudo-inverse form (S t)^T (S S^T)^+ (S t) with S the anchor rows (zero rows for inactive manifolds).
    const double a_primal = (t - primal.theta).squaredNorm();
    EXPECT_NEAR(dual.a_dual, a_primal, 1e-6 * std::max(1.0, a_primal));
    Eigen::MatrixXd S = Eigen::MatrixXd::Zero(P, N);
    Eigen::MatrixXd S_primal = Eigen::MatrixXd::Zero(P, N);
    for (int mu = 0; mu < P; ++mu) {
      const double Lambda = primal.lambda.segment(mu * M, M).sum();
      const bool active = Lambda > 1e-12;
      EXPECT_EQ(active, dual.active[mu] != 0) << "trial " << trial << " manifold " << mu;
      if (!active) continue;
      ++problems_with_active;
      S_primal.row(mu) = primal.lambda.segment(mu * M, M).transpose() * X.middleRows(mu * M, M) / Lambda;
      S.row(mu) = dual.weights.segment(mu * M, M).transpose() * X.middleRows(mu * M, M);
    }
    // Anchors to 1e-6 (relative to the point scale).
    EXPECT_LT((S - S_primal).norm(), 1e-6 * X.norm()) << "trial " << trial;
    const double a_form = glue_pinv_form(S * S.transpose(), S * t);
    EXPECT_NEAR(a_form, a_primal, 1e-6 * std::max(1.0, a_primal));
  }
  EXPECT_GT(problems_with_active, 12);  // the trials exercised non-trivial anchors
}

TEST(GlueDual, KktHoldsAndWarmStartAgrees) {
  std::mt19937_64 rng(11);
  const int m = 60, N = 40;  // more points than dimensions: Q is singular, lambda need not be unique
  const Eigen::MatrixXd X = gaussian(m, N, rng);
  const Eigen::MatrixXd K = X * X.transpose();
  Eigen::VectorXd s(m);
  for (int i = 0; i < m; ++i) s[i] = (i % 3) ? 1.0 : -1.0;
  NnlsGramSolver solver;
  for (int trial = 0; trial < 5; ++trial) {
    const Eigen::VectorXd t = gaussian(N, 1, rng);
    const Eigen::VectorXd q = s.cwiseProduct(X * t);
    Eigen::VectorXd lambda(m);
    const NnlsInfo info = solver.solve(K, s, q, lambda);
    EXPECT_EQ(info.status, NnlsStatus::solved);
    EXPECT_LT(info.kkt_residual, 1e-9);
    EXPECT_GE(lambda.minCoeff(), 0.0);
    // theta and the constraint values are unique even when lambda is not.
    const Eigen::VectorXd theta = t + X.transpose() * s.cwiseProduct(lambda);
    const Eigen::VectorXd g = s.cwiseProduct(X * theta);
    EXPECT_GT(g.minCoeff(), -1e-9 * t.norm() * X.rowwise().norm().maxCoeff());

    // Warm start from a perturbed solution reaches the same theta.
    Eigen::VectorXd warm = lambda;
    for (int i = 0; i < m; i += 4) warm[i] += 0.1;
    NnlsSettings settings;
    settings.warm_start = true;
    const NnlsInfo warm_info = solver.solve(K, s, q, warm, settings);
    EXPECT_EQ(warm_info.status, NnlsStatus::solved);
    const Eigen::VectorXd theta_warm = t + X.transpose() * s.cwiseProduct(warm);
    EXPECT_LT((theta_warm - theta).norm(), 1e-8 * t.norm());
  }
}

TEST(GlueDual, DuplicatePointsAndZeroPointsAreHandled) {
  std::mt19937_64 rng(3);
  const int N = 10;
  Eigen::MatrixXd X = gaussian(8, N, rng);
  X.row(3) = X.row(1);  // exactly dependent columns of Q
  X.row(5).setZero();   // a zero point constrains nothing
  const Eigen::MatrixXd K = X * X.transpose();
  const Eigen::VectorXd s = Eigen::VectorXd::Ones(8);
  NnlsGramSolver solver;
  for (int trial = 0; trial < 20; ++trial) {
    const Eigen::VectorXd t = gaussian(N, 1, rng);
    Eigen::VectorXd lambda(8);
    const NnlsInfo info = solver.solve(K, s, s.cwiseProduct(X * t), lambda);
    EXPECT_EQ(info.status, NnlsStatus::solved) << to_string(info.status);
    EXPECT_EQ(lambda[5], 0.0);
    const Eigen::VectorXd theta = t + X.transpose() * lambda;
    EXPECT_GT((X * theta).minCoeff(), -1e-9 * t.norm() * X.norm());
  }
}

// Block entering (the default) against one variable at a time (the reference): the same lambda on a problem with a
// unique solution, and the same markers and anchors on a layer narrower than the sample, where many samples are
// degenerate (tight points off the support) and lambda is only unique up to the path.
TEST(GlueDual, BlockEnteringFindsTheOneAtATimeSolution) {
  std::mt19937_64 rng(21);
  const int m = 400, N = 600;
  const testing::Manifolds wide = testing::clouds(20, 20, N, 3.0, 4);
  const Eigen::MatrixXd K = wide.X * wide.X.transpose();
  NnlsGramSolver solver;
  NnlsSettings reference;
  reference.max_entering = 1;
  for (int trial = 0; trial < 6; ++trial) {
    Eigen::VectorXd s(m);
    for (int mu = 0; mu < 20; ++mu) s.segment(20 * mu, 20).setConstant((rng() & 1) ? 1.0 : -1.0);
    const Eigen::VectorXd q = s.cwiseProduct(wide.X * gaussian(N, 1, rng));
    Eigen::VectorXd block(m), single(m);
    const NnlsInfo block_info = solver.solve(K, s, q, block);
    const NnlsInfo single_info = solver.solve(K, s, q, single, reference);
    EXPECT_EQ(block_info.status, NnlsStatus::solved);
    EXPECT_FALSE(block_info.single_entering_rerun);
    EXPECT_GT(block_info.support, 40) << "trial " << trial;
    EXPECT_LE(4 * block_info.rounds, block_info.iterations) << "variables entered in blocks";
    EXPECT_EQ(single_info.rounds, single_info.iterations);
    EXPECT_LT((block - single).norm(), 1e-9 * single.norm()) << "trial " << trial;
    EXPECT_NEAR(block_info.quadratic, single_info.quadratic, 1e-9 * single_info.quadratic);
  }

  const testing::Manifolds narrow = testing::clouds(10, 30, 40, 0.8, 5);  // 300 points in 40 dimensions
  GlueOptions options;
  options.n_t = 80;
  options.threads = 2;
  options.anchor_samples = 80;
  const auto by_block = glue(narrow.X, narrow.labels, options);
  options.nnls.max_entering = 1;
  const auto one_at_a_time = glue(narrow.X, narrow.labels, options);
  ASSERT_TRUE(by_block.ok() && one_at_a_time.ok());
  EXPECT_GT(by_block->diagnostics.degenerate_solves, 0);
  EXPECT_EQ(one_at_a_time->diagnostics.degenerate_solves, 0);
  EXPECT_EQ(by_block->diagnostics.failed_solves, 0);
  std::vector<double> expected;
  for_each_measure(one_at_a_time->mean, [&](const char*, double v) { expected.push_back(v); });
  size_t i = 0;
  for_each_measure(by_block->mean, [&](const char* name, double v) {
    EXPECT_NEAR(v, expected[i], 1e-9 * std::max(1.0, std::abs(expected[i]))) << name;
    ++i;
  });
  EXPECT_LT((by_block->anchor_weights - one_at_a_time->anchor_weights).cwiseAbs().maxCoeff(), 1e-9);
}

}  // namespace
}  // namespace ms::geometry
