// Linear probe: how linearly decodable the classes are from frozen features.
// Stratified seeded split, features z-scored with the train statistics, multinomial logistic regression (L2),
// accuracy on the held-out part.
//
// Inputs:
//   X        n by d frozen features, one row per sample
//   labels   n class ids in [0, classes)
//   classes  number of classes
// Outputs:
//   ProbeResult  train/test accuracy, counts, and the fit's report
#pragma once

#include <cstdint>
#include <vector>

#include <Eigen/Core>

#include "core/common/result.h"
#include "core/model/logistic_regression.h"

namespace ms::model {

struct ProbeOptions {
  double test_fraction = 0.25;
  uint64_t seed = 0;
  bool standardize = true;  // z-score each feature (train mean/std); constant features become 0
  LogisticOptions fit;
};

struct ProbeResult {
  double train_accuracy = 0;
  double test_accuracy = 0;
  int64_t train_count = 0;
  int64_t test_count = 0;
  int iterations = 0;
  bool converged = false;
};

Result<ProbeResult> linear_probe(const Eigen::Ref<const Eigen::MatrixXf>& X, const std::vector<int32_t>& labels,
                                 int classes, const ProbeOptions& options = {});

}  // namespace ms::model
