#include "app/gui/model_selection.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>

#include "views/figure_export.h"

namespace ms::gui {
namespace {

const double kNaN = std::numeric_limits<double>::quiet_NaN();

// The checkpoints of the chosen architecture as PredictionData; `ids` and `archs` name its rows.
stats::PredictionData prediction_data(const CheckpointValues& values, const ModelSelectionOptions& options,
                                      std::vector<std::string>* ids, std::vector<std::string>* archs) {
  std::vector<size_t> rows;
  for (size_t i = 0; i < values.checkpoints.size(); ++i)
    if (options.architecture.empty() || values.architectures[i] == options.architecture) rows.push_back(i);
  const long n = static_cast<long>(rows.size()), p = static_cast<long>(options.markers.size());
  stats::PredictionData data;
  data.x_names = options.markers;
  data.x.resize(n, p);
  data.y.resize(n);
  if (!options.baseline.empty()) {
    data.baseline_name = options.baseline;
    data.baseline.resize(n);
  }
  for (long r = 0; r < n; ++r) {
    const size_t i = rows[static_cast<size_t>(r)];
    for (long j = 0; j < p; ++j) data.x(r, j) = values.predictors[static_cast<size_t>(j)][i];
    if (!options.baseline.empty()) data.baseline(r) = values.predictors.back()[i];
    data.y(r) = values.target[i];
    ids->push_back(values.checkpoints[i]);
    archs->push_back(values.architectures[i]);
    if (options.per_architecture) data.groups.push_back(values.architectures[i]);
  }
  return data;
}

}  // namespace

Result<ModelSelection> model_selection(const store::Project& project, const ModelSelectionOptions& options) {
  if (options.markers.empty()) return make_error("choose at least one marker to predict from");
  std::vector<std::string> predictors = options.markers;
  if (!options.baseline.empty()) predictors.push_back(options.baseline);
  const CheckpointValues values = checkpoint_values(project, predictors, options.layer, options.target);
  std::vector<std::string> ids, archs;
  const stats::PredictionData data = prediction_data(values, options, &ids, &archs);
  auto groups = stats::predict_ood(data, options.level);
  if (!groups) return make_error(groups.error());

  ModelSelection selection;
  for (const stats::GroupPrediction& group : *groups) {
    selection.left_out += group.skipped;
    for (size_t k = 0; k < group.training_rows.size(); ++k) {
      const long row = group.training_rows[k];
      const double measured = data.y(row);
      selection.ranked.push_back({ids[static_cast<size_t>(row)], archs[static_cast<size_t>(row)], true, measured,
                                  kNaN, kNaN, measured - group.fit.loo_residuals(static_cast<long>(k))});
    }
    for (const stats::PredictedRow& predicted : group.predicted) {
      const stats::PredictionInterval& p = predicted.prediction;
      selection.ranked.push_back({ids[static_cast<size_t>(predicted.row)], archs[static_cast<size_t>(predicted.row)],
                                  false, p.value, p.low, p.high, p.value, p.clipped});
    }
  }
  std::stable_sort(selection.ranked.begin(), selection.ranked.end(),
                   [](const RankedCheckpoint& a, const RankedCheckpoint& b) { return a.value > b.value; });
  selection.groups = std::move(groups.value());
  return selection;
}

std::string model_selection_csv(const ModelSelection& selection, const ModelSelectionOptions& options) {
  using views::csv_field;
  using views::csv_number;
  std::string markers;
  for (const std::string& marker : options.markers) markers += (markers.empty() ? "" : "+") + marker;
  std::ostringstream level_text;
  level_text << options.level;  // 0.9, not 0.90000000000000002
  const std::string level = level_text.str();
  std::ostringstream out;
  out << "rank,checkpoint,architecture," << csv_field(options.target) << ",low,high,level,clipped,source,"
      << csv_field("loo_prediction_from_" + markers) << "\n";
  long rank = 0;
  for (const RankedCheckpoint& c : selection.ranked) {
    out << ++rank << ',' << csv_field(c.checkpoint) << ',' << csv_field(c.architecture) << ','
        << csv_number(c.value) << ',' << csv_number(c.low) << ',' << csv_number(c.high) << ','
        << (c.measured ? "" : level) << ',' << (c.measured ? "" : c.clipped ? "1" : "0") << ','
        << (c.measured ? "measured" : "predicted") << ',' << (c.measured ? csv_number(c.prediction) : "") << "\n";
  }
  return out.str();
}

}  // namespace ms::gui
