// bench_glue: speed and memory of the GLUE engine (core/geometry/glue.h) on synthetic class manifolds, and the
// ratio against a straightforward reference that solves the same estimator in the ambient space R^N.
//
//   bench_glue                 all cases, one child process each (so peak memory is per case); a Markdown table
//   bench_glue --case I        one case
//   bench_glue --quick         skip the ambient reference
//
// Gram path: glue() as the app calls it (float input, n_t = 200, 2 threads): gathering + K = X X^T (dsyrk) is
// "gram", everything after it (Cholesky, 200 NNLS duals, measures) is "rest" (wall clock); "cpu s" is the CPU time
// of the whole call on both threads (getrusage), the number to compare when other jobs load the machine.
// Reference: per sample, t ~ N(0, I_N) drawn in R^N, G = diag(y) X formed and the dual matrix G G^T computed from
// it (m^2 N), the same NNLS solver, anchors materialised in R^N (P by N) and a_k = (S t)^T (S S^T)^+ (S t) from
// them; afterwards centers and axes in R^N for b_k, c_k. On the big cases it runs fewer samples and its time is
// scaled to n_t = 200 (column "ref samples"). Both paths are run on the same probes t for a few samples and their
// a_k compared (column "max |da|/a"): the check that the reference solves the same problem.
#include "core/geometry/glue.h"
#include "core/geometry/glue_anchors.h"
#include "core/geometry/glue_gram.h"
#include "core/geometry/glue_pinv_form.h"
#include "core/geometry/glue_repeat.h"
#include "core/geometry/glue_subsample.h"

#include <Eigen/Core>

#include <sys/resource.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>
#include <string>
#include <vector>

using namespace ms::geometry;

namespace {

struct Case {
  int P, M, N;
  int ref_samples;  // ambient reference samples (scaled to n_t)
};

const Case kCases[] = {
    {10, 50, 512, 200}, {10, 50, 4096, 40}, {10, 50, 25088, 8}, {100, 50, 2048, 2}, {2, 200, 1000, 200},
};
constexpr int kNt = 200;
constexpr int kThreads = 2;

double now() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

// CPU seconds (user + system) of this process so far: the work, whatever else loads the machine.
double cpu_seconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec + 1e-6 * (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec);
}

// VmHWM (peak resident set) in MB.
double peak_mb() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line))
    if (line.rfind("VmHWM:", 0) == 0) return std::atof(line.c_str() + 6) / 1024.0;
  return 0;
}

// Class clouds: random centers (norm ~1) plus within-class variation on a decaying spectrum, like layer features.
void make_data(const Case& c, Eigen::MatrixXf* X, Eigen::VectorXi* labels) {
  std::mt19937_64 rng(1234 + c.P * 7 + c.N);
  std::normal_distribution<float> normal;
  const int n = c.P * c.M;
  X->resize(n, c.N);
  labels->resize(n);
  Eigen::MatrixXf centers(c.P, c.N);
  for (int j = 0; j < c.N; ++j)
    for (int p = 0; p < c.P; ++p) centers(p, j) = normal(rng) / std::sqrt(float(c.N));
  for (int j = 0; j < c.N; ++j) {
    const float scale = 1.2f * std::exp(-4.0f * j / c.N) / std::sqrt(float(c.N)) * 3.0f;
    for (int i = 0; i < n; ++i) (*X)(i, j) = centers(i / c.M, j) + scale * normal(rng);
  }
  for (int i = 0; i < n; ++i) (*labels)[i] = i / c.M;
}

struct Reference {
  double seconds_per_sample = 0;
  double alpha = 0;      // over its samples
  double max_da = 0;     // |a_ref - a_gram| / a on shared probes
};

