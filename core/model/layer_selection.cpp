#include "core/model/layer_selection.h"

#include <algorithm>
#include <set>

namespace ms::model {
namespace {

bool has_wildcard(const std::string& term) { return term.find_first_of("*?") != std::string::npos; }

size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

// Up to five names closest to `term`: module outputs first, then ids.
std::string near_names(const std::vector<LayerInfo>& layers, const std::string& term) {
  std::vector<std::string> names;
  for (const LayerInfo& layer : layers)
    for (const std::string& module : layer.module_outputs) names.push_back(module);
  for (const LayerInfo& layer : layers) names.push_back(layer.id);
  // Closest beginning first (the user typed the start of a path), then closest length.
  const std::string stem = term.substr(0, term.find_first_of("*?"));
  std::vector<std::pair<size_t, std::string>> ranked;
  std::set<std::string> seen;
  for (const std::string& name : names) {
    if (!seen.insert(name).second) continue;
    const size_t length_gap = name.size() > stem.size() ? name.size() - stem.size() : stem.size() - name.size();
    ranked.emplace_back(100 * edit_distance(stem, name.substr(0, stem.size())) + length_gap, name);
  }
  std::stable_sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::string text;
  for (size_t i = 0; i < ranked.size() && i < 5; ++i) text += (i ? ", " : "") + ranked[i].second;
  return text;
}

// The layers one term names (see the header), in graph order.
std::vector<size_t> matches(const std::vector<LayerInfo>& layers, const std::string& term) {
  std::vector<size_t> found;
  auto collect = [&](auto&& predicate) {
    for (size_t i = 0; i < layers.size(); ++i)
      if (predicate(layers[i])) found.push_back(i);
    return !found.empty();
  };
  auto is_output_of = [](const LayerInfo& layer, auto&& test) {
    return std::any_of(layer.module_outputs.begin(), layer.module_outputs.end(), test);
  };
  if (term == "all") return collect([](const LayerInfo&) { return true; }), found;
  if (term == "blocks") return collect([](const LayerInfo& layer) { return layer.block; }), found;
  if (term == "penultimate") return collect([](const LayerInfo& layer) { return layer.penultimate; }), found;
  if (has_wildcard(term)) {
    // Over module outputs; a pattern with ':' names ops, over ids ("**:relu").
    if (term.find(':') != std::string::npos)
      return collect([&](const LayerInfo& layer) { return glob_match(term, layer.id); }), found;
    collect([&](const LayerInfo& layer) {
      return is_output_of(layer, [&](const std::string& module) { return glob_match(term, module); });
    });
    return found;
  }
  if (collect([&](const LayerInfo& layer) {
        return is_output_of(layer, [&](const std::string& module) { return module == term; });
      }))
    return found;
  if (collect([&](const LayerInfo& layer) { return layer.id == term; })) return found;
  collect([&](const LayerInfo& layer) { return layer.module_path == term; });
  return found;
}

}  // namespace

bool glob_match(const std::string& pattern, const std::string& name) {
  // Backtracking over the pattern: small patterns and names, no regex engine needed.
  if (pattern.empty()) return name.empty();
  if (pattern.compare(0, 2, "**") == 0) {
    for (size_t skip = 0; skip <= name.size(); ++skip)
      if (glob_match(pattern.substr(2), name.substr(skip))) return true;
    return false;
  }
  if (pattern[0] == '*') {
    for (size_t skip = 0; skip <= name.size(); ++skip) {
      if (glob_match(pattern.substr(1), name.substr(skip))) return true;
      if (skip < name.size() && name[skip] == '.') break;  // one `*` stays inside a dotted part
    }
    return false;
  }
  if (name.empty()) return false;
  if (pattern[0] != '?' && pattern[0] != name[0]) return false;
  return glob_match(pattern.substr(1), name.substr(1));
}

std::vector<std::string> split_layer_terms(const std::string& text) {
  std::vector<std::string> terms;
  size_t start = 0;
  while (start <= text.size()) {
    size_t comma = text.find(',', start);
    if (comma == std::string::npos) comma = text.size();
    std::string term = text.substr(start, comma - start);
    term.erase(0, term.find_first_not_of(" \t"));
    term.erase(term.find_last_not_of(" \t") + 1);
    if (!term.empty()) terms.push_back(term);
    start = comma + 1;
  }
  return terms;
}

Result<std::vector<size_t>> select_layers(const std::vector<LayerInfo>& layers, const std::vector<std::string>& terms) {
  if (terms.empty()) return make_error("no layers named (use 'all', 'blocks', 'penultimate', module paths or globs)");
  std::vector<bool> chosen(layers.size(), false);
  for (const std::string& term : terms) {
    const std::vector<size_t> found = matches(layers, term);
    if (found.empty()) {
      if (term == "blocks" || term == "penultimate")
        return make_error("this model has no '" + term + "' layer (no " +
                          (term == "blocks" ? "torch.nn.Sequential of blocks" : "final linear layer") +
                          " found); name layers by module path instead");
      return make_error("no layer matches '" + term + "' (near: " + near_names(layers, term) + ")");
    }
    for (size_t i : found) chosen[i] = true;
  }
  std::vector<size_t> indices;
  for (size_t i = 0; i < layers.size(); ++i)
    if (chosen[i]) indices.push_back(i);
  return indices;
}

}  // namespace ms::model
