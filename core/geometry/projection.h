// A linear projection of feature vectors for the views: k orthonormal directions in R^d and an origin.
// coordinates = (X - origin) * basis.
#pragma once

#include <Eigen/Core>

namespace ms::geometry {

struct Projection {
  Eigen::MatrixXd coordinates;  // n by k, one row per projected point
  Eigen::MatrixXd basis;        // d by k, orthonormal columns, ordered by decreasing variance
  Eigen::RowVectorXd origin;    // 1 by d, subtracted before projecting (the mean for PCA, 0 for planes through 0)
  Eigen::VectorXd variance;     // k, sample variance (1/(n-1)) of the projected points along each direction
};

// Applies an existing projection to other points: (Y - origin) * basis, Y m by d.
Eigen::MatrixXd project_points(const Eigen::Ref<const Eigen::MatrixXd>& Y, const Projection& projection);

// Flips each column's sign so that its entry of largest magnitude is positive (a deterministic orientation).
void orient_columns(Eigen::MatrixXd& basis);

}  // namespace ms::geometry
