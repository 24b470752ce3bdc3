#include "core/geometry/baseline_logits.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <string>
#include <vector>

namespace ms::geometry {

double auroc(const Eigen::Ref<const Eigen::VectorXd>& scores, const Eigen::Ref<const Eigen::Array<bool, -1, 1>>& positive) {
  const long n = scores.size();
  const long positives = positive.count(), negatives = n - positives;
  if (positives == 0 || negatives == 0) return std::numeric_limits<double>::quiet_NaN();
  std::vector<long> order(static_cast<std::size_t>(n));
  std::iota(order.begin(), order.end(), 0L);
  std::sort(order.begin(), order.end(), [&](long a, long b) { return scores(a) < scores(b); });
  double positive_rank_sum = 0.0;
  long i = 0;
  while (i < n) {  // tie groups share the mean rank
    long j = i + 1;
    while (j < n && scores(order[j]) == scores(order[i])) ++j;
    const double rank = 0.5 * static_cast<double>(i + j - 1) + 1.0;
    for (long k = i; k < j; ++k)
      if (positive(order[k])) positive_rank_sum += rank;
    i = j;
  }
  const double p = static_cast<double>(positives), q = static_cast<double>(negatives);
  return (positive_rank_sum - p * (p + 1) / 2) / (p * q);
}

Result<LogitMarkers> compute_logit_markers(const Eigen::Ref<const Eigen::MatrixXd>& logits,
                                           const Eigen::Ref<const Eigen::VectorXi>& labels) {
  const long n = logits.rows(), C = logits.cols();
  if (n == 0 || C < 2) return make_error("logit markers: need at least one sample and two classes");
  if (labels.size() != n)
    return make_error("logit markers: " + std::to_string(labels.size()) + " labels for " + std::to_string(n) + " rows");
  if (labels.minCoeff() < 0 || labels.maxCoeff() >= C)
    return make_error("logit markers: labels must lie in [0, " + std::to_string(C) + ")");
  LogitMarkers m;
  Eigen::VectorXd max_p(n);
  Eigen::Array<bool, -1, 1> correct(n);
  long confident = 0, confident_correct = 0;
  for (long i = 0; i < n; ++i) {
    const Eigen::RowVectorXd z = logits.row(i);
    Eigen::Index top = 0;
    const double z_max = z.maxCoeff(&top);
    const Eigen::RowVectorXd e = (z.array() - z_max).exp();
    const double sum = e.sum();
    const Eigen::RowVectorXd p = e / sum;
    const double log_sum_exp = z_max + std::log(sum);
    max_p(i) = p(top);
    correct(i) = top == labels(i);
    m.entropy += -(p.array() * (p.array() + 1e-12).log()).sum();
    m.energy_score += -log_sum_exp;
    double other = -std::numeric_limits<double>::infinity();
    for (long c = 0; c < C; ++c)
      if (c != labels(i)) other = std::max(other, z(c));
    m.logit_margin += z(labels(i)) - other;
    if (max_p(i) >= 0.95) {
      ++confident;
      confident_correct += correct(i);
    }
  }
  const double count = static_cast<double>(n);
  m.confidence = max_p.mean();
  m.entropy /= count;
  m.energy_score /= count;
  m.logit_margin /= count;
  m.accuracy = static_cast<double>(correct.count()) / count;
  m.atc_score = confident > 0 ? static_cast<double>(confident_correct) / static_cast<double>(confident) : 0.0;
  m.auroc = auroc(max_p, correct);
  return m;
}

Result<LogitMarkers> compute_logit_markers(const Eigen::Ref<const Eigen::MatrixXf>& logits,
                                           const Eigen::Ref<const Eigen::VectorXi>& labels) {
  return compute_logit_markers(Eigen::MatrixXd(logits.cast<double>()), labels);
}

}  // namespace ms::geometry
