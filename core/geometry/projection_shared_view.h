// One basis for a whole picture: points, class centers and anchors projected together, so they can be drawn in the
// same 2D/3D axes (a center drawn where its class's points are).
//
// Inputs:
//   points   n by d features, one row per sample (the basis is fitted on these)
//   centers  P by d class centers (or GLUE anchor centers s^mu_0)
//   anchors  m by d anchor points (may have 0 rows)
//   k        2 or 3 (any 1 <= k allowed by the chosen basis)
//   basis    ViewBasis::points_pca: principal directions of the points (origin = their mean);
//            ViewBasis::center_plane: the class-center plane of projection_center_plane.h (origin 0)
// Outputs:
//   SharedProjection: coordinates of points (n by k), centers (P by k), anchors (m by k), and the Projection used.
#pragma once

#include <Eigen/Core>

#include "core/common/result.h"
#include "core/geometry/projection.h"
#include "core/geometry/projection_pca.h"

namespace ms::geometry {

enum class ViewBasis { points_pca, center_plane };

struct SharedProjection {
  Eigen::MatrixXd points;   // n by k
  Eigen::MatrixXd centers;  // P by k
  Eigen::MatrixXd anchors;  // m by k
  Projection projection;    // basis, origin, variance (coordinates = points)
};

Result<SharedProjection> shared_view_projection(const Eigen::Ref<const Eigen::MatrixXd>& points,
                                                const Eigen::Ref<const Eigen::MatrixXd>& centers,
                                                const Eigen::Ref<const Eigen::MatrixXd>& anchors, long k,
                                                ViewBasis basis = ViewBasis::points_pca,
                                                const PcaOptions& pca_options = {});

}  // namespace ms::geometry
