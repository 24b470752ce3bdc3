#include "core/geometry/baseline_markers.h"

#include <array>
#include <future>
#include <optional>
#include <string>
#include <vector>

#include "core/geometry/baseline_gemm.h"
#include "core/geometry/baseline_gram.h"
#include "core/geometry/baseline_nc1.h"
#include "core/geometry/baseline_pairwise.h"
#include "core/geometry/baseline_spectrum.h"
#include "core/geometry/glue_parallel.h"

namespace ms::geometry {

Result<BaselineMarkers> compute_baseline_markers(const Eigen::Ref<const Eigen::MatrixXd>& X,
                                                 const Eigen::Ref<const Eigen::VectorXi>& labels,
                                                 const BaselineOptions& options, const SampleGram* known) {
  const long n = X.rows();
  if (n < 2 || X.cols() == 0) return make_error("baseline markers: need at least two samples and one feature");
  if (labels.size() != n)
    return make_error("baseline markers: " + std::to_string(labels.size()) + " labels for " + std::to_string(n) +
                      " samples");
  if (labels.minCoeff() < 0) return make_error("baseline markers: negative class id");
  if (known && (known->centered.rows() != n || known->raw.rows() != n))
    return make_error("baseline markers: the given Gram matrices do not match the " + std::to_string(n) + " samples");

  // Y centered (Yc) once per matrix and shared, as is its small Gram matrix: fresh n x d copies are expensive
  // (page faults) and the centered statistics are bitwise those of the public functions.
  auto covariance = [&](const Eigen::Ref<const Eigen::MatrixXd>& Yc) {
    const bool exact = options.covariance_exact_max_features <= 0 || Yc.cols() <= options.covariance_exact_max_features;
    return exact ? mean_covariance_centered(Yc, options.block)
                 : mean_covariance_sampled_centered(Yc, options.covariance_pairs, options.covariance_seed,
                                                    options.covariance_cache_order);
  };

  // Within-class variants: the same statistic on each class's rows, averaged over classes with >= 2 samples.
  std::vector<std::vector<long>> members(static_cast<std::size_t>(labels.maxCoeff()) + 1);
  for (long i = 0; i < n; ++i) members[static_cast<std::size_t>(labels(i))].push_back(i);
  std::vector<const std::vector<long>*> classes;
  for (const std::vector<long>& rows : members)
    if (rows.size() >= 2) classes.push_back(&rows);
  if (classes.empty()) return make_error("baseline markers: no class has two samples");

  // Tasks: the whole-sample statistics (the covariance first: the largest; it also centers X), one task per class,
  // then the Gram-based statistics, which need the centered X (they wait for it, already there in practice). Each
  // task writes only its own slots; the reduction below runs in class order, as the serial loop did. Participation
  // ratio, rank, distance and angle all read one sample Gram matrix (baseline_gram.h).
  enum Early { kCovariance, kNc1, kSparsity, kEarly };
  enum Stat { kRatio, kRank, kSparse, kDist, kAng, kCov, kStats };
  Eigen::MatrixXd centered;
  Eigen::RowVectorXd mean;
  std::promise<void> centering;
  const std::shared_future<void> centered_ready = centering.get_future().share();
  std::array<double, kStats> whole{};
  double whole_nc1 = 0.0;
  const int class_tasks = static_cast<int>(classes.size());
  std::vector<std::array<double, kStats>> per_class(classes.size());
  const int tasks = kEarly + class_tasks + 1;
  auto gram_statistics = [&](const SampleGram& gram, std::array<double, kStats>& slot) {
    slot[kRatio] = participation_ratio_of_gram(gram.centered);
    slot[kRank] = static_cast<double>(numerical_rank_of_gram(gram.centered, options.rank_tolerance));
    slot[kDist] = mean_distance_of_gram(gram.centered);
    slot[kAng] = mean_angle_of_gram(gram.raw);
  };
  std::optional<SingleThreadedBlas> blas_scope;  // the tasks use the cores; see baseline_gemm.h
  if (glue_workers(tasks, options.threads) > 1) blas_scope.emplace();
  glue_parallel_for(tasks, options.threads, [&](int task, int) {
    if (task < kEarly) {
      switch (task) {
        case kCovariance:
          mean = X.colwise().mean();
          centered = X.rowwise() - mean;
          centering.set_value();
          whole[kCov] = covariance(centered);
          return;
        case kNc1: whole_nc1 = nc1(X, labels, options.nc1_tolerance); return;
        default: whole[kSparse] = sparsity(X, options.sparsity_threshold); return;
      }
    }
    if (task == kEarly + class_tasks) {
      if (known) {
        gram_statistics(*known, whole);
        return;
      }
      centered_ready.wait();
      gram_statistics(sample_gram_of_centered(centered, mean), whole);
      return;
    }
    const std::vector<long>& rows = *classes[static_cast<std::size_t>(task - kEarly)];
    Eigen::MatrixXd Xc = X(rows, Eigen::all);  // indexed gather, column by column (rows of a wide X stride)
    std::array<double, kStats>& slot = per_class[static_cast<std::size_t>(task - kEarly)];
    slot[kSparse] = sparsity(Xc, options.sparsity_threshold);
    const Eigen::RowVectorXd class_mean = Xc.colwise().mean();
    Xc.rowwise() -= class_mean;  // centered in place: one n_c x d copy per task
    gram_statistics(sample_gram_of_centered(Xc, class_mean), slot);
    slot[kCov] = covariance(Xc);
  });

  BaselineMarkers m;
  m.participation_ratio = whole[kRatio];
  m.numerical_rank = whole[kRank];
  m.nc1 = whole_nc1;
  m.sparsity = whole[kSparse];
  m.mean_distance = whole[kDist];
  m.mean_angle = whole[kAng];
  m.mean_covariance = whole[kCov];
  for (const std::array<double, kStats>& slot : per_class) {
    m.participation_ratio_avg += slot[kRatio];
    m.numerical_rank_avg += slot[kRank];
    m.sparsity_avg += slot[kSparse];
    m.mean_distance_avg += slot[kDist];
    m.mean_angle_avg += slot[kAng];
    m.mean_covariance_avg += slot[kCov];
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
