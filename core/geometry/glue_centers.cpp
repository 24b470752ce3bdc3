#include "core/geometry/glue_centers.h"

namespace ms::geometry {

namespace {

template <class Derived>
Eigen::MatrixXd vectors_impl(const Eigen::MatrixBase<Derived>& X, const GlueResult& result,
                             const Eigen::Ref<const Eigen::VectorXd>& weights) {
  const int P = static_cast<int>(result.class_offsets.size()) - 1;
  Eigen::MatrixXd out = Eigen::MatrixXd::Zero(std::max(P, 0), X.cols());
  const bool centered = result.mean_removed.size() == X.cols();
  for (int mu = 0; mu < P; ++mu) {
    double total = 0;
    for (int i = result.class_offsets[mu]; i < result.class_offsets[mu + 1]; ++i) {
      if (weights[i] == 0) continue;
      out.row(mu) += weights[i] * X.row(result.points[i]).template cast<double>();
      total += weights[i];
    }
    if (centered) out.row(mu) -= total * result.mean_removed;
  }
  return out;
}

}  // namespace

Eigen::MatrixXd glue_vectors(const Eigen::Ref<const Eigen::MatrixXd>& X, const GlueResult& result,
                             const Eigen::Ref<const Eigen::VectorXd>& weights) {
  return vectors_impl(X, result, weights);
}

Eigen::MatrixXd glue_vectors_row_major(const Eigen::Ref<const RowMatrixXf>& X, const GlueResult& result,
                             const Eigen::Ref<const Eigen::VectorXd>& weights) {
  return vectors_impl(X, result, weights);
}

Eigen::MatrixXd glue_weight_matrix(const GlueResult& result, const Eigen::Ref<const Eigen::VectorXd>& weights) {
  const int P = static_cast<int>(result.class_offsets.size()) - 1;
  Eigen::MatrixXd W = Eigen::MatrixXd::Zero(std::max(P, 0), weights.size());
  for (int mu = 0; mu < P; ++mu) {
    const int begin = result.class_offsets[mu], size = result.class_offsets[mu + 1] - begin;
    W.row(mu).segment(begin, size) = weights.segment(begin, size).transpose();
  }
  return W;
}

}  // namespace ms::geometry
