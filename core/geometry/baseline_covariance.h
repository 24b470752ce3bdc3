// Mean absolute covariance (spec §6; baseline_pairwise.h) of the whole sample and of every class in one pass.
// The whole sample's scatter is the classes' scatters plus the between-class term,
//   S = Σ_c Z_cᵀ Z_c + n_c δ_c δ_cᵀ,   Z_c = class c's rows minus their mean μ_c,   δ_c = μ_c − μ,
// so once the classes' entries are formed the whole sample's cost C products each instead of n: the whole sample
// needs no product of its own (it was half of the covariance work).
//
// Inputs:
//   Z        n by d: every class's rows, each class contiguous and centered on its own mean
//   offsets  C + 1 row offsets: class c is rows [offsets[c], offsets[c + 1]) (a class may have one row, or none)
//   means    C by d: the class means μ_c (rows of empty classes are not read)
//   options  exact (one block of feature rows at a time) up to covariance_exact_max_features features, else
//            covariance_pairs feature pairs drawn with covariance_seed (the pairs mean_covariance_sampled draws);
//            threads
// Output: whole = mean_covariance (or mean_covariance_sampled) of the uncentered rows, to rounding (the entries are
// summed in another order: 1e-12 relative in the tests); classes[c] = the same statistic of class c's rows, NaN for
// a class with fewer than two rows. Bitwise the same for any thread count.
#pragma once

#include <vector>

#include <Eigen/Core>

#include "core/geometry/baseline_markers.h"

namespace ms::geometry {

struct CovarianceByClass {
  double whole = 0.0;
  std::vector<double> classes;
};

CovarianceByClass mean_covariance_by_class(const Eigen::Ref<const Eigen::MatrixXd>& Z, const std::vector<long>& offsets,
                                           const Eigen::Ref<const Eigen::MatrixXd>& means,
                                           const BaselineOptions& options);

}  // namespace ms::geometry
