#include "app/gui/ood_correlation.h"

#include <Eigen/Core>
#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <set>
#include <utility>

#include "app/gui/project_profile.h"
#include "core/stats/correlation.h"
#include "core/stats/significance.h"
#include "core/store/marker_catalogue.h"
#include "core/store/ood_sets.h"

namespace ms::gui {
namespace {

const double kNaN = std::numeric_limits<double>::quiet_NaN();
const std::string kIdPrefix = "id_";

// Whether a row of the marker lists (a geometry marker, or "id_<metric>" of the ID set) is one of the paper's
// released tables (store/marker_catalogue.h).
bool in_paper_tables(const std::string& name) {
  const bool id_metric = name.rfind(kIdPrefix, 0) == 0;
  const std::string stored = id_metric ? name.substr(kIdPrefix.size()) : name;
  const store::MarkerInfo* info = store::find_marker(stored);
  return info && info->name == stored && info->paper_table && id_metric == (info->family == store::MarkerFamily::logit);
}

double depth(const store::GeometryEntry& entry) {
  auto it = entry.markers.find("layer_index");
  return it == entry.markers.end() ? 0.0 : it->second;
}

double metric(const store::EvaluationEntry* entry, const std::string& name) {
  if (!entry) return kNaN;
  auto it = entry->metrics.find(name);
  return it == entry->metrics.end() ? kNaN : it->second;
}

// One pass over the project so heat maps look values up by checkpoint instead of scanning everything per cell.
struct ProjectIndex {
  std::string id_dataset;
  std::vector<store::OodSet> ood;      // built-in shifts and user sets alike (store/ood_sets.h), by name
  std::map<std::string, std::string> ood_dataset;  // name -> evaluation dataset
  std::vector<std::string> transfers;  // evaluation datasets with a probe accuracy, sorted
  std::map<std::string, std::vector<const store::GeometryEntry*>> layers;  // checkpoint -> ID-set layers by depth
  std::map<std::string, std::map<std::string, const store::EvaluationEntry*>> evaluations;  // checkpoint -> dataset

  explicit ProjectIndex(const store::Project& project)
      : id_dataset(geometry_dataset(project)), ood(store::ood_sets(project, id_dataset)) {
    for (const auto& set : ood) ood_dataset[set.name] = set.dataset;
    std::set<std::string> transfer_set;
    for (const auto& entry : project.geometry)
      if (entry.dataset == id_dataset) layers[entry.checkpoint].push_back(&entry);
    for (auto& [checkpoint, entries] : layers)
      std::stable_sort(entries.begin(), entries.end(), [](auto* a, auto* b) {
        return depth(*a) != depth(*b) ? depth(*a) < depth(*b) : a->layer < b->layer;
      });
    for (const auto& entry : project.evaluations) {
      evaluations[entry.checkpoint][entry.dataset] = &entry;
      if (entry.metrics.count("probe_accuracy") && store::ood_set_name(project, id_dataset, entry.dataset).empty())
        transfer_set.insert(entry.dataset);
    }
    transfers.assign(transfer_set.begin(), transfer_set.end());
  }

  const store::EvaluationEntry* evaluation(const std::string& checkpoint, const std::string& dataset) const {
    auto c = evaluations.find(checkpoint);
    if (c == evaluations.end()) return nullptr;
    auto d = c->second.find(dataset);
    return d == c->second.end() ? nullptr : d->second;
  }

  const store::GeometryEntry* layer(const std::string& checkpoint, const std::string& name) const {
    auto it = layers.find(checkpoint);
    if (it == layers.end()) return nullptr;
    const auto& entries = it->second;
    // A checkpoint with one analysed layer (a results table without layers, `--layers penultimate`) has it there.
    if (name == kPenultimateLayer) return entries.size() >= 2 ? entries[entries.size() - 2] : entries.front();
    for (const auto* entry : entries)
      if (entry->layer == name) return entry;
    return nullptr;
  }

  double marker(const std::string& checkpoint, const std::string& name, const std::string& layer_name) const {
    if (const store::GeometryEntry* entry = layer(checkpoint, layer_name)) {
      auto it = entry->markers.find(name);
      if (it != entry->markers.end()) return it->second;
    }
    // ID evaluation metrics belong to the checkpoint, not to a layer.
    if (name.rfind(kIdPrefix, 0) == 0) return metric(evaluation(checkpoint, id_dataset), name.substr(kIdPrefix.size()));
    return kNaN;
  }

  // The OOD set evaluation behind an accuracy key, or nullptr.
  const store::EvaluationEntry* ood_evaluation(const std::string& checkpoint, const std::string& key) const {
    auto it = ood_dataset.find(store::name_of_accuracy_key(key));
    return it == ood_dataset.end() ? nullptr : evaluation(checkpoint, it->second);
  }

