#include "core/store/table_import.h"

#include <cmath>
#include <map>
#include <set>

#include "core/store/ood_sets.h"

namespace ms::store {
namespace {

const std::string kProbePrefix = "probe_accuracy_";
const std::string kAccuracyPrefix = "acc_";

bool starts_with(const std::string& text, const std::string& prefix) { return text.rfind(prefix, 0) == 0; }
bool ends_with(const std::string& text, const std::string& suffix) {
  return text.size() > suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}
std::string without_suffix(const std::string& text, const std::string& suffix) {
  return ends_with(text, suffix) ? text.substr(0, text.size() - suffix.size()) : text;
}

// The columns sorted by role (indices into the header); -1 = no such column.
struct Columns {
  long checkpoint = -1, architecture = -1, layer = -1, layer_index = -1, id_accuracy = -1;
  std::vector<size_t> hyper, markers, id_metrics, targets, details;
};

// An OOD set or transfer set behind an OOD accuracy column, and the details that belong to it.
struct TargetSet {
  std::string name;
  bool transfer = false;
  size_t column = 0;
  std::vector<std::pair<size_t, std::string>> details;  // column, metric
};

std::string column_error(const stats::CsvTable& table, size_t column, const std::string& what) {
  return table.source + ": column '" + table.header[column] + "' " + what;
}

Status check_unique_names(const stats::CsvTable& table, const std::vector<ColumnRole>& roles) {
  std::map<std::string, size_t> taken;  // "<family> <name>" -> column
  for (size_t j = 0; j < roles.size(); ++j) {
    std::string family;
    if (roles[j] == ColumnRole::marker) family = "marker";
    else if (roles[j] == ColumnRole::id_metric || roles[j] == ColumnRole::id_accuracy) family = "ID metric";
    else if (roles[j] == ColumnRole::ood_accuracy) family = "set";
    if (family.empty()) continue;
    const std::string name = roles[j] == ColumnRole::id_accuracy ? "accuracy" : read_as(table.header[j], roles[j]);
    auto [at, fresh] = taken.emplace(family + " " + name, j);
    if (!fresh)
      return make_error(table.source + ": columns '" + table.header[at->second] + "' and '" + table.header[j] +
                        "' are both read as the " + family + " '" + name + "'");
  }
  return Ok{};
}

Result<Columns> sort_columns(const stats::CsvTable& table, const std::vector<ColumnRole>& roles) {
  if (roles.size() != table.header.size())
    return make_error(table.source + ": " + std::to_string(roles.size()) + " column roles for " +
                      std::to_string(table.header.size()) + " columns");
  if (table.rows.empty()) return make_error(table.source + ": the table has a header but no rows");
  Columns columns;
  bool numeric = false;
  for (size_t j = 0; j < roles.size(); ++j) {
    numeric = numeric || is_numeric_role(roles[j]);
    long* single = roles[j] == ColumnRole::checkpoint     ? &columns.checkpoint
                   : roles[j] == ColumnRole::architecture ? &columns.architecture
                   : roles[j] == ColumnRole::layer        ? &columns.layer
                   : roles[j] == ColumnRole::layer_index  ? &columns.layer_index
                   : roles[j] == ColumnRole::id_accuracy  ? &columns.id_accuracy
                                                          : nullptr;
    if (single && *single >= 0)
      return make_error(table.source + ": columns '" + table.header[static_cast<size_t>(*single)] + "' and '" +
                        table.header[j] + "' are both the " + role_label(roles[j]) + " column; one is");
    if (single) *single = static_cast<long>(j);
    if (roles[j] == ColumnRole::hyper_parameter) columns.hyper.push_back(j);
    if (roles[j] == ColumnRole::marker) columns.markers.push_back(j);
    if (roles[j] == ColumnRole::id_metric) columns.id_metrics.push_back(j);
    if (roles[j] == ColumnRole::ood_accuracy) columns.targets.push_back(j);
    if (roles[j] == ColumnRole::target_detail) columns.details.push_back(j);
  }
  if (!numeric)
    return make_error(table.source + ": no numeric column: a results table needs markers (and OOD accuracies) as numbers");
  if (columns.markers.empty())
    return make_error(table.source + ": no marker column (a numeric column that is not an accuracy, metric, layer "
                      "depth or detail)");
  if (Status unique = check_unique_names(table, roles); !unique.ok()) return make_error(unique.error());
  return columns;
}

// The sets of the OOD accuracy columns, each with its detail columns (the longest set name a detail ends with).
Result<std::vector<TargetSet>> target_sets(const stats::CsvTable& table, const Columns& columns) {
  std::vector<TargetSet> sets;
  for (size_t j : columns.targets)
    sets.push_back({read_as(table.header[j], ColumnRole::ood_accuracy), starts_with(table.header[j], kProbePrefix), j, {}});
  for (size_t j : columns.details) {
    const std::string& name = table.header[j];
    TargetSet* owner = nullptr;
    std::string metric;
    for (TargetSet& set : sets) {
      if (owner && owner->name.size() >= set.name.size()) continue;
      const std::string accuracy = kAccuracyPrefix + set.name;
      if (name == accuracy + "_low") owner = &set, metric = kAccuracyLow;
      else if (name == accuracy + "_high") owner = &set, metric = kAccuracyHigh;
      else if (name == accuracy + "_n") owner = &set, metric = kEvaluatedItems;
      else if (ends_with(name, "_" + set.name)) owner = &set, metric = without_suffix(name, "_" + set.name);
    }
    if (!owner) return make_error(column_error(table, j, "is a detail of no OOD accuracy column's set"));
    owner->details.emplace_back(j, metric);
  }
  return sets;
}

// One row's number in a numeric column: NaN when missing.
Result<double> cell_number(const stats::CsvTable& table, size_t row, size_t column) {
  const std::string& field = table.rows[row][column];
  if (auto value = stats::number_field(field)) return *value;
  return make_error(table.source + ":" + std::to_string(table.lines[row]) + ": column '" + table.header[column] +
                    "': '" + field + "' is not a number");
}

std::string where(const stats::CsvTable& table, size_t row) {
  return table.source + ":" + std::to_string(table.lines[row]);
}

// What the rows of one checkpoint said so far: per column its first value and line, so later rows must agree.
struct CheckpointRows {
  size_t index = 0;  // in project.checkpoints
  long rows = 0;
  std::map<size_t, std::pair<std::string, size_t>> values;  // column -> (field, row)
};

Result<std::string> checkpoint_id(const stats::CsvTable& table, const Columns& columns, size_t row) {
  const auto& fields = table.rows[row];
  if (columns.checkpoint >= 0) {
    const std::string& id = fields[static_cast<size_t>(columns.checkpoint)];
    if (stats::is_missing_field(id))
      return make_error(where(table, row) + ": column '" + table.header[static_cast<size_t>(columns.checkpoint)] +
                        "' (the checkpoint id) is empty");
    return id;
  }
  // No id column: the architecture and hyper-parameters name the checkpoint.
  std::string id = columns.architecture >= 0 ? fields[static_cast<size_t>(columns.architecture)] : std::string();
  for (size_t j : columns.hyper)
    if (!stats::is_missing_field(fields[j])) id += (id.empty() ? "" : " ") + table.header[j] + "=" + fields[j];
  return id.empty() ? "row " + std::to_string(table.lines[row]) : id;
}

// A checkpoint-level field: kept the first time, and later rows of the same checkpoint must agree.
Status agree(const stats::CsvTable& table, size_t row, size_t column, const std::string& checkpoint,
             CheckpointRows& seen) {
  const std::string& field = table.rows[row][column];
  if (stats::is_missing_field(field)) return Ok{};
  auto [at, fresh] = seen.values.emplace(column, std::make_pair(field, row));
  if (fresh || at->second.first == field) return Ok{};
  const auto a = stats::number_field(at->second.first), b = stats::number_field(field);
  if (a && b && *a == *b) return Ok{};
  return make_error(where(table, row) + ": column '" + table.header[column] + "' is " + field + " for checkpoint '" +
                    checkpoint + "', but " + at->second.first + " on line " +
                    std::to_string(table.lines[at->second.second]) + " (a checkpoint's rows must agree)");
}

// Every checkpoint-level column of a row: numbers checked, and recorded (and compared) on its checkpoint.
Status record_checkpoint_fields(const stats::CsvTable& table, const Columns& columns, size_t row,
                                const std::string& id, CheckpointRows& seen) {
  std::vector<size_t> numbers = columns.id_metrics;
  if (columns.id_accuracy >= 0) numbers.push_back(static_cast<size_t>(columns.id_accuracy));
  numbers.insert(numbers.end(), columns.targets.begin(), columns.targets.end());
  numbers.insert(numbers.end(), columns.details.begin(), columns.details.end());
  for (size_t j : numbers)
    if (auto number = cell_number(table, row, j); !number) return make_error(number.error());
  std::vector<size_t> fields = columns.hyper;
  if (columns.architecture >= 0) fields.push_back(static_cast<size_t>(columns.architecture));
  fields.insert(fields.end(), numbers.begin(), numbers.end());
  for (size_t j : fields)
    if (Status agreed = agree(table, row, j, id, seen); !agreed.ok()) return agreed;
  return Ok{};
}

// The geometry entry of one row: its layer, depth and markers.
Result<GeometryEntry> row_geometry(const stats::CsvTable& table, const Columns& columns, size_t row,
                                   const std::string& id, long position) {
  const auto& fields = table.rows[row];
  GeometryEntry entry{id, kTableIdDataset, kTableLayer, {}, {}, {}};
  double depth = static_cast<double>(position);
  if (columns.layer_index >= 0) {
    auto index = cell_number(table, row, static_cast<size_t>(columns.layer_index));
    if (!index) return make_error(index.error());
    if (std::isfinite(*index)) depth = *index;
    if (!stats::is_missing_field(fields[static_cast<size_t>(columns.layer_index)]))
      entry.layer = fields[static_cast<size_t>(columns.layer_index)];
  }
  if (columns.layer >= 0) {
    entry.layer = fields[static_cast<size_t>(columns.layer)];
    if (stats::is_missing_field(entry.layer))
      return make_error(where(table, row) + ": column '" + table.header[static_cast<size_t>(columns.layer)] +
                        "' (the layer) is empty");
  }
  entry.markers["layer_index"] = depth;
  for (size_t j : columns.markers) {
    auto value = cell_number(table, row, j);
    if (!value) return make_error(value.error());
    if (std::isfinite(*value)) entry.markers[read_as(table.header[j], ColumnRole::marker)] = *value;
  }
  return entry;
}

void put(std::map<std::string, double>& metrics, const std::string& name, const std::string& field) {
  const auto value = stats::number_field(field);
  if (value && !std::isnan(*value)) metrics[name] = *value;
}

// The evaluations of one checkpoint from its recorded fields: the ID set's, then each OOD or transfer set's.
void add_evaluations(const stats::CsvTable& table, const Columns& columns, const std::vector<TargetSet>& sets,
                     const std::string& id, const CheckpointRows& seen, Project& project) {
  auto field = [&](size_t column) {
    auto it = seen.values.find(column);
    return it == seen.values.end() ? std::string() : it->second.first;
  };
  EvaluationEntry id_evaluation{id, kTableIdDataset, {}};
  if (columns.id_accuracy >= 0) put(id_evaluation.metrics, "accuracy", field(static_cast<size_t>(columns.id_accuracy)));
  for (size_t j : columns.id_metrics) put(id_evaluation.metrics, read_as(table.header[j], ColumnRole::id_metric), field(j));
  if (!id_evaluation.metrics.empty()) project.evaluations.push_back(std::move(id_evaluation));
  for (const TargetSet& set : sets) {
    EvaluationEntry evaluation{id, set.name, {}};
    put(evaluation.metrics, set.transfer ? "probe_accuracy" : "accuracy", field(set.column));
    for (const auto& [column, metric] : set.details) put(evaluation.metrics, metric, field(column));
    if (!evaluation.metrics.empty()) project.evaluations.push_back(std::move(evaluation));
  }
}

void add_datasets(const stats::CsvTable& table, const std::vector<TargetSet>& sets, Project& project) {
  project.datasets.push_back({kTableIdDataset, "table", table.source, "", 0, {}, {}});
  for (const TargetSet& set : sets)
    project.datasets.push_back({set.name, set.transfer ? "table" : kOodSetKind,
                                "column " + table.header[set.column] + " of " + table.source, "", 0, {}, {}});
}

}  // namespace

std::string read_as(const std::string& column, ColumnRole role) {
  switch (role) {
    case ColumnRole::marker:
      return ends_with(column, kIdSuffix) ? without_suffix(column, kIdSuffix) : column;
    case ColumnRole::id_metric: {
      if (starts_with(column, "id_") && column.size() > 3) return column.substr(3);
      std::string name = without_suffix(without_suffix(column, "_test"), kIdSuffix);
      if (starts_with(name, kAccuracyPrefix) && name.size() > kAccuracyPrefix.size())
        return name.substr(kAccuracyPrefix.size()) + "_accuracy";
      return name;
    }
    case ColumnRole::ood_accuracy:
      for (const std::string& prefix : {kProbePrefix, kAccuracyPrefix})
        if (starts_with(column, prefix) && column.size() > prefix.size()) return column.substr(prefix.size());
      return column;
    default:
      return column;
  }
}

Result<Project> table_project(const stats::CsvTable& table, const std::vector<ColumnRole>& roles) {
  auto sorted = sort_columns(table, roles);
  if (!sorted) return make_error(sorted.error());
  const Columns& columns = *sorted;
  auto sets = target_sets(table, columns);
  if (!sets) return make_error(sets.error());

  Project project;
  project.created_by = "ManifoldScope, from the results table " + table.source;
  std::map<std::string, CheckpointRows> checkpoints;
  std::map<std::pair<std::string, std::string>, size_t> layer_rows;  // (checkpoint, layer) -> row
  for (size_t row = 0; row < table.rows.size(); ++row) {
    auto id = checkpoint_id(table, columns, row);
    if (!id) return make_error(id.error());
    auto [at, fresh] = checkpoints.emplace(*id, CheckpointRows{project.checkpoints.size(), 0, {}});
    CheckpointRows& seen = at->second;
    if (fresh) {
      CheckpointEntry checkpoint;
      checkpoint.id = *id;
      project.checkpoints.push_back(checkpoint);
    }
    if (Status recorded = record_checkpoint_fields(table, columns, row, *id, seen); !recorded.ok())
      return make_error(recorded.error());
    auto entry = row_geometry(table, columns, row, *id, seen.rows++);
    if (!entry) return make_error(entry.error());
    auto [previous, first] = layer_rows.emplace(std::make_pair(*id, entry->layer), row);
    if (!first)
      return make_error(where(table, row) + ": checkpoint '" + *id + "', layer '" + entry->layer +
                        "' is already on line " + std::to_string(table.lines[previous->second]));
    project.geometry.push_back(std::move(entry).value());
  }
  for (auto& id_seen : checkpoints) {
    const auto& seen = id_seen.second;  // a named reference: C++17 lambdas cannot capture structured bindings
    CheckpointEntry& checkpoint = project.checkpoints[seen.index];
    auto field = [&](size_t column) {
      auto it = seen.values.find(column);
      return it == seen.values.end() ? std::string() : it->second.first;
    };
    if (columns.architecture >= 0) checkpoint.architecture = field(static_cast<size_t>(columns.architecture));
    for (size_t j : columns.hyper)
      if (seen.values.count(j)) checkpoint.hyper_parameters[table.header[j]] = field(j);
  }
  for (const CheckpointEntry& checkpoint : project.checkpoints)
    add_evaluations(table, columns, *sets, checkpoint.id, checkpoints.at(checkpoint.id), project);
  add_datasets(table, *sets, project);
  return project;
}

Result<Project> read_table_project(const std::string& path, const std::vector<ColumnRole>& roles) {
  auto table = stats::read_csv_table(path);
  if (!table) return make_error(table.error());
  return table_project(*table, roles.empty() ? guess_column_roles(*table) : roles);
}

}  // namespace ms::store
