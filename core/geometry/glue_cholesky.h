// glue_cholesky: a factor L with L L^T = K + jitter * mean(diag K) * I, to draw X t ~ N(0, K) as L z.
// Unpivoted Cholesky of the jittered matrix: L is a continuous, deterministic function of K, so rotating or
// zero-padding the features (which changes K only by rounding) changes a seeded sample only by rounding. Pivoting
// or an eigendecomposition could flip on ties. The jitter starts tiny and grows until the factorisation succeeds
// (K is only semi-definite and carries rounding); its effect on the estimator is O(jitter).
//
// Inputs:
//   K  m by m symmetric positive semi-definite
// Outputs:
//   L       m by m lower triangular
//   jitter  the relative jitter used
#pragma once

#include <Eigen/Core>

namespace ms::geometry {

// false if K has a non-finite entry or no jitter up to 1e-4 made it factorable.
bool glue_cholesky(const Eigen::Ref<const Eigen::MatrixXd>& K, Eigen::MatrixXd* L, double* jitter);

}  // namespace ms::geometry
