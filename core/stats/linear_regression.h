// Ordinary least squares y = b0 + b . x with prediction intervals and leave-one-out errors, for predicting a
// checkpoint's OOD accuracy from its ID markers (ood_prediction.h).
//
// Inputs:
//   x  n x p predictors (no intercept column: it is added here), finite
//   y  n targets, finite
// Outputs:
//   LinearFit: coefficients (b0, b1..bp), R^2, residual standard deviation s = sqrt(SSE / (n - p - 1)), and the
//   leave-one-out residuals e_i / (1 - h_ii) with their RMSE and MAE (h_ii the leverage, the diagonal of the hat
//   matrix X (X^T X)^-1 X^T; exact for OLS, Hastie, Tibshirani & Friedman, ESL 2nd ed., eq. 7.52 / Cook & Weisberg).
//   predict(): b0 + b . x0 with the two-sided prediction interval
//   +- t*_{n-p-1} s sqrt(1 + x0~^T (X~^T X~)^-1 x0~), x0~ = (1, x0) (any regression text, e.g. Montgomery, Peck &
//   Vining, Introduction to Linear Regression Analysis, eq. 3.54); t* from special_functions.h.
// Errors: fewer than p + 2 rows (no degree of freedom left for s); a design whose columns (with the intercept) are
// linearly dependent, e.g. a constant predictor: named by the `names` given.
// Solved with Eigen's column-pivoting Householder QR, X~ P = Q R: (X~^T X~)^-1 = P R^-1 R^-T P^T, h_ii = |Q_i|^2.
#pragma once

#include <string>
#include <vector>

#include <Eigen/Core>

#include "core/common/result.h"

namespace ms::stats {

struct LinearFit {
  Eigen::VectorXd coefficients;  // (p + 1): intercept, then one per predictor
  long n = 0;
  double r_squared = 0.0;
  double residual_sd = 0.0;      // s
  Eigen::VectorXd loo_residuals;  // n: y_i minus the prediction of the fit without row i (NaN when h_ii = 1)
  double loo_rmse = 0.0;
  double loo_mae = 0.0;
  // Internals of predict(): R of the QR (p + 1 square, upper triangular) and its column permutation.
  Eigen::MatrixXd r;
  Eigen::VectorXi permutation;
};

struct PredictionInterval {
  double value = 0.0;
  double low = 0.0;
  double high = 0.0;
  bool clipped = false;  // set by callers that bound the target (ood_prediction.h: accuracies)
};

// names: one per predictor column, for the messages.
Result<LinearFit> fit_linear(const Eigen::Ref<const Eigen::MatrixXd>& x, const Eigen::Ref<const Eigen::VectorXd>& y,
                             const std::vector<std::string>& names);

// x0: p predictor values; level: e.g. 0.95.
PredictionInterval predict(const LinearFit& fit, const Eigen::Ref<const Eigen::VectorXd>& x0, double level = 0.95);

}  // namespace ms::stats
