#include "core/stats/ood_prediction.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <tuple>

namespace ms::stats {

namespace {

struct GroupRows {
  std::vector<long> training;
  std::vector<long> to_predict;
  long skipped = 0;
};

bool has_all(const Eigen::MatrixXd& x, long row) { return x.row(row).array().isFinite().all(); }

// Rows of every group, groups in order of first appearance.
std::vector<std::pair<std::string, GroupRows>> split_rows(const PredictionData& data) {
  std::vector<std::pair<std::string, GroupRows>> groups;
  std::map<std::string, size_t> index;
  const bool with_baseline = data.baseline.size() > 0;
  for (long i = 0; i < data.y.size(); ++i) {
    const std::string label = data.groups.empty() ? "all" : data.groups[static_cast<size_t>(i)];
    auto [it, inserted] = index.try_emplace(label, groups.size());
    if (inserted) groups.push_back({label, {}});
    GroupRows& rows = groups[it->second].second;
    if (!has_all(data.x, i))
      ++rows.skipped;
    else if (std::isnan(data.y(i)))
      rows.to_predict.push_back(i);
    else if (with_baseline && !std::isfinite(data.baseline(i)))
      ++rows.skipped;  // the comparison needs both predictors on the same rows
    else
      rows.training.push_back(i);
  }
  return groups;
}

Eigen::MatrixXd take_rows(const Eigen::MatrixXd& m, const std::vector<long>& rows) {
  Eigen::MatrixXd out(static_cast<long>(rows.size()), m.cols());
  for (size_t i = 0; i < rows.size(); ++i) out.row(static_cast<long>(i)) = m.row(rows[i]);
  return out;
}

// [0, 1] or [0, 100] when every value lies in it (an accuracy), else unbounded.
std::pair<double, double> accuracy_range(const Eigen::VectorXd& y) {
  if (y.size() == 0) return {-INFINITY, INFINITY};
  const double low = y.minCoeff(), high = y.maxCoeff();
  if (low >= 0.0 && high <= 1.0) return {0.0, 1.0};
  if (low >= 0.0 && high <= 100.0) return {0.0, 100.0};
  return {-INFINITY, INFINITY};
}

PredictionInterval clipped(PredictionInterval p, double low, double high) {
  const PredictionInterval raw = p;
  p.value = std::clamp(p.value, low, high);
  p.low = std::clamp(p.low, low, high);
  p.high = std::clamp(p.high, low, high);
  p.clipped = p.value != raw.value || p.low != raw.low || p.high != raw.high;
  return p;
}

Result<GroupPrediction> predict_group(const PredictionData& data, const std::string& label, const GroupRows& rows,
                                      double level) {
  GroupPrediction g;
  g.group = label;
  g.training_rows = rows.training;
  g.skipped = rows.skipped;
  const Eigen::VectorXd y = take_rows(data.y, rows.training);
  auto fit = fit_linear(take_rows(data.x, rows.training), y, data.x_names);
  if (!fit) return make_error("group '" + label + "': " + fit.error());
  g.fit = std::move(fit.value());
  if (data.baseline.size() > 0) {
    auto baseline = fit_linear(take_rows(data.baseline, rows.training), y, {data.baseline_name});
    if (!baseline) return make_error("group '" + label + "', baseline: " + baseline.error());
    g.baseline = std::move(baseline.value());
  }
  std::tie(g.range_low, g.range_high) = accuracy_range(y);
  for (long row : rows.to_predict)
    g.predicted.push_back(
        {row, clipped(predict(g.fit, data.x.row(row).transpose(), level), g.range_low, g.range_high)});
  std::stable_sort(g.predicted.begin(), g.predicted.end(), [](const PredictedRow& a, const PredictedRow& b) {
    return a.prediction.value > b.prediction.value;
  });
  return g;
}

}  // namespace

Result<std::vector<GroupPrediction>> predict_ood(const PredictionData& data, double level) {
  const long n = data.y.size();
  if (data.x.rows() != n || (data.baseline.size() > 0 && data.baseline.size() != n) ||
      (!data.groups.empty() && static_cast<long>(data.groups.size()) != n) ||
      static_cast<long>(data.x_names.size()) != data.x.cols())
    return make_error("predict_ood: predictors, targets, baseline and groups differ in length");
  if (data.x.cols() == 0) return make_error("predict_ood: no predictor");
  std::vector<GroupPrediction> results;
  for (const auto& [label, rows] : split_rows(data)) {
    auto group = predict_group(data, label, rows, level);
    if (!group) return make_error(group.error());
    results.push_back(std::move(group.value()));
  }
  return results;
}

namespace {

// A numeric column with missing fields as NaN (numeric_column refuses them: here they mark the rows to predict).
Result<Eigen::VectorXd> column_with_missing(const CsvTable& table, const std::string& name) {
  const long j = table.column_index(name);
  if (j < 0) return make_error(table.source + ": no column '" + name + "'");
  Eigen::VectorXd values(static_cast<long>(table.rows.size()));
  for (size_t i = 0; i < table.rows.size(); ++i) {
    const std::string& field = table.rows[i][static_cast<size_t>(j)];
    const std::optional<double> value = number_field(field);
    if (!value)
      return make_error(table.source + ":" + std::to_string(table.lines[i]) + ": column '" + name + "': '" + field +
                        "' is not a number");
    values(static_cast<long>(i)) = *value;
  }
  return values;
}

}  // namespace

Result<PredictionData> prediction_data(const CsvTable& table, const PredictTableOptions& options) {
  PredictionData data;
  data.x_names = options.x;
  data.x.resize(static_cast<long>(table.rows.size()), static_cast<long>(options.x.size()));
  for (size_t j = 0; j < options.x.size(); ++j) {
    auto column = column_with_missing(table, options.x[j]);
    if (!column) return make_error(column.error());
    data.x.col(static_cast<long>(j)) = *column;
  }
  auto y = column_with_missing(table, options.y);
  if (!y) return make_error(y.error());
  data.y = std::move(y.value());
  if (!options.baseline.empty()) {
    auto baseline = column_with_missing(table, options.baseline);
    if (!baseline) return make_error(baseline.error());
    data.baseline = std::move(baseline.value());
    data.baseline_name = options.baseline;
  }
  if (!options.group.empty()) {
    auto groups = text_column(table, options.group);
    if (!groups) return make_error(groups.error());
    data.groups = std::move(groups.value());
  }
  return data;
}

}  // namespace ms::stats
