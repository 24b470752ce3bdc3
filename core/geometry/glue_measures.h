// glue_measures: the GLUE measures of one repeat from its solved samples (spec glue.md sections 3-4), all as
// P by P quadratic forms in K: centers s0 from the mean anchor weights under the inactive policy, axes
// s1_k = s_k - s0, then a_k, b_k, c_k and the alignments per sample, reduced in sample order (ratios of means).
//
// Inputs:
//   K              m by m Gram matrix of the points
//   class_offsets  P + 1 offsets of the classes' rows
//   weights        m by n_t anchor weights of the samples (see glue_anchors.h)
//   active         P by n_t flags
//   h              m by n_t probe projections X t_k
//   policy         inactive manifolds in centers and axes
//   threads        workers (0 = hardware threads)
// Outputs (GlueMeasuresOutput):
//   measures        capacity, dimension, radius, utility, alignments, active fraction, mean a/b/c
//   center_weights  m weights of the centers s0
//   a, b, c         n_t per-sample quadratic forms
#pragma once

#include "core/geometry/glue_options.h"
#include "core/geometry/glue_result.h"

#include <Eigen/Core>

#include <vector>

namespace ms::geometry {

struct GlueMeasuresOutput {
  GlueMeasures measures;
  Eigen::VectorXd center_weights;
  Eigen::VectorXd a, b, c;
};

GlueMeasuresOutput glue_measures(const Eigen::Ref<const Eigen::MatrixXd>& K, const std::vector<int>& class_offsets,
                                 const Eigen::Ref<const Eigen::MatrixXd>& weights,
                                 const Eigen::Matrix<bool, Eigen::Dynamic, Eigen::Dynamic>& active,
                                 const Eigen::Ref<const Eigen::MatrixXd>& h, InactivePolicy policy, int threads);

}  // namespace ms::geometry
