// glue_gram: the Gram matrix K = X X^T of the subsampled points, the only work in GLUE that grows with N
// (spec glue.md 2.3). One symmetric rank-k BLAS call (OpenBLAS dsyrk) on the gathered rows.
//
// Inputs:
//   X  m by d points, one row per point (already gathered and preprocessed)
// Outputs:
//   returns K  m by m, symmetric (both triangles filled)
#pragma once

#include <Eigen/Core>

namespace ms::geometry {

Eigen::MatrixXd glue_gram(const Eigen::Ref<const Eigen::MatrixXd>& X);

}  // namespace ms::geometry
