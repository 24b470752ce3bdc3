#include "core/store/marker_catalogue.h"

#include <algorithm>

namespace ms::store {
namespace {

const std::string kStd = "_std";

MarkerInfo glue(std::string name, std::string label, std::string meaning, int rank = 0, bool profile = false,
                bool table = false) {
  return {std::move(name), std::move(label), MarkerFamily::glue, std::move(meaning), rank, profile, table};
}
MarkerInfo baseline(std::string name, std::string label, std::string meaning, int rank = 0, bool profile = false,
                    bool table = false) {
  return {std::move(name), std::move(label), MarkerFamily::baseline, std::move(meaning), rank, profile, table};
}
MarkerInfo logit(std::string name, std::string label, std::string meaning, bool table = false) {
  return {std::move(name), std::move(label), MarkerFamily::logit, std::move(meaning), 0, false, table};
}

bool ends_with_std(const std::string& name) {
  return name.size() > kStd.size() && name.compare(name.size() - kStd.size(), kStd.size(), kStd) == 0;
}

}  // namespace

const std::vector<MarkerInfo>& marker_catalogue() {
  static const std::vector<MarkerInfo> all = {
      glue("dimension", "D_eff", "GLUE effective dimension: how many directions the anchors vary in", 1, true, true),
      glue("utility", "Ψ_eff", "GLUE utility: share of the separating projection carried by within-class variation",
           2, true, true),
      glue("radius", "R_eff", "GLUE effective radius: spread of the anchors relative to their centers", 3, true, true),
      glue("capacity", "α", "GLUE capacity: manifolds per dimension that can be linearly separated", 4, true, true),
      glue("center_alignment", "ρ_c", "mean |cos| between class centers", 5, false, true),
      glue("axis_alignment", "ρ_a", "mean |cos| between the classes' within-class axes", 6, false, true),
      glue("center_axis_alignment", "ψ", "mean |cos| between class centers and the other classes' axes", 7, false,
           true),
      glue("center_alignment_abs_inner", "ρ_c |⟨·,·⟩|", "center alignment as mean |inner product|"),
      glue("axis_alignment_abs_inner", "ρ_a |⟨·,·⟩|", "axis alignment as mean |inner product|"),
      glue("center_axis_alignment_abs_inner", "ψ |⟨·,·⟩|", "center-axis alignment as mean |inner product|"),
      glue("center_alignment_signed", "ρ_c signed", "center alignment as mean signed cosine"),
      glue("axis_alignment_signed", "ρ_a signed", "axis alignment as mean signed cosine"),
      glue("center_axis_alignment_signed", "ψ signed", "center-axis alignment as mean signed cosine"),
      glue("active_fraction", "active fraction", "share of (sample, manifold) pairs with an anchor"),
      baseline("participation_ratio", "PR", "participation ratio of the covariance spectrum", 8, true, true),
      baseline("nc1", "NC1", "neural collapse: within-class over between-class variability", 9, true, true),
      baseline("numerical_rank", "rank", "singular values above 1e-3 of the largest", 0, false, true),
      baseline("sparsity", "sparsity", "share of features above 1e-6 in magnitude", 0, false, true),
      baseline("mean_distance", "mean distance", "mean distance between samples", 0, false, true),
      baseline("mean_angle", "mean angle", "mean angle between samples (radians)", 0, false, true),
      baseline("mean_covariance", "mean |cov|", "mean absolute covariance between features", 0, false, true),
      baseline("participation_ratio_avg", "PR (within class)", "participation ratio within each class, averaged"),
      baseline("numerical_rank_avg", "rank (within class)", "numerical rank within each class, averaged"),
      baseline("sparsity_avg", "sparsity (within class)", "sparsity within each class, averaged"),
      baseline("mean_distance_avg", "mean distance (within class)", "mean distance within each class, averaged", 0,
               false, true),
      baseline("mean_angle_avg", "mean angle (within class)", "mean angle within each class, averaged"),
      baseline("mean_covariance_avg", "mean |cov| (within class)", "mean |covariance| within each class, averaged"),
      logit("accuracy", "accuracy", "share of items classified correctly", true),
      logit("train_accuracy", "train accuracy", "accuracy on the training set (imported tables)", true),
      logit("loss", "loss", "mean cross-entropy"),
      logit("auroc", "AUROC", "AUROC of the max softmax for correct against incorrect items", true),
      logit("confidence", "confidence", "mean max softmax probability"),
      logit("entropy", "entropy", "mean softmax entropy", true),
      logit("atc_score", "ATC", "accuracy on the items with max softmax >= 0.95"),
      logit("logit_margin", "logit margin", "mean true-class logit minus the largest other logit"),
      logit("energy_score", "energy", "mean −logsumexp of the logits"),
  };
  return all;
}

const MarkerInfo* find_marker(const std::string& name) {
  for (const MarkerInfo& info : marker_catalogue())
    if (info.name == name) return &info;
  if (ends_with_std(name)) {
    const MarkerInfo* measure = find_marker(name.substr(0, name.size() - kStd.size()));
    if (measure && measure->family == MarkerFamily::glue) return measure;
  }
  return nullptr;
}

bool is_bookkeeping(const std::string& name) {
  static const std::set<std::string> exact{"layer_index", "num_manifolds", "num_features", "mean_a", "mean_b",
                                           "mean_c", "mean_a_std", "mean_b_std", "mean_c_std"};
  return exact.count(name) > 0 || name.rfind("glue_", 0) == 0;
}

std::vector<std::string> featured_first(std::set<std::string> names, bool profile_only) {
  std::vector<const MarkerInfo*> featured;
  for (const MarkerInfo& info : marker_catalogue())
    if (info.paper_rank > 0 && (!profile_only || info.profile)) featured.push_back(&info);
  std::sort(featured.begin(), featured.end(),
            [](const MarkerInfo* a, const MarkerInfo* b) { return a->paper_rank < b->paper_rank; });
  std::vector<std::string> ordered;
  for (const MarkerInfo* info : featured)
    if (names.erase(info->name)) ordered.push_back(info->name);
  ordered.insert(ordered.end(), names.begin(), names.end());
  return ordered;
}

std::string marker_description(const std::string& name) {
  const std::string id_prefix = "id_";
  if (name.rfind(id_prefix, 0) == 0) {
    const MarkerInfo* metric = find_marker(name.substr(id_prefix.size()));
    if (metric && metric->family == MarkerFamily::logit && metric->name == name.substr(id_prefix.size()))
      return metric->label + ": " + metric->meaning + ", on the ID set";
  }
  const MarkerInfo* info = find_marker(name);
  if (!info) return {};
  const std::string text = info->label + ": " + info->meaning;
  return info->name == name ? text : text + " (spread over repeats)";
}

std::string marker_title(const std::string& name) {
  const std::string id_prefix = "id_";
  if (name.rfind(id_prefix, 0) == 0) {
    const MarkerInfo* metric = find_marker(name.substr(id_prefix.size()));
    if (metric && metric->family == MarkerFamily::logit && metric->name == name.substr(id_prefix.size()))
      return "ID " + metric->label;
  }
  const MarkerInfo* info = find_marker(name);
  if (!info) return name;
  return info->name == name ? info->label : info->label + " spread";
}

std::vector<std::string> headline_markers() { return {"dimension", "utility"}; }

}  // namespace ms::store
