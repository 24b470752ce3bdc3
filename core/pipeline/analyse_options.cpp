#include "core/pipeline/analyse_options.h"

#include "core/geometry/option_text.h"
#include "core/model/model.h"

namespace ms::pipeline {

std::map<std::string, std::string> to_map(const AnalyseOptions& options) {
  std::map<std::string, std::string> map = geometry::to_map(options.glue);
  map.merge(geometry::to_map(options.baselines));
  map["sample_seed"] = std::to_string(options.seed);
  // Only when set, so projects analysed before these existed still count as complete.
  if (options.project_dim > 0) map["project_dim"] = std::to_string(options.project_dim);
  if (options.ood_limit > 0) map["ood_limit"] = std::to_string(options.ood_limit);
  return map;
}

Status from_map(const std::map<std::string, std::string>& map, AnalyseOptions& options) {
  AnalyseOptions read = options;
  if (Status glue = geometry::from_map(map, read.glue); !glue.ok()) return glue;
  if (Status baselines = geometry::from_map(map, read.baselines); !baselines.ok()) return baselines;
  using A = AnalyseOptions;
  if (Status own = geometry::read_fields<A>(map, "analysis option",
                                            {geometry::whole_field("sample_seed", &A::seed),
                                             geometry::whole_field("project_dim", &A::project_dim),
                                             geometry::whole_field("ood_limit", &A::ood_limit)},
                                            read);
      !own.ok())
    return own;
  options = std::move(read);
  return Ok{};
}

Status validate(const AnalyseOptions& options) {
  if (Status device = model::check_device(options.device); !device.ok()) return device;
  if (Status glue = geometry::validate(options.glue); !glue.ok()) return glue;
  if (Status baselines = geometry::validate(options.baselines); !baselines.ok()) return baselines;
  if (options.batch.batch_size < 1)
    return make_error("batch_size must be at least 1 (batch_size = " + std::to_string(options.batch.batch_size) + ")");
  const std::pair<const char*, int64_t> non_negative[] = {{"ood_limit", options.ood_limit},
                                                          {"project_dim", options.project_dim},
                                                          {"memory_budget_bytes", options.memory_budget_bytes}};
  for (const auto& [name, value] : non_negative)
    if (value < 0)
      return make_error(std::string(name) + " must be >= 0 (" + name + " = " + std::to_string(value) + ")");
  return Ok{};
}

}  // namespace ms::pipeline
