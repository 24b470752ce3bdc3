#include "core/store/table_roles.h"

#include <algorithm>
#include <cctype>
#include <set>

namespace ms::store {
namespace {

struct RoleText {
  ColumnRole role;
  const char* name;
  const char* label;
};

const std::vector<RoleText>& role_texts() {
  static const std::vector<RoleText> texts{
      {ColumnRole::checkpoint, "checkpoint", "checkpoint id"},
      {ColumnRole::architecture, "architecture", "architecture (group)"},
      {ColumnRole::hyper_parameter, "hyper_parameter", "hyper-parameter"},
      {ColumnRole::layer, "layer", "layer name"},
      {ColumnRole::layer_index, "layer_index", "layer depth"},
      {ColumnRole::marker, "marker", "marker (ID set)"},
      {ColumnRole::id_accuracy, "id_accuracy", "ID accuracy"},
      {ColumnRole::id_metric, "id_metric", "ID metric"},
      {ColumnRole::ood_accuracy, "ood_accuracy", "OOD accuracy (target)"},
      {ColumnRole::target_detail, "target_detail", "OOD set detail"},
      {ColumnRole::ignored, "ignored", "ignored"},
  };
  return texts;
}

std::string lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

bool starts_with(const std::string& text, const std::string& prefix) { return text.rfind(prefix, 0) == 0; }
bool ends_with(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}
bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

bool is_seed(const std::string& n) { return starts_with(n, "seed") || ends_with(n, "_seed"); }

// ID evaluation metrics ManifoldScope computes (and the paper's tables name the same way).
bool is_evaluation_metric(const std::string& n) {
  static const std::set<std::string> names{"loss",         "auroc",        "confidence", "entropy", "atc",
                                           "atc_score",    "logit_margin", "energy",     "energy_score"};
  for (const char* suffix : {"", "_test", "_id"}) {
    const std::string s = suffix;
    if (ends_with(n, s) && names.count(n.substr(0, n.size() - s.size()))) return true;
  }
  return false;
}

bool is_accuracy_name(const std::string& n) { return starts_with(n, "acc_") || contains(n, "accuracy") || contains(n, "_acc"); }

// The role a column's name alone decides, or nothing.
std::optional<ColumnRole> role_by_name(const std::string& n) {
  static const std::set<std::string> checkpoint{"checkpoint", "checkpoint_id", "ckpt", "run", "run_id",
                                                "run_name",   "model_id",      "name", "id"};
  static const std::set<std::string> architecture{"architecture", "arch", "arch_name", "network", "backbone"};
  static const std::set<std::string> hyper{"lr",         "learning_rate", "weight_decay", "wd",     "optimizer",
                                           "momentum",   "batch_size",    "epochs",       "dropout", "width",
                                           "augmentation", "scheduler"};
  static const std::set<std::string> id_accuracy{"acc_test", "id_accuracy", "test_accuracy", "accuracy",
                                                 "acc",      "acc_id",      "test_acc"};
  if (checkpoint.count(n)) return ColumnRole::checkpoint;
  if (architecture.count(n)) return ColumnRole::architecture;
  if (n == "layer" || n == "layer_name") return ColumnRole::layer;
  if (n == "layer_index" || n == "layer_idx" || n == "depth") return ColumnRole::layer_index;
  if (hyper.count(n) || is_seed(n)) return ColumnRole::hyper_parameter;
  if (id_accuracy.count(n)) return ColumnRole::id_accuracy;
  if (starts_with(n, "id_") || is_evaluation_metric(n)) return ColumnRole::id_metric;
  if (n == "train_acc" || n == "train_accuracy" || (is_accuracy_name(n) && (ends_with(n, "_train") || ends_with(n, "_id"))))
    return ColumnRole::id_metric;
  if (starts_with(n, "acc_") || starts_with(n, "probe_accuracy_") || (is_accuracy_name(n) && contains(n, "ood")))
    return ColumnRole::ood_accuracy;
  return std::nullopt;
}

// The set an OOD accuracy column names: acc_<set>, probe_accuracy_<set>; "" for other names.
std::string target_set(const std::string& column) {
  for (const char* prefix : {"probe_accuracy_", "acc_"})
    if (starts_with(column, prefix)) return column.substr(std::string(prefix).size());
  return {};
}

// acc_<set>_low/_high/_n and <metric>_<set> of the OOD accuracy columns' sets become their details.
void find_details(const std::vector<std::string>& header, const std::vector<bool>& named,
                  std::vector<ColumnRole>& roles) {
  std::set<std::string> sets;
  for (size_t j = 0; j < header.size(); ++j)
    if (roles[j] == ColumnRole::ood_accuracy && !target_set(header[j]).empty()) sets.insert(target_set(header[j]));
  for (size_t j = 0; j < header.size(); ++j) {
    const std::string& name = header[j];
    // An accuracy-like name that names no set itself (doc_accuracy_<set>, probe_train_accuracy_<set>) can be one.
    const bool unsure = !named[j] || (roles[j] == ColumnRole::ood_accuracy && target_set(name).empty());
    for (const std::string& set : sets) {
      bool detail = false;
      if (roles[j] == ColumnRole::ood_accuracy)
        for (const char* suffix : {"_low", "_high", "_n"}) detail |= name == "acc_" + set + suffix;
      if (unsure) detail |= name.size() > set.size() + 1 && ends_with(name, "_" + set);
      if (detail) roles[j] = ColumnRole::target_detail;
    }
  }
}

// ManifoldScope's results CSV: checkpoint, architecture, <hyper-parameters...>, layer, layer_index, ...
void apply_own_layout(const std::vector<std::string>& header, std::vector<ColumnRole>& roles) {
  if (header.size() < 4 || header[0] != "checkpoint" || header[1] != "architecture") return;
  const auto layer = std::find(header.begin(), header.end(), "layer");
  if (layer == header.end() || layer + 1 == header.end() || *(layer + 1) != "layer_index") return;
  for (auto it = header.begin() + 2; it != layer; ++it) roles[static_cast<size_t>(it - header.begin())] = ColumnRole::hyper_parameter;
}

// One column per role where the views take one: later ones become what else they could be.
void keep_single_columns(std::vector<ColumnRole>& roles) {
  std::set<ColumnRole> seen;
  for (ColumnRole& role : roles) {
    const bool single = role == ColumnRole::checkpoint || role == ColumnRole::architecture ||
                        role == ColumnRole::layer || role == ColumnRole::layer_index || role == ColumnRole::id_accuracy;
    if (single && !seen.insert(role).second)
      role = role == ColumnRole::id_accuracy ? ColumnRole::id_metric : ColumnRole::hyper_parameter;
  }
}

}  // namespace

const std::vector<ColumnRole>& all_column_roles() {
  static const std::vector<ColumnRole> roles = [] {
    std::vector<ColumnRole> all;
    for (const RoleText& text : role_texts()) all.push_back(text.role);
    return all;
  }();
  return roles;
}

std::string role_name(ColumnRole role) {
  for (const RoleText& text : role_texts())
    if (text.role == role) return text.name;
  return "ignored";
}

std::optional<ColumnRole> role_from_name(const std::string& name) {
  for (const RoleText& text : role_texts())
    if (name == text.name) return text.role;
  return std::nullopt;
}

std::string role_label(ColumnRole role) {
  for (const RoleText& text : role_texts())
    if (text.role == role) return text.label;
  return "ignored";
}

bool is_numeric_role(ColumnRole role) {
  return role == ColumnRole::layer_index || role == ColumnRole::marker || role == ColumnRole::id_accuracy ||
         role == ColumnRole::id_metric || role == ColumnRole::ood_accuracy || role == ColumnRole::target_detail;
}

std::vector<ColumnRole> guess_column_roles(const stats::CsvTable& table) {
  const size_t columns = table.header.size();
  std::vector<ColumnRole> roles(columns, ColumnRole::marker);
  std::vector<bool> named(columns, false);
  for (size_t j = 0; j < columns; ++j) {
    const std::string n = lower(table.header[j]);
    bool numeric = true, any_value = false;
    for (const auto& row : table.rows) {
      if (stats::is_missing_field(row[j])) continue;
      any_value = true;
      numeric = numeric && stats::number_field(row[j]).has_value();
    }
    if (auto role = role_by_name(n)) {
      roles[j] = *role;
      named[j] = true;
    } else if (!any_value) {
      roles[j] = ColumnRole::ignored;
    } else if (!numeric) {
      roles[j] = ColumnRole::hyper_parameter;
    } else if (ends_with(n, "_train") || ends_with(n, "_ood")) {
      roles[j] = ColumnRole::ignored;
    }
  }
  find_details(table.header, named, roles);
  apply_own_layout(table.header, roles);
  keep_single_columns(roles);
  return roles;
}

}  // namespace ms::store
