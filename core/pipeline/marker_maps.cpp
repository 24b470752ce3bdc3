#include "core/pipeline/marker_maps.h"

namespace ms::pipeline {

MarkerMap glue_markers(const geometry::GlueResult& result) {
  MarkerMap map;
  geometry::for_each_measure(result.mean, [&](const char* name, double value) { map[name] = value; });
  if (result.repeats.size() > 1)
    geometry::for_each_measure(result.std, [&](const char* name, double value) { map[std::string(name) + "_std"] = value; });
  const auto& d = result.diagnostics;
  map["glue_failed_solves"] = static_cast<double>(d.failed_solves);
  map["glue_worst_kkt_residual"] = d.worst_kkt_residual;
  map["glue_max_iterations"] = d.max_iterations;
  map["glue_gram_rank"] = d.gram_rank;
  map["glue_coincident_repeats"] = d.coincident_repeats;
  map["glue_seconds"] = d.gram_seconds + d.solve_seconds;
  map["num_manifolds"] = result.num_manifolds;
  map["num_features"] = result.num_features;
  return map;
}

MarkerMap baseline_markers(const geometry::BaselineMarkers& m) {
  return {{"participation_ratio", m.participation_ratio},
          {"numerical_rank", m.numerical_rank},
          {"nc1", m.nc1},
          {"sparsity", m.sparsity},
          {"mean_distance", m.mean_distance},
          {"mean_angle", m.mean_angle},
          {"mean_covariance", m.mean_covariance},
          {"participation_ratio_avg", m.participation_ratio_avg},
          {"numerical_rank_avg", m.numerical_rank_avg},
          {"sparsity_avg", m.sparsity_avg},
          {"mean_distance_avg", m.mean_distance_avg},
          {"mean_angle_avg", m.mean_angle_avg},
          {"mean_covariance_avg", m.mean_covariance_avg}};
}

MarkerMap logit_markers(const geometry::LogitMarkers& m) {
  return {{"auroc", m.auroc},
          {"confidence", m.confidence},
          {"entropy", m.entropy},
          {"atc_score", m.atc_score},
          {"logit_margin", m.logit_margin},
          {"energy_score", m.energy_score},
          {"accuracy", m.accuracy}};
}

}  // namespace ms::pipeline
