// Logit-based baselines of the paper (z = logits, p = softmax(z), prediction = argmax z):
//   auroc         area under the ROC of max p separating correct (positive) from incorrect predictions: the
//                 Mann-Whitney statistic with average ranks for ties (as sklearn.metrics.roc_auc_score);
//                 NaN if all predictions are correct or all wrong
//   confidence    mean max p
//   entropy       mean of -sum_c p_c log(p_c + 1e-12)
//   atc_score     accuracy on the samples with max p >= 0.95 (0 if there are none)
//   logit_margin  mean of z_true - max_{c != true} z_c
//   energy_score  mean of -logsumexp(z)
//   accuracy      share of correct predictions
//
// Inputs:
//   logits  n by C, one row per sample
//   labels  n true class ids in [0, C)
#pragma once

#include <Eigen/Core>

#include "core/common/result.h"

namespace ms::geometry {

struct LogitMarkers {
  double auroc = 0.0;
  double confidence = 0.0;
  double entropy = 0.0;
  double atc_score = 0.0;
  double logit_margin = 0.0;
  double energy_score = 0.0;
  double accuracy = 0.0;
};

Result<LogitMarkers> compute_logit_markers(const Eigen::Ref<const Eigen::MatrixXd>& logits,
                                           const Eigen::Ref<const Eigen::VectorXi>& labels);
Result<LogitMarkers> compute_logit_markers(const Eigen::Ref<const Eigen::MatrixXf>& logits,
                                           const Eigen::Ref<const Eigen::VectorXi>& labels);

// Mann-Whitney AUROC of `scores` for positives vs negatives (average ranks for ties). NaN if a side is empty.
double auroc(const Eigen::Ref<const Eigen::VectorXd>& scores, const Eigen::Ref<const Eigen::Array<bool, -1, 1>>& positive);

}  // namespace ms::geometry
