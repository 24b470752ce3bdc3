#include "core/geometry/projection_center_plane.h"

#include <Eigen/Eigenvalues>
#include <Eigen/QR>
#include <string>

#include "core/geometry/projection_pca.h"

namespace ms::geometry {

namespace {

// Directions of the span of `directions` (d x m, orthonormal) ordered by the variance of X along them; the first k.
Eigen::MatrixXd order_by_variance(const Eigen::Ref<const Eigen::MatrixXd>& X, const Eigen::MatrixXd& directions,
                                  long k) {
  Eigen::MatrixXd Y = X * directions;
  Y.rowwise() -= Y.colwise().mean();
  const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> solver(Y.transpose() * Y);
  const Eigen::MatrixXd rotation = solver.eigenvectors().rightCols(k).rowwise().reverse();
  return directions * rotation;
}

}  // namespace

Result<Projection> center_plane_projection(const Eigen::Ref<const Eigen::MatrixXd>& X,
                                           const Eigen::Ref<const Eigen::MatrixXd>& centers, long k,
                                           double relative_rank_tolerance) {
  const long n = X.rows(), d = X.cols();
  if (centers.cols() != d)
    return make_error("center plane: centers have " + std::to_string(centers.cols()) + " columns, points " +
                      std::to_string(d));
  if (k < 1 || k > d || n < 2) return make_error("center plane: invalid number of directions " + std::to_string(k));
  Eigen::ColPivHouseholderQR<Eigen::MatrixXd> qr(centers.transpose());
  const double largest = qr.maxPivot();
  if (!(largest > 0.0)) return make_error("center plane: all centers are zero");
  qr.setThreshold(relative_rank_tolerance);
  const long r = qr.rank();
  const Eigen::MatrixXd span = qr.householderQ() * Eigen::MatrixXd::Identity(d, r);

  Projection p;
  p.origin = Eigen::RowVectorXd::Zero(d);
  p.basis.resize(d, k);
  const long inside = std::min(k, r);
  p.basis.leftCols(inside) = order_by_variance(X, span, inside);
  if (k > r) {
    // Complete with the top principal directions of what the span leaves out.
    const Eigen::MatrixXd residual = X - (X * span) * span.transpose();
    PcaOptions options;
    options.method = PcaMethod::exact;
    Result<Projection> extra = pca_projection(residual, k - r, options);
    if (!extra) return make_error("center plane: " + extra.error());
    // Re-orthogonalize against the span (the residual's directions are orthogonal to it up to rounding).
    Eigen::MatrixXd completion = extra->basis - span * (span.transpose() * extra->basis);
    Eigen::HouseholderQR<Eigen::MatrixXd> clean(completion);
    p.basis.rightCols(k - r) = clean.householderQ() * Eigen::MatrixXd::Identity(d, k - r);
  }
  orient_columns(p.basis);
  p.coordinates = X * p.basis;
  const Eigen::MatrixXd centered = p.coordinates.rowwise() - p.coordinates.colwise().mean();
  p.variance = centered.colwise().squaredNorm().transpose() / static_cast<double>(n - 1);
  return p;
}

}  // namespace ms::geometry
