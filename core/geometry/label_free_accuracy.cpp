#include "core/geometry/label_free_accuracy.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <string>
#include <vector>

namespace ms::geometry {
namespace {

struct Scores {
  Eigen::VectorXd confidence, negative_entropy;
  Eigen::VectorXi prediction;
};

// Softmax scores per row, computed in double from the shifted logits (max subtracted) so large logits do not overflow.
Result<Scores> softmax_scores(const Eigen::Ref<const Eigen::MatrixXf>& logits) {
  const long n = logits.rows(), C = logits.cols();
  if (n == 0 || C < 2) return make_error("label-free estimates: need at least one row and two classes");
  if (!logits.allFinite()) return make_error("label-free estimates: the logits hold NaN or Inf");
  Scores scores{Eigen::VectorXd(n), Eigen::VectorXd(n), Eigen::VectorXi(n)};
  for (long i = 0; i < n; ++i) {
    Eigen::Index top = 0;
    const double max = logits.row(i).maxCoeff(&top);
    const Eigen::ArrayXd shifted = logits.row(i).transpose().cast<double>().array() - max;
    const Eigen::ArrayXd p = shifted.exp() / shifted.exp().sum();
    scores.confidence(i) = p.maxCoeff();
    scores.negative_entropy(i) = (p * p.max(1e-300).log()).sum();
    scores.prediction(i) = static_cast<int>(top);
  }
  return scores;
}

double share_above(const Eigen::VectorXd& scores, double threshold) {
  return static_cast<double>((scores.array() > threshold).count()) / static_cast<double>(scores.size());
}

}  // namespace

double atc_threshold(const Eigen::Ref<const Eigen::VectorXd>& scores,
                     const Eigen::Ref<const Eigen::Array<bool, -1, 1>>& correct) {
  std::vector<long> order(static_cast<size_t>(scores.size()));
  std::iota(order.begin(), order.end(), 0L);
  std::stable_sort(order.begin(), order.end(), [&](long a, long b) { return scores(a) < scores(b); });
  // Walking up: items below the walk are predicted wrong. fp = wrong items still above, fn = correct items below.
  double fp = static_cast<double>((!correct).count()), fn = 0;
  // Start below every score: when all items are correct, all are above (the reference starts at 0, which would put
  // every negative-entropy score below).
  double best = std::fabs(fp - fn), threshold = -std::numeric_limits<double>::infinity();
  for (long index : order) {
    if (correct(index))
      fn += 1;
    else
      fp -= 1;
    if (std::fabs(fp - fn) < best) {
      best = std::fabs(fp - fn);
      threshold = scores(index);
    }
  }
  return threshold;
}

Result<LabelFreeFit> fit_label_free(const Eigen::Ref<const Eigen::MatrixXf>& id_logits,
                                    const Eigen::Ref<const Eigen::VectorXi>& id_labels) {
  if (id_labels.size() != id_logits.rows())
    return make_error("label-free fit: " + std::to_string(id_labels.size()) + " labels for " +
                      std::to_string(id_logits.rows()) + " rows");
  Result<Scores> scores = softmax_scores(id_logits);
  if (!scores) return make_error(scores.error());
  if (id_labels.minCoeff() < 0 || id_labels.maxCoeff() >= id_logits.cols())
    return make_error("label-free fit: labels must lie in [0, " + std::to_string(id_logits.cols()) + ")");
  const Eigen::Array<bool, -1, 1> correct = scores->prediction.array() == id_labels.array();
  LabelFreeFit fit;
  fit.classes = id_logits.cols();
  fit.id_accuracy = static_cast<double>(correct.count()) / static_cast<double>(correct.size());
  fit.id_confidence = scores->confidence.mean();
  fit.confidence_threshold = atc_threshold(scores->confidence, correct);
  fit.entropy_threshold = atc_threshold(scores->negative_entropy, correct);
  return fit;
}

Result<LabelFreeEstimates> estimate_accuracy(const LabelFreeFit& fit, const Eigen::Ref<const Eigen::MatrixXf>& logits) {
  if (logits.cols() != fit.classes)
    return make_error("label-free estimates: " + std::to_string(logits.cols()) + " classes on the shifted set, " +
                      std::to_string(fit.classes) + " on the ID data");
  Result<Scores> scores = softmax_scores(logits);
  if (!scores) return make_error(scores.error());
  LabelFreeEstimates estimates;
  estimates.average_confidence = scores->confidence.mean();
  estimates.doc = fit.id_accuracy - (fit.id_confidence - estimates.average_confidence);
  estimates.atc_mc = share_above(scores->confidence, fit.confidence_threshold);
  estimates.atc_ne = share_above(scores->negative_entropy, fit.entropy_threshold);
  return estimates;
}

}  // namespace ms::geometry
