// Partial correlation of x and y controlling for one covariate z: the Pearson r of the residuals of x and y after
// least-squares regression (with intercept) on z. Two-sided p from Student's t with n - 3 degrees of freedom
// (n - 2 - number of covariates, as pingouin.partial_corr).
//
// Inputs:
//   x, y, z  n values each (n >= 4)
// Outputs:
//   CorrelationResult {n, r, p}; NaN when undefined.
#pragma once

#include <Eigen/Core>

#include "core/stats/correlation.h"

namespace ms::stats {

CorrelationResult partial_correlation(const Eigen::Ref<const Eigen::VectorXd>& x,
                                      const Eigen::Ref<const Eigen::VectorXd>& y,
                                      const Eigen::Ref<const Eigen::VectorXd>& z);

}  // namespace ms::stats
