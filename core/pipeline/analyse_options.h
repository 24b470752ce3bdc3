// What `manifoldscope analyze` (and the GUI's analysis job) computes: every marker of every layer of every checkpoint
// on the ID data, the logit markers, direct accuracy on shifted copies, and linear-probe transfer.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "core/common/result.h"
#include "core/data/corruptions.h"
#include "core/geometry/baseline_markers.h"
#include "core/geometry/glue_options.h"
#include "core/model/batch_options.h"
#include "core/model/linear_probe.h"
#include "core/pipeline/shard.h"

namespace ms::pipeline {

// `--ood-set NAME=SPEC`: a dataset of the user's (any data::open_dataset spec) evaluated as an OOD set under NAME.
struct OodSetOption {
  std::string name;  // what the results show: the column acc_<NAME> (store/ood_sets.h)
  std::string spec;
};

struct AnalyseOptions {
  std::vector<std::string> checkpoints;   // TorchScript files; folders are expanded to their *.pt files
  Shard shard;                            // only this slice of the checkpoints (shard.h); 0/1 = all of them
  std::string id_dataset = "fashion-mnist:test";
  std::vector<data::Shift> shifts;        // OOD sets for direct accuracy, e.g. fog:3
  std::vector<OodSetOption> ood_sets;     // the user's OOD sets, evaluated like the shifts
  // Each OOD set (shift or user set) is evaluated on a class-stratified, seeded subsample of at most this many items;
  // 0 = every item. The accuracy's Wilson 95 % interval and n are stored either way.
  int64_t ood_limit = 0;
  std::string transfer_dataset;           // optional: linear probe on penultimate features (its own classes)
  std::vector<std::string> layers;        // terms of model::select_layers (ids, module paths, globs, blocks,
                                          // penultimate); empty = every discovered layer
  geometry::GlueOptions glue;             // points_per_manifold is also the geometry sample per class
  geometry::BaselineOptions baselines;
  model::BatchOptions batch;              // normalisation: from the checkpoint's sidecar, else 1/255 for uint8 data
  model::ProbeOptions probe;
  uint64_t seed = 0;                      // class-balanced sample, shifts and OOD subsamples
  std::string project_path;               // *.msproj, created or extended (finished checkpoints are skipped)
  std::string csv_path;                   // default: the project path with .csv
  // Keep each checkpoint's geometry-sample activations in <project>.activations/ (activation_cache.h), and compute
  // the geometry from there, without the sample's forward pass, when they are present.
  bool cache_activations = false;
  // Bytes the geometry sample's activations may take (memory_plan.h); 0 = half the machine's available memory.
  int64_t memory_budget_bytes = 0;
  // Layers wider than this are projected to it by a fixed sparse random projection while extracted
  // (projecting_sink.h); 0 = never.
  int64_t project_dim = 0;
  // Where the forward passes run (model::check_device: cpu, cuda, cuda:N); the geometry is computed on the CPU.
  std::string device = "cpu";
  // Dynamic distribution over processes (core/cluster/mpi_analyse.h): asked before each checkpoint with its index
  // in the expanded list and the list's size; false = another process takes it. Empty = take every checkpoint.
  std::function<bool(size_t index, size_t count)> claim;
};

// The options a checkpoint's markers were computed with, as the text stored beside them (a project's geometry
// options; a re-run whose text differs recomputes the checkpoint): GLUE's (geometry::to_map), the baselines' that
// differ from their defaults, sample_seed, and project_dim and ood_limit only when set, so projects analysed before
// these existed still count as complete.
std::map<std::string, std::string> to_map(const AnalyseOptions& options);
// Reads those keys back into `options` (an absent key keeps its value; other keys are ignored). Errors name the key
// and its text.
Status from_map(const std::map<std::string, std::string>& map, AnalyseOptions& options);
// What no analysis accepts, before any work: a device that is not there (model::check_device), GLUE or baseline
// options no run accepts (their validate), batch size < 1, a negative OOD limit, projection size or memory budget.
// Errors name the option.
Status validate(const AnalyseOptions& options);

struct AnalyseSummary {
  int analysed = 0;  // checkpoints computed in this run
  int skipped = 0;   // already complete in the project
  std::vector<std::string> failures;  // one message per checkpoint that failed (the others go on)
  int cache_hits = 0;  // checkpoints whose geometry sample came from the activation cache (no forward pass)
  std::vector<std::string> warnings;  // e.g. a damaged activation cache that was ignored and rebuilt
  bool cancelled = false;
  std::string project_path, csv_path;
};

}  // namespace ms::pipeline
