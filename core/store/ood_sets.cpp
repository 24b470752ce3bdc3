#include "core/store/ood_sets.h"

#include <algorithm>
#include <map>

namespace ms::store {
namespace {

const std::string kAccuracyPrefix = "acc_";

bool is_user_set(const Project& project, const std::string& dataset) {
  return std::any_of(project.datasets.begin(), project.datasets.end(),
                     [&](const DatasetEntry& d) { return d.id == dataset && d.kind == kOodSetKind; });
}

}  // namespace

std::string shift_dataset(const std::string& id_dataset, const std::string& shift_label) {
  return id_dataset + "+" + shift_label;
}

std::string ood_set_name(const Project& project, const std::string& id_dataset, const std::string& dataset) {
  if (id_dataset.empty() || dataset == id_dataset) return {};
  const std::string prefix = shift_dataset(id_dataset, "");
  if (dataset.size() > prefix.size() && dataset.compare(0, prefix.size(), prefix) == 0)
    return dataset.substr(prefix.size());
  return is_user_set(project, dataset) ? dataset : std::string();
}

std::vector<OodSet> ood_sets(const Project& project, const std::string& id_dataset) {
  std::map<std::string, std::string> found;  // name -> dataset, sorted by name
  for (const auto& evaluation : project.evaluations) {
    if (!evaluation.metrics.count("accuracy")) continue;
    const std::string name = ood_set_name(project, id_dataset, evaluation.dataset);
    if (!name.empty()) found.emplace(name, evaluation.dataset);
  }
  std::vector<OodSet> sets;
  for (const auto& [name, dataset] : found) sets.push_back({name, dataset});
  return sets;
}

std::string accuracy_key(const std::string& name) { return kAccuracyPrefix + name; }

std::string name_of_accuracy_key(const std::string& key) {
  return key.size() > kAccuracyPrefix.size() && key.compare(0, kAccuracyPrefix.size(), kAccuracyPrefix) == 0
             ? key.substr(kAccuracyPrefix.size())
             : std::string();
}

std::string ood_metric_column(const std::string& name, const std::string& metric) {
  if (metric == "accuracy") return accuracy_key(name);
  if (metric == kAccuracyLow) return accuracy_key(name) + "_low";
  if (metric == kAccuracyHigh) return accuracy_key(name) + "_high";
  if (metric == kEvaluatedItems) return accuracy_key(name) + "_n";
  return metric + "_" + name;
}

}  // namespace ms::store
