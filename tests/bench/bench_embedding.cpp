// bench_embedding: UMAP and t-SNE layouts (core/geometry/projection_embedding.h) of N points (default 10 000) in
// 10 Gaussian classes in 64-D (centers N(0, 3^2 I), unit noise), or with --fashion the first N Fashion-MNIST test
// images (784 pixels / 255, reduced to 50 principal components as the projection view does); each method's default
// parameters.
// Columns: wall seconds of embed_points, of which the set-up (neighbour search, similarities, initial layout: up to
// the first epoch/iteration batch), CPU seconds (getrusage, all threads), and the leave-one-out 5-NN class accuracy
// of the layout on the first 2000 points (PCA 2D of the same points for comparison).
//
//   bench_embedding [--n N] [--threads T] [--only umap|tsne] [--fashion]
#include "core/data/dataset_registry.h"
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

#include "tests/bench/bench_clock.h"

using namespace ms::geometry;

namespace {

using ms::bench::cpu_seconds;
using ms::bench::now;

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

// 10 Gaussian classes in 64-D, labels in random order.
Eigen::MatrixXd gaussian_classes(long n, std::vector<int>& labels) {
  const int d = 64, classes = 10;
  std::mt19937_64 engine(1);
  std::normal_distribution<double> normal;
  Eigen::MatrixXd centers(classes, d), X(n, d);
  for (int c = 0; c < classes; ++c)
    for (int j = 0; j < d; ++j) centers(c, j) = 3.0 * normal(engine);
  labels.assign(static_cast<size_t>(n), 0);
  for (long i = 0; i < n; ++i) {
    labels[i] = static_cast<int>(engine() % classes);
    for (int j = 0; j < d; ++j) X(i, j) = centers(labels[i], j) + normal(engine);
  }
  return X;
}

// The first n Fashion-MNIST test images as 50 principal components of their pixels / 255 (empty on failure).
Eigen::MatrixXd fashion_components(long& n, std::vector<int>& labels) {
  auto data = ms::data::open_dataset("fashion-mnist:test");
  if (!data) return std::fprintf(stderr, "%s\n", data.error().c_str()), Eigen::MatrixXd();
  n = std::min<long>(n, data->count());
  const long d = static_cast<long>(data->item_size());
  using RowMajor = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
  const Eigen::MatrixXd X = Eigen::Map<const RowMajor>(data->values.data(), n, d).cast<double>() / 255.0;
  labels.assign(data->labels.begin(), data->labels.begin() + n);
  auto pca = pca_projection(X, 50);
  return pca ? pca->coordinates : Eigen::MatrixXd();
}

}  // namespace

int main(int argc, char** argv) {
  long n = 10000;
  int threads = 2;
  std::string only;
  bool fashion = false;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--fashion")) fashion = true;
    else if (i + 1 >= argc) break;
    else if (!std::strcmp(argv[i], "--n")) n = std::atol(argv[++i]);
    else if (!std::strcmp(argv[i], "--threads")) threads = std::atoi(argv[++i]);
    else if (!std::strcmp(argv[i], "--only")) only = argv[++i];
  }
  std::vector<int> labels;
  const Eigen::MatrixXd X = fashion ? fashion_components(n, labels) : gaussian_classes(n, labels);
  if (X.size() == 0) return 1;
  const long m = std::min(n, 2000L);
  auto pca = pca_projection(X, 2);
  std::printf("%ld points, %s, %d threads; PCA 2D 5-NN accuracy %.3f\n\n", n,
              fashion ? "Fashion-MNIST test images, 50 principal components" : "10 Gaussian classes in 64-D", threads,
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
