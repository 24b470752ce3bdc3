#include "core/geometry/glue_cholesky.h"

#include <Eigen/Cholesky>

namespace ms::geometry {

bool glue_cholesky(const Eigen::Ref<const Eigen::MatrixXd>& K, Eigen::MatrixXd* L, double* jitter) {
  const Eigen::Index m = K.rows();
  if (!K.allFinite()) return false;
  double scale = m > 0 ? K.diagonal().mean() : 0.0;
  if (!(scale > 0)) scale = 1;  // all points zero: any L with L L^T = jitter I will do
  Eigen::MatrixXd A;
  for (double j = 1e-12; j <= 1e-4; j *= 100) {
    A = K;
    A.diagonal().array() += j * scale;
    Eigen::LLT<Eigen::Ref<Eigen::MatrixXd>> llt(A);  // in place: A's lower triangle becomes L
    if (llt.info() == Eigen::Success) {
      A.triangularView<Eigen::StrictlyUpper>().setZero();
      *L = std::move(A);
      *jitter = j;
      return true;
    }
  }
  return false;
}

}  // namespace ms::geometry
