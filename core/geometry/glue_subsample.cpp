#include "core/geometry/glue_subsample.h"

#include "core/geometry/glue_random.h"

#include <algorithm>
#include <string>

namespace ms::geometry {

ms::Result<GlueSubsample> glue_subsample(const Eigen::Ref<const Eigen::VectorXi>& labels, int per_class,
                                         uint64_t seed, uint64_t repeat) {
  if (per_class < 1) return ms::make_error("points per manifold must be at least 1");
  if (labels.size() == 0) return ms::make_error("no labels: GLUE needs at least one class");
  int num_classes = 0;
  for (Eigen::Index i = 0; i < labels.size(); ++i) {
    if (labels[i] < 0) return ms::make_error("label of row " + std::to_string(i) + " is negative");
    num_classes = std::max(num_classes, labels[i] + 1);
  }
  std::vector<std::vector<int64_t>> members(num_classes);
  for (Eigen::Index i = 0; i < labels.size(); ++i) members[labels[i]].push_back(i);
  for (int c = 0; c < num_classes; ++c)
    if (members[c].empty())
      return ms::make_error("class " + std::to_string(c) + " has no points (labels must cover 0.." +
                            std::to_string(num_classes - 1) + ")");

  std::mt19937_64 rng = glue_stream(seed, repeat, kSubsampleStream);
  GlueSubsample out;
  out.class_offsets.push_back(0);
  for (auto& rows : members) {
    const size_t take = std::min<size_t>(rows.size(), per_class);
    for (size_t i = 0; i < take; ++i) {  // partial Fisher-Yates
      std::uniform_int_distribution<size_t> pick(i, rows.size() - 1);
      std::swap(rows[i], rows[pick(rng)]);
    }
    std::sort(rows.begin(), rows.begin() + take);
    out.points.insert(out.points.end(), rows.begin(), rows.begin() + take);
    out.class_offsets.push_back(static_cast<int>(out.points.size()));
  }
  return out;
}

}  // namespace ms::geometry
