// Synthetic class manifolds for the GLUE tests (header only; shared by glue*_test.cpp).
#pragma once

#include <Eigen/Core>
#include <Eigen/QR>

#include <cmath>
#include <random>

namespace ms::geometry::testing {

inline Eigen::MatrixXd gaussian(Eigen::Index rows, Eigen::Index cols, std::mt19937_64& rng) {
  std::normal_distribution<double> normal;
  Eigen::MatrixXd G(rows, cols);
  for (Eigen::Index j = 0; j < cols; ++j)
    for (Eigen::Index i = 0; i < rows; ++i) G(i, j) = normal(rng);
  return G;
}

// N by k with orthonormal columns.
inline Eigen::MatrixXd orthonormal(Eigen::Index N, Eigen::Index k, std::mt19937_64& rng) {
  Eigen::HouseholderQR<Eigen::MatrixXd> qr(gaussian(N, k, rng));
  return qr.householderQ() * Eigen::MatrixXd::Identity(N, k);
}

struct Manifolds {
  Eigen::MatrixXd X;       // n by N, rows grouped by class
  Eigen::VectorXi labels;  // n
};

// P balls: manifold mu = { c_mu + R sum_i s_i u_mu,i : s on the unit sphere S^(D-1) }, M points each, with all
// centers and axes mutually orthonormal in R^N (N >= P (D+1)), the replica theory's setting. D = 1: two points.
inline Manifolds spheres(int P, int D, double R, int M, int N, uint64_t seed) {
  std::mt19937_64 rng(seed);
  const Eigen::MatrixXd basis = orthonormal(N, P * (D + 1), rng);
  std::normal_distribution<double> normal;
  Manifolds out{Eigen::MatrixXd(P * M, N), Eigen::VectorXi(P * M)};
  for (int mu = 0; mu < P; ++mu) {
    const auto center = basis.col(mu * (D + 1));
    const auto axes = basis.middleCols(mu * (D + 1) + 1, D);
    for (int i = 0; i < M; ++i) {
      Eigen::VectorXd s(D);
      if (D == 1) {
        s[0] = (i % 2) ? 1.0 : -1.0;
      } else {
        for (int j = 0; j < D; ++j) s[j] = normal(rng);
        s.normalize();
      }
      out.X.row(mu * M + i) = (center + R * axes * s).transpose();
      out.labels[mu * M + i] = mu;
    }
  }
  return out;
}

// P Gaussian clouds: random center (norm ~ 1) plus anisotropic within-class noise, in R^N.
inline Manifolds clouds(int P, int M, int N, double spread, uint64_t seed) {
  std::mt19937_64 rng(seed);
  const Eigen::MatrixXd centers = gaussian(P, N, rng) / std::sqrt(double(N));
  Manifolds out{Eigen::MatrixXd(P * M, N), Eigen::VectorXi(P * M)};
  const Eigen::MatrixXd noise = gaussian(P * M, N, rng) / std::sqrt(double(N));
  Eigen::VectorXd scales(N);
  for (int j = 0; j < N; ++j) scales[j] = spread * std::exp(-3.0 * j / N);  // decaying spectrum
  for (int mu = 0; mu < P; ++mu)
    for (int i = 0; i < M; ++i) {
      out.X.row(mu * M + i) = centers.row(mu) + noise.row(mu * M + i).cwiseProduct(scales.transpose());
      out.labels[mu * M + i] = mu;
    }
  return out;
}

}  // namespace ms::geometry::testing
