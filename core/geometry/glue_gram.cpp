#include "core/geometry/glue_gram.h"

#include <cblas.h>

namespace ms::geometry {

Eigen::MatrixXd glue_gram(const Eigen::Ref<const Eigen::MatrixXd>& X) {
  const int m = static_cast<int>(X.rows());
  const int d = static_cast<int>(X.cols());
  Eigen::MatrixXd K = Eigen::MatrixXd::Zero(m, m);
  if (m == 0 || d == 0) return K;
  // Column-major X (m by d, leading dimension outerStride): K = X X^T into the lower triangle.
  cblas_dsyrk(CblasColMajor, CblasLower, CblasNoTrans, m, d, 1.0, X.data(), static_cast<int>(X.outerStride()), 0.0,
              K.data(), m);
  K.triangularView<Eigen::StrictlyUpper>() = K.transpose();
  return K;
}

bool points_coincide(const Eigen::Ref<const Eigen::MatrixXd>& K) {
  const Eigen::VectorXd norms = K.diagonal();
  const double largest = norms.size() ? norms.maxCoeff() : 0.0;
  if (largest <= 0) return true;
  for (Eigen::Index j = 0; j < K.cols(); ++j)
    for (Eigen::Index i = 0; i < j; ++i)
      if (norms(i) + norms(j) - 2 * K(i, j) > 1e-12 * largest) return false;
  return true;
}

}  // namespace ms::geometry
