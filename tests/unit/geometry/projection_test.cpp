// Projections for the views: orthonormal bases, variance ordering, exact vs randomized PCA, the class-center plane
// containing the centers, and one shared basis for points, centers and anchors.
#include <cmath>
#include <random>

#include <Eigen/Eigenvalues>
#include <Eigen/SVD>
#include <gtest/gtest.h>

#include "core/geometry/projection_center_plane.h"
#include "core/geometry/projection_pca.h"
#include "core/geometry/projection_shared_view.h"

namespace ms::geometry {
namespace {

// n points in R^d with a decaying spectrum (scales 10, 5, 2.5, ...) in random orientation, plus an offset.
Eigen::MatrixXd spectrum_data(long n, long d, unsigned seed) {
  std::mt19937_64 engine(seed);
  std::normal_distribution<double> normal;
  Eigen::MatrixXd Z(n, d), R(d, d);
  for (long i = 0; i < n; ++i)
    for (long j = 0; j < d; ++j) Z(i, j) = normal(engine) * 10.0 * std::pow(0.5, static_cast<double>(std::min(j, 12L)));
  for (long i = 0; i < d; ++i)
    for (long j = 0; j < d; ++j) R(i, j) = normal(engine);
  Eigen::HouseholderQR<Eigen::MatrixXd> qr(R);
  const Eigen::MatrixXd rotation = qr.householderQ();
  return (Z * rotation).rowwise() + Eigen::RowVectorXd::Constant(d, 3.0);
}

void expect_orthonormal(const Eigen::MatrixXd& basis) {
  EXPECT_LT((basis.transpose() * basis - Eigen::MatrixXd::Identity(basis.cols(), basis.cols())).norm(), 1e-12);
}

// Largest principal angle's sine between two column spaces (orthonormal bases).
double subspace_distance(const Eigen::MatrixXd& A, const Eigen::MatrixXd& B) {
  return (A - B * (B.transpose() * A)).norm();
}

TEST(PcaProjection, ExactMatchesCovarianceEigenvectorsOnBothShapes) {
  for (auto [n, d] : {std::pair<long, long>{200, 30}, std::pair<long, long>{40, 120}}) {
    const Eigen::MatrixXd X = spectrum_data(n, d, 5);
    PcaOptions options;
    options.method = PcaMethod::exact;
    const Result<Projection> p = pca_projection(X, 3, options);
    ASSERT_TRUE(p.ok()) << p.error();
    expect_orthonormal(p->basis);
    const Eigen::MatrixXd Xc = X.rowwise() - X.colwise().mean();
    const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eig(Xc.transpose() * Xc / (n - 1.0));
    const Eigen::VectorXd top = eig.eigenvalues().tail(3).reverse();
    for (int j = 0; j < 3; ++j) EXPECT_NEAR(p->variance(j), top(j), 1e-9 * top(0));
    EXPECT_GE(p->variance(0), p->variance(1));
    EXPECT_GE(p->variance(1), p->variance(2));
    EXPECT_LT(subspace_distance(p->basis, eig.eigenvectors().rightCols(3)), 1e-8);
    // Coordinates are the centered points in the basis; their variance is the reported one.
    EXPECT_LT((p->coordinates - Xc * p->basis).norm(), 1e-9 * Xc.norm());
  }
}

TEST(PcaProjection, RandomizedAgreesWithExactAndIsSeeded) {
  const Eigen::MatrixXd X = spectrum_data(300, 400, 9);
  PcaOptions exact, randomized;
  exact.method = PcaMethod::exact;
  randomized.method = PcaMethod::randomized;
  randomized.seed = 17;
  const Result<Projection> a = pca_projection(X, 3, exact);
  const Result<Projection> b = pca_projection(X, 3, randomized);
  const Result<Projection> c = pca_projection(X, 3, randomized);
  ASSERT_TRUE(a.ok() && b.ok() && c.ok());
  expect_orthonormal(b->basis);
  // Spectrum gaps of 2x and 4 power iterations: the top directions agree to rounding level.
  EXPECT_LT(subspace_distance(a->basis, b->basis), 1e-6);
  EXPECT_LT((a->variance - b->variance).norm(), 1e-9 * a->variance(0));
  // Oriented the same way, so the coordinates agree too.
  EXPECT_LT((a->coordinates - b->coordinates).norm(), 1e-5 * a->coordinates.norm());
  EXPECT_EQ(b->basis, c->basis);
  // Automatic choice: exact for this size.
  EXPECT_LT(subspace_distance(a->basis, pca_projection(X, 3)->basis), 1e-12);
  // Float input.
  const Result<Projection> f = pca_projection(Eigen::MatrixXf(X.cast<float>()), 2);
  ASSERT_TRUE(f.ok());
  EXPECT_LT(subspace_distance(a->basis.leftCols(2), f->basis), 1e-4);
  EXPECT_FALSE(pca_projection(X, 0).ok());
  EXPECT_FALSE(pca_projection(X.topRows(3), 3).ok());
}

TEST(CenterPlane, ContainsTheCentersAndOrdersByVariance) {
  const long d = 50;
  const Eigen::MatrixXd X = spectrum_data(150, d, 21);
  // Three class centers (means of thirds of the data, shifted apart).
  Eigen::MatrixXd centers(3, d);
  for (int c = 0; c < 3; ++c) centers.row(c) = X.middleRows(50 * c, 50).colwise().mean() + spectrum_data(1, d, 30 + c);
  const Result<Projection> p = center_plane_projection(X, centers, 3);
  ASSERT_TRUE(p.ok()) << p.error();
  expect_orthonormal(p->basis);
  EXPECT_EQ(p->origin, Eigen::RowVectorXd::Zero(d));
  for (int c = 0; c < 3; ++c) {
    const Eigen::VectorXd center = centers.row(c).transpose();
    EXPECT_LT((center - p->basis * (p->basis.transpose() * center)).norm(), 1e-10 * center.norm());
  }
  EXPECT_GE(p->variance(0), p->variance(1));
  EXPECT_GE(p->variance(1), p->variance(2));
  // The top direction maximizes the points' variance within the span: compare with a brute-force search over the
  // unit circle in the plane of the first two directions.
  const Eigen::MatrixXd Xc = X.rowwise() - X.colwise().mean();
  double best = 0;
  for (int a = 0; a < 3600; ++a) {
    const double t = a * M_PI / 3600;
    const Eigen::VectorXd u = std::cos(t) * p->basis.col(0) + std::sin(t) * p->basis.col(1);
    best = std::max(best, (Xc * u).squaredNorm() / 149.0);
  }
  EXPECT_NEAR(p->variance(0), best, 1e-5 * best);
  // A plane of two centers (2D) with the third direction completed outside the span.
  const Result<Projection> two = center_plane_projection(X, centers.topRows(2), 3);
  ASSERT_TRUE(two.ok()) << two.error();
  expect_orthonormal(two->basis);
  for (int c = 0; c < 2; ++c) {
    const Eigen::VectorXd center = centers.row(c).transpose();
    EXPECT_LT((center - two->basis.leftCols(2) * (two->basis.leftCols(2).transpose() * center)).norm(),
              1e-10 * center.norm());
    EXPECT_NEAR(two->basis.col(2).dot(center), 0.0, 1e-10 * center.norm());
  }
  // Dependent rows do not add dimensions: centers {c0, c1, c0 + c1} span a plane.
  Eigen::MatrixXd dependent(3, d);
  dependent << centers.row(0), centers.row(1), centers.row(0) + centers.row(1);
  const Result<Projection> plane = center_plane_projection(X, dependent, 2);
  ASSERT_TRUE(plane.ok());
  EXPECT_LT(subspace_distance(plane->basis, two->basis.leftCols(2)), 1e-10);
  EXPECT_FALSE(center_plane_projection(X, Eigen::MatrixXd::Zero(2, d), 2).ok());
}

TEST(SharedView, OneBasisForPointsCentersAndAnchors) {
  const long d = 40;
  const Eigen::MatrixXd X = spectrum_data(90, d, 2);
  Eigen::MatrixXd centers(3, d), anchors(4, d);
  for (int c = 0; c < 3; ++c) centers.row(c) = X.middleRows(30 * c, 30).colwise().mean();
  anchors << X.row(0), X.row(31), 0.5 * (X.row(2) + X.row(3)), X.row(89);
  for (ViewBasis basis : {ViewBasis::points_pca, ViewBasis::center_plane}) {
    const Result<SharedProjection> view = shared_view_projection(X, centers, anchors, 2, basis);
    ASSERT_TRUE(view.ok()) << view.error();
    expect_orthonormal(view->projection.basis);
    // An anchor equal to a point lands on that point; linear combinations are preserved (affine map).
    EXPECT_LT((view->anchors.row(0) - view->points.row(0)).norm(), 1e-10);
    EXPECT_LT((view->anchors.row(1) - view->points.row(31)).norm(), 1e-10);
    EXPECT_LT((view->anchors.row(2) - 0.5 * (view->points.row(2) + view->points.row(3))).norm(), 1e-10);
    // A class mean lands on the mean of its points' coordinates.
    for (int c = 0; c < 3; ++c)
      EXPECT_LT((view->centers.row(c) - view->points.middleRows(30 * c, 30).colwise().mean()).norm(), 1e-10);
  }
  EXPECT_FALSE(shared_view_projection(X, Eigen::MatrixXd::Zero(2, d + 1), anchors, 2).ok());
}

}  // namespace
}  // namespace ms::geometry
