#include "core/geometry/projection_shared_view.h"

#include <string>

#include "core/geometry/projection_center_plane.h"

namespace ms::geometry {

Result<SharedProjection> shared_view_projection(const Eigen::Ref<const Eigen::MatrixXd>& points,
                                                const Eigen::Ref<const Eigen::MatrixXd>& centers,
                                                const Eigen::Ref<const Eigen::MatrixXd>& anchors, long k,
                                                ViewBasis basis, const PcaOptions& pca_options) {
  const long d = points.cols();
  if (centers.cols() != d || (anchors.rows() > 0 && anchors.cols() != d))
    return make_error("shared view: points, centers and anchors must have the same dimension " + std::to_string(d));
  Result<Projection> fitted =
      basis == ViewBasis::points_pca ? pca_projection(points, k, pca_options) : center_plane_projection(points, centers, k);
  if (!fitted) return make_error("shared view: " + fitted.error());
  SharedProjection view;
  view.projection = std::move(fitted.value());
  view.points = view.projection.coordinates;
  view.centers = project_points(centers, view.projection);
  view.anchors = anchors.rows() > 0 ? project_points(anchors, view.projection) : Eigen::MatrixXd(0, k);
  return view;
}

}  // namespace ms::geometry
