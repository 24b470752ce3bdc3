#include "core/model/linear_probe.h"

#include <cmath>
#include <string>

#include "core/model/train_test_split.h"

namespace ms::model {
namespace {

Eigen::MatrixXf rows_of(const Eigen::Ref<const Eigen::MatrixXf>& X, const std::vector<int64_t>& rows) {
  Eigen::MatrixXf out(static_cast<Eigen::Index>(rows.size()), X.cols());
  for (size_t i = 0; i < rows.size(); ++i) out.row(i) = X.row(rows[i]);
  return out;
}

std::vector<int32_t> labels_of(const std::vector<int32_t>& labels, const std::vector<int64_t>& rows) {
  std::vector<int32_t> out;
  for (int64_t row : rows) out.push_back(labels[row]);
  return out;
}

double accuracy(const std::vector<int32_t>& predicted, const std::vector<int32_t>& truth) {
  int64_t correct = 0;
  for (size_t i = 0; i < truth.size(); ++i) correct += predicted[i] == truth[i];
  return truth.empty() ? 0.0 : double(correct) / double(truth.size());
}

}  // namespace

Result<ProbeResult> linear_probe(const Eigen::Ref<const Eigen::MatrixXf>& X, const std::vector<int32_t>& labels,
                                 int classes, const ProbeOptions& options) {
  if (static_cast<size_t>(X.rows()) != labels.size())
    return make_error("features have " + std::to_string(X.rows()) + " rows for " + std::to_string(labels.size()) +
                      " labels");
  if (!(options.test_fraction > 0 && options.test_fraction < 1)) return make_error("test fraction must be in (0, 1)");
  Split split = train_test_split(labels, options.test_fraction, options.seed);
  if (split.train.empty() || split.test.empty()) return make_error("too few samples for a train/test split");

  Eigen::MatrixXf train = rows_of(X, split.train), test = rows_of(X, split.test);
  if (options.standardize) {
    const Eigen::RowVectorXf mean = train.colwise().mean();
    Eigen::RowVectorXf scale = ((train.rowwise() - mean).array().square().colwise().mean()).sqrt().matrix();
    for (Eigen::Index j = 0; j < scale.size(); ++j) scale(j) = scale(j) > 1e-12f ? 1.0f / scale(j) : 0.0f;
    train = (train.rowwise() - mean).array().rowwise() * scale.array();
    test = (test.rowwise() - mean).array().rowwise() * scale.array();
  }
  const std::vector<int32_t> train_labels = labels_of(labels, split.train), test_labels = labels_of(labels, split.test);
  Result<LogisticModel> fit = fit_logistic_regression(train, train_labels, classes, options.fit);
  if (!fit) return make_error("linear probe: " + fit.error());

  ProbeResult result;
  result.train_count = static_cast<int64_t>(split.train.size());
  result.test_count = static_cast<int64_t>(split.test.size());
  result.train_accuracy = accuracy(predict(*fit, train), train_labels);
  result.test_accuracy = accuracy(predict(*fit, test), test_labels);
  result.iterations = fit->iterations;
  result.converged = fit->converged;
  return result;
}

}  // namespace ms::model
