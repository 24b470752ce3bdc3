// baseline_gram: the one sample-space product the Gram-based baselines read (participation ratio, numerical rank,
// mean distance, mean angle), so that a wide layer costs one dsyrk (n^2 d) instead of one per statistic.
//
//   SampleGram::centered  Kc = Xc Xc^T, Xc = X minus its column mean (n x n)
//   SampleGram::raw       K = X X^T, recovered from Kc without a second product: x_i = xc_i + mu, so
//                         K_ij = Kc_ij + v_i + v_j + |mu|^2 with v = Xc mu (n d flops). No cancellation: every term
//                         is a plain inner product of the data; rows that are exactly zero stay exactly zero.
//   mean_distance_of_gram(Kc)  mean over i<j of sqrt(max(0, Kc_ii + Kc_jj - 2 Kc_ij))  (centering first loses less
//                              precision near the mean; distances are translation invariant)
//   mean_angle_of_gram(K)      mean over i<j of arccos(clip(K_ij / (|x_i| |x_j|), -1, 1)), norms floored at 1e-8
//
// Inputs:
//   X     n by d features, one row per sample; or Xc (centered) with its column mean mu (1 by d)
// Outputs: the two n by n matrices; the statistics, NaN when n < 2.
#pragma once

#include <Eigen/Core>

namespace ms::geometry {

struct SampleGram {
  Eigen::MatrixXd centered;
  Eigen::MatrixXd raw;
};

SampleGram sample_gram(const Eigen::Ref<const Eigen::MatrixXd>& X);
SampleGram sample_gram_of_centered(const Eigen::Ref<const Eigen::MatrixXd>& Xc,
                                   const Eigen::Ref<const Eigen::RowVectorXd>& mu);

double mean_distance_of_gram(const Eigen::Ref<const Eigen::MatrixXd>& Kc);
double mean_angle_of_gram(const Eigen::Ref<const Eigen::MatrixXd>& K);

}  // namespace ms::geometry
