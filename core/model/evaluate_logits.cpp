#include "core/model/evaluate_logits.h"

#include <cmath>
#include <string>

namespace ms::model {

Result<Evaluation> evaluate_logits(const Eigen::Ref<const Eigen::MatrixXf>& logits, const std::vector<int32_t>& labels) {
  const Eigen::Index n = logits.rows(), classes = logits.cols();
  if (static_cast<size_t>(n) != labels.size())
    return make_error("logits have " + std::to_string(n) + " rows for " + std::to_string(labels.size()) + " labels");
  if (n == 0 || classes == 0) return make_error("no logits to evaluate");
  Evaluation result;
  result.count = n;
  int64_t correct = 0;
  double loss = 0;
  for (Eigen::Index i = 0; i < n; ++i) {
    const int32_t label = labels[i];
    if (label < 0 || label >= classes)
      return make_error("label " + std::to_string(label) + " of item " + std::to_string(i) + " is outside [0, " +
                        std::to_string(classes) + ")");
    Eigen::Index predicted = 0;
    const double top = logits.row(i).maxCoeff(&predicted);
    correct += predicted == label;
    // log-sum-exp shifted by the maximum: no overflow for large logits
    double sum = 0;
    for (Eigen::Index c = 0; c < classes; ++c) sum += std::exp(double(logits(i, c)) - top);
    loss += top + std::log(sum) - double(logits(i, label));
  }
  result.accuracy = double(correct) / double(n);
  result.loss = loss / double(n);
  return result;
}

}  // namespace ms::model
