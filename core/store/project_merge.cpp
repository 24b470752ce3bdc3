#include "core/store/project_merge.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

#include "core/store/project_file.h"
#include "core/store/results_table.h"

namespace ms::store {
namespace {

std::string describe(const std::map<std::string, std::string>& options) {
  std::string text;
  for (const auto& [key, value] : options) text += (text.empty() ? "" : ", ") + key + "=" + value;
  return text;
}

bool same_data(const DatasetEntry& a, const DatasetEntry& b) {
  return a.kind == b.kind && a.shift == b.shift && a.shift_severity == b.shift_severity && a.classes == b.classes &&
         a.labels == b.labels;
}

std::set<std::string> dataset_ids(const Project& project) {
  std::set<std::string> ids;
  for (const DatasetEntry& dataset : project.datasets) ids.insert(dataset.id);
  return ids;
}

// Every part must have the same datasets (ID set, OOD sets, transfer set), each the same data.
Status check_datasets(const std::vector<Project>& parts, const std::vector<std::string>& names) {
  std::map<std::string, std::pair<const DatasetEntry*, size_t>> seen;
  const std::set<std::string> first_ids = dataset_ids(parts.front());
  for (size_t p = 0; p < parts.size(); ++p) {
    const std::set<std::string> ids = dataset_ids(parts[p]);
    if (ids != first_ids) {
      std::string only;
      for (const std::string& id : ids) only += first_ids.count(id) ? "" : " '" + id + "' only in " + names[p] + ";";
      for (const std::string& id : first_ids) only += ids.count(id) ? "" : " '" + id + "' only in " + names[0] + ";";
      return make_error("cannot merge " + names[0] + " and " + names[p] + ": they were analysed on other datasets (" +
                        only.substr(1, only.size() - 2) + ")");
    }
    for (const DatasetEntry& dataset : parts[p].datasets) {
      auto [it, inserted] = seen.try_emplace(dataset.id, &dataset, p);
      if (!inserted && !same_data(*it->second.first, dataset))
        return make_error("cannot merge " + names[it->second.second] + " and " + names[p] + ": their dataset '" +
                          dataset.id + "' differs (other items, labels or shift): they were analysed on other data");
    }
  }
  return Ok{};
}

// The geometry options of every part must be one set (the markers would not be comparable otherwise).
Status check_options(const std::vector<Project>& parts, const std::vector<std::string>& names) {
  const std::map<std::string, std::string>* first = nullptr;
  size_t first_part = 0;
  for (size_t p = 0; p < parts.size(); ++p)
    for (const GeometryEntry& entry : parts[p].geometry) {
      if (!first) {
        first = &entry.options, first_part = p;
      } else if (entry.options != *first) {
        return make_error("cannot merge " + names[first_part] + " and " + names[p] +
                          ": they were analysed with other options (" + describe(*first) + " against " +
                          describe(entry.options) + ")");
      }
    }
  return Ok{};
}

bool finished(const Project& project, const std::string& checkpoint) {
  return std::any_of(project.evaluations.begin(), project.evaluations.end(), [&](const EvaluationEntry& e) {
    return e.checkpoint == checkpoint && e.metrics.count("analysis_complete");
  });
}

// For each checkpoint id, the part its entries come from: the first that finished it, else the first that has it.
Result<std::map<std::string, size_t>> checkpoint_sources(const std::vector<Project>& parts,
                                                         const std::vector<std::string>& names) {
  std::map<std::string, size_t> source;
  std::map<std::string, const CheckpointEntry*> entry;
  for (size_t p = 0; p < parts.size(); ++p)
    for (const CheckpointEntry& checkpoint : parts[p].checkpoints) {
      auto [it, inserted] = entry.try_emplace(checkpoint.id, &checkpoint);
      if (inserted) {
        source[checkpoint.id] = p;
        continue;
      }
      if (it->second->sha256 != checkpoint.sha256)
        return make_error("cannot merge " + names[source[checkpoint.id]] + " and " + names[p] + ": checkpoint '" +
                          checkpoint.id + "' is a different file in each (sha256 differs)");
      if (!finished(parts[source[checkpoint.id]], checkpoint.id) && finished(parts[p], checkpoint.id))
        source[checkpoint.id] = p, it->second = &checkpoint;
    }
  return source;
}

template <typename Entry>
void take_entries(const std::vector<Entry>& from, const std::string& checkpoint, std::vector<Entry>& into) {
  for (const Entry& entry : from)
    if (entry.checkpoint == checkpoint) into.push_back(entry);
}

}  // namespace

Result<Project> merge_projects(const std::vector<Project>& parts, const std::vector<std::string>& names) {
  if (parts.empty()) return make_error("merge: no projects to merge");
  if (names.size() != parts.size()) return make_error("merge: one name per part is needed");
  if (Status ok = check_datasets(parts, names); !ok.ok()) return make_error(ok.error());
  if (Status ok = check_options(parts, names); !ok.ok()) return make_error(ok.error());
  auto sources = checkpoint_sources(parts, names);
  if (!sources) return make_error(sources.error());

  Project merged;
  merged.app_version = parts.front().app_version;
  merged.views_json = parts.front().views_json;
  merged.datasets = parts.front().datasets;  // the same in every part (checked)
  for (const Project& part : parts) merged.relocations.insert(part.relocations.begin(), part.relocations.end());
  for (const auto& [id, p] : *sources) {  // std::map: sorted by checkpoint id
    const Project& part = parts[p];
    for (const CheckpointEntry& checkpoint : part.checkpoints)
      if (checkpoint.id == id) merged.checkpoints.push_back(checkpoint);
    take_entries(part.geometry, id, merged.geometry);
    take_entries(part.evaluations, id, merged.evaluations);
  }
  return merged;
}

Result<Project> merge_project_files(const std::vector<std::string>& part_paths, const std::string& out,
                                    std::string csv) {
  std::vector<Project> parts;
  for (const std::string& path : part_paths) {
    auto part = read_project(path);
    if (!part) return make_error(part.error());
    parts.push_back(std::move(part).value());
  }
  auto merged = merge_projects(parts, part_paths);
  if (!merged) return merged;
  if (csv.empty()) csv = std::filesystem::path(out).replace_extension(".csv").string();
  const std::string id_dataset = merged->geometry.empty() ? std::string() : merged->geometry.front().dataset;
  if (Status saved = write_project(*merged, out); !saved.ok()) return make_error(saved.error());
  if (Status table = write_results_csv(*merged, id_dataset, csv); !table.ok()) return make_error(table.error());
  return merged;
}

}  // namespace ms::store
