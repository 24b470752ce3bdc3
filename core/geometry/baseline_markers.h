// All representation baselines of the paper (spec §6) for one layer, with their within-class `_avg` variants
// (the statistic per class, averaged over classes with at least two samples). Field names match the columns of the
// released tables (participation_ratio, numerical_rank, nc1, sparsity, mean_distance, mean_angle, mean_covariance,
// and *_avg). No d x d matrix is formed for large d (see baseline_spectrum.h, baseline_nc1.h, baseline_pairwise.h);
// participation ratio, numerical rank, mean distance and mean angle read one n x n Gram matrix (baseline_gram.h).
//
// Inputs:
//   X        n by d features, one row per sample (float or double)
//   labels   n class ids >= 0
//   options  thresholds of the paper's code, the block size of the pairwise loops, and the thread count
// The whole-sample statistics and each class's statistics are independent tasks run on options.threads threads;
// every task writes its own slot and the slots are reduced in a fixed order, so the markers do not depend on the
// thread count (bitwise).
// Output: BaselineMarkers, or an error for mismatched sizes / negative labels / empty input.
#pragma once

#include <Eigen/Core>

#include "core/common/result.h"
#include "core/geometry/baseline_gram.h"
#include "core/geometry/baseline_options.h"

namespace ms::geometry {

struct BaselineMarkers {
  double participation_ratio = 0.0;
  double numerical_rank = 0.0;
  double nc1 = 0.0;
  double sparsity = 0.0;
  double mean_distance = 0.0;
  double mean_angle = 0.0;
  double mean_covariance = 0.0;
  double participation_ratio_avg = 0.0;
  double numerical_rank_avg = 0.0;
  double sparsity_avg = 0.0;
  double mean_distance_avg = 0.0;
  double mean_angle_avg = 0.0;
  double mean_covariance_avg = 0.0;
};

// `known`, when given, is sample_gram(X) (shared with GLUE on the same layer): the whole-sample statistics read it
// instead of computing it again.
Result<BaselineMarkers> compute_baseline_markers(const Eigen::Ref<const Eigen::MatrixXd>& X,
                                                 const Eigen::Ref<const Eigen::VectorXi>& labels,
                                                 const BaselineOptions& options = {},
                                                 const SampleGram* known = nullptr);
// Float features are widened to double once (n d doubles).
Result<BaselineMarkers> compute_baseline_markers(const Eigen::Ref<const Eigen::MatrixXf>& X,
                                                 const Eigen::Ref<const Eigen::VectorXi>& labels,
                                                 const BaselineOptions& options = {});

}  // namespace ms::geometry
