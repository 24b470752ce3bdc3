#include "core/geometry/baseline_markers.h"

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "core/geometry/baseline_covariance.h"
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

  // The classes' rows, each class contiguous in Z and centered on its own mean: the within-class statistics read
  // them, and the mean covariance of the whole sample and of every class comes from them in one pass
  // (baseline_covariance.h). Within-class variants average over classes with >= 2 samples.
  const long num_classes = static_cast<long>(labels.maxCoeff()) + 1;
  std::vector<std::vector<long>> members(static_cast<std::size_t>(num_classes));
  for (long i = 0; i < n; ++i) members[static_cast<std::size_t>(labels(i))].push_back(i);
  std::vector<long> offsets{0};
  std::vector<long> classes;  // the class ids with >= 2 samples, in order
  for (long c = 0; c < num_classes; ++c) {
    offsets.push_back(offsets.back() + static_cast<long>(members[static_cast<std::size_t>(c)].size()));
    if (members[static_cast<std::size_t>(c)].size() >= 2) classes.push_back(c);
  }
  if (classes.empty()) return make_error("baseline markers: no class has two samples");
  Eigen::MatrixXd Z(n, X.cols());
  Eigen::MatrixXd means(num_classes, X.cols());

  // Tasks: the whole-sample statistics, then one task per class (gathering and centering its rows into Z). Each
  // task writes only its own slots; the reduction below runs in class order, as the serial loop did. Participation
  // ratio, rank, distance and angle all read one sample Gram matrix per matrix (baseline_gram.h).
  enum Whole { kNc1, kSparsity, kGram, kWholeTasks };
  enum Stat { kRatio, kRank, kSparse, kDist, kAng, kCov, kStats };
  std::array<double, kStats> whole{};
  double whole_nc1 = 0.0;
  const int tasks = kWholeTasks + static_cast<int>(num_classes);
  std::vector<std::array<double, kStats>> per_class(static_cast<std::size_t>(num_classes));
  auto gram_statistics = [&](const SampleGram& gram, std::array<double, kStats>& slot) {
    slot[kRatio] = participation_ratio_of_gram(gram.centered);
    slot[kRank] = static_cast<double>(numerical_rank_of_gram(gram.centered, options.rank_tolerance));
    slot[kDist] = mean_distance_of_gram(gram.centered);
    slot[kAng] = mean_angle_of_gram(gram.raw);
  };
  std::optional<SingleThreadedBlas> blas_scope;  // the tasks use the cores; see baseline_gemm.h
  if (glue_workers(tasks, options.threads) > 1) blas_scope.emplace();
  glue_parallel_for(tasks, options.threads, [&](int task, int) {
    switch (task) {
      case kNc1: whole_nc1 = nc1(X, labels, options.nc1_tolerance); return;
      case kSparsity: whole[kSparse] = sparsity(X, options.sparsity_threshold); return;
      case kGram: gram_statistics(known ? *known : sample_gram(X), whole); return;
      default: break;
    }
    const long c = task - kWholeTasks;
    const std::vector<long>& rows = members[static_cast<std::size_t>(c)];
    if (rows.empty()) return;
    auto Zc = Z.middleRows(offsets[c], static_cast<long>(rows.size()));
    Zc = X(rows, Eigen::all);  // indexed gather, column by column (rows of a wide X stride)
    means.row(c) = Zc.colwise().mean();
    if (rows.size() < 2) return void(Zc.setZero());
    std::array<double, kStats>& slot = per_class[static_cast<std::size_t>(c)];
    slot[kSparse] = sparsity(Zc, options.sparsity_threshold);
    Zc.rowwise() -= means.row(c);
    gram_statistics(sample_gram_of_centered(Zc, means.row(c)), slot);
  });
  const CovarianceByClass covariance = mean_covariance_by_class(Z, offsets, means, options);
  whole[kCov] = covariance.whole;
  for (long c : classes) per_class[static_cast<std::size_t>(c)][kCov] = covariance.classes[static_cast<std::size_t>(c)];

  BaselineMarkers m;
  m.participation_ratio = whole[kRatio];
  m.numerical_rank = whole[kRank];
  m.nc1 = whole_nc1;
  m.sparsity = whole[kSparse];
  m.mean_distance = whole[kDist];
  m.mean_angle = whole[kAng];
  m.mean_covariance = whole[kCov];
  for (long c : classes) {
    const std::array<double, kStats>& slot = per_class[static_cast<std::size_t>(c)];
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
