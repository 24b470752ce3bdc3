// glue_centers: turn GLUE weight vectors into vectors in feature space, for drawing. Centers and anchors are kept
// as weights over the subsampled points (cheap for any d); this forms them as P by d rows when a caller needs them.
//
// Inputs:
//   X        n by d features, the same matrix GLUE ran on
//   result   its GlueResult (points, class_offsets, mean_removed)
//   weights  m weights (result.center_weights or a column of result.anchor_weights)
// Outputs:
//   returns  P by d, row mu = sum_{i in mu} weights_i * (x_points[i] - mean_removed); a zero row when mu has no
//            weight (inactive anchor)
#pragma once

#include "core/geometry/glue.h"

#include <Eigen/Core>

namespace ms::geometry {

Eigen::MatrixXd glue_vectors(const Eigen::Ref<const Eigen::MatrixXd>& X, const GlueResult& result,
                             const Eigen::Ref<const Eigen::VectorXd>& weights);
Eigen::MatrixXd glue_vectors_row_major(const Eigen::Ref<const RowMatrixXf>& X, const GlueResult& result,
                             const Eigen::Ref<const Eigen::VectorXd>& weights);

// result.center_weights as a P by m matrix (row mu carries class mu's block), for callers that want W X.
Eigen::MatrixXd glue_weight_matrix(const GlueResult& result, const Eigen::Ref<const Eigen::VectorXd>& weights);

}  // namespace ms::geometry
