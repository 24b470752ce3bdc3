// One whole-sample baseline marker (baseline_markers.h) by its stored name, computed from the points themselves: for
// a command that reports the markers a catalogue names (app/cli/geometry_command.cpp) without a case per marker.
#pragma once

#include <string>

#include <Eigen/Core>

#include "core/geometry/baseline_options.h"

namespace ms::geometry {

// X: n by d points; labels: n class ids >= 0 (read by nc1 only). Names: participation_ratio, numerical_rank, nc1,
// sparsity, mean_distance, mean_angle, mean_covariance (exact up to options.covariance_exact_max_features features,
// else from options.covariance_pairs sampled pairs). NaN for any other name (the within-class _avg variants too).
double baseline_by_name(const std::string& name, const Eigen::Ref<const Eigen::MatrixXd>& X,
                        const Eigen::Ref<const Eigen::VectorXi>& labels, const BaselineOptions& options = {});

}  // namespace ms::geometry
