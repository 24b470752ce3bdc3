#include "core/store/marker_notes.h"

#include <cmath>
#include <cstdio>
#include <set>

#include "core/geometry/glue_result.h"

namespace ms::store {
namespace {

double value_of(const std::map<std::string, double>& markers, const std::string& name) {
  const auto it = markers.find(name);
  return it == markers.end() ? std::nan("") : it->second;
}

bool ends_with(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string base_name(const std::string& name) { return ends_with(name, "_std") ? name.substr(0, name.size() - 4) : name; }

std::string approximate_note(const std::map<std::string, double>& markers) {
  char text[200];
  std::snprintf(text, sizeof text,
                "approximate: %.0f of this layer's GLUE solves stopped before convergence (worst relative KKT "
                "residual %.2g); raise the solver's iteration limit or check the layer for near-duplicate points",
                value_of(markers, "glue_failed_solves"), value_of(markers, "glue_worst_kkt_residual"));
  return text;
}

std::string glue_nan_note(const std::map<std::string, double>& markers, const std::string& measure) {
  if (value_of(markers, "glue_coincident_repeats") > 0)
    return "NaN: the sampled points of a repeat all coincide (blank inputs or a dead layer), so the manifolds have "
           "no extent to measure";
  if (measure.find("alignment") != std::string::npos && value_of(markers, "num_manifolds") == 1)
    return "NaN: alignments compare pairs of class manifolds, and this set has a single class";
  if (measure == "radius")
    return "NaN: R_eff = sqrt(E[c] / E[b - c]) is undefined when every anchor lies at its manifold's center "
           "(E[b - c] = 0)";
  return "NaN: undefined for this layer's geometry (docs/spec/glue.md section 4)";
}

}  // namespace

bool is_glue_measure(const std::string& name) {
  static const std::set<std::string> measures = [] {
    std::set<std::string> names;
    geometry::GlueMeasures m;
    geometry::for_each_measure(m, [&names](const char* measure, double) { names.insert(measure); });
    return names;
  }();
  return measures.count(base_name(name)) > 0;
}

std::string marker_note(const std::map<std::string, double>& markers, const std::string& name) {
  const double value = value_of(markers, name);
  const bool failed = value_of(markers, "glue_failed_solves") > 0;
  if (name == "glue_failed_solves") return failed ? approximate_note(markers) : "";
  if (is_glue_measure(name)) {
    if (std::isnan(value)) return glue_nan_note(markers, base_name(name));
    return failed ? approximate_note(markers) : "";
  }
  if (!markers.count(name) || !std::isnan(value) || name.rfind("glue_", 0) == 0) return "";
  if (ends_with(name, "_avg"))
    return "NaN: the within-class average needs at least one class with two samples or more";
  if (name == "nc1" && value_of(markers, "num_manifolds") == 1)
    return "NaN: NC1 compares the spread within classes to that between them, and this set has a single class";
  return "NaN: undefined for this layer (its points have no spread: a constant or dead layer)";
}

}  // namespace ms::store
