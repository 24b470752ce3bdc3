// Multinomial logistic regression with an L2 penalty, fitted full-batch by L-BFGS with a backtracking line search.
// Minimises  mean_i -log softmax(x_i W + b)[y_i]  +  l2/2 ||W||^2   (the bias is not penalised).
//
// Inputs:
//   X        n by d features, one row per sample
//   labels   n class ids in [0, classes)
//   classes  number of classes C
// Outputs:
//   LogisticModel  W d by C, b C; the fit's iterations, final objective, gradient norm and whether it converged
#pragma once

#include <cstdint>
#include <vector>

#include <Eigen/Core>

#include "core/common/result.h"

namespace ms::model {

struct LogisticOptions {
  double l2 = 1e-3;
  int max_iterations = 500;
  double gradient_tolerance = 1e-5;  // stop when max |gradient| falls below this
  int memory = 10;                   // L-BFGS history pairs
};

struct LogisticModel {
  Eigen::MatrixXf weights;  // d by C
  Eigen::VectorXf bias;     // C
  int iterations = 0;
  double objective = 0;
  double gradient_norm = 0;  // max |gradient| at the end
  bool converged = false;
};

Result<LogisticModel> fit_logistic_regression(const Eigen::Ref<const Eigen::MatrixXf>& X,
                                              const std::vector<int32_t>& labels, int classes,
                                              const LogisticOptions& options = {});

// Predicted class per row of X (argmax of X W + b).
std::vector<int32_t> predict(const LogisticModel& model, const Eigen::Ref<const Eigen::MatrixXf>& X);

}  // namespace ms::model
