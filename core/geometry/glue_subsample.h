// glue_subsample: the class manifolds of a GLUE run. Checks the labels, then draws up to `per_class` points of
// each class without replacement (seeded; a smaller class keeps all its points), grouped by class.
//
// Inputs:
//   labels     n class ids in [0, P); P = max label + 1, and every class needs at least one point
//   per_class  points per manifold (>= 1)
//   seed, repeat  select the random stream
// Outputs:
//   points         m row indices into X, class by class, ascending within a class
//   class_offsets  P + 1 offsets into points
#pragma once

#include "core/common/result.h"

#include <Eigen/Core>

#include <cstdint>
#include <vector>

namespace ms::geometry {

struct GlueSubsample {
  std::vector<int64_t> points;
  std::vector<int> class_offsets;
  int num_classes() const { return static_cast<int>(class_offsets.size()) - 1; }
};

ms::Result<GlueSubsample> glue_subsample(const Eigen::Ref<const Eigen::VectorXi>& labels, int per_class,
                                         uint64_t seed, uint64_t repeat);

}  // namespace ms::geometry
