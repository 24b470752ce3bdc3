#include "core/geometry/projection_pca.h"

#include <Eigen/Eigenvalues>
#include <Eigen/QR>
#include <algorithm>
#include <cmath>
#include <random>
#include <string>

namespace ms::geometry {

namespace {

// Orthonormal basis of the columns of A (thin Q of a Householder QR).
Eigen::MatrixXd orthonormalize(const Eigen::MatrixXd& A) {
  Eigen::HouseholderQR<Eigen::MatrixXd> qr(A);
  return qr.householderQ() * Eigen::MatrixXd::Identity(A.rows(), A.cols());
}

// Standard normal matrix from a 64-bit Mersenne twister through Box-Muller: the same numbers on every platform.
Eigen::MatrixXd gaussian_matrix(long rows, long cols, std::uint64_t seed) {
  std::mt19937_64 engine(seed);
  auto uniform = [&]() { return (static_cast<double>(engine() >> 11) + 0.5) * 0x1.0p-53; };
  Eigen::MatrixXd M(rows, cols);
  double* data = M.data();
  const long size = rows * cols;
  for (long i = 0; i < size; i += 2) {
    const double radius = std::sqrt(-2.0 * std::log(uniform())), angle = 2.0 * M_PI * uniform();
    data[i] = radius * std::cos(angle);
    if (i + 1 < size) data[i + 1] = radius * std::sin(angle);
  }
  return M;
}

// Top-k eigenpairs of a symmetric matrix, descending.
void top_eigenpairs(const Eigen::MatrixXd& S, long k, Eigen::VectorXd& values, Eigen::MatrixXd& vectors) {
  const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> solver(S);
  values = solver.eigenvalues().tail(k).reverse();
  vectors = solver.eigenvectors().rightCols(k).rowwise().reverse();
}

Eigen::MatrixXd exact_basis(const Eigen::Ref<const Eigen::MatrixXd>& X, const Eigen::RowVectorXd& mean, long k) {
  const Eigen::MatrixXd Xc = X.rowwise() - mean;
  Eigen::VectorXd values;
  Eigen::MatrixXd vectors;
  if (X.cols() <= X.rows()) {
    top_eigenpairs(Xc.transpose() * Xc, k, values, vectors);
    return vectors;
  }
  // Sample space: Xc Xc^T u = s^2 u  ->  v = Xc^T u / s.
  top_eigenpairs(Xc * Xc.transpose(), k, values, vectors);
  Eigen::MatrixXd basis = Xc.transpose() * vectors;
  for (long j = 0; j < k; ++j) basis.col(j) /= std::sqrt(std::max(values(j), 1e-300));
  return orthonormalize(basis);  // clean up rounding; the span and order are unchanged
}

Eigen::MatrixXd randomized_basis(const Eigen::Ref<const Eigen::MatrixXd>& X, const Eigen::RowVectorXd& mean, long k,
                                 const PcaOptions& options) {
  const long l = std::min(k + std::max(0L, options.oversampling), std::min(X.rows(), X.cols()));
  // Products with the implicitly centered Xc = X - 1 mean.
  auto times = [&](const Eigen::MatrixXd& W) -> Eigen::MatrixXd {  // Xc W
    Eigen::MatrixXd Y = X * W;
    Y.rowwise() -= mean * W;
    return Y;
  };
  auto transpose_times = [&](const Eigen::MatrixXd& Q) -> Eigen::MatrixXd {  // Xc^T Q
    Eigen::MatrixXd Z = X.transpose() * Q;
    Z -= mean.transpose() * Q.colwise().sum();
    return Z;
  };
  Eigen::MatrixXd Q = orthonormalize(times(gaussian_matrix(X.cols(), l, options.seed)));
  for (int q = 0; q < options.power_iterations; ++q) Q = orthonormalize(times(orthonormalize(transpose_times(Q))));
  // B = Q^T Xc (l x d); its right singular vectors from B B^T = U S^2 U^T: V = B^T U / S.
  const Eigen::MatrixXd Bt = transpose_times(Q);  // d x l
  Eigen::VectorXd values;
  Eigen::MatrixXd vectors;
  top_eigenpairs(Bt.transpose() * Bt, k, values, vectors);
  Eigen::MatrixXd basis = Bt * vectors;
  for (long j = 0; j < k; ++j) basis.col(j) /= std::sqrt(std::max(values(j), 1e-300));
  return orthonormalize(basis);
}

}  // namespace

Result<Projection> pca_projection(const Eigen::Ref<const Eigen::MatrixXd>& X, long k, const PcaOptions& options) {
  const long n = X.rows(), d = X.cols();
  if (k < 1 || k > std::min(n - 1, d))
    return make_error("PCA projection: " + std::to_string(k) + " components requested for " + std::to_string(n) +
                      " points in " + std::to_string(d) + " dimensions");
  Projection p;
  p.origin = X.colwise().mean();
  const bool exact = options.method == PcaMethod::exact ||
                     (options.method == PcaMethod::automatic && std::min(n, d) <= options.exact_limit);
  p.basis = exact ? exact_basis(X, p.origin, k) : randomized_basis(X, p.origin, k, options);
  orient_columns(p.basis);
  p.coordinates = project_points(X, p);
  p.variance = p.coordinates.colwise().squaredNorm().transpose() / static_cast<double>(n - 1);
  return p;
}

Result<Projection> pca_projection(const Eigen::Ref<const Eigen::MatrixXf>& X, long k, const PcaOptions& options) {
  return pca_projection(Eigen::MatrixXd(X.cast<double>()), k, options);
}

}  // namespace ms::geometry
