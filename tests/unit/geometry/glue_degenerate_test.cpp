// GLUE on degenerate data: points that are all one vector (a network fed constant images, a dead layer) give NaN
// measures counted in the diagnostics, never numbers that look meaningful; a single class is a defined case.
#include <gtest/gtest.h>

#include <Eigen/Dense>

#include <cmath>

#include "core/geometry/baseline_markers.h"
#include "core/geometry/glue.h"
#include "core/geometry/glue_centers.h"
#include "core/geometry/glue_gram.h"

namespace ms::geometry {
namespace {

Eigen::VectorXi labels_of(int classes, int per_class) {
  Eigen::VectorXi labels(classes * per_class);
  for (int i = 0; i < labels.size(); ++i) labels(i) = i % classes;
  return labels;
}

GlueOptions small_options() {
  GlueOptions options;
  options.points_per_manifold = 8;
  options.n_t = 30;
  options.threads = 1;
  options.repeats = 2;
  return options;
}

TEST(GlueDegenerate, IdenticalOrZeroPointsGiveCountedNaNs) {
  const Eigen::VectorXi labels = labels_of(4, 8);
  Eigen::MatrixXd same(32, 20);
  same.rowwise() = Eigen::RowVectorXd::LinSpaced(20, -1.0, 2.0);
  for (const Eigen::MatrixXd& X : {same, Eigen::MatrixXd(Eigen::MatrixXd::Zero(32, 20))}) {
    Result<GlueResult> result = glue(X, labels, small_options());
    ASSERT_TRUE(result.ok()) << result.error();
    EXPECT_EQ(result->diagnostics.coincident_repeats, 2);
    EXPECT_EQ(result->diagnostics.solves, 0);
    EXPECT_EQ(result->diagnostics.gram_rank, 0);
    for_each_measure(result->mean, [](const char* name, double v) { EXPECT_TRUE(std::isnan(v)) << name; });
    EXPECT_EQ(result->points.size(), 32u);  // the sample is still known (for drawing)
    // Each class center is the common point; there are no anchors.
    const Eigen::MatrixXd centers = glue_vectors(X, *result, result->center_weights);
    ASSERT_EQ(centers.rows(), 4);
    for (int mu = 0; mu < 4; ++mu) EXPECT_LT((centers.row(mu) - X.row(0)).norm(), 1e-12);
    EXPECT_EQ(result->anchor_weights.cols(), 0);
  }
}

TEST(GlueDegenerate, PointsThatDifferOnlyByRoundingCoincideButNearbyPointsDoNot) {
  Eigen::MatrixXd X = Eigen::MatrixXd::Ones(6, 3) * 1e3;
  X(2, 1) += 1e-12;  // rounding-level difference: still one point
  EXPECT_TRUE(points_coincide(X * X.transpose()));
  X(4, 0) += 1e-2;  // a real difference
  EXPECT_FALSE(points_coincide(X * X.transpose()));
  EXPECT_TRUE(points_coincide(Eigen::MatrixXd::Zero(3, 3)));
}

TEST(GlueDegenerate, OneClassIsOneManifoldWithFiniteMeasures) {
  Eigen::MatrixXd X = Eigen::MatrixXd::Random(16, 10);
  Result<GlueResult> result = glue(X, Eigen::VectorXi::Zero(16), small_options());
  ASSERT_TRUE(result.ok()) << result.error();
  EXPECT_EQ(result->num_manifolds, 1);
  EXPECT_EQ(result->diagnostics.coincident_repeats, 0);
  EXPECT_TRUE(std::isfinite(result->mean.capacity));
  EXPECT_TRUE(std::isfinite(result->mean.dimension));
}

// Classes of exactly two samples (fewer than points_per_manifold asks for): every sample is used, the solves
// converge and the measures are finite; so are the baselines' within-class averages, which need two per class.
TEST(GlueDegenerate, ClassesOfTwoSamplesAreMeasured) {
  Eigen::MatrixXd X = Eigen::MatrixXd::Random(8, 12);
  const Eigen::VectorXi labels = labels_of(4, 2);
  Result<GlueResult> result = glue(X, labels, small_options());
  ASSERT_TRUE(result.ok()) << result.error();
  EXPECT_EQ(result->points.size(), 8u);
  EXPECT_EQ(result->diagnostics.failed_solves, 0);
  EXPECT_EQ(result->diagnostics.coincident_repeats, 0);
  for_each_measure(result->mean, [](const char* name, double v) { EXPECT_TRUE(std::isfinite(v)) << name; });
  Result<BaselineMarkers> baselines = compute_baseline_markers(X, labels);
  ASSERT_TRUE(baselines.ok()) << baselines.error();
  EXPECT_TRUE(std::isfinite(baselines->participation_ratio_avg));
  EXPECT_TRUE(std::isfinite(baselines->nc1));
}

// A one-dimensional layer (a scalar feature): the Gram matrix has rank 1 and the measures are finite, no crash.
// b_k is the squared projection of the probe t_k (one Gaussian number here) onto the axes' span, so
// D_eff = mean(b) / P <= mean(t^2) / P, about 1/3 with P = 3: well under 1.
TEST(GlueDegenerate, AOneDimensionalLayerIsMeasured) {
  const Eigen::VectorXi labels = labels_of(3, 8);
  Eigen::MatrixXd X(24, 1);
  for (int i = 0; i < 24; ++i) X(i, 0) = 1.0 + labels(i) + 0.1 * std::sin(1.0 + i);
  Result<GlueResult> result = glue(X, labels, small_options());
  ASSERT_TRUE(result.ok()) << result.error();
  EXPECT_EQ(result->num_features, 1);
  EXPECT_EQ(result->diagnostics.gram_rank, 1);
  EXPECT_EQ(result->diagnostics.failed_solves, 0);
  EXPECT_TRUE(std::isfinite(result->mean.capacity));
  EXPECT_TRUE(std::isfinite(result->mean.dimension));
  EXPECT_LE(result->mean.dimension, 1.0 + 1e-9);
  Result<BaselineMarkers> baselines = compute_baseline_markers(X, labels);
  ASSERT_TRUE(baselines.ok()) << baselines.error();
  EXPECT_NEAR(baselines->participation_ratio, 1.0, 1e-12);
  EXPECT_EQ(baselines->numerical_rank, 1.0);
}

}  // namespace
}  // namespace ms::geometry