// The same estimator in R^N, sample by sample.
Reference ambient_reference(const Eigen::MatrixXd& Xs, const std::vector<int>& offsets, int samples) {
  const int P = static_cast<int>(offsets.size()) - 1;
  const Eigen::Index m = Xs.rows(), N = Xs.cols();
  std::mt19937_64 rng(77);
  std::normal_distribution<double> normal;
  Eigen::MatrixXd T(N, samples), Y(P, samples);
  for (int k = 0; k < samples; ++k) {
    for (Eigen::Index j = 0; j < N; ++j) T(j, k) = normal(rng);
    for (int mu = 0; mu < P; ++mu) Y(mu, k) = (rng() >> 63) ? 1.0 : -1.0;
  }
  Reference out;
  NnlsGramSolver solver;
  std::vector<Eigen::MatrixXd> anchors(samples);  // P by N each
  Eigen::VectorXd a(samples);
  Eigen::VectorXd ones = Eigen::VectorXd::Ones(m);
  const double start = now();
  for (int k = 0; k < samples; ++k) {
    Eigen::VectorXd s(m);
    for (int mu = 0; mu < P; ++mu) s.segment(offsets[mu], offsets[mu + 1] - offsets[mu]).setConstant(Y(mu, k));
    const Eigen::MatrixXd G = s.asDiagonal() * Xs;  // m by N
    const Eigen::MatrixXd Q = G * G.transpose();    // the per-sample dual matrix, from R^N
    const Eigen::VectorXd q = G * T.col(k);
    Eigen::VectorXd lambda(m);
    solver.solve(Q, ones, q, lambda);
    Eigen::MatrixXd S = Eigen::MatrixXd::Zero(P, N);
    for (int mu = 0; mu < P; ++mu) {
      const int b = offsets[mu], size = offsets[mu + 1] - b;
      const double total = lambda.segment(b, size).sum();
      if (total > kActiveEpsilon * std::max(1.0, lambda.sum()))
        S.row(mu) = lambda.segment(b, size).transpose() * Xs.middleRows(b, size) / total;
    }
    a[k] = glue_pinv_form(S * S.transpose(), S * T.col(k));
    anchors[k] = std::move(S);
  }
  // Centers and axes in R^N (policy A) for b_k and c_k.
  Eigen::MatrixXd S0 = Eigen::MatrixXd::Zero(P, N);
  for (const auto& S : anchors) S0 += S / samples;
  const Eigen::MatrixXd C0 = S0 * S0.transpose();
  double b = 0, c = 0;
  for (int k = 0; k < samples; ++k) {
    const Eigen::MatrixXd S1 = anchors[k] - S0;
    const Eigen::VectorXd v = S1 * T.col(k);
    const Eigen::MatrixXd G1 = S1 * S1.transpose();
    b += glue_pinv_form(G1, v);
    c += glue_pinv_form(C0 + G1, v);
  }
  out.seconds_per_sample = (now() - start) / samples;
  out.alpha = P / a.mean();
  (void)b, (void)c;

  // Same probes through the Gram path.
  const int shared = std::min(samples, 8);
  const Eigen::MatrixXd K = glue_gram(Xs);
  const GlueRepeat gram = glue_repeat(K, offsets, Xs * T.leftCols(shared), Y.leftCols(shared),
                                      InactivePolicy::zero_row, kThreads);
  for (int k = 0; k < shared; ++k)
    out.max_da = std::max(out.max_da, std::abs(gram.measures.a[k] - a[k]) / std::max(1e-12, a[k]));
  return out;
}

int run_case(int index, bool with_reference) {
  const Case& c = kCases[index];
  Eigen::MatrixXf X;
  Eigen::VectorXi labels;
  make_data(c, &X, &labels);
  GlueOptions options;
  options.n_t = kNt;
  options.points_per_manifold = c.M;
  options.threads = kThreads;
  options.seed = 1;
  // Warm up OpenBLAS's thread pool and the allocator on a tiny problem so the timing is of the work.
  (void)glue(Eigen::MatrixXf(X.topRows(2 * c.M)), Eigen::VectorXi(labels.head(2 * c.M)), options);

  const double before = peak_mb();
  const double start = now(), cpu_start = cpu_seconds();
  const auto result = glue(X, labels, options);
  const double total = now() - start, cpu = cpu_seconds() - cpu_start;
  const double peak = peak_mb() - before;
  if (!result.ok()) {
    std::printf("case %d failed: %s\n", index, result.error().c_str());
    return 1;
  }
  const GlueDiagnostics& d = result->diagnostics;

  Reference ref;
  if (with_reference) {
    const auto sub = glue_subsample(labels, c.M, 1, 0);
    Eigen::MatrixXd Xs(sub->points.size(), c.N);
    for (size_t i = 0; i < sub->points.size(); ++i) Xs.row(i) = X.row(sub->points[i]).cast<double>();
    ref = ambient_reference(Xs, sub->class_offsets, c.ref_samples);
  }
  const double ref_total = ref.seconds_per_sample * kNt;
  char ref_columns[256] = "| - | - | - | - | - |";
  if (with_reference)
    std::snprintf(ref_columns, sizeof(ref_columns), "| %.2f | %.0fx | %d | %.3f | %.1e |", ref_total,
                  ref_total / total, c.ref_samples, ref.alpha, ref.max_da);
  std::printf("| %d | %d | %d | %.3f | %.3f | %.3f | %.3f | %.0f | %.3f | %d %s\n", c.P, c.M, c.N, total, cpu,
              d.gram_seconds, d.solve_seconds, peak, result->mean.capacity, d.max_support, ref_columns);
  std::fflush(stdout);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  bool reference = true;
  int only = -1;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--quick") reference = false;
    if (arg == "--case" && i + 1 < argc) only = std::atoi(argv[++i]);
  }
  if (only >= 0) return run_case(only, reference);
  std::printf("| P | M | N | total s | cpu s | gram s | rest s | peak MB | alpha | max support | ref s (n_t=200) | "
              "speed-up | ref samples | ref alpha | max |da|/a |\n");
  std::printf("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
  std::fflush(stdout);
  int failures = 0;
  for (int i = 0; i < static_cast<int>(sizeof(kCases) / sizeof(kCases[0])); ++i) {
    const std::string command =
        std::string(argv[0]) + " --case " + std::to_string(i) + (reference ? "" : " --quick");
    failures += std::system(command.c_str()) != 0;
  }
  return failures ? 1 : 0;
}
