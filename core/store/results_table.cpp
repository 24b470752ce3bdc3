#include "core/store/results_table.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <map>
#include <set>

#include "core/common/atomic_write.h"
#include "core/common/csv_field.h"
#include "core/common/number_text.h"
#include "core/store/ood_sets.h"

namespace ms::store {
namespace {

std::string number(double value) { return number_text(value, 10); }

// The ID set -> "id_<metric>"; an OOD set -> ood_metric_column ("acc_fog:3", ...); any other dataset (a transfer
// set) -> "<metric>_<dataset>".
std::string evaluation_column(const std::string& id_dataset, const std::string& dataset, const std::string& ood_name,
                              const std::string& metric) {
  if (dataset == id_dataset) return "id_" + metric;
  if (!ood_name.empty()) return ood_metric_column(ood_name, metric);
  return metric + "_" + dataset;
}

}  // namespace

Table results_table(const Project& project, const std::string& id_dataset) {
  std::set<std::string> hyper, markers, evaluations;
  for (const auto& checkpoint : project.checkpoints)
    for (const auto& [key, value] : checkpoint.hyper_parameters) hyper.insert(key);
  for (const auto& geometry : project.geometry)
    if (geometry.dataset == id_dataset)
      for (const auto& [name, value] : geometry.markers)
        if (name != "layer_index") markers.insert(name);
  std::map<std::string, std::map<std::string, double>> per_checkpoint;  // checkpoint -> column -> value
  for (const auto& evaluation : project.evaluations) {
    const std::string ood_name = ood_set_name(project, id_dataset, evaluation.dataset);
    for (const auto& [metric, value] : evaluation.metrics) {
      if (metric == "analysis_complete") continue;
      const std::string column = evaluation_column(id_dataset, evaluation.dataset, ood_name, metric);
      evaluations.insert(column);
      per_checkpoint[evaluation.checkpoint][column] = value;
    }
  }

  Table table;
  table.columns = {"checkpoint", "architecture"};
  for (const auto& key : hyper) table.columns.push_back(key);
  table.columns.insert(table.columns.end(), {"layer", "layer_index"});
  table.columns.insert(table.columns.end(), markers.begin(), markers.end());
  table.columns.insert(table.columns.end(), evaluations.begin(), evaluations.end());

  std::vector<const GeometryEntry*> entries;
  for (const auto& geometry : project.geometry)
    if (geometry.dataset == id_dataset) entries.push_back(&geometry);
  auto depth = [](const GeometryEntry* e) {
    auto it = e->markers.find("layer_index");
    return it == e->markers.end() ? 0.0 : it->second;
  };
  std::stable_sort(entries.begin(), entries.end(), [&](auto* a, auto* b) {
    return a->checkpoint != b->checkpoint ? a->checkpoint < b->checkpoint : depth(a) < depth(b);
  });
  for (const GeometryEntry* entry : entries) {
    const CheckpointEntry* checkpoint = nullptr;
    for (const auto& c : project.checkpoints)
      if (c.id == entry->checkpoint) checkpoint = &c;
    std::vector<std::string> row{entry->checkpoint, checkpoint ? checkpoint->architecture : ""};
    for (const auto& key : hyper) {
      auto it = checkpoint ? checkpoint->hyper_parameters.find(key) : decltype(checkpoint->hyper_parameters.end()){};
      row.push_back(checkpoint && it != checkpoint->hyper_parameters.end() ? it->second : "");
    }
    row.push_back(entry->layer);
    row.push_back(number(depth(entry)));
    for (const auto& name : markers) {
      auto it = entry->markers.find(name);
      row.push_back(it == entry->markers.end() ? "" : number(it->second));
    }
    const auto& metrics = per_checkpoint[entry->checkpoint];
    for (const auto& column : evaluations) {
      auto it = metrics.find(column);
      row.push_back(it == metrics.end() ? "" : number(it->second));
    }
    table.rows.push_back(std::move(row));
  }
  return table;
}

Status write_csv(const Table& table, const std::string& path) {
  return write_atomically(path, [&](const std::string& temporary) -> Status {
    std::ofstream out(temporary);
    if (!out) return make_error(path + ": cannot write (" + std::strerror(errno) + ")");
    auto write_row = [&](const std::vector<std::string>& fields) {
      for (size_t i = 0; i < fields.size(); ++i) out << (i ? "," : "") << csv_field(fields[i]);
      out << '\n';
    };
    write_row(table.columns);
    for (const auto& row : table.rows) write_row(row);
    out.close();
    if (!out) return make_error(path + ": write failed (" + std::strerror(errno) + ")");
    return Ok{};
  });
}

}  // namespace ms::store
