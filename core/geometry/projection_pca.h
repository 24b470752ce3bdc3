// Principal-component projection for the views (2D or 3D).
// Exact when the smaller side of X is at most options.exact_limit: the eigendecomposition of the smaller of the
// centered scatter (d x d) and Gram (n x n) matrices. Otherwise randomized (Halko, Martinsson, Tropp 2011, Alg. 4.4
// with subspace iteration), seeded, with the centering applied implicitly (X is never copied).
//
// Inputs:
//   X        n by d features, one row per sample
//   k        number of components, 1 <= k <= min(n - 1, d)
//   options  method choice, randomized parameters, seed
// Outputs:
//   Projection (projection.h): coordinates n by k, basis d by k, origin = column means, variance per component
//   (descending). Error for an invalid k.
#pragma once

#include <cstdint>

#include <Eigen/Core>

#include "core/common/result.h"
#include "core/geometry/projection.h"

namespace ms::geometry {

enum class PcaMethod { automatic, exact, randomized };

struct PcaOptions {
  PcaMethod method = PcaMethod::automatic;
  long exact_limit = 600;      // automatic: exact when min(n, d) <= exact_limit (5000 x 600: ~1 s)
  long oversampling = 10;      // randomized: extra directions in the sketch
  int power_iterations = 4;    // randomized: subspace iterations (sharpen a slowly decaying spectrum)
  std::uint64_t seed = 0;      // randomized: the Gaussian test matrix
};

Result<Projection> pca_projection(const Eigen::Ref<const Eigen::MatrixXd>& X, long k, const PcaOptions& options = {});
Result<Projection> pca_projection(const Eigen::Ref<const Eigen::MatrixXf>& X, long k, const PcaOptions& options = {});

}  // namespace ms::geometry
