#include "core/geometry/baseline_markers.h"

#include <array>
#include <string>
#include <vector>

#include "core/geometry/baseline_nc1.h"
#include "core/geometry/baseline_pairwise.h"
#include "core/geometry/baseline_spectrum.h"
#include "core/geometry/glue_parallel.h"

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

  auto covariance = [&](const Eigen::Ref<const Eigen::MatrixXd>& Y) {
    const bool exact = options.covariance_exact_max_features <= 0 || Y.cols() <= options.covariance_exact_max_features;
    return exact ? mean_covariance(Y, options.block)
                 : mean_covariance_sampled(Y, options.covariance_pairs, options.covariance_seed,
                                           options.covariance_cache_order);
  };

  // Within-class variants: the same statistic on each class's rows, averaged over classes with >= 2 samples.
  std::vector<std::vector<long>> members(static_cast<std::size_t>(labels.maxCoeff()) + 1);
  for (long i = 0; i < n; ++i) members[static_cast<std::size_t>(labels(i))].push_back(i);
  std::vector<const std::vector<long>*> classes;
  for (const std::vector<long>& rows : members)
    if (rows.size() >= 2) classes.push_back(&rows);
  if (classes.empty()) return make_error("baseline markers: no class has two samples");

  // Tasks: the whole-sample statistics one by one (the covariance first: the largest), then one task per class.
  // Each writes only its own slot; the reduction below runs in class order, as the serial loop did.
  enum Whole { kCovariance, kNc1, kRank, kRatio, kDistance, kAngle, kSparsity, kWholeTasks };
  enum PerClass { kClassRatio, kClassRank, kClassSparsity, kClassDistance, kClassAngle, kClassCovariance, kClassStats };
  std::vector<double> whole(kWholeTasks, 0.0);
  std::vector<std::array<double, kClassStats>> per_class(classes.size());
  const int tasks = kWholeTasks + static_cast<int>(classes.size());
  glue_parallel_for(tasks, options.threads, [&](int task, int) {
    switch (task) {
      case kCovariance: whole[kCovariance] = covariance(X); return;
      case kNc1: whole[kNc1] = nc1(X, labels, options.nc1_tolerance); return;
      case kRank: whole[kRank] = static_cast<double>(numerical_rank(X, options.rank_tolerance)); return;
      case kRatio: whole[kRatio] = participation_ratio(X); return;
      case kDistance: whole[kDistance] = mean_distance(X, options.block); return;
      case kAngle: whole[kAngle] = mean_angle(X, options.block); return;
      case kSparsity: whole[kSparsity] = sparsity(X, options.sparsity_threshold); return;
      default: break;
    }
    const std::vector<long>& rows = *classes[static_cast<std::size_t>(task - kWholeTasks)];
    Eigen::MatrixXd Xc(static_cast<long>(rows.size()), X.cols());
    for (std::size_t k = 0; k < rows.size(); ++k) Xc.row(static_cast<long>(k)) = X.row(rows[k]);
    std::array<double, kClassStats>& slot = per_class[static_cast<std::size_t>(task - kWholeTasks)];
    slot[kClassRatio] = participation_ratio(Xc);
    slot[kClassRank] = static_cast<double>(numerical_rank(Xc, options.rank_tolerance));
    slot[kClassSparsity] = sparsity(Xc, options.sparsity_threshold);
    slot[kClassDistance] = mean_distance(Xc, options.block);
    slot[kClassAngle] = mean_angle(Xc, options.block);
    slot[kClassCovariance] = covariance(Xc);
  });

  BaselineMarkers m;
  m.participation_ratio = whole[kRatio];
  m.numerical_rank = whole[kRank];
  m.nc1 = whole[kNc1];
  m.sparsity = whole[kSparsity];
  m.mean_distance = whole[kDistance];
  m.mean_angle = whole[kAngle];
  m.mean_covariance = whole[kCovariance];
  for (const std::array<double, kClassStats>& slot : per_class) {
    m.participation_ratio_avg += slot[kClassRatio];
    m.numerical_rank_avg += slot[kClassRank];
    m.sparsity_avg += slot[kClassSparsity];
    m.mean_distance_avg += slot[kClassDistance];
    m.mean_angle_avg += slot[kClassAngle];
    m.mean_covariance_avg += slot[kClassCovariance];
  }
  const double c = static_cast<double>(classes.size());
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
