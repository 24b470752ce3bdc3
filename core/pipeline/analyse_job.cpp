#include "core/pipeline/analyse_job.h"

#include <algorithm>
#include <filesystem>
#include <numeric>
#include <optional>

#include "core/common/atomic_write.h"
#include "core/data/dataset_registry.h"
#include "core/data/sampling.h"
#include "core/geometry/glue.h"
#include "core/geometry/label_free_accuracy.h"
#include "core/model/activation_sink.h"
#include "core/model/compute_logits.h"
#include "core/model/evaluate_logits.h"
#include "core/model/extract_activations.h"
#include "core/model/layer_selection.h"
#include "core/model/model.h"
#include "core/pipeline/activation_cache.h"
#include "core/pipeline/checkpoint_info.h"
#include "core/pipeline/marker_maps.h"
#include "core/pipeline/memory_plan.h"
#include "core/pipeline/projecting_sink.h"
#include "core/pipeline/stage_clock.h"
#include "core/pipeline/dataset_matrix.h"
#include "core/pipeline/ood_inputs.h"
#include "core/pipeline/shifted_sets.h"
#include "core/stats/binomial_interval.h"
#include "core/store/ood_sets.h"
#include "core/store/locations.h"
#include "core/store/results_table.h"
#include "core/store/project_file.h"

