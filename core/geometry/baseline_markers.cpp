#include "core/geometry/baseline_markers.h"

#include <string>
#include <vector>

#include "core/geometry/baseline_nc1.h"
#include "core/geometry/baseline_pairwise.h"
#include "core/geometry/baseline_spectrum.h"

namespace ms::geometry {

Result<BaselineMarkers> compute_baseline_markers(const Eigen::Ref<const Eigen::MatrixXd>& X,
                                                 const Eigen::Ref<const Eigen::VectorXi>& labels,
                                                 const BaselineOptions& options) {
  const long n = X.rows();
  if (n < 2 || X.cols() == 0) return make_error("baseline markers: need at least two samples and one feature");
  if (labels.size() != n)
    return make_error("baseline markers: " + std::to_string(labels.size()) + " labels for " + std::to_string(n) +
                      " samples");
  if (labels.minCoeff() < 0) return make_error("baseline markers: negative class id");

  BaselineMarkers m;
  m.participation_ratio = participation_ratio(X);
  m.numerical_rank = static_cast<double>(numerical_rank(X, options.rank_tolerance));
  m.nc1 = nc1(X, labels, options.nc1_tolerance);
  m.sparsity = sparsity(X, options.sparsity_threshold);
  m.mean_distance = mean_distance(X, options.block);
  m.mean_angle = mean_angle(X, options.block);
  auto covariance = [&](const Eigen::Ref<const Eigen::MatrixXd>& Y) {
    const bool exact = options.covariance_exact_max_features <= 0 || Y.cols() <= options.covariance_exact_max_features;
    return exact ? mean_covariance(Y, options.block)
                 : mean_covariance_sampled(Y, options.covariance_pairs, options.covariance_seed);
  };
  m.mean_covariance = covariance(X);

  // Within-class variants: the same statistic on each class's rows, averaged over classes with >= 2 samples.
  std::vector<std::vector<long>> members(static_cast<std::size_t>(labels.maxCoeff()) + 1);
  for (long i = 0; i < n; ++i) members[static_cast<std::size_t>(labels(i))].push_back(i);
  long classes = 0;
  for (const std::vector<long>& rows : members) {
    if (rows.size() < 2) continue;
    Eigen::MatrixXd Xc(static_cast<long>(rows.size()), X.cols());
    for (std::size_t k = 0; k < rows.size(); ++k) Xc.row(static_cast<long>(k)) = X.row(rows[k]);
    m.participation_ratio_avg += participation_ratio(Xc);
    m.numerical_rank_avg += static_cast<double>(numerical_rank(Xc, options.rank_tolerance));
    m.sparsity_avg += sparsity(Xc, options.sparsity_threshold);
    m.mean_distance_avg += mean_distance(Xc, options.block);
    m.mean_angle_avg += mean_angle(Xc, options.block);
    m.mean_covariance_avg += covariance(Xc);
    ++classes;
  }
  if (classes == 0) return make_error("baseline markers: no class has two samples");
  const double c = static_cast<double>(classes);
  m.participation_ratio_avg /= c;
  m.numerical_rank_avg /= c;
  m.sparsity_avg /= c;
  m.mean_distance_avg /= c;
  m.mean_angle_avg /= c;
  m.mean_covariance_avg /= c;
  return m;
}

Result<BaselineMarkers> compute_baseline_markers(const Eigen::Ref<const Eigen::MatrixXf>& X,
                                                 const Eigen::Ref<const Eigen::VectorXi>& labels,
                                                 const BaselineOptions& options) {
  return compute_baseline_markers(Eigen::MatrixXd(X.cast<double>()), labels, options);
}

}  // namespace ms::geometry
