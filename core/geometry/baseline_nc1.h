// Neural-collapse NC1 (within-class variability relative to between-class spread), the paper's code semantics:
//   Sigma_W = (1/n) sum_c sum_{i in c} (x_i - mu_c)(x_i - mu_c)^T
//   Sigma_B = (1/C) sum_c (mu_c - mu_G)(mu_c - mu_G)^T          (mu_G: mean of all samples)
//   Sigma_B^+ keeps the eigenpairs with lambda > tolerance * lambda_max
//   NC1 = tr(Sigma_W Sigma_B^+) / C                               (0 if no eigenpair survives)
// Computed in the span of the C centered class means (rank <= C): with Sigma_B = M M^T / C, the eigenvectors are
// u_k = M v_k / sqrt(C lambda_k) from the C x C problem (M^T M / C) v = lambda v, and
// u_k^T Sigma_W u_k = ||R u_k||^2 / n with R the within-class-centered X. Cost n d C, no d x d matrix.
//
// Inputs:
//   X       n by d features, one row per sample
//   labels  n class ids >= 0 (classes without samples are ignored; C = number of classes present)
// Output: NC1, NaN for empty X.
#pragma once

#include <Eigen/Core>

namespace ms::geometry {

double nc1(const Eigen::Ref<const Eigen::MatrixXd>& X, const Eigen::Ref<const Eigen::VectorXi>& labels,
           double tolerance = 1e-3);

}  // namespace ms::geometry