namespace ms::pipeline {
namespace fs = std::filesystem;
using model::RowMatrixXf;

namespace {

// `spec` is what opened it; its file part is kept absolute so the project can reopen it from anywhere (locations.h).
store::DatasetEntry dataset_entry(const data::Dataset& dataset, const std::string& spec, const std::string& shift,
                                  int severity) {
  store::DatasetEntry entry;
  std::error_code ec;
  entry.location = store::absolute_location(spec, fs::current_path(ec).string());
  entry.id = dataset.name;
  entry.kind = "dataset";
  entry.source = dataset.source;
  entry.shift = shift;
  entry.shift_severity = severity;
  entry.classes = dataset.class_names;
  entry.labels = dataset.labels;
  return entry;
}

void put_dataset(store::Project& project, store::DatasetEntry entry) {
  for (auto& existing : project.datasets)
    if (existing.id == entry.id) return void(existing = std::move(entry));
  project.datasets.push_back(std::move(entry));
}

// The dataset ids the OOD sets of `options` are evaluated under (store/ood_sets.h).
std::vector<std::string> ood_datasets(const AnalyseOptions& options) {
  std::vector<std::string> ids;
  for (const data::Shift& shift : options.shifts)
    ids.push_back(store::shift_dataset(options.id_dataset, shift.label()));
  for (const OodSetOption& set : options.ood_sets) ids.push_back(set.name);
  return ids;
}

bool has_accuracy(const store::Project& project, const std::string& checkpoint, const std::string& dataset) {
  return std::any_of(project.evaluations.begin(), project.evaluations.end(), [&](const store::EvaluationEntry& e) {
    return e.checkpoint == checkpoint && e.dataset == dataset && e.metrics.count("accuracy");
  });
}

// Complete = the same file (hash) was finished with the same options on the same ID dataset, and every OOD set asked
// for has its accuracy.
bool already_complete(const store::Project& project, const store::CheckpointEntry& checkpoint,
                      const AnalyseOptions& options) {
  bool same_file = false;
  for (const auto& existing : project.checkpoints)
    same_file |= existing.id == checkpoint.id && existing.sha256 == checkpoint.sha256;
  if (!same_file) return false;
  bool complete = false;
  for (const auto& evaluation : project.evaluations)
    if (evaluation.checkpoint == checkpoint.id && evaluation.dataset == options.id_dataset &&
        evaluation.metrics.count("analysis_complete"))
      complete = true;
  if (!complete) return false;
  for (const std::string& dataset : ood_datasets(options))
    if (!has_accuracy(project, checkpoint.id, dataset)) return false;
  for (const auto& geometry : project.geometry)
    if (geometry.checkpoint == checkpoint.id && geometry.options != to_map(options)) return false;
  return true;
}

void forget_checkpoint(store::Project& project, const std::string& id) {
  auto drop = [&](auto& entries) {
    entries.erase(std::remove_if(entries.begin(), entries.end(), [&](const auto& e) { return e.checkpoint == id; }),
                  entries.end());
  };
  drop(project.geometry);
  drop(project.evaluations);
  project.checkpoints.erase(std::remove_if(project.checkpoints.begin(), project.checkpoints.end(),
                                           [&](const auto& c) { return c.id == id; }),
                            project.checkpoints.end());
}

// Everything shared by all checkpoints: the data, its geometry sample, the OOD sets.
struct Inputs {
  data::Dataset id;
  RowMatrixXf sample;          // class-balanced rows of id
  std::vector<int64_t> sample_rows;  // their row indices in id
  Eigen::VectorXi sample_labels;
  // The OOD sets, each named by the dataset id its evaluations are stored under (store/ood_sets.h) and cut to
  // options.ood_limit items: the shifted copies (made in the background while the first checkpoint runs), then the
  // user's sets.
  std::unique_ptr<ShiftedSets> shifted;
  std::vector<data::Dataset> user_sets;
  data::Dataset transfer;      // empty when no transfer set
  std::vector<store::DatasetEntry> entries;  // what the project records of the data (whole sets, before any limit)
};

Status prepare_ood(const AnalyseOptions& options, Inputs& inputs, Progress& progress, CancelToken& cancel) {
  inputs.shifted = std::make_unique<ShiftedSets>(inputs.id, options.shifts, options.ood_limit, options.seed);
  for (size_t k = 0; k < options.shifts.size(); ++k) {
    const data::Shift& shift = options.shifts[k];
    store::DatasetEntry entry =  // the copy holds the ID set's items and labels
        dataset_entry(inputs.id, options.id_dataset + "+" + shift.label(), shift.corruption, shift.severity);
    entry.id = inputs.shifted->name(k);
    inputs.entries.push_back(std::move(entry));
  }
  for (const OodSetOption& set : options.ood_sets) {
    if (cancel.cancelled()) return make_cancelled();
    progress.report(0.0, "reading the OOD set " + set.name + " (" + set.spec + ")");
    auto opened = open_ood_set(set, inputs.id);
    if (!opened) return make_error(opened.error());
    store::DatasetEntry entry = dataset_entry(*opened, set.spec, "", 0);
    entry.kind = store::kOodSetKind;
    entry.source = set.spec;  // what a re-run compares against
    inputs.entries.push_back(std::move(entry));
    auto limited = limit_items(std::move(opened).value(), options.ood_limit, options.seed);
    if (!limited) return make_error(limited.error());
    inputs.user_sets.push_back(std::move(limited).value());
  }
  return Ok{};
}

// On the heap, never moved: the shifted sets' worker reads inputs.id.
Result<std::unique_ptr<Inputs>> prepare_inputs(const AnalyseOptions& options, Progress& progress, CancelToken& cancel) {
  auto owned = std::make_unique<Inputs>();
  Inputs& inputs = *owned;
  progress.report(0.0, "reading " + options.id_dataset);
  auto id = data::open_dataset(options.id_dataset);
  if (!id) return make_error(id.error());
  if (!id->is_image()) return make_error(options.id_dataset + ": the models need images, this dataset holds vectors");
  inputs.id = std::move(id).value();
  inputs.entries.push_back(dataset_entry(inputs.id, options.id_dataset, "", 0));
  if (inputs.id.num_classes() == 1)
    progress.note(options.id_dataset + " has a single class: GLUE measures one manifold (capacity, dimension and "
                  "radius are defined; alignments between manifolds and NC1 are not)");
  auto rows = data::sample_per_class(inputs.id.labels, inputs.id.num_classes(),
                                     {options.glue.points_per_manifold, options.seed, true, 2});
  if (!rows) return make_error(options.id_dataset + ": " + rows.error());
  inputs.sample_rows = *rows;
  inputs.sample.resize(static_cast<Eigen::Index>(rows->size()), inputs.id.item_size());
  inputs.sample_labels.resize(static_cast<Eigen::Index>(rows->size()));
  for (size_t i = 0; i < rows->size(); ++i) {
    inputs.sample.row(static_cast<Eigen::Index>(i)) = as_matrix(inputs.id).row((*rows)[i]);
    inputs.sample_labels[static_cast<Eigen::Index>(i)] = inputs.id.labels[(*rows)[i]];
  }
  if (Status ood = prepare_ood(options, inputs, progress, cancel); !ood.ok()) return make_error(ood.error());
  if (!options.transfer_dataset.empty()) {
    auto transfer = data::open_dataset(options.transfer_dataset);
    if (!transfer) return make_error(transfer.error());
    if (transfer->item_shape != inputs.id.item_shape)
      return make_error(options.transfer_dataset + ": items are " + data::shape_string(transfer->item_shape) +
                        " but the models take " + data::shape_string(inputs.id.item_shape));
    inputs.transfer = std::move(transfer).value();
    inputs.entries.push_back(dataset_entry(inputs.transfer, options.transfer_dataset, "", 0));
  }
  return owned;
}

// The checkpoint's own normalisation (sidecar) wins; else images stored as bytes go in as 0..1 unless the caller set
// a scale.
model::BatchOptions batch_for(const AnalyseOptions& options, const data::Dataset& dataset,
                              const std::optional<model::Normalization>& declared) {
  model::BatchOptions batch = options.batch;
  if (declared) batch.normalization = *declared;
  else if (batch.normalization.scale == 1.0f && dataset.element_type == "uint8") batch.normalization.scale = 1.0f / 255.0f;
  return batch;
}

// How one checkpoint used the activation cache.
struct CacheUse {
  bool hit = false;
  std::vector<std::string> warnings;
};

// The geometry sample's activations of the layers `ids`: from the cache when it holds them, else one tapped pass
// through the model (then written to the cache when it is on). A damaged cache is a warning, never a failure.
Result<std::vector<RowMatrixXf>> sample_activations(model::Model& net, const store::CheckpointEntry& checkpoint,
                                                        const Inputs& inputs, const std::vector<std::string>& ids,
                                                        const model::BatchOptions& batch, const AnalyseOptions& options,
                                                        CacheUse& cache, Progress& progress, CancelToken& cancel) {
  const ActivationCacheKey key{checkpoint.sha256, options.id_dataset, inputs.id.count(), batch.normalization,
                               options.seed};
  const std::string file = activation_cache_file(options.project_path, checkpoint.sha256);
  // Projected layers are cached under names of their own: the same layer unprojected is other data.
  std::vector<std::string> cache_ids = ids;
  if (options.project_dim > 0)
    for (std::string& id : cache_ids) id += "@project_dim=" + std::to_string(options.project_dim);
  if (options.cache_activations) {
    progress.report(0.0, "reading the activation cache");
    auto cached = read_activation_cache(file, key, inputs.sample_rows, inputs.sample_labels, cache_ids);
    if (!cached) {
      cache.warnings.push_back("activation cache ignored (it will be rebuilt): " + cached.error());
      progress.report(0.0, "warning: " + cache.warnings.back());
    } else if (*cached) {
      cache.hit = true;
      progress.report(1.0, "from cache " + file);
      return std::move(**cached);
    }
  }
  std::vector<int64_t> all_rows(static_cast<size_t>(inputs.sample.rows()));
  std::iota(all_rows.begin(), all_rows.end(), 0);
  ProjectingSink sink(all_rows, options.project_dim > 0 ? options.project_dim : INT64_MAX, options.seed);
  if (Status s = model::extract_activations(net, inputs.sample, inputs.id.item_shape, ids, batch, sink, progress, cancel);
      !s.ok())
    return make_error(s.error());
  std::vector<std::vector<int64_t>> shapes;
  for (const model::LayerInfo& layer : sink.layers()) shapes.push_back(layer.shape);
  std::vector<RowMatrixXf> activations = sink.take();
  if (options.cache_activations) {
    progress.report(1.0, "writing the activation cache");
    if (Status written = write_activation_cache(file, key, inputs.sample_rows, inputs.sample_labels, cache_ids, shapes,
                                                activations);
        !written.ok()) {
      cache.warnings.push_back(written.error());
      progress.report(1.0, "warning: " + written.error());
    }
  }
  return activations;
}

// GLUE and the baseline markers of one layer's geometry sample, as a project row.
Result<store::GeometryEntry> layer_markers(const RowMatrixXf& activations, const std::string& id, int depth,
                                           const store::CheckpointEntry& checkpoint, const Inputs& inputs,
                                           const AnalyseOptions& options, StageClock& clock, Progress& progress,
                                           CancelToken& cancel) {
  SliceProgress glue_progress(progress, 0.0, 0.8, "GLUE ");
  glue_progress.report(0.0, "");
  clock.restart();
  // One Gram matrix of the sample for GLUE and the baselines: a wide layer costs one product over its features.
  const Eigen::MatrixXd X = activations.cast<double>();
  const geometry::SampleGram gram = geometry::sample_gram(X);
  clock.lap("Gram matrix");
  auto glue = geometry::glue_row_major(activations, inputs.sample_labels, options.glue, &glue_progress, &cancel, &gram);
  clock.lap("GLUE");
  if (!glue) return make_error("layer " + id + ": " + glue.error());
  if (glue->diagnostics.coincident_repeats > 0)
    progress.note("every sampled point of this layer is the same vector (constant inputs or a dead layer): its GLUE "
                  "markers are undefined (NaN; glue_coincident_repeats counts it)");
  progress.report(0.8, "baseline markers");
  auto baselines = geometry::compute_baseline_markers(X, inputs.sample_labels, options.baselines, &gram);
  clock.lap("baselines");
  if (!baselines) return make_error("layer " + id + ": " + baselines.error());
  store::GeometryEntry entry{checkpoint.id, options.id_dataset, id, glue_markers(*glue), to_map(options), {}};
  for (auto& [name, value] : baseline_markers(*baselines)) entry.markers[name] = value;
  entry.markers["layer_index"] = depth;
  return entry;
}

// Features of the network's widest layer: what its forward pass keeps per row (memory_plan.h).
int64_t widest_layer(const std::vector<model::LayerInfo>& layers) {
  int64_t widest = 0;
  for (const model::LayerInfo& layer : layers) widest = std::max(widest, layer.size());
  return widest;
}

int64_t memory_budget(const AnalyseOptions& options) {
  return options.memory_budget_bytes > 0 ? options.memory_budget_bytes : default_memory_budget();
}

// The chosen layers' markers, extracted group by group (memory_plan.h): a group's activations are freed layer by
// layer as they are analysed, before the next group's pass over the sample.
Status analyse_layers(model::Model& net, const store::CheckpointEntry& checkpoint, const Inputs& inputs,
                      const std::vector<model::LayerInfo>& layers, const std::vector<size_t>& chosen,
                      const model::BatchOptions& batch, const AnalyseOptions& options, store::Project& project,
                      CacheUse& cache, StageClock& clock, Progress& progress, CancelToken& cancel) {
  std::vector<PlannedLayer> planned;
  std::vector<std::string> ids;
  for (size_t i : chosen) {
    const int64_t d = layers[i].size();
    planned.push_back({layers[i].id, d, options.project_dim > 0 ? std::min(d, options.project_dim) : d});
    ids.push_back(layers[i].id);
  }
  const int64_t widest = widest_layer(layers);
  const int64_t budget = memory_budget(options);
  auto plan = plan_layer_groups(planned, inputs.sample.rows(), batch.batch_size, widest, budget);
  if (!plan) return make_error(plan.error());
  progress.note(std::to_string(ids.size()) + " layers in " + std::to_string(plan->groups.size()) +
                           " pass(es) over the sample, about " + format_bytes(plan->peak_bytes) + " at most (budget " +
                           format_bytes(budget) + ")");
  const double per_layer = 0.75 / static_cast<double>(ids.size());  // of the checkpoint's progress
  bool all_cached = true;
  size_t done = 0;
  for (const std::vector<size_t>& group : plan->groups) {
    // A group's share: its pass over the sample takes the first fifth, its layers the rest, evenly.
    const double start = per_layer * done, share = per_layer * group.size();
    std::vector<std::string> group_ids;
    for (size_t g : group) group_ids.push_back(ids[g]);
    SliceProgress extract_progress(progress, start, start + 0.2 * share, "activations: ");
    CacheUse group_cache;
    clock.restart();
    auto sampled = sample_activations(net, checkpoint, inputs, group_ids, batch, options, group_cache, extract_progress,
                                      cancel);
    cache.warnings.insert(cache.warnings.end(), group_cache.warnings.begin(), group_cache.warnings.end());
    all_cached = all_cached && group_cache.hit;
    clock.lap("extraction");
    if (!sampled) return make_error(sampled.error());
    std::vector<RowMatrixXf> activations = std::move(sampled).value();
    for (size_t k = 0; k < group.size(); ++k, ++done) {
      if (cancel.cancelled()) return make_cancelled();
      const double each = 0.8 * share / static_cast<double>(group.size());
      SliceProgress layer_progress(progress, start + 0.2 * share + each * k, start + 0.2 * share + each * (k + 1),
                                   ids[group[k]] + " (" + std::to_string(done + 1) + "/" + std::to_string(ids.size()) +
                                       "): ");
      auto entry = layer_markers(activations[k], ids[group[k]], static_cast<int>(chosen[group[k]]), checkpoint, inputs,
                                 options, clock, layer_progress, cancel);
      if (!entry) return make_error(entry.error());
      activations[k].resize(0, 0);  // free as we go: conv layers are large
      project.geometry.push_back(std::move(entry).value());
    }
  }
  cache.hit = all_cached;
  return Ok{};
}

// Accuracy, loss and logit markers of `dataset`. The ID set's logits fit the label-free estimators (`fit`); an OOD
// set also gets the accuracy's Wilson 95 % interval and n, and the label-free estimates of its accuracy.
Result<store::EvaluationEntry> evaluate_on(model::Model& net, const std::string& checkpoint,
                                           const data::Dataset& dataset, bool ood, const model::BatchOptions& batch,
                                           std::optional<geometry::LabelFreeFit>& fit, Progress& progress,
                                           CancelToken& cancel) {
  auto logits = model::compute_logits(net, as_matrix(dataset), dataset.item_shape, batch, progress, cancel);
  if (!logits) return make_error(logits.error());
  auto evaluation = model::evaluate_logits(*logits, dataset.labels);
  if (!evaluation) return make_error(evaluation.error());
  auto markers = geometry::compute_logit_markers(*logits, as_labels(dataset.labels));
  if (!markers) return make_error(markers.error());
  store::EvaluationEntry entry{checkpoint, dataset.name, logit_markers(*markers)};
  entry.metrics["accuracy"] = evaluation->accuracy;
  entry.metrics["loss"] = evaluation->loss;
  if (ood) {
    // accuracy = correct / count exactly, so rounding recovers the count of correct items.
    const auto correct = std::llround(evaluation->accuracy * static_cast<double>(evaluation->count));
    const stats::ProportionInterval interval = stats::wilson_interval(correct, evaluation->count);
    entry.metrics[store::kAccuracyLow] = interval.low;
    entry.metrics[store::kAccuracyHigh] = interval.high;
    entry.metrics[store::kEvaluatedItems] = static_cast<double>(evaluation->count);
    if (fit) {
      auto estimates = geometry::estimate_accuracy(*fit, *logits);
      if (!estimates) return make_error(estimates.error());
      entry.metrics[store::kDocAccuracy] = estimates->doc;
      entry.metrics[store::kAtcAccuracy] = estimates->atc_mc;
      entry.metrics[store::kAtcNeAccuracy] = estimates->atc_ne;
    }
  } else {
    auto fitted = geometry::fit_label_free(*logits, as_labels(dataset.labels));
    if (!fitted) return make_error(fitted.error());
    fit = *fitted;
  }
  return entry;
}

// The options with every forward pass's batch cut to what the memory budget allows for this network.
AnalyseOptions fitted_to_memory(const AnalyseOptions& options, const std::vector<model::LayerInfo>& layers,
                                Progress& progress) {
  const int64_t widest = widest_layer(layers);
  AnalyseOptions fitted = options;
  fitted.batch.batch_size = fitting_batch(options.batch.batch_size, widest, memory_budget(options));
  if (fitted.batch.batch_size < options.batch.batch_size)
    progress.note("forward passes in batches of " + std::to_string(fitted.batch.batch_size) + " (of " +
                  std::to_string(options.batch.batch_size) + ") to fit the memory budget: the widest layer has " +
                  std::to_string(widest) + " features");
  return fitted;
}

// The logit stage: the ID set first (it fits the label-free estimators), then the shifted copies (each awaited from
// the background worker), then the user's OOD sets. Errors name the dataset.
Status evaluate_all(model::Model& net, const std::string& checkpoint, const Inputs& inputs,
                    const AnalyseOptions& options, const std::optional<model::Normalization>& declared,
                    store::Project& project, StageClock& clock, Progress& progress, CancelToken& cancel) {
  const size_t count = 1 + inputs.shifted->size() + inputs.user_sets.size();
  std::optional<geometry::LabelFreeFit> label_free;
  for (size_t k = 0; k < count; ++k) {
    SliceProgress slice(progress, 0.75 + 0.15 * k / count, 0.75 + 0.15 * (k + 1) / count, "");
    const data::Dataset* dataset = &inputs.id;
    if (k > 0 && k <= inputs.shifted->size()) {
      clock.restart();
      auto made = inputs.shifted->get(k - 1, slice, cancel);
      clock.lap("waiting for shifted copies");
      if (!made) return make_error(inputs.shifted->name(k - 1) + ": " + made.error());
      dataset = *made;
    } else if (k > 0) {
      dataset = &inputs.user_sets[k - 1 - inputs.shifted->size()];
    }
    SliceProgress logit_progress(slice, 0.0, 1.0, "logits on " + dataset->name + ": ");
    clock.restart();
    auto entry = evaluate_on(net, checkpoint, *dataset, k > 0, batch_for(options, *dataset, declared), label_free,
                             logit_progress, cancel);
    clock.lap(k == 0 ? "ID logits" : "OOD logits");
    if (!entry) return make_error(dataset->name + ": " + entry.error());
    project.evaluations.push_back(std::move(entry).value());
  }
  return Ok{};
}

// The analysis of a loaded checkpoint: geometry of the chosen layers, logits on the ID and OOD sets, transfer probe.
Status analyse_loaded(model::Model& net, const std::vector<model::LayerInfo>& layers, const std::string& path,
                      const store::CheckpointEntry& checkpoint, const Inputs& inputs, const AnalyseOptions& options,
                      store::Project& project, CacheUse& cache, Progress& progress, CancelToken& cancel) {
  auto chosen = model::select_layers(layers, options.layers.empty() ? std::vector<std::string>{"all"} : options.layers);
  if (!chosen) return make_error(path + ": " + chosen.error());
  auto sidecar = read_sidecar(path);
  if (!sidecar) return make_error(sidecar.error());
  if (!sidecar->input_shape.empty() && sidecar->input_shape != inputs.id.item_shape)
    return make_error(path + ": the model takes " + data::shape_string(sidecar->input_shape) + " inputs (" +
                      sidecar->file + ") but the ID set's items are " + data::shape_string(inputs.id.item_shape));
  const std::optional<model::Normalization>& declared = sidecar->normalization;
  const model::BatchOptions batch = batch_for(options, inputs.id, declared);

  // 1-2. The geometry sample's activations, in groups that fit the memory budget; GLUE and the baselines per layer.
  StageClock clock;
  if (Status geometry = analyse_layers(net, checkpoint, inputs, layers, *chosen, batch, options, project, cache, clock,
                                       progress, cancel);
      !geometry.ok())
    return make_error(path + ": " + geometry.error());

  // 3. Logits on the full ID set and on every OOD set.
  if (Status logits = evaluate_all(net, checkpoint.id, inputs, options, declared, project, clock, progress, cancel);
      !logits.ok())
    return make_error(path + ", " + logits.error());

  // 4. Transfer: a linear probe on the penultimate layer's features of the transfer set.
  if (inputs.transfer.count() > 0) {
    // The final classifier's input; for a model without a linear layer, the layer before the output.
    auto marked = std::find_if(layers.begin(), layers.end(), [](const auto& layer) { return layer.penultimate; });
    if (marked == layers.end() && layers.size() < 2)
      return make_error(path + ": no penultimate layer for the transfer probe");
    const model::LayerInfo& penultimate = marked != layers.end() ? *marked : (layers)[layers.size() - 2];
    SliceProgress probe_progress(progress, 0.9, 1.0, "transfer probe on " + penultimate.id + ": ");
    clock.restart();
    std::vector<int64_t> rows(static_cast<size_t>(inputs.transfer.count()));
    std::iota(rows.begin(), rows.end(), 0);
    model::SubsetSink features(rows);
    if (Status s = model::extract_activations(net, as_matrix(inputs.transfer), inputs.transfer.item_shape,
                                              {penultimate.id}, batch_for(options, inputs.transfer, declared), features,
                                              probe_progress, cancel);
        !s.ok())
      return make_error(path + ", transfer: " + s.error());
    auto probe = model::linear_probe(features.matrices()[0], inputs.transfer.labels, inputs.transfer.num_classes(),
                                     options.probe);
    clock.lap("transfer probe");
    if (!probe) return make_error(path + ", transfer probe: " + probe.error());
    project.evaluations.push_back({checkpoint.id, inputs.transfer.name,
                                   {{"probe_accuracy", probe->test_accuracy},
                                    {"probe_train_accuracy", probe->train_accuracy},
                                    {"probe_converged", probe->converged ? 1.0 : 0.0}}});
  }
  for (auto& evaluation : project.evaluations)
    if (evaluation.checkpoint == checkpoint.id && evaluation.dataset == options.id_dataset)
      evaluation.metrics["analysis_complete"] = 1;
  project.checkpoints.push_back(checkpoint);
  progress.note(clock.summary());
  return Ok{};
}

Status analyse_checkpoint(const std::string& path, const store::CheckpointEntry& checkpoint, const Inputs& inputs,
                          const AnalyseOptions& options, store::Project& project, CacheUse& cache, Progress& progress,
                          CancelToken& cancel) {
  inputs.shifted->start();  // the shifted copies are made while this checkpoint's geometry runs
  progress.report(0.0, "loading the checkpoint");
  auto loaded = model::load_model(path, options.device);
  if (!loaded) return make_error(loaded.error());
  auto layers = loaded->layers(inputs.id.item_shape);
  if (!layers) return make_error(layers.error());
  return analyse_loaded(*loaded, *layers, path, checkpoint, inputs, fitted_to_memory(options, *layers, progress),
                        project, cache, progress, cancel);
}

// A user set's name that now stands for other data (another spec) loses its old evaluations, so the checkpoints
// evaluated on them are recomputed; a name the project uses for another kind of dataset is an error.
Status reconcile_user_sets(store::Project& project, const AnalyseOptions& options) {
  for (const OodSetOption& set : options.ood_sets)
    for (const store::DatasetEntry& dataset : project.datasets) {
      if (dataset.id != set.name) continue;
      if (dataset.kind != store::kOodSetKind)
        return make_error("--ood-set " + set.name + ": " + options.project_path +
                          " already has a dataset of that name that is not an OOD set");
      if (dataset.source == set.spec) continue;
      auto& evaluations = project.evaluations;
      evaluations.erase(std::remove_if(evaluations.begin(), evaluations.end(),
                                       [&](const store::EvaluationEntry& e) { return e.dataset == set.name; }),
                        evaluations.end());
    }
  return Ok{};
}

}  // namespace

Result<std::vector<std::string>> expand_checkpoints(const std::vector<std::string>& paths) {
  std::vector<std::string> files;
  for (const std::string& path : paths) {
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
      std::vector<std::string> found;
      for (const auto& entry : fs::directory_iterator(path))
        if (entry.path().extension() == ".pt") found.push_back(entry.path().string());
      if (found.empty()) return make_error(path + ": no *.pt checkpoints in this folder");
      std::sort(found.begin(), found.end());
      files.insert(files.end(), found.begin(), found.end());
    } else if (fs::exists(path, ec)) {
      files.push_back(path);
    } else {
      return make_error(path + ": no such checkpoint file or folder");
    }
  }
  if (files.empty()) return make_error("no checkpoints given");
  return files;
}

