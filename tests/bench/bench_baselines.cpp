// bench_baselines: the baseline markers (core/geometry/baseline_markers.h) as one analysis computes them per layer:
// 500 samples (10 classes x 50) of D ReLU-like float features widened to double, D = 3136, 6272, 12544 (the conv
// layers of the quick zoo's CNN). Variants, all in the same run on the same matrix:
//   old        the code before this change, kept here as the reference (namespace old_path below): one thread,
//              Eigen's products (Gram blocks, scatter blocks, rankUpdate), sampled pairs in the order drawn
//   1 thread   compute_baseline_markers with threads = 1: OpenBLAS products (which may use OpenBLAS's own
//              threads), matrices centered once, cache-ordered sampled pairs
//   2 threads  threads = 2 (the default): the whole-sample statistics and the classes as parallel tasks, OpenBLAS
//              on one thread meanwhile
// Columns: wall seconds (best of --reps runs), CPU seconds of that run (getrusage, both threads), the speed-up of
// 2 threads over old, and the largest relative difference of any marker from old (summation order only).
//
//   bench_baselines [--reps R] [--d D]
#include "core/geometry/baseline_markers.h"
#include "core/geometry/baseline_nc1.h"
#include "core/geometry/baseline_pairwise.h"

#include <Eigen/Core>
#include <Eigen/Eigenvalues>

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <vector>

#include "tests/bench/bench_clock.h"

using namespace ms::geometry;

namespace {

using ms::bench::cpu_seconds;
using ms::bench::now;

std::vector<double> fields(const BaselineMarkers& m) {
  return {m.participation_ratio, m.numerical_rank, m.nc1, m.sparsity, m.mean_distance, m.mean_angle,
          m.mean_covariance, m.participation_ratio_avg, m.numerical_rank_avg, m.sparsity_avg, m.mean_distance_avg,
          m.mean_angle_avg, m.mean_covariance_avg};
}

double max_relative_difference(const BaselineMarkers& a, const BaselineMarkers& b) {
  const std::vector<double> x = fields(a), y = fields(b);
  double worst = 0.0;
  for (std::size_t i = 0; i < x.size(); ++i)
    worst = std::max(worst, std::abs(x[i] - y[i]) / std::max(std::abs(x[i]), 1e-300));
  return worst;
}

// The single-threaded path as it was, with Eigen's products (nc1 and sparsity did not change and are called).
namespace old_path {

Eigen::MatrixXd centered_small_gram(const Eigen::MatrixXd& X) {
  const Eigen::MatrixXd Xc = X.rowwise() - X.colwise().mean();
  Eigen::MatrixXd K;
  if (X.rows() <= X.cols()) {
    K.setZero(X.rows(), X.rows());
    K.selfadjointView<Eigen::Lower>().rankUpdate(Xc);
  } else {
    K.setZero(X.cols(), X.cols());
    K.selfadjointView<Eigen::Lower>().rankUpdate(Xc.transpose());
  }
  K.triangularView<Eigen::StrictlyUpper>() = K.transpose();
  return K;
}

double participation_ratio(const Eigen::MatrixXd& X) {
  const Eigen::MatrixXd K = centered_small_gram(X);
  return K.trace() * K.trace() / K.squaredNorm();
}

double numerical_rank(const Eigen::MatrixXd& X, double tolerance) {
  const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> solver(centered_small_gram(X), Eigen::EigenvaluesOnly);
  const Eigen::VectorXd& lambda = solver.eigenvalues();
  const double top = lambda(lambda.size() - 1);
  return top > 0.0 ? static_cast<double>((lambda.array() >= tolerance * tolerance * top).count()) : 0.0;
}

template <class Visit>
void for_each_pair(const Eigen::MatrixXd& X, long block, Visit visit) {
  const long n = X.rows();
  for (long i0 = 0; i0 < n; i0 += block) {
    const long rows = std::min(block, n - i0);
    const Eigen::MatrixXd K = X.middleRows(i0, rows) * X.bottomRows(n - i0).transpose();
    for (long a = 0; a < rows; ++a)
      for (long b = a + 1; b < n - i0; ++b) visit(i0 + a, i0 + b, K(a, b));
  }
}

double mean_distance(const Eigen::MatrixXd& X, long block) {
  const double n = static_cast<double>(X.rows());
  const Eigen::MatrixXd Xc = X.rowwise() - X.colwise().mean();
  const Eigen::VectorXd sq = Xc.rowwise().squaredNorm();
  double total = 0.0;
  for_each_pair(Xc, block, [&](long i, long j, double dot) { total += std::sqrt(std::max(0.0, sq(i) + sq(j) - 2 * dot)); });
  return total / (0.5 * n * (n - 1));
}

double mean_angle(const Eigen::MatrixXd& X, long block) {
  const double n = static_cast<double>(X.rows());
  const Eigen::VectorXd norms = X.rowwise().norm().cwiseMax(1e-8);
  double total = 0.0;
  for_each_pair(X, block, [&](long i, long j, double dot) {
    total += std::acos(std::clamp(dot / (norms(i) * norms(j)), -1.0, 1.0));
  });
  return total / (0.5 * n * (n - 1));
}

double mean_covariance(const Eigen::MatrixXd& X, const BaselineOptions& options) {
  const long n = X.rows(), d = X.cols();
  if (d > options.covariance_exact_max_features)  // the sampled estimator in draw order, unchanged
    return mean_covariance_sampled(X, options.covariance_pairs, options.covariance_seed, false);
  const Eigen::MatrixXd Xc = X.rowwise() - X.colwise().mean();
  double total = 0.0;
  for (long k0 = 0; k0 < d; k0 += options.block) {
    const long cols = std::min(options.block, d - k0);
    const Eigen::MatrixXd S = Xc.middleCols(k0, cols).transpose() * Xc.rightCols(d - k0);
    for (long a = 0; a < cols; ++a) total += S.row(a).tail(d - k0 - a - 1).cwiseAbs().sum();
  }
  return total / static_cast<double>(n - 1) / (0.5 * static_cast<double>(d) * static_cast<double>(d - 1));
}

BaselineMarkers markers(const Eigen::MatrixXd& X, const Eigen::VectorXi& labels, const BaselineOptions& options) {
  BaselineMarkers m;
  m.participation_ratio = participation_ratio(X);
  m.numerical_rank = numerical_rank(X, options.rank_tolerance);
  m.nc1 = nc1(X, labels, options.nc1_tolerance);
  m.sparsity = sparsity(X, options.sparsity_threshold);
  m.mean_distance = mean_distance(X, options.block);
  m.mean_angle = mean_angle(X, options.block);
  m.mean_covariance = mean_covariance(X, options);
  std::vector<std::vector<long>> members(static_cast<std::size_t>(labels.maxCoeff()) + 1);
  for (long i = 0; i < X.rows(); ++i) members[static_cast<std::size_t>(labels(i))].push_back(i);
  double classes = 0;
  for (const std::vector<long>& rows : members) {
    if (rows.size() < 2) continue;
    Eigen::MatrixXd Xc(static_cast<long>(rows.size()), X.cols());
    for (std::size_t k = 0; k < rows.size(); ++k) Xc.row(static_cast<long>(k)) = X.row(rows[k]);
    m.participation_ratio_avg += participation_ratio(Xc);
    m.numerical_rank_avg += numerical_rank(Xc, options.rank_tolerance);
    m.sparsity_avg += sparsity(Xc, options.sparsity_threshold);
    m.mean_distance_avg += mean_distance(Xc, options.block);
    m.mean_angle_avg += mean_angle(Xc, options.block);
    m.mean_covariance_avg += mean_covariance(Xc, options);
    ++classes;
  }
  m.participation_ratio_avg /= classes;
  m.numerical_rank_avg /= classes;
  m.sparsity_avg /= classes;
  m.mean_distance_avg /= classes;
  m.mean_angle_avg /= classes;
  m.mean_covariance_avg /= classes;
  return m;
}

}  // namespace old_path

struct Timing {
  double wall = 1e300, cpu = 0.0;
  BaselineMarkers markers;
};

Timing run(const Eigen::MatrixXd& X, const Eigen::VectorXi& labels, const BaselineOptions& options, int reps,
           bool old) {
  Timing t;
  for (int r = 0; r < reps; ++r) {
    const double c0 = cpu_seconds(), t0 = now();
    BaselineMarkers markers;
    if (old) {
      markers = old_path::markers(X, labels, options);
    } else {
      auto m = compute_baseline_markers(X, labels, options);
      if (!m) {
        std::fprintf(stderr, "error: %s\n", m.error().c_str());
        std::exit(1);
      }
      markers = *m;
    }
    const double wall = now() - t0, cpu = cpu_seconds() - c0;
    if (wall < t.wall) t = {wall, cpu, markers};
  }
  return t;
}

}  // namespace

