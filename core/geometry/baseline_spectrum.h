// Spectral baselines of a feature matrix, computed in the smaller of sample space (n x n) and feature space (d x d),
// so a d x d matrix is never formed when d is large: the centered Gram matrix Xc Xc^T and the scatter Xc^T Xc share
// their nonzero eigenvalues.
//
// Inputs:
//   X  n by d features, one row per sample
// Outputs:
//   participation_ratio: (sum lambda)^2 / sum lambda^2 of the sample covariance (1/(n-1), global mean removed);
//     computed as tr(K)^2 / ||K||_F^2 (the scale cancels). NaN for n < 2 or constant X.
//   numerical_rank: #{sigma_j >= tolerance * sigma_1} over the singular values of the centered X (0 if X is
//     constant).
#pragma once

#include <Eigen/Core>

namespace ms::geometry {

double participation_ratio(const Eigen::Ref<const Eigen::MatrixXd>& X);

long numerical_rank(const Eigen::Ref<const Eigen::MatrixXd>& X, double tolerance = 1e-3);

// The smaller Gram matrix of the centered X: Xc Xc^T (n x n) if n <= d, else Xc^T Xc (d x d).
Eigen::MatrixXd centered_small_gram(const Eigen::Ref<const Eigen::MatrixXd>& X);

// The same pieces for callers that center once and share K (baseline_markers.cpp; results bitwise the same):
//   small_gram(Xc)                 the smaller Gram matrix of an already centered Xc
//   participation_ratio_of_gram(K) tr(K)^2 / ||K||_F^2 (NaN for an empty or zero K; the caller checks n >= 2)
//   numerical_rank_of_gram(K, tol) #{lambda_j >= tol^2 lambda_1} over the eigenvalues of K
Eigen::MatrixXd small_gram(const Eigen::Ref<const Eigen::MatrixXd>& Xc);
double participation_ratio_of_gram(const Eigen::Ref<const Eigen::MatrixXd>& K);
long numerical_rank_of_gram(const Eigen::Ref<const Eigen::MatrixXd>& K, double tolerance = 1e-3);

}  // namespace ms::geometry
