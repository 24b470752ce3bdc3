// From a project to the marker-versus-OOD plots: what there is to choose (markers, layers, OOD targets, colour
// groups), the scatter of one marker against one target with its correlation numbers, and the heat map of Pearson r
// of every marker against every target (or against one target per architecture, as the paper reports).
//
// The ID dataset is the one the geometry was measured on (geometry_dataset). Per checkpoint:
//   marker  the geometry marker at a layer of that checkpoint: kPenultimateLayer = the second to last of its
//           analysed layers by layer_index (where the analysis puts the transfer probe; a checkpoint with a single
//           layer, as a results table without layer columns, has it there), or a layer by name; or an
//           ID evaluation metric, "id_<metric>" (id_accuracy, id_auroc, id_entropy, ...), which has no layer; or a
//           label-free estimate of the target's own accuracy, "label_free:<metric>" (confidence = AC, doc_accuracy,
//           atc_accuracy, atc_ne_accuracy: store/ood_sets.h), read from the target's OOD set (for the mean OOD
//           accuracy, the mean over the sets); it has no layer and no value for the other targets.
//   target  kMeanOodAccuracy = mean accuracy over the OOD sets (missing unless the checkpoint has all of them);
//           "acc_<name>" = accuracy on one OOD set, a shifted copy of the ID set or a user set (e.g. acc_fog:3,
//           store/ood_sets.h); "probe_accuracy_<set>" = linear-probe accuracy on a transfer set; "id_accuracy" =
//           accuracy on the ID set.
// Checkpoints missing either value are left out and counted (ScatterData::missing, HeatmapData::n).
#pragma once

#include <string>
#include <vector>

#include "core/stats/bootstrap.h"
#include "core/store/project.h"
#include "views/plot_data.h"

namespace ms::gui {

inline const std::string kPenultimateLayer = "penultimate";
inline const std::string kMeanOodAccuracy = "mean_ood_accuracy";
inline const std::string kLabelFreePrefix = "label_free:";

// The OOD-evaluation metrics offered as label-free rows: confidence (AC), DoC, ATC-MC, ATC-NE.
const std::vector<std::string>& label_free_metrics();

struct OodTarget {
  std::string key;    // stable name, as the results CSV's column: "acc_fog:3", "probe_accuracy_uci-digits@28x28"
  std::string label;  // for menus and axis titles: "accuracy fog:3"
};

// Mean OOD accuracy first (when there are OOD sets), then each OOD set by name, each transfer probe, ID accuracy.
std::vector<OodTarget> ood_targets(const store::Project& project);
// The label of a target key (the key itself when the project does not offer it).
std::string target_label(const store::Project& project, const std::string& key);

// Geometry markers of the ID set (the paper's first: dimension, utility, radius, capacity, the alignments,
// participation_ratio, nc1; then the rest alphabetically), then the ID evaluation metrics as "id_<metric>", then
// the label-free estimates the OOD sets carry ("label_free:<metric>").
std::vector<std::string> ood_markers(const store::Project& project);

// The rows of the paper's heat map that the project has: the GLUE markers and alignments, the baselines
// (participation ratio, nc1, sparsity, mean covariance/distance/angle, numerical rank) and the ID accuracy, AUROC
// and entropy, the training accuracy (a results table's acc_train) and the label-free estimates, in ood_markers
// order.
std::vector<std::string> paper_markers(const store::Project& project);

// kPenultimateLayer, then every analysed layer name in depth order (layer_index, then name).
std::vector<std::string> marker_layers(const store::Project& project);

// What points can be coloured by: "architecture", then every hyper-parameter key.
std::vector<std::string> colour_keys(const store::Project& project);

// The penultimate analysed layer of a checkpoint on the ID set (its only layer when it has one); "" for none.
std::string penultimate_layer(const store::Project& project, const std::string& checkpoint);

struct ScatterOptions {
  std::string marker = "dimension";
  std::string layer = kPenultimateLayer;
  std::string target = kMeanOodAccuracy;
  std::string colour_by;     // "" = no groups, "architecture", or a hyper-parameter key
  std::string architecture;  // "" = all checkpoints
  stats::BootstrapOptions bootstrap{1000, 0.95, 0};  // CI of Pearson r; resamples 0 = none
};

// One point per checkpoint with both values (project order; labels = checkpoint ids), Pearson r/p, Spearman rho/p
// (core/stats/correlation.h) and the seeded bootstrap CI of r; for an OOD set's accuracy also each point's stored
// Wilson interval and item count (y_low, y_high, y_items).
views::ScatterData ood_scatter(const store::Project& project, const ScatterOptions& options);

struct HeatmapOptions {
  std::string layer = kPenultimateLayer;
  std::string architecture;              // pooled mode: "" = all checkpoints, else one architecture
  bool by_architecture = false;          // columns = architectures, for `target`
  std::string target = kMeanOodAccuracy;
  std::vector<std::string> markers;      // rows; empty = ood_markers
  std::vector<std::string> targets;      // pooled-mode columns (keys); empty = every ood_targets key
};

// The map and the keys behind its labels (rows = markers; columns = target keys, or architectures).
struct OodHeatmap {
  views::HeatmapData data;
  std::vector<std::string> row_keys;
  std::vector<std::string> column_keys;
};

// Pearson r, p, n and stars (core/stats/significance.h) per cell, over the checkpoints with both values. The title
// names the layer, the checkpoints (or the target) and n (its range when missing values make it vary).
OodHeatmap ood_heatmap(const store::Project& project, const HeatmapOptions& options);

// Per checkpoint (project order): its id and architecture, the value of each predictor (a marker at `layer`, an
// id_* metric such as id_accuracy, or a label-free estimate of `target`) and of `target`; NaN where missing. What the
// model-selection view fits and predicts from (core/stats/ood_prediction.h).
struct CheckpointValues {
  std::vector<std::string> checkpoints;
  std::vector<std::string> architectures;
  std::vector<std::vector<double>> predictors;  // [predictor][checkpoint]
  std::vector<double> target;
};
CheckpointValues checkpoint_values(const store::Project& project, const std::vector<std::string>& predictors,
                                   const std::string& layer, const std::string& target);

}  // namespace ms::gui
