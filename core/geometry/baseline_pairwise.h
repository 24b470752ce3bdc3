// Pairwise baselines of the paper's code (analysis/*.py):
//   mean_distance    mean over pairs i<j of ||x_i - x_j||                 } from the sample Gram matrix (n x n,
//   mean_angle       mean over pairs i<j of arccos(clip(cos(x_i, x_j), -1, 1)), } baseline_gram.h), one product
//                    norms floored at 1e-8 (radians)
//   mean_covariance  mean over feature pairs k<l of |Cov_kl| (sample covariance, ddof 1). |.| prevents a closed
//                    form, so Cov is formed one block of rows at a time (block x d), never as a d x d matrix.
//   sparsity         #{|x| > threshold} / (n d)   (a density of nonzeros, as in the released tables)
//
// Inputs:
//   X  n by d features, one row per sample
//   block  feature rows per block of the covariance; memory ~ block * d doubles
// Outputs: the statistic; NaN when there is no pair (n < 2, or d < 2 for mean_covariance).
#pragma once

#include <cstdint>
#include <vector>

#include <Eigen/Core>

namespace ms::geometry {

double mean_distance(const Eigen::Ref<const Eigen::MatrixXd>& X);
double mean_angle(const Eigen::Ref<const Eigen::MatrixXd>& X);
double mean_covariance(const Eigen::Ref<const Eigen::MatrixXd>& X, long block = 256);
// The same mean estimated from `pairs` feature pairs k<l drawn uniformly (seeded): O(n * pairs) instead of O(n d^2),
// for wide layers (d = 25088 costs ~1.6e11 flops exactly). With 1e6 pairs the relative standard error is
// ~ sd(|Cov|) / mean(|Cov|) / 1000. The pairs are drawn first and visited in a cache-friendly order (by column
// stripe, then column), which changes the value only by floating-point summation order; cache_order = false visits
// them in the order drawn (the straightforward loop, several times slower on wide layers; kept for comparison).
double mean_covariance_sampled(const Eigen::Ref<const Eigen::MatrixXd>& X, long pairs, unsigned long long seed,
                               bool cache_order = true);
double sparsity(const Eigen::Ref<const Eigen::MatrixXd>& X, double threshold = 1e-6);
// The feature pairs mean_covariance_sampled visits for an n by d matrix, in its order, interleaved (k, l, k, l, ...):
// as drawn, or (cache_order, and the matrix larger than the cache) by column stripe.
std::vector<std::uint32_t> covariance_pairs(long n, long d, long pairs, unsigned long long seed, bool cache_order);

// The same statistics of an already centered Xc (X minus its column means), for callers that center once and share
// it (baseline_markers.cpp): bitwise what the functions above return for X.
double mean_covariance_centered(const Eigen::Ref<const Eigen::MatrixXd>& Xc, long block = 256);
double mean_covariance_sampled_centered(const Eigen::Ref<const Eigen::MatrixXd>& Xc, long pairs,
                                        unsigned long long seed, bool cache_order = true);

}  // namespace ms::geometry