Result<AnalyseSummary> run_analyse(const AnalyseOptions& options, Progress& progress, CancelToken& cancel) {
  if (options.project_path.empty()) return make_error("analyze: a project file (--project) is needed");
  if (Status writable = check_can_write_beside(options.project_path); !writable)
    return make_error("the project " + options.project_path + " cannot be saved: " + writable.error());
  if (Status valid = validate(options); !valid.ok()) return make_error(valid.error());
  auto files = expand_checkpoints(options.checkpoints);
  if (!files) return make_error(files.error());
  if (options.shard.count > 1) *files = shard_files(std::move(*files), options.shard);

  AnalyseSummary summary;
  summary.project_path = options.project_path;
  summary.csv_path = options.csv_path.empty() ? fs::path(options.project_path).replace_extension(".csv").string()
                                              : options.csv_path;
  store::Project project;
  if (fs::exists(options.project_path)) {
    auto existing = store::read_project(options.project_path);
    if (!existing) return make_error(existing.error());
    project = std::move(existing).value();
  }
  project.app_version = MS_VERSION;
  if (Status names = check_ood_set_names(options); !names.ok()) return make_error(names.error());
  if (Status sets = reconcile_user_sets(project, options); !sets.ok()) return make_error(sets.error());

  SliceProgress input_progress(progress, 0.0, 0.05, "");
  auto inputs = prepare_inputs(options, input_progress, cancel);
  if (!inputs) {
    if (cancel.cancelled()) summary.cancelled = true;
    return cancel.cancelled() ? Result<AnalyseSummary>(summary) : make_error(inputs.error());
  }
  for (store::DatasetEntry& entry : (*inputs)->entries) put_dataset(project, std::move(entry));

  for (size_t c = 0; c < files->size(); ++c) {
    const std::string& path = (*files)[c];
    const std::string counter = "[" + std::to_string(c + 1) + "/" + std::to_string(files->size()) + "] ";
    if (cancel.cancelled()) break;
    if (options.claim && !options.claim(c, files->size())) continue;
    auto checkpoint = describe_checkpoint(path);
    if (!checkpoint) {
      summary.failures.push_back(checkpoint.error());
      continue;
    }
    if (already_complete(project, *checkpoint, options)) {
      ++summary.skipped;
      continue;
    }
    forget_checkpoint(project, checkpoint->id);
    SliceProgress checkpoint_progress(progress, 0.05 + 0.95 * c / files->size(), 0.05 + 0.95 * (c + 1) / files->size(),
                                      counter + checkpoint->id + ": ");
    store::Project attempt = project;  // a failed or cancelled checkpoint leaves no partial entries
    CacheUse cache;
    Status done = analyse_checkpoint(path, *checkpoint, **inputs, options, attempt, cache, checkpoint_progress, cancel);
    summary.warnings.insert(summary.warnings.end(), cache.warnings.begin(), cache.warnings.end());
    if (cancel.cancelled()) break;
    if (!done.ok()) {
      summary.failures.push_back(done.error());
      continue;
    }
    project = std::move(attempt);
    ++summary.analysed;
    summary.cache_hits += cache.hit ? 1 : 0;
    if (Status saved = store::write_project(project, options.project_path); !saved.ok()) return make_error(saved.error());
  }
  summary.cancelled = cancel.cancelled();
  if (Status saved = store::write_project(project, options.project_path); !saved.ok()) return make_error(saved.error());
  if (Status table = store::write_results_csv(project, options.id_dataset, summary.csv_path); !table.ok())
    return make_error(table.error());
  progress.report(1.0, summary.cancelled ? "cancelled" : "done");
  return summary;
}

}  // namespace ms::pipeline
