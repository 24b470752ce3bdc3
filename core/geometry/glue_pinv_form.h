// glue_pinv_form: v^T G^+ v for a small symmetric positive semi-definite G (P by P), the pseudo-inverse taken by
// a symmetric eigendecomposition that keeps eigenvalues above rel_cutoff * the largest (spec glue.md 4).
//
// Inputs:
//   G  P by P symmetric PSD
//   v  P
// Outputs:
//   returns the quadratic form (0 when G vanishes)
#pragma once

#include <Eigen/Core>

namespace ms::geometry {

double glue_pinv_form(const Eigen::Ref<const Eigen::MatrixXd>& G, const Eigen::Ref<const Eigen::VectorXd>& v,
                      double rel_cutoff = 1e-10);

}  // namespace ms::geometry
