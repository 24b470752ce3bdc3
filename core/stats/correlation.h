// Correlation coefficients with two-sided p-values, matching scipy.stats (pearsonr, spearmanr, kendalltau).
//
// Inputs:
//   x  n values
//   y  n values (same n; NaN-free — the caller drops missing rows)
// Outputs:
//   CorrelationResult {n, statistic, p}; statistic and p are NaN when undefined (n < 3 for Pearson/Spearman,
//   n < 2 for Kendall, or a constant input).
#pragma once

#include <Eigen/Core>

namespace ms::stats {

struct CorrelationResult {
  long n = 0;
  double statistic = 0.0;  // r, rho or tau
  double p = 1.0;          // two-sided
};

// Pearson r; p from Student's t with n-2 degrees of freedom (scipy.stats.pearsonr).
CorrelationResult pearson(const Eigen::Ref<const Eigen::VectorXd>& x, const Eigen::Ref<const Eigen::VectorXd>& y);

// Spearman rho = Pearson r of the average ranks; p from the same t approximation (scipy.stats.spearmanr).
CorrelationResult spearman(const Eigen::Ref<const Eigen::VectorXd>& x, const Eigen::Ref<const Eigen::VectorXd>& y);

// Kendall tau-b. p as scipy.stats.kendalltau(method="auto"): exact permutation distribution when neither input has
// ties and (n <= 33 or the count of discordant pairs is within 1 of 0 or of n(n-1)/2); otherwise the normal
// approximation with the tie-corrected variance.
CorrelationResult kendall(const Eigen::Ref<const Eigen::VectorXd>& x, const Eigen::Ref<const Eigen::VectorXd>& y);

// Average ranks (1-based; ties share the mean of their positions), as scipy.stats.rankdata(method="average").
Eigen::VectorXd average_ranks(const Eigen::Ref<const Eigen::VectorXd>& v);

// Pearson r alone (no p), for bootstrap loops. NaN if a side is constant.
double pearson_r(const Eigen::Ref<const Eigen::VectorXd>& x, const Eigen::Ref<const Eigen::VectorXd>& y);

}  // namespace ms::stats
