// glue_cholesky: a factor F with F F^T = K, to draw probe projections X t ~ N(0, K) as F z (spec glue.md 2.3).
// Semi-definite Cholesky in the points' own order, no pivoting: a point whose remaining pivot is below
// tolerance * max(diag K) lies (numerically) in the span of the points before it and gets no column. So F z lies
// in range(K), as X t does (the dual needs that: a component outside would make dependent points look violated),
// and F is a deterministic function of K that rotating, scaling or zero-padding the features changes only by
// rounding (no pivot order that could flip on ties, no eigenvectors that could rotate). Left-looking, in panels
// so that most of the work is one matrix product (OpenBLAS dgemm). The default tolerance sits well above the rounding of the
// Schur complements (~1e-12 relative seen for m = 80): a point closer than ~3e-5 |x|max to the span of the
// earlier ones is treated as in it; the probes then miss that direction, a relative effect of order tolerance.
//
// Inputs:
//   K          m by m symmetric positive semi-definite
//   tolerance  relative pivot threshold
// Outputs:
//   F  m by r, r = numerical rank (columns of the accepted points)
#pragma once

#include <Eigen/Core>

namespace ms::geometry {

// false if K has a non-finite entry.
bool glue_cholesky(const Eigen::Ref<const Eigen::MatrixXd>& K, Eigen::MatrixXd* F, double tolerance = 1e-9);

}  // namespace ms::geometry
