#include "core/geometry/baseline_nc1.h"

#include <Eigen/Eigenvalues>
#include <limits>
#include <vector>

namespace ms::geometry {

double nc1(const Eigen::Ref<const Eigen::MatrixXd>& X, const Eigen::Ref<const Eigen::VectorXi>& labels,
           double tolerance) {
  const long n = X.rows(), d = X.cols();
  if (n == 0 || labels.size() != n) return std::numeric_limits<double>::quiet_NaN();
  const int max_label = labels.maxCoeff();
  // Class means over the classes present, in label order.
  Eigen::MatrixXd sums = Eigen::MatrixXd::Zero(max_label + 1, d);
  Eigen::VectorXd counts = Eigen::VectorXd::Zero(max_label + 1);
  for (long i = 0; i < n; ++i) counts(labels(i)) += 1;
  // Column by column: X is column-major (row by row strides through all of a wide X once per sample). Each sum
  // still adds its samples in row order.
  for (long j = 0; j < d; ++j)
    for (long i = 0; i < n; ++i) sums(labels(i), j) += X(i, j);
  std::vector<int> present;
  for (int c = 0; c <= max_label; ++c)
    if (counts(c) > 0) present.push_back(c);
  const long C = static_cast<long>(present.size());
  const Eigen::RowVectorXd global_mean = X.colwise().mean();
  Eigen::MatrixXd M(d, C);  // centered class means as columns
  for (long k = 0; k < C; ++k) M.col(k) = (sums.row(present[k]) / counts(present[k]) - global_mean).transpose();

  const Eigen::MatrixXd G = M.transpose() * M / static_cast<double>(C);
  const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> solver(G);
  const Eigen::VectorXd& lambda = solver.eigenvalues();
  const double lambda_max = lambda(C - 1);
  if (!(lambda_max > 0.0)) return 0.0;

  // R M (n x C): within-class residuals projected on the class-mean directions.
  Eigen::MatrixXd R(n, d);
  for (long j = 0; j < d; ++j)
    for (long i = 0; i < n; ++i) R(i, j) = X(i, j) - sums(labels(i), j) / counts(labels(i));
  const Eigen::MatrixXd RM = R * M;
  double trace = 0.0;
  for (long k = 0; k < C; ++k) {
    if (!(lambda(k) > tolerance * lambda_max)) continue;
    // R u_k = R M v_k / sqrt(C lambda_k); contributes ||R u_k||^2 / (n lambda_k).
    const double norm2 = (RM * solver.eigenvectors().col(k)).squaredNorm() / (static_cast<double>(C) * lambda(k));
    trace += norm2 / (static_cast<double>(n) * lambda(k));
  }
  return trace / static_cast<double>(C);
}

}  // namespace ms::geometry
