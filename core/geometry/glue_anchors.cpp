#include "core/geometry/glue_anchors.h"

#include <algorithm>

namespace ms::geometry {

AnchorSolution glue_anchors(const Eigen::Ref<const Eigen::MatrixXd>& K, const std::vector<int>& class_offsets,
                            const Eigen::Ref<const Eigen::VectorXd>& y, const Eigen::Ref<const Eigen::VectorXd>& h,
                            NnlsGramSolver& solver, const NnlsSettings& settings) {
  const int P = static_cast<int>(class_offsets.size()) - 1;
  const Eigen::Index m = K.rows();
  Eigen::VectorXd s(m);
  for (int mu = 0; mu < P; ++mu)
    s.segment(class_offsets[mu], class_offsets[mu + 1] - class_offsets[mu]).setConstant(y[mu]);

  AnchorSolution out;
  out.lambda = Eigen::VectorXd::Zero(m);
  const Eigen::VectorXd q = s.cwiseProduct(h);  // G t
  out.info = solver.solve(K, s, q, out.lambda, settings);

  out.a_dual = out.info.quadratic;  // ||G^T lambda||^2, from the solver's last gradient product

  out.weights = Eigen::VectorXd::Zero(m);
  out.active.assign(P, 0);
  const double threshold = kActiveEpsilon * std::max(1.0, out.lambda.sum());
  for (int mu = 0; mu < P; ++mu) {
    const int begin = class_offsets[mu], size = class_offsets[mu + 1] - begin;
    const double total = out.lambda.segment(begin, size).sum();
    if (total > threshold) {
      out.active[mu] = 1;
      out.weights.segment(begin, size) = out.lambda.segment(begin, size) / total;
    }
  }
  return out;
}

}  // namespace ms::geometry
