#include "core/geometry/baseline_gram.h"

#include "core/geometry/glue_gram.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace ms::geometry {

SampleGram sample_gram(const Eigen::Ref<const Eigen::MatrixXd>& X) {
  const Eigen::RowVectorXd mu = X.colwise().mean();
  return sample_gram_of_centered(Eigen::MatrixXd(X.rowwise() - mu), mu);
}

SampleGram sample_gram_of_centered(const Eigen::Ref<const Eigen::MatrixXd>& Xc,
                                   const Eigen::Ref<const Eigen::RowVectorXd>& mu) {
  SampleGram out;
  out.centered = glue_gram(Xc);
  const Eigen::VectorXd v = Xc * mu.transpose();
  const double mu2 = mu.squaredNorm();
  // An all-zero row (a dead layer for that input) keeps exact zeros, so its angles are exactly pi/2 as with the
  // direct products; rounding in v_i + mu^2 would otherwise be divided by the 1e-8 norm floor.
  Eigen::VectorXd norms2 = Eigen::VectorXd::Zero(Xc.rows());
  for (Eigen::Index j = 0; j < Xc.cols(); ++j) norms2 += (Xc.col(j).array() + mu(j)).square().matrix();  // by column
  const Eigen::VectorXd keep = (norms2.array() > 0).cast<double>();
  out.raw = out.centered;
  for (Eigen::Index j = 0; j < out.raw.cols(); ++j)
    for (Eigen::Index i = 0; i < out.raw.rows(); ++i) out.raw(i, j) = keep(i) * keep(j) * (out.raw(i, j) + v(i) + v(j) + mu2);
  return out;
}

double mean_distance_of_gram(const Eigen::Ref<const Eigen::MatrixXd>& Kc) {
  const Eigen::Index n = Kc.rows();
  if (n < 2) return std::numeric_limits<double>::quiet_NaN();
  double total = 0.0;
  for (Eigen::Index j = 1; j < n; ++j)
    for (Eigen::Index i = 0; i < j; ++i) total += std::sqrt(std::max(0.0, Kc(i, i) + Kc(j, j) - 2 * Kc(i, j)));
  return total / (0.5 * static_cast<double>(n) * static_cast<double>(n - 1));
}

double mean_angle_of_gram(const Eigen::Ref<const Eigen::MatrixXd>& K) {
  const Eigen::Index n = K.rows();
  if (n < 2) return std::numeric_limits<double>::quiet_NaN();
  const Eigen::VectorXd norms = K.diagonal().cwiseMax(0.0).cwiseSqrt().cwiseMax(1e-8);
  double total = 0.0;
  for (Eigen::Index j = 1; j < n; ++j)
    for (Eigen::Index i = 0; i < j; ++i) total += std::acos(std::clamp(K(i, j) / (norms(i) * norms(j)), -1.0, 1.0));
  return total / (0.5 * static_cast<double>(n) * static_cast<double>(n - 1));
}

}  // namespace ms::geometry
