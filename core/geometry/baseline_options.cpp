#include "core/geometry/baseline_options.h"

#include <cmath>

#include "core/geometry/option_text.h"

namespace ms::geometry {

std::map<std::string, std::string> to_map(const BaselineOptions& options) {
  const BaselineOptions defaults;
  std::map<std::string, std::string> map;
  auto real = [&](const char* key, double value, double default_value) {
    if (value != default_value) map[key] = real_text(value);
  };
  auto whole = [&](const char* key, auto value, auto default_value) {
    if (value != default_value) map[key] = std::to_string(value);
  };
  real("sparsity_threshold", options.sparsity_threshold, defaults.sparsity_threshold);
  real("rank_tolerance", options.rank_tolerance, defaults.rank_tolerance);
  real("nc1_tolerance", options.nc1_tolerance, defaults.nc1_tolerance);
  whole("covariance_exact_max_features", options.covariance_exact_max_features,
        defaults.covariance_exact_max_features);
  whole("covariance_pairs", options.covariance_pairs, defaults.covariance_pairs);
  whole("covariance_seed", options.covariance_seed, defaults.covariance_seed);
  return map;
}

Status from_map(const std::map<std::string, std::string>& map, BaselineOptions& options) {
  using B = BaselineOptions;
  return read_fields<B>(map, "baseline option",
                        {real_field("sparsity_threshold", &B::sparsity_threshold),
                         real_field("rank_tolerance", &B::rank_tolerance), real_field("nc1_tolerance", &B::nc1_tolerance),
                         whole_field("covariance_exact_max_features", &B::covariance_exact_max_features),
                         whole_field("covariance_pairs", &B::covariance_pairs),
                         whole_field("covariance_seed", &B::covariance_seed)},
                        options);
}

namespace {

// "<name> must be <rule> (<name> = <value>)".
Status refuse(const std::string& name, const std::string& rule, const std::string& value) {
  return make_error("baseline option " + name + " must be " + rule + " (" + name + " = " + value + ")");
}

}  // namespace

Status validate(const BaselineOptions& options) {
  const std::pair<const char*, double> reals[] = {{"sparsity_threshold", options.sparsity_threshold},
                                                  {"rank_tolerance", options.rank_tolerance},
                                                  {"nc1_tolerance", options.nc1_tolerance}};
  for (const auto& [name, value] : reals)
    if (!std::isfinite(value) || value < 0) return refuse(name, "a finite number >= 0", real_text(value));
  if (options.block < 1) return refuse("block", "at least 1", std::to_string(options.block));
  if (options.covariance_exact_max_features < 0)
    return refuse("covariance_exact_max_features", ">= 0", std::to_string(options.covariance_exact_max_features));
  if (options.covariance_pairs < 1) return refuse("covariance_pairs", "at least 1", std::to_string(options.covariance_pairs));
  if (options.threads < 0) return refuse("threads", ">= 0", std::to_string(options.threads));
  return Ok{};
}

}  // namespace ms::geometry
