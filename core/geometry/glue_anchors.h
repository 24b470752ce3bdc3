// glue_anchors: the anchor points of one GLUE sample, solved in Gram space (spec glue.md 2.2-2.3).
// Builds the dual NNLS min_{lambda>=0} ||G^T lambda + t||^2 from K, y and h = X t and reads the anchors off lambda:
// manifold mu is active when Lambda_mu = sum_{i in mu} lambda_i > eps * max(1, sum lambda), and then its anchor is
// s^mu = sum_{i in mu} (lambda_i / Lambda_mu) x_i.
//
// Inputs:
//   K              m by m Gram matrix of the points (rows grouped by class)
//   class_offsets  P + 1 offsets: class mu owns rows class_offsets[mu] .. class_offsets[mu+1]-1
//   y              P dichotomy (+-1)
//   h              m projections X t of the probe t on the points
// Outputs:
//   lambda   m dual solution; theta* = t + sum_i y_mu(i) lambda_i x_i
//   weights  m anchor weights lambda_i / Lambda_mu(i) on active manifolds, 0 elsewhere
//   active   P flags
//   a_dual   ||t - theta*||^2 = lambda^T Q lambda
#pragma once

#include "core/geometry/nnls_gram.h"

#include <Eigen/Core>

#include <vector>

namespace ms::geometry {

constexpr double kActiveEpsilon = 1e-12;  // eps of the active test above

struct AnchorSolution {
  Eigen::VectorXd lambda;
  Eigen::VectorXd weights;
  std::vector<char> active;
  double a_dual = 0;
  NnlsInfo info;
};

AnchorSolution glue_anchors(const Eigen::Ref<const Eigen::MatrixXd>& K, const std::vector<int>& class_offsets,
                            const Eigen::Ref<const Eigen::VectorXd>& y, const Eigen::Ref<const Eigen::VectorXd>& h,
                            NnlsGramSolver& solver, const NnlsSettings& settings = {});

}  // namespace ms::geometry
