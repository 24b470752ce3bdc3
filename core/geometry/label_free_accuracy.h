// Label-free estimates of a classifier's accuracy on a shifted set, from its logits there and on held-out ID data:
// the baselines of the OOD-accuracy-prediction literature, next to which the geometry markers are judged.
// p = softmax(z) per row; confidence = max_c p_c; negative entropy = sum_c p_c log p_c.
//
//   AC      average confidence on the shifted set (Hendrycks & Gimpel, ICLR 2017)
//   DoC     difference of confidences: ID accuracy - (AC on ID - AC on the shifted set) (Guillory et al., ICCV 2021)
//   ATC-MC  average thresholded confidence (Garg et al., ICLR 2022): a threshold t is fitted on the ID data so that
//   ATC-NE  the ID items scoring above t are as many as the correct ones (the authors' find_ATC_threshold: walk the
//           scores in increasing order, keep the score where |false positives - false negatives| is smallest);
//           the estimate is the share of shifted items scoring above t (get_ATC_acc: s > t). MC scores by
//           confidence, NE by negative entropy.
//           Not the paper's `atc_score` (the accuracy of items with confidence >= 0.95), which keeps its own name.
//
// Inputs:
//   id_logits  n by C logits of held-out ID data (not the training set), id_labels  n ids in [0, C)
//   logits     m by C logits of the shifted set (its labels are not used)
// Errors: no rows, fewer than two classes, a label count or range that does not fit, non-finite logits, a shifted
// set with another class count.
#pragma once

#include <Eigen/Core>

#include "core/common/result.h"

namespace ms::geometry {

struct LabelFreeFit {
  double id_accuracy = 0;
  double id_confidence = 0;        // AC on the ID data
  double confidence_threshold = 0;  // ATC-MC's t
  double entropy_threshold = 0;     // ATC-NE's t (on negative entropy)
  long classes = 0;
};

struct LabelFreeEstimates {
  double average_confidence = 0;  // AC
  double doc = 0;                 // DoC
  double atc_mc = 0;              // ATC with the confidence score
  double atc_ne = 0;              // ATC with the negative-entropy score
};

Result<LabelFreeFit> fit_label_free(const Eigen::Ref<const Eigen::MatrixXf>& id_logits,
                                    const Eigen::Ref<const Eigen::VectorXi>& id_labels);

Result<LabelFreeEstimates> estimate_accuracy(const LabelFreeFit& fit, const Eigen::Ref<const Eigen::MatrixXf>& logits);

// The ATC threshold of scores with correctness flags (exposed for its tests).
double atc_threshold(const Eigen::Ref<const Eigen::VectorXd>& scores,
                     const Eigen::Ref<const Eigen::Array<bool, -1, 1>>& correct);

}  // namespace ms::geometry
