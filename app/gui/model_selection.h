// From a project (or an opened results table) to the model-selection view: fit the OOD target on the chosen ID
// marker(s) over the checkpoints that have it and predict it, with a prediction interval (95 % by default; clipped
// to [0, 1] or [0, 100] for accuracies), for those that do not
// (core/stats/ood_prediction.h), per architecture or pooled; the leave-one-out error of that predictor against the
// same predictor on the baseline (ID accuracy); every checkpoint ranked by its OOD value, predicted or measured.
//
// Values per checkpoint come from ood_correlation.h (markers at a layer, id_* metrics, targets), so the view reads
// exactly what Marker vs OOD and Correlations read.
#pragma once

#include <string>
#include <vector>

#include "app/gui/ood_correlation.h"
#include "core/common/result.h"
#include "core/stats/ood_prediction.h"
#include "core/store/project.h"

namespace ms::gui {

struct ModelSelectionOptions {
  std::vector<std::string> markers{"dimension"};  // one or more predictors (ood_markers keys)
  std::string layer = kPenultimateLayer;
  std::string target = kMeanOodAccuracy;
  std::string baseline = "id_accuracy";  // "" = no baseline
  bool per_architecture = true;          // false: all checkpoints in one fit
  std::string architecture;              // "" = all architectures
  double level = 0.95;
};

struct RankedCheckpoint {
  std::string checkpoint;
  std::string architecture;
  bool measured = false;  // the target is known: value is it, `prediction` its leave-one-out prediction
  double value = 0.0;     // measured target, or the prediction
  double low = 0.0, high = 0.0;  // prediction interval (predicted rows only; NaN for measured ones)
  double prediction = 0.0;       // predicted: = value; measured: the fit without this checkpoint
  bool clipped = false;          // predicted: value or interval clipped to the accuracy range
};

struct ModelSelection {
  std::vector<stats::GroupPrediction> groups;  // per architecture (or one "all")
  std::vector<RankedCheckpoint> ranked;        // highest value first; checkpoints missing a marker are left out
  long left_out = 0;                           // checkpoints without every marker (or, measured, the baseline)
};

// Errors: as predict_ood (too few checkpoints with the target in a group, a constant marker), naming the group.
Result<ModelSelection> model_selection(const store::Project& project, const ModelSelectionOptions& options);

// The ranked table as CSV (what the tab's "Save Data…" writes): rank, checkpoint, architecture, the target's value,
// its interval at `level` and whether it was clipped (predicted rows), source, leave-one-out prediction (measured).
std::string model_selection_csv(const ModelSelection& selection, const ModelSelectionOptions& options);

}  // namespace ms::gui
