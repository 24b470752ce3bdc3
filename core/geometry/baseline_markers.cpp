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

namespace {

// The rows of each class id 0..max(label), their row offsets once stacked class by class, and the classes with at
// least two samples (the ones the within-class averages run over).
struct ClassLayout {
  std::vector<std::vector<long>> members;
  std::vector<long> offsets{0};
  std::vector<long> averaged;
};

ClassLayout group_by_class(const Eigen::Ref<const Eigen::VectorXi>& labels) {
  ClassLayout layout;
  layout.members.resize(static_cast<std::size_t>(labels.maxCoeff()) + 1);
  for (long i = 0; i < labels.size(); ++i) layout.members[static_cast<std::size_t>(labels(i))].push_back(i);
  for (std::size_t c = 0; c < layout.members.size(); ++c) {
    layout.offsets.push_back(layout.offsets.back() + static_cast<long>(layout.members[c].size()));
    if (layout.members[c].size() >= 2) layout.averaged.push_back(static_cast<long>(c));
  }
  return layout;
}

enum Stat { kRatio, kRank, kSparse, kDist, kAng, kCov, kStats };
using Slot = std::array<double, kStats>;

void gram_statistics(const SampleGram& gram, const BaselineOptions& options, Slot& slot) {
  slot[kRatio] = participation_ratio_of_gram(gram.centered);
  slot[kRank] = static_cast<double>(numerical_rank_of_gram(gram.centered, options.rank_tolerance));
  slot[kDist] = mean_distance_of_gram(gram.centered);
  slot[kAng] = mean_angle_of_gram(gram.raw);
}

// The markers from the whole sample's slot and the classes' slots, the averages summed in class order.
BaselineMarkers reduce(const Slot& whole, double whole_nc1, const std::vector<Slot>& per_class,
                       const std::vector<long>& averaged) {
  BaselineMarkers m;
  m.participation_ratio = whole[kRatio];
  m.numerical_rank = whole[kRank];
  m.nc1 = whole_nc1;
  m.sparsity = whole[kSparse];
  m.mean_distance = whole[kDist];
  m.mean_angle = whole[kAng];
  m.mean_covariance = whole[kCov];
  for (long c : averaged) {
    const Slot& slot = per_class[static_cast<std::size_t>(c)];
    m.participation_ratio_avg += slot[kRatio];
    m.numerical_rank_avg += slot[kRank];
    m.sparsity_avg += slot[kSparse];
    m.mean_distance_avg += slot[kDist];
    m.mean_angle_avg += slot[kAng];
    m.mean_covariance_avg += slot[kCov];
  }
  const double c = static_cast<double>(averaged.size());
  m.participation_ratio_avg /= c;
  m.numerical_rank_avg /= c;
  m.sparsity_avg /= c;
  m.mean_distance_avg /= c;
  m.mean_angle_avg /= c;
  m.mean_covariance_avg /= c;
  return m;
}

}  // namespace

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
  const ClassLayout layout = group_by_class(labels);
  if (layout.averaged.empty()) return make_error("baseline markers: no class has two samples");

  // Tasks: the whole-sample statistics, then one per class, which gathers the class's rows into Z (each class
  // contiguous, centered on its own mean) for its statistics and for the covariance pass after them
  // (baseline_covariance.h: the whole sample's and every class's mean covariance at once). Each task writes only its
  // own slots; the reduction runs in class order. The Gram-based statistics read one sample Gram matrix per matrix.
  enum Whole { kNc1, kSparsity, kGram, kWholeTasks };
  const long num_classes = static_cast<long>(layout.members.size());
  Eigen::MatrixXd Z(n, X.cols()), means = Eigen::MatrixXd::Zero(num_classes, X.cols());
  Slot whole{};
  double whole_nc1 = 0.0;
  std::vector<Slot> per_class(static_cast<std::size_t>(num_classes));
  const int tasks = kWholeTasks + static_cast<int>(num_classes);
  std::optional<SingleThreadedBlas> blas_scope;  // the tasks use the cores; see baseline_gemm.h
  if (glue_workers(tasks, options.threads) > 1) blas_scope.emplace();
  glue_parallel_for(tasks, options.threads, [&](int task, int) {
    switch (task) {
      case kNc1: whole_nc1 = nc1(X, labels, options.nc1_tolerance); return;
      case kSparsity: whole[kSparse] = sparsity(X, options.sparsity_threshold); return;
      case kGram: gram_statistics(known ? *known : sample_gram(X), options, whole); return;
      default: break;
    }
    const long c = task - kWholeTasks;
    const std::vector<long>& rows = layout.members[static_cast<std::size_t>(c)];
    if (rows.empty()) return;
    auto Zc = Z.middleRows(layout.offsets[c], static_cast<long>(rows.size()));
    Zc = X(rows, Eigen::all);  // indexed gather, column by column (rows of a wide X stride)
    means.row(c) = Zc.colwise().mean();
    if (rows.size() < 2) return void(Zc.setZero());
    Slot& slot = per_class[static_cast<std::size_t>(c)];
    slot[kSparse] = sparsity(Zc, options.sparsity_threshold);
    Zc.rowwise() -= means.row(c);
    gram_statistics(sample_gram_of_centered(Zc, means.row(c)), options, slot);
  });
  const CovarianceByClass covariance = mean_covariance_by_class(Z, layout.offsets, means, options);
  whole[kCov] = covariance.whole;
  for (long c : layout.averaged)
    per_class[static_cast<std::size_t>(c)][kCov] = covariance.classes[static_cast<std::size_t>(c)];
  return reduce(whole, whole_nc1, per_class, layout.averaged);
}

Result<BaselineMarkers> compute_baseline_markers(const Eigen::Ref<const Eigen::MatrixXf>& X,
                                                 const Eigen::Ref<const Eigen::VectorXi>& labels,
                                                 const BaselineOptions& options) {
  return compute_baseline_markers(Eigen::MatrixXd(X.cast<double>()), labels, options);
}

}  // namespace ms::geometry
