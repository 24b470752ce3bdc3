// Accuracy and mean cross-entropy of classification logits.
//
// Inputs:
//   logits  n by C, one row per item
//   labels  n class ids in [0, C)
// Outputs:
//   Evaluation  accuracy in [0, 1] (ties go to the lowest class id), mean cross-entropy in nats
#pragma once

#include <cstdint>
#include <vector>

#include <Eigen/Core>

#include "core/common/result.h"

namespace ms::model {

struct Evaluation {
  int64_t count = 0;
  double accuracy = 0;
  double loss = 0;
};

Result<Evaluation> evaluate_logits(const Eigen::Ref<const Eigen::MatrixXf>& logits, const std::vector<int32_t>& labels);

}  // namespace ms::model
