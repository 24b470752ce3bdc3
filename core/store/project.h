// The in-memory project: what a *.msproj file holds (layout in docs/architecture.md, "The project file").
#pragma once

#include <Eigen/Core>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace ms::store {

struct DatasetEntry {
  std::string id;        // "fashion-mnist:test", "fashion-mnist:test+fog:3"
  std::string kind;      // "dataset", kOodSetKind ("ood-set", ood_sets.h) for a user's OOD set, "known" (demo)
  std::string source;    // the file or folder it was read from
  std::string shift;     // corruption name, empty for none
  int shift_severity = 0;
  std::vector<std::string> classes;
  std::vector<int32_t> labels;
  // The spec to reopen it with, its file/folder part absolute (empty in projects saved before; then `id` is the
  // spec), and the same relative to the project file's folder (filled on save, locations.h).
  std::string location = {};
  std::string relative_location = {};
};

struct CheckpointEntry {
  std::string id;
  std::string path;  // absolute, as analysed
  std::string sha256;
  std::string architecture;
  std::map<std::string, std::string> hyper_parameters;  // lr, wd, seed, optimizer, ... as text
  std::vector<std::string> tags;
  std::string relative_path = {};  // relative to the project file's folder (filled on save; empty in older projects)
};

// Markers of one (checkpoint, dataset, layer) plus the arrays needed to draw them (centers, anchors, coordinates).
struct GeometryEntry {
  std::string checkpoint, dataset, layer;
  std::map<std::string, double> markers;
  std::map<std::string, std::string> options;
  std::map<std::string, Eigen::MatrixXd> arrays;
};

struct EvaluationEntry {
  std::string checkpoint, dataset;
  std::map<std::string, double> metrics;  // accuracy, loss, logit markers, probe accuracy
};

struct Project {
  std::string created_by = "ManifoldScope";
  std::string app_version;
  std::vector<DatasetEntry> datasets;
  std::vector<CheckpointEntry> checkpoints;
  std::vector<GeometryEntry> geometry;
  std::vector<EvaluationEntry> evaluations;
  std::string views_json = "{}";  // the GUI session: open views, panel choices, selection
  // Folders the user said moved: old folder -> new folder (locations.h), so reopening finds them again.
  std::map<std::string, std::string> relocations;
};

}  // namespace ms::store
