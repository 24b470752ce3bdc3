// glue_dichotomies: the labels y_k in {+-1}^P of the n_t samples (spec glue.md 2.1), drawn once per repeat from
// their own seeded stream.
//
// Outputs:
//   returns Y  P by n_t, column k is y_k
#pragma once

#include "core/geometry/glue_options.h"

#include <Eigen/Core>

#include <cstdint>

namespace ms::geometry {

Eigen::MatrixXd glue_dichotomies(int P, int n_t, Dichotomies kind, uint64_t seed, uint64_t repeat);

}  // namespace ms::geometry
