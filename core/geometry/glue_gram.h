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

// True when the points behind K are all the same vector (zero included), to rounding: every squared distance
// K_ii + K_jj - 2 K_ij is at most 1e-12 of the largest squared norm. Then the class manifolds coincide in one point
// and GLUE has nothing to measure (a network fed constant images, or a dead layer): the caller reports it instead
// of numbers.
bool points_coincide(const Eigen::Ref<const Eigen::MatrixXd>& K);

}  // namespace ms::geometry
