#include "core/pipeline/ood_inputs.h"

#include <algorithm>
#include <cctype>
#include <numeric>
#include <set>

#include "core/data/corruptions.h"
#include "core/data/dataset_registry.h"
#include "core/data/sampling.h"

namespace ms::pipeline {
namespace {

std::string trimmed(const std::string& text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return {};
  return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

// Names end up in CSV headers, HDF5 group names and menus: a plain alphabet keeps them readable everywhere.
bool plain_name(const std::string& name) {
  return !name.empty() && std::all_of(name.begin(), name.end(), [](unsigned char c) {
    return std::isalnum(c) || c == '_' || c == '-' || c == '.' || c == ':' || c == '@';
  });
}

std::string describe(const OodSetOption& set) { return "--ood-set " + set.name + " (" + set.spec + ")"; }

}  // namespace

Result<OodSetOption> parse_ood_set(const std::string& text) {
  const auto equals = text.find('=');
  if (equals == std::string::npos)
    return make_error("--ood-set '" + text + "': expected NAME=SPEC, e.g. c10c-fog3=CIFAR-10-C/fog.npy:3");
  OodSetOption set{trimmed(text.substr(0, equals)), trimmed(text.substr(equals + 1))};
  if (set.name.empty()) return make_error("--ood-set '" + text + "': the NAME before '=' is empty");
  if (!plain_name(set.name))
    return make_error("--ood-set '" + text + "': the name '" + set.name +
                      "' may only hold letters, digits and _ - . : @");
  if (data::parse_shift(set.name).ok())
    return make_error("--ood-set '" + text + "': '" + set.name +
                      "' is the name of a built-in shift (--ood); give the set another name");
  if (set.spec.empty()) return make_error("--ood-set '" + text + "': the dataset SPEC after '=' is empty");
  return set;
}

Result<std::vector<OodSetOption>> parse_ood_sets(const std::string& list) {
  std::vector<OodSetOption> sets;
  size_t start = 0;
  while (start <= list.size()) {
    const size_t end = std::min(list.find(';', start), list.size());
    const std::string part = trimmed(list.substr(start, end - start));
    if (!part.empty()) {
      auto set = parse_ood_set(part);
      if (!set) return make_error(set.error());
      sets.push_back(std::move(set).value());
    }
    start = end + 1;
  }
  return sets;
}

Status check_ood_set_names(const AnalyseOptions& options) {
  std::set<std::string> seen;
  for (const OodSetOption& set : options.ood_sets) {
    auto parsed = parse_ood_set(set.name + "=" + set.spec);
    if (!parsed) return make_error(parsed.error());
    if (!seen.insert(set.name).second) return make_error("--ood-set " + set.name + ": the name is given twice");
    if (set.name == options.id_dataset || set.name == options.transfer_dataset)
      return make_error("--ood-set " + set.name + ": the name is taken by the " +
                        (set.name == options.id_dataset ? "ID" : "transfer") + " dataset");
  }
  return Ok{};
}

Result<data::Dataset> open_ood_set(const OodSetOption& set, const data::Dataset& id) {
  auto opened = data::open_dataset(set.spec);
  if (!opened) return make_error(describe(set) + ": " + opened.error());
  data::Dataset dataset = std::move(opened).value();
  if (dataset.item_shape != id.item_shape)
    return make_error(describe(set) + ": items are " + data::shape_string(dataset.item_shape) + " but the ID set's (" +
                      id.name + ") are " + data::shape_string(id.item_shape));
  if (dataset.num_classes() != id.num_classes())
    return make_error(describe(set) + ": " + std::to_string(dataset.num_classes()) + " classes but the ID set (" +
                      id.name + ") has " + std::to_string(id.num_classes()) +
                      "; labels must be the ID set's class ids");
  if (dataset.count() == 0) return make_error(describe(set) + ": the dataset has no items");
  dataset.name = set.name;  // the evaluations are stored under the name (store/ood_sets.h)
  return dataset;
}

Result<std::vector<int64_t>> limited_rows(const data::Dataset& dataset, int64_t limit, uint64_t seed) {
  if (limit <= 0 || limit >= dataset.count()) {
    std::vector<int64_t> all(static_cast<size_t>(dataset.count()));
    std::iota(all.begin(), all.end(), int64_t{0});
    return all;
  }
  auto rows = data::sample_stratified(dataset.labels, dataset.num_classes(), limit, seed);
  if (!rows) return make_error(dataset.name + ": " + rows.error());
  return rows;
}

Result<data::Dataset> limit_items(data::Dataset dataset, int64_t limit, uint64_t seed) {
  if (limit <= 0 || limit >= dataset.count()) return dataset;
  auto rows = limited_rows(dataset, limit, seed);
  if (!rows) return make_error(rows.error());
  return data::take_rows(dataset, *rows);
}

}  // namespace ms::pipeline
