#include "core/geometry/baseline_by_name.h"

#include <cmath>

#include "core/geometry/baseline_nc1.h"
#include "core/geometry/baseline_pairwise.h"
#include "core/geometry/baseline_spectrum.h"

namespace ms::geometry {

double baseline_by_name(const std::string& name, const Eigen::Ref<const Eigen::MatrixXd>& X,
                        const Eigen::Ref<const Eigen::VectorXi>& labels, const BaselineOptions& options) {
  if (name == "participation_ratio") return participation_ratio(X);
  if (name == "numerical_rank") return static_cast<double>(numerical_rank(X, options.rank_tolerance));
  if (name == "nc1") return nc1(X, labels, options.nc1_tolerance);
  if (name == "sparsity") return sparsity(X, options.sparsity_threshold);
  if (name == "mean_distance") return mean_distance(X);
  if (name == "mean_angle") return mean_angle(X);
  if (name == "mean_covariance") {
    const long exact_max = options.covariance_exact_max_features;
    if (exact_max == 0 || X.cols() <= exact_max) return mean_covariance(X, options.block);
    return mean_covariance_sampled(X, options.covariance_pairs, options.covariance_seed,
                                   options.covariance_cache_order);
  }
  return NAN;
}

}  // namespace ms::geometry
