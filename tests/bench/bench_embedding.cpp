// bench_embedding: UMAP and t-SNE layouts (core/geometry/projection_embedding.h) of N points (default 10 000) in
// 10 Gaussian classes in 64-D (centers N(0, 3^2 I), unit noise), with each method's default parameters.
// Columns: wall seconds of embed_points, of which the set-up (neighbour search, similarities, initial layout: up to
// the first epoch/iteration batch), CPU seconds (getrusage, all threads), and the leave-one-out 5-NN class accuracy
// of the layout on the first 2000 points of each class order (PCA 2D for comparison).
//
//   bench_embedding [--n N] [--threads T] [--only umap|tsne]
#include "core/geometry/projection_embedding.h"
#include "core/geometry/projection_pca.h"

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>
#include <vector>

using namespace ms::geometry;

namespace {

double now() { return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count(); }

double cpu_seconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec + 1e-6 * (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec);
}

// Notes the time the set-up ends (the first report past 0.2).
class SetupClock final : public ms::Progress {
 public:
  explicit SetupClock(double start) : start_(start) {}
  void report(double fraction, const std::string&) override {
    if (setup < 0 && fraction > 0.2) setup = now() - start_;
  }
  double setup = -1;

 private:
  double start_;
};

// Leave-one-out 5-NN accuracy over rows [0, m) of a shuffled order (all classes mixed).
double knn5(const Eigen::MatrixXd& Y, const std::vector<int>& labels, long m) {
  int correct = 0;
  for (long i = 0; i < m; ++i) {
    std::vector<std::pair<double, int>> d;
    for (long j = 0; j < m; ++j)
      if (j != i) d.emplace_back((Y.row(i) - Y.row(j)).squaredNorm(), labels[j]);
    std::partial_sort(d.begin(), d.begin() + 5, d.end());
    int votes[10] = {0};
    for (int k = 0; k < 5; ++k) ++votes[d[k].second];
    correct += (std::max_element(votes, votes + 10) - votes) == labels[i];
  }
  return static_cast<double>(correct) / m;
}

}  // namespace

int main(int argc, char** argv) {
  long n = 10000;
  int threads = 2;
  std::string only;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--n")) n = std::atol(argv[i + 1]);
    else if (!std::strcmp(argv[i], "--threads")) threads = std::atoi(argv[i + 1]);
    else if (!std::strcmp(argv[i], "--only")) only = argv[i + 1];
  }
  const int d = 64, classes = 10;
  std::mt19937_64 engine(1);
  std::normal_distribution<double> normal;
  Eigen::MatrixXd centers(classes, d), X(n, d);
  for (int c = 0; c < classes; ++c)
    for (int j = 0; j < d; ++j) centers(c, j) = 3.0 * normal(engine);
  std::vector<int> labels(static_cast<size_t>(n));
  for (long i = 0; i < n; ++i) {
    labels[i] = static_cast<int>(engine() % classes);
    for (int j = 0; j < d; ++j) X(i, j) = centers(labels[i], j) + normal(engine);
  }
  const long m = std::min(n, 2000L);
  auto pca = pca_projection(X, 2);
  std::printf("%ld points, %d-D, %d classes, %d threads; PCA 2D 5-NN accuracy %.3f\n\n", n, d, classes, threads,
              pca ? knn5(pca->coordinates, labels, m) : -1.0);
  std::printf("| method | wall s | set-up s | cpu s | 5-NN accuracy |\n|---|---|---|---|---|\n");
  for (EmbeddingMethod method : {EmbeddingMethod::umap, EmbeddingMethod::tsne}) {
    if (!only.empty() && only != to_string(method)) continue;
    EmbeddingOptions options;
    options.method = method;
    options.threads = threads;
    const double t0 = now(), c0 = cpu_seconds();
    SetupClock clock(t0);
    auto Y = embed_points(X, options, clock);
    const double wall = now() - t0, cpu = cpu_seconds() - c0;
    if (!Y) return std::fprintf(stderr, "%s\n", Y.error().c_str()), 1;
    std::printf("| %s | %.1f | %.1f | %.1f | %.3f |\n", to_string(method), wall, clock.setup, cpu, knn5(*Y, labels, m));
    std::fflush(stdout);
  }
  return 0;
}
