// The in-memory project: what a *.msproj file holds (layout in design/architecture.md, "Data model").
#pragma once

#include <Eigen/Core>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace ms::store {

struct DatasetEntry {
  std::string id;        // "fashion-mnist:test", "fashion-mnist:test+fog:3"
  std::string kind;      // "idx", "cifar", "image-folder", "hdf5", "known"
  std::string source;    // the file or folder it was read from
  std::string shift;     // corruption name, empty for none
  int shift_severity = 0;
  std::vector<std::string> classes;
  std::vector<int32_t> labels;
};

struct CheckpointEntry {
  std::string id;
  std::string path;
  std::string sha256;
  std::string architecture;
  std::map<std::string, std::string> hyper_parameters;  // lr, wd, seed, optimizer, ... as text
  std::vector<std::string> tags;
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
  std::string views_json = "{}";  // the GUI session: open views, cameras, selections
};

}  // namespace ms::store
