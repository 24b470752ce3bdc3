#include "core/geometry/baseline_spectrum.h"

#include "core/geometry/glue_gram.h"

#include <Eigen/Eigenvalues>
#include <cmath>
#include <limits>

namespace ms::geometry {

Eigen::MatrixXd small_gram(const Eigen::Ref<const Eigen::MatrixXd>& Xc) {
  // One OpenBLAS dsyrk (glue_gram.h), several times faster than Eigen's rankUpdate on wide layers.
  if (Xc.rows() <= Xc.cols()) return glue_gram(Xc);
  return glue_gram(Eigen::MatrixXd(Xc.transpose()));
}

Eigen::MatrixXd centered_small_gram(const Eigen::Ref<const Eigen::MatrixXd>& X) {
  return small_gram(Eigen::MatrixXd(X.rowwise() - X.colwise().mean()));
}

double participation_ratio_of_gram(const Eigen::Ref<const Eigen::MatrixXd>& K) {
  if (K.rows() == 0) return std::numeric_limits<double>::quiet_NaN();
  const double trace = K.trace(), frobenius2 = K.squaredNorm();
  if (frobenius2 == 0.0) return std::numeric_limits<double>::quiet_NaN();
  return trace * trace / frobenius2;
}

long numerical_rank_of_gram(const Eigen::Ref<const Eigen::MatrixXd>& K, double tolerance) {
  if (K.rows() == 0) return 0;
  const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> solver(K, Eigen::EigenvaluesOnly);
  const Eigen::VectorXd& lambda = solver.eigenvalues();  // ascending; lambda = sigma^2
  const double top = lambda(lambda.size() - 1);
  if (!(top > 0.0)) return 0;
  // sigma_j >= tol * sigma_1  <=>  lambda_j >= tol^2 * lambda_1
  return (lambda.array() >= tolerance * tolerance * top).count();
}

double participation_ratio(const Eigen::Ref<const Eigen::MatrixXd>& X) {
  if (X.rows() < 2 || X.cols() == 0) return std::numeric_limits<double>::quiet_NaN();
  return participation_ratio_of_gram(centered_small_gram(X));
}

long numerical_rank(const Eigen::Ref<const Eigen::MatrixXd>& X, double tolerance) {
  if (X.rows() == 0 || X.cols() == 0) return 0;
  return numerical_rank_of_gram(centered_small_gram(X), tolerance);
}

}  // namespace ms::geometry
