// Predict, don't just correlate: fit OOD accuracy on ID markers over the checkpoints that have OOD results and
// predict it, with a prediction interval, for the checkpoints that have only ID data; rank those; compare the
// leave-one-out error of the markers with that of the same predictor built on ID accuracy (the paper's baseline).
//
// Inputs (PredictionData, one entry per checkpoint, n of them):
//   x         n x p marker values (e.g. dimension_id); a row with a NaN predictor is left out
//   y         n OOD values; NaN marks the checkpoints to predict
//   baseline  n values of the baseline predictor (ID accuracy), or empty for none
//   groups    n group labels (architectures), or empty: one group "all"
// Outputs:
//   one GroupPrediction per group, in order of first appearance: the marker fit (linear_regression.h) and the
//   baseline fit on the same training rows (those with y, every x and the baseline), and the predicted rows
//   (y NaN, every x known) ranked by prediction, highest first, with their prediction interval at `level`.
//   Accuracies cannot leave [0, 1] (or [0, 100] in percent): when every known y of a group lies in one of those
//   ranges, predictions and interval ends are clipped to it and `clipped` says so (a straight line does not know
//   the bound; an interval past 100 % would only mislead).
// Errors: a group with too few training rows for the number of predictors (naming the group and the count), a
// singular design (a constant column), x and y of different lengths.
#pragma once

#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include <Eigen/Core>

#include "core/common/result.h"
#include "core/stats/csv_table.h"
#include "core/stats/linear_regression.h"

namespace ms::stats {

struct PredictionData {
  std::vector<std::string> x_names;  // p, for messages
  Eigen::MatrixXd x;                 // n x p
  Eigen::VectorXd y;                 // n
  std::string baseline_name;
  Eigen::VectorXd baseline;          // n or empty
  std::vector<std::string> groups;   // n or empty
};

struct PredictedRow {
  long row = 0;  // index into PredictionData's rows
  PredictionInterval prediction;
};

struct GroupPrediction {
  std::string group;
  std::vector<long> training_rows;  // rows the fits used
  LinearFit fit;
  std::optional<LinearFit> baseline;
  std::vector<PredictedRow> predicted;  // highest prediction first
  double range_low = -INFINITY, range_high = INFINITY;  // the bound the predictions were clipped to
  long skipped = 0;                     // rows left out: a predictor (or, for training, the baseline) missing
};

Result<std::vector<GroupPrediction>> predict_ood(const PredictionData& data, double level = 0.95);

// The same from a CSV table: columns by name (x one or more; baseline and group may be empty).
struct PredictTableOptions {
  std::vector<std::string> x;
  std::string y;
  std::string baseline;
  std::string group;
  double level = 0.95;
};
Result<PredictionData> prediction_data(const CsvTable& table, const PredictTableOptions& options);

}  // namespace ms::stats
