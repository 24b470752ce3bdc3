// The markers a project stores, in one place: every stored name (the geometry entry's key, the results table's
// column) with its label in the paper's notation, where it is computed, a one-line meaning for tooltips, and its
// place among the paper's markers; and the bookkeeping values stored beside the markers that are not markers (the
// layer's depth and sizes, the GLUE solver's diagnostics, GLUE's internal means a, b, c).
//
// Adding a marker: compute it (core/geometry), name it in core/pipeline/marker_maps.cpp, and add its line here — a
// test fails for a stored name that is neither catalogued nor bookkeeping (tests/unit/pipeline/marker_catalogue_test).
// The panels order and filter markers with the functions below (featured first, bookkeeping never shown).
#pragma once

#include <set>
#include <string>
#include <vector>

namespace ms::store {

enum class MarkerFamily {
  glue,      // GLUE measures of the class manifolds (spec §4), per layer; `_std` variants over repeats
  baseline,  // the paper's representation baselines (spec §6), per layer
  logit,     // logit markers and metrics of an evaluated dataset (spec §6); in tables "id_<name>" for the ID set
};

struct MarkerInfo {
  std::string name;     // stored name
  std::string label;    // in the paper's notation: "D_eff", "Ψ_eff", "ρ_c"
  MarkerFamily family;
  std::string meaning;  // one line: what it measures
  int paper_rank = 0;   // place in the paper's correlation heat map (Figure 3), 1 = first; 0 = not there
  bool profile = false;      // among the first markers of the layer profile (the paper's per-layer figures)
  bool paper_table = false;  // a marker of the paper's released results tables (the heat map's default rows)
};

// Every marker, GLUE first, then the baselines, then the logit markers.
const std::vector<MarkerInfo>& marker_catalogue();

// The entry of `name`; a GLUE measure's "_std" (spread over repeats) finds its measure. nullptr when not catalogued.
const MarkerInfo* find_marker(const std::string& name);

// Stored beside the markers but not one: layer_index, num_manifolds, num_features, glue_* solver diagnostics and
// GLUE's internal means (mean_a, mean_b, mean_c, and their _std).
bool is_bookkeeping(const std::string& name);

// `names` with the paper's heat-map markers first in its order (paper_rank), the rest by name. With
// `profile_only`, only markers marked `profile` come first.
std::vector<std::string> featured_first(std::set<std::string> names, bool profile_only = false);

// One line for a tooltip: "D_eff: GLUE effective dimension: …" for a marker, "… (spread over repeats)" for a GLUE
// measure's _std, "… on the ID set" for a results table's id_<metric>; "" for a name not catalogued.
std::string marker_description(const std::string& name);

// An axis title in the paper's notation: "D_eff" for dimension, "Ψ_eff spread" for utility_std, "ID accuracy" for a
// table's id_accuracy; the name itself when not catalogued.
std::string marker_title(const std::string& name);

// The paper's two main markers, D_eff and Ψ_eff ("dimension", "utility"): the default of a figure pack.
std::vector<std::string> headline_markers();

}  // namespace ms::store
