#include "core/geometry/projection.h"

namespace ms::geometry {

Eigen::MatrixXd project_points(const Eigen::Ref<const Eigen::MatrixXd>& Y, const Projection& projection) {
  Eigen::MatrixXd coordinates = Y * projection.basis;
  coordinates.rowwise() -= projection.origin * projection.basis;
  return coordinates;
}

void orient_columns(Eigen::MatrixXd& basis) {
  for (long j = 0; j < basis.cols(); ++j) {
    Eigen::Index top = 0;
    basis.col(j).cwiseAbs().maxCoeff(&top);
    if (basis(top, j) < 0) basis.col(j) *= -1.0;
  }
}

}  // namespace ms::geometry