int main(int argc, char** argv) {
  int reps = 1;
  std::vector<long> dims = {3136, 6272, 12544};
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--reps")) reps = std::max(1, std::atoi(argv[i + 1]));
    if (!std::strcmp(argv[i], "--d")) dims = {std::atol(argv[i + 1])};
  }
  constexpr long kClasses = 10, kPerClass = 50, kN = kClasses * kPerClass;

  std::printf("| D | old s (cpu) | 1 thread s (cpu) | 2 threads s (cpu) | speed-up 2 threads / old | max rel diff |\n");
  std::printf("|---|---|---|---|---|---|\n");
  for (long d : dims) {
    // Float features with a class-dependent mean, half of them zero (ReLU), widened once as the pipeline does.
    std::mt19937_64 engine(static_cast<unsigned long long>(d));
    std::normal_distribution<float> normal;
    Eigen::MatrixXf Xf(kN, d);
    Eigen::VectorXi labels(kN);
    for (long i = 0; i < kN; ++i) labels(i) = static_cast<int>(i % kClasses);
    for (long j = 0; j < d; ++j)
      for (long i = 0; i < kN; ++i)
        Xf(i, j) = std::max(0.0f, normal(engine) + 0.3f * static_cast<float>((labels(i) + j) % 3) - 0.3f);
    const Eigen::MatrixXd X = Xf.cast<double>();

    BaselineOptions one;
    one.threads = 1;
    BaselineOptions two = one;
    two.threads = 2;
    const Timing t_old = run(X, labels, one, reps, true);
    const Timing t_one = run(X, labels, one, reps, false);
    const Timing t_two = run(X, labels, two, reps, false);
    const double diff = std::max(max_relative_difference(t_old.markers, t_one.markers),
                                 max_relative_difference(t_old.markers, t_two.markers));
    std::printf("| %ld | %.2f (%.2f) | %.2f (%.2f) | %.2f (%.2f) | %.2fx | %.1e |\n", d, t_old.wall, t_old.cpu,
                t_one.wall, t_one.cpu, t_two.wall, t_two.cpu, t_old.wall / t_two.wall, diff);
    std::fflush(stdout);
  }
  return 0;
}