  // A label-free estimate of the target's own accuracy (kLabelFreePrefix + metric of the OOD set's evaluation):
  // for one OOD set, its estimate; for the mean OOD accuracy, the mean of the estimates; else none.
  double label_free(const std::string& checkpoint, const std::string& marker, const std::string& key) const {
    const std::string name = marker.substr(kLabelFreePrefix.size());
    if (key == kMeanOodAccuracy) {
      if (ood.empty()) return kNaN;
      double sum = 0.0;
      for (const auto& set : ood) sum += metric(evaluation(checkpoint, set.dataset), name);
      return sum / static_cast<double>(ood.size());
    }
    return metric(ood_evaluation(checkpoint, key), name);
  }

  // The x value of a pair: a marker, or the label-free estimate that matches the target.
  double predictor(const std::string& checkpoint, const std::string& marker, const std::string& layer_name,
                   const std::string& key) const {
    if (marker.rfind(kLabelFreePrefix, 0) == 0) return label_free(checkpoint, marker, key);
    return this->marker(checkpoint, marker, layer_name);
  }

  double target(const std::string& checkpoint, const std::string& key) const {
    if (key == kMeanOodAccuracy) {
      if (ood.empty()) return kNaN;
      double sum = 0.0;
      for (const auto& set : ood) sum += metric(evaluation(checkpoint, set.dataset), "accuracy");
      return sum / static_cast<double>(ood.size());  // NaN when one is missing
    }
    if (key == "id_accuracy") return metric(evaluation(checkpoint, id_dataset), "accuracy");
    if (const store::EvaluationEntry* entry = ood_evaluation(checkpoint, key)) return metric(entry, "accuracy");
    const std::string probe = "probe_accuracy_";
    if (key.rfind(probe, 0) == 0) return metric(evaluation(checkpoint, key.substr(probe.size())), "probe_accuracy");
    return kNaN;
  }
};

std::vector<OodTarget> targets_of(const ProjectIndex& index) {
  std::vector<OodTarget> targets;
  if (!index.ood.empty()) targets.push_back({kMeanOodAccuracy, "mean OOD accuracy"});
  for (const auto& set : index.ood) targets.push_back({store::accuracy_key(set.name), "accuracy " + set.name});
  for (const auto& dataset : index.transfers) targets.push_back({"probe_accuracy_" + dataset, "probe accuracy " + dataset});
  targets.push_back({"id_accuracy", "ID accuracy"});
  return targets;
}

std::vector<const store::CheckpointEntry*> checkpoints_of(const store::Project& project, const std::string& architecture) {
  std::vector<const store::CheckpointEntry*> chosen;
  for (const auto& checkpoint : project.checkpoints)
    if (architecture.empty() || checkpoint.architecture == architecture) chosen.push_back(&checkpoint);
  return chosen;
}

std::string group_of(const store::CheckpointEntry& checkpoint, const std::string& key) {
  if (key == "architecture") return checkpoint.architecture;
  auto it = checkpoint.hyper_parameters.find(key);
  return it == checkpoint.hyper_parameters.end() ? "n/a" : it->second;
}

std::string layer_title(const std::string& layer) { return layer == kPenultimateLayer ? "penultimate layer" : layer; }

struct Pairs {
  std::vector<double> x, y;
  std::vector<size_t> used;  // indices into the checkpoint list
};

Pairs pairs_of(const ProjectIndex& index, const std::vector<const store::CheckpointEntry*>& checkpoints,
               const std::string& marker, const std::string& layer, const std::string& target) {
  Pairs pairs;
  for (size_t i = 0; i < checkpoints.size(); ++i) {
    const double x = index.predictor(checkpoints[i]->id, marker, layer, target);
    const double y = index.target(checkpoints[i]->id, target);
    if (!std::isfinite(x) || !std::isfinite(y)) continue;
    pairs.x.push_back(x);
    pairs.y.push_back(y);
    pairs.used.push_back(i);
  }
  return pairs;
}

Eigen::Map<const Eigen::VectorXd> as_vector(const std::vector<double>& v) {
  return {v.data(), static_cast<Eigen::Index>(v.size())};
}

// An OOD accuracy's stored Wilson interval and item count per point; none for other targets.
void add_intervals(const ProjectIndex& index, const std::vector<const store::CheckpointEntry*>& checkpoints,
                   const Pairs& pairs, const std::string& target, views::ScatterData& data) {
  if (!index.ood_dataset.count(store::name_of_accuracy_key(target))) return;
  for (size_t i : pairs.used) {
    const store::EvaluationEntry* entry = index.ood_evaluation(checkpoints[i]->id, target);
    data.y_low.push_back(metric(entry, store::kAccuracyLow));
    data.y_high.push_back(metric(entry, store::kAccuracyHigh));
    const double items = metric(entry, store::kEvaluatedItems);
    data.y_items.push_back(std::isfinite(items) ? static_cast<long>(items) : 0);
  }
}

}  // namespace

std::vector<OodTarget> ood_targets(const store::Project& project) { return targets_of(ProjectIndex(project)); }

std::string target_label(const store::Project& project, const std::string& key) {
  for (const auto& target : ood_targets(project))
    if (target.key == key) return target.label;
  return key;
}

std::vector<std::string> ood_markers(const store::Project& project) {
  const std::string id_dataset = geometry_dataset(project);
  std::set<std::string> found;
  for (const auto& entry : project.geometry)
    if (entry.dataset == id_dataset)
      for (const auto& [name, value] : entry.markers)
        if (!store::is_bookkeeping(name)) found.insert(name);
  // The paper's markers first, in the order of its heat map; then the rest alphabetically.
  std::vector<std::string> ordered = store::featured_first(std::move(found));
  std::set<std::string> id_metrics;
  for (const auto& evaluation : project.evaluations)
    if (evaluation.dataset == id_dataset)
      for (const auto& [name, value] : evaluation.metrics)
        if (name != "analysis_complete") id_metrics.insert(kIdPrefix + name);
  ordered.insert(ordered.end(), id_metrics.begin(), id_metrics.end());
  // The label-free estimates the OOD evaluations carry, in a fixed order.
  for (const std::string& name : label_free_metrics()) {
    bool present = false;
    for (const auto& evaluation : project.evaluations)
      present = present || (evaluation.metrics.count(name) &&
                            !store::ood_set_name(project, id_dataset, evaluation.dataset).empty());
    if (present) ordered.push_back(kLabelFreePrefix + name);
  }
  return ordered;
}

const std::vector<std::string>& label_free_metrics() {
  static const std::vector<std::string> names{"confidence", store::kDocAccuracy, store::kAtcAccuracy,
                                              store::kAtcNeAccuracy};
  return names;
}

std::vector<std::string> paper_markers(const store::Project& project) {
  std::vector<std::string> chosen;
  for (const auto& name : ood_markers(project))
    if (in_paper_tables(name) || name.rfind(kLabelFreePrefix, 0) == 0) chosen.push_back(name);
  return chosen;
}

std::vector<std::string> marker_layers(const store::Project& project) {
  const std::string id_dataset = geometry_dataset(project);
  std::map<std::string, double> layer_depth;
  for (const auto& entry : project.geometry)
    if (entry.dataset == id_dataset) layer_depth.emplace(entry.layer, depth(entry));
  std::vector<std::pair<double, std::string>> order;
  for (const auto& [layer, d] : layer_depth) order.emplace_back(d, layer);
  std::sort(order.begin(), order.end());
  std::vector<std::string> layers{kPenultimateLayer};
  for (const auto& [d, layer] : order) layers.push_back(layer);
  return layers;
}

std::vector<std::string> colour_keys(const store::Project& project) {
  std::set<std::string> keys;
  for (const auto& checkpoint : project.checkpoints)
    for (const auto& [key, value] : checkpoint.hyper_parameters) keys.insert(key);
  std::vector<std::string> ordered{"architecture"};
  ordered.insert(ordered.end(), keys.begin(), keys.end());
  return ordered;
}

std::string penultimate_layer(const store::Project& project, const std::string& checkpoint) {
  const store::GeometryEntry* entry = ProjectIndex(project).layer(checkpoint, kPenultimateLayer);
  return entry ? entry->layer : std::string();
}

views::ScatterData ood_scatter(const store::Project& project, const ScatterOptions& options) {
  const ProjectIndex index(project);
  const auto checkpoints = checkpoints_of(project, options.architecture);
  Pairs pairs = pairs_of(index, checkpoints, options.marker, options.layer, options.target);

  views::ScatterData data;
  const bool has_layer = options.marker.rfind(kIdPrefix, 0) != 0 && options.marker.rfind(kLabelFreePrefix, 0) != 0;
  data.x_title = store::marker_title(options.marker) + (has_layer ? " (" + layer_title(options.layer) + ")" : "");
  std::string target = options.target;
  for (const auto& t : targets_of(index))
    if (t.key == options.target) target = t.label;
  data.y_title = target;
  data.colour_title = options.colour_by;
  data.missing = static_cast<long>(checkpoints.size() - pairs.used.size());
  for (size_t k = 0; k < pairs.used.size(); ++k) {
    const store::CheckpointEntry& checkpoint = *checkpoints[pairs.used[k]];
    data.labels.push_back(checkpoint.id);
    if (!options.colour_by.empty()) data.groups.push_back(group_of(checkpoint, options.colour_by));
  }
  add_intervals(index, checkpoints, pairs, options.target, data);

  const auto x = as_vector(pairs.x), y = as_vector(pairs.y);
  views::ScatterStatistics& s = data.statistics;
  s.n = static_cast<long>(pairs.x.size());
  s.ci_level = options.bootstrap.level;
  if (s.n >= 3) {
    const stats::CorrelationResult r = stats::pearson(x, y), rho = stats::spearman(x, y);
    s.pearson_r = r.statistic, s.pearson_p = r.p;
    s.spearman_rho = rho.statistic, s.spearman_p = rho.p;
    if (options.bootstrap.resamples > 0 && std::isfinite(r.statistic)) {
      const stats::BootstrapInterval ci = stats::bootstrap_interval(x, y, stats::pearson_r, options.bootstrap);
      s.ci_low = ci.low, s.ci_high = ci.high;
    }
  }
  data.x = std::move(pairs.x);
  data.y = std::move(pairs.y);
  return data;
}

OodHeatmap ood_heatmap(const store::Project& project, const HeatmapOptions& options) {
  const ProjectIndex index(project);
  OodHeatmap map;
  map.row_keys = options.markers.empty() ? ood_markers(project) : options.markers;
  const std::vector<OodTarget> offered = targets_of(index);
  auto label_of = [&](const std::string& key) {
    for (const auto& t : offered)
      if (t.key == key) return t.label;
    return key;
  };

  // Columns: (label, target key, architecture filter).
  struct Column {
    std::string label, target, architecture;
  };
  std::vector<Column> columns;
  if (options.by_architecture) {
    for (const std::string& name : architectures(project)) columns.push_back({name, options.target, name});
    map.data.title = "Pearson r with " + label_of(options.target) + " per architecture, " + layer_title(options.layer);
  } else {
    std::vector<std::string> keys = options.targets;
    if (keys.empty())
      for (const auto& t : offered) keys.push_back(t.key);
    for (const auto& key : keys) columns.push_back({label_of(key), key, options.architecture});
    map.data.title = "Pearson r, " + layer_title(options.layer) + ", " +
                     (options.architecture.empty() ? std::string("all architectures") : options.architecture);
  }
  for (const auto& column : columns) {
    map.column_keys.push_back(options.by_architecture ? column.architecture : column.target);
    map.data.columns.push_back(column.label);
  }
  map.data.rows = map.row_keys;

  const Eigen::Index R = static_cast<Eigen::Index>(map.row_keys.size()), C = static_cast<Eigen::Index>(columns.size());
  map.data.r = Eigen::MatrixXd::Constant(R, C, kNaN);
  map.data.p = Eigen::MatrixXd::Constant(R, C, kNaN);
  map.data.n = Eigen::MatrixXi::Zero(R, C);
  map.data.stars.assign(static_cast<size_t>(R), std::vector<std::string>(static_cast<size_t>(C)));
  std::map<std::string, std::vector<const store::CheckpointEntry*>> members;
  for (const auto& column : columns)
    if (!members.count(column.architecture)) members[column.architecture] = checkpoints_of(project, column.architecture);
  for (Eigen::Index i = 0; i < R; ++i)
    for (Eigen::Index j = 0; j < C; ++j) {
      const Column& column = columns[static_cast<size_t>(j)];
      const Pairs pairs = pairs_of(index, members[column.architecture], map.row_keys[static_cast<size_t>(i)],
                                   options.layer, column.target);
      map.data.n(i, j) = static_cast<int>(pairs.x.size());
      if (pairs.x.size() < 3) continue;
      const stats::CorrelationResult r = stats::pearson(as_vector(pairs.x), as_vector(pairs.y));
      map.data.r(i, j) = r.statistic;
      map.data.p(i, j) = r.p;
      map.data.stars[static_cast<size_t>(i)][static_cast<size_t>(j)] = stats::significance_stars(r.p);
    }
  // How many checkpoints the cells stand on (missing values make it vary).
  if (map.data.n.size() > 0) {
    const int lo = map.data.n.minCoeff(), hi = map.data.n.maxCoeff();
    map.data.title += ", n = " + std::to_string(lo) + (lo == hi ? "" : " to " + std::to_string(hi));
  }
  return map;
}

CheckpointValues checkpoint_values(const store::Project& project, const std::vector<std::string>& predictors,
                                   const std::string& layer, const std::string& target) {
  const ProjectIndex index(project);
  CheckpointValues values;
  values.predictors.resize(predictors.size());
  for (const auto& checkpoint : project.checkpoints) {
    values.checkpoints.push_back(checkpoint.id);
    values.architectures.push_back(checkpoint.architecture);
    for (size_t j = 0; j < predictors.size(); ++j)
      values.predictors[j].push_back(index.predictor(checkpoint.id, predictors[j], layer, target));
    values.target.push_back(index.target(checkpoint.id, target));
  }
  return values;
}

}  // namespace ms::gui
