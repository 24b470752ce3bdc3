// The class-center plane: points seen in the linear span of given class centers (or GLUE anchor centers).
// An orthonormal basis Q of the span of the P center rows is found by a rank-revealing QR; within that span the
// directions are ordered by the variance of the points (eigenvectors of the covariance of X Q). When k exceeds the
// span's dimension r, the remaining k - r directions are the top principal directions of the points' residual
// orthogonal to the span, so a 3D view of two centers still works. The origin is 0: the plane passes through the
// origin, and every center lies in it (coordinates of a center c are c * basis, and basis basis^T c = c when r <= k).
//
// Inputs:
//   X         n by d features, one row per point
//   centers   P by d, one row per class center (rows may be linearly dependent; zero rows are ignored)
//   k         number of directions (typically 2 or 3), 1 <= k <= d
//   relative_rank_tolerance  a direction of the span counts if its R diagonal exceeds this times the largest
// Outputs:
//   Projection (projection.h) with origin 0; variance of the points along each direction (span directions first,
//   each group in decreasing order). Error for invalid k, mismatched d, or centers that are all zero.
#pragma once

#include <Eigen/Core>

#include "core/common/result.h"
#include "core/geometry/projection.h"

namespace ms::geometry {

Result<Projection> center_plane_projection(const Eigen::Ref<const Eigen::MatrixXd>& X,
                                           const Eigen::Ref<const Eigen::MatrixXd>& centers, long k,
                                           double relative_rank_tolerance = 1e-10);

}  // namespace ms::geometry
