// GLUE on degenerate data: points that are all one vector (a network fed constant images, a dead layer) give NaN
// measures counted in the diagnostics, never numbers that look meaningful; a single class is a defined case.
#include <gtest/gtest.h>

#include <Eigen/Dense>

#include <cmath>

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

}  // namespace
}  // namespace ms::geometry
