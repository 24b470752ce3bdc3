#include "core/geometry/projection_embedding.h"

#include <algorithm>
#include <cmath>
#include <memory>
#include <stdexcept>
#include <thread>
#include <vector>

#include "core/common/number_text.h"
#include "core/geometry/projection.h"
#include "knncolle/knncolle.hpp"
#include "qdtsne/qdtsne.hpp"
#include "umappp/umappp.hpp"

namespace ms::geometry {
namespace {

using Neighbours = knncolle::NeighborList<int, double>;

// About 50 progress steps per layout; more would only cost report() calls.
constexpr int kProgressSteps = 50;
// Share of the progress bar for the neighbour search and initialisation.
constexpr double kSetupShare = 0.2;

bool is_cancelled(const CancelToken* cancel) { return cancel != nullptr && cancel->cancelled(); }

int thread_count(const EmbeddingOptions& options) {
  if (options.threads > 0) return options.threads;
  return std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
}

// Two independent seeds from one (splitmix64), so the initial layout and UMAP's sampling do not share a stream.
std::uint64_t mix_seed(std::uint64_t seed, std::uint64_t stream) {
  std::uint64_t z = seed + 0x9E3779B97F4A7C15ULL * (stream + 1);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

// Exact k nearest neighbours of each column of `data` (d by n), self excluded.
Neighbours nearest_neighbours(const std::vector<double>& data, long d, long n, int k, int threads) {
  knncolle::VptreeBuilder<int, double, double> builder(std::make_shared<knncolle::EuclideanDistance<double, double>>());
  const auto index = builder.build_unique(knncolle::SimpleMatrix<int, double>(static_cast<std::size_t>(d),
                                                                              static_cast<int>(n), data.data()));
  return knncolle::find_nearest_neighbors(*index, k, threads);
}

// Runs `step(limit)` up to `total` in kProgressSteps batches, reporting and checking cancel between them.
template <class Step>
Status run_batches(int total, const char* unit, Step step, Progress& progress, const CancelToken* cancel) {
  const int batch = std::max(1, total / kProgressSteps);
  for (int done = 0; done < total;) {
    if (is_cancelled(cancel)) return make_cancelled();
    done = std::min(total, done + batch);
    step(done);
    progress.report(kSetupShare + (1.0 - kSetupShare) * done / total,
                    std::string(unit) + " " + std::to_string(done) + "/" + std::to_string(total));
  }
  return Ok{};
}

// `coords` is dimensions by n (one point's coordinates together, as both libraries write them).
Status run_umap(Neighbours neighbours, const EmbeddingOptions& options, std::vector<double>& coords,
                Progress& progress, const CancelToken* cancel) {
  umappp::Options opt;
  opt.num_neighbors = options.neighbours;
  opt.min_dist = options.min_dist;
  if (options.iterations > 0) opt.num_epochs = options.iterations;
  opt.initialize_seed = mix_seed(options.seed, 0);
  opt.optimize_seed = mix_seed(options.seed, 1);
  opt.num_threads = thread_count(options);
  opt.parallel_optimization = false;  // a parallel epoch's result depends on the thread count
  auto status = umappp::initialize(std::move(neighbours), static_cast<std::size_t>(options.dimensions), coords.data(),
                                   opt);
  const int total = status.num_epochs();
  return run_batches(total, "epoch", [&](int limit) { status.run(coords.data(), limit); }, progress, cancel);
}

template <std::size_t kDims>
Status run_tsne(Neighbours neighbours, const EmbeddingOptions& options, std::vector<double>& coords,
                Progress& progress, const CancelToken* cancel) {
  qdtsne::Options opt;
  opt.perplexity = options.perplexity;
  opt.infer_perplexity = false;  // the neighbour count is 3 x perplexity, found here
  if (options.iterations > 0) opt.max_iterations = options.iterations;
  opt.num_threads = thread_count(options);
  const std::size_t n = neighbours.size();
  auto status = qdtsne::initialize<kDims>(std::move(neighbours), opt);
  qdtsne::initialize_random<kDims>(coords.data(), n, mix_seed(options.seed, 0));
  const int total = status.max_iterations();
  return run_batches(total, "iteration", [&](int limit) { status.run(coords.data(), limit); }, progress, cancel);
}

// n by k from k by n, centred, each axis' sign fixed.
Eigen::MatrixXd oriented(const std::vector<double>& coords, long n, int k) {
  Eigen::MatrixXd Y = Eigen::Map<const Eigen::MatrixXd>(coords.data(), k, n).transpose();
  Y.rowwise() -= Y.colwise().mean();
  orient_columns(Y);
  return Y;
}

// The neighbour count the method searches.
int neighbour_count(const EmbeddingOptions& options) {
  if (options.method == EmbeddingMethod::umap) return options.neighbours;
  return static_cast<int>(std::ceil(3.0 * options.perplexity));
}

// embed_points after its checks; may throw.
Result<Eigen::MatrixXd> embed_checked(const Eigen::Ref<const Eigen::MatrixXd>& X, const EmbeddingOptions& options,
                                      Progress& progress, const CancelToken* cancel);

}  // namespace

const char* to_string(EmbeddingMethod method) { return method == EmbeddingMethod::tsne ? "tsne" : "umap"; }

bool parse_embedding_method(const std::string& name, EmbeddingMethod* out) {
  for (EmbeddingMethod m : {EmbeddingMethod::umap, EmbeddingMethod::tsne})
    if (name == to_string(m)) return *out = m, true;
  return false;
}

Status check_embedding_options(const EmbeddingOptions& options, long n) {
  const std::string method = options.method == EmbeddingMethod::umap ? "UMAP" : "t-SNE";
  if (options.dimensions != 2 && options.dimensions != 3)
    return make_error(method + ": dimensions must be 2 or 3, got " + std::to_string(options.dimensions));
  if (options.iterations < 0) return make_error(method + ": iterations must be >= 0 (0 = default)");
  if (options.threads < 0) return make_error(method + ": threads must be >= 0 (0 = all cores)");
  if (options.method == EmbeddingMethod::umap) {
    if (options.neighbours < 2) return make_error("UMAP: neighbours must be at least 2, got " +
                                                  std::to_string(options.neighbours));
    if (!(options.min_dist >= 0.0 && options.min_dist < 1.0))
      return make_error("UMAP: min_dist must be in [0, 1), got " + number_text(options.min_dist));
  } else if (!(options.perplexity > 0.0 && options.perplexity < 1e6)) {
    return make_error("t-SNE: perplexity must be positive, got " + number_text(options.perplexity));
  }
  const long needed = static_cast<long>(neighbour_count(options)) + 1;
  if (n < needed) {
    const std::string why = options.method == EmbeddingMethod::umap
                                ? std::to_string(options.neighbours) + " neighbours"
                                : "perplexity " + number_text(options.perplexity) + " (" +
                                      std::to_string(needed - 1) + " neighbours)";
    return make_error(method + " with " + why + " needs at least " + std::to_string(needed) + " points, got " +
                      std::to_string(n) + ": use fewer neighbours / a lower perplexity, or more points");
  }
  return Ok{};
}

Result<Eigen::MatrixXd> embed_points(const Eigen::Ref<const Eigen::MatrixXd>& X, const EmbeddingOptions& options,
                                     Progress& progress, const CancelToken* cancel) {
  if (Status s = check_embedding_options(options, static_cast<long>(X.rows())); !s.ok()) return make_error(s.error());
  if (X.cols() == 0) return make_error("embedding: the points have no features (d = 0)");
  for (Eigen::Index i = 0; i < X.rows(); ++i)
    if (!X.row(i).allFinite()) return make_error("embedding: row " + std::to_string(i) + " has a NaN or infinite value");
  if (is_cancelled(cancel)) return make_cancelled();

  try {
    return embed_checked(X, options, progress, cancel);
  } catch (const std::exception& e) {  // the libraries throw on size overflows and bad input
    return make_error(std::string(options.method == EmbeddingMethod::umap ? "UMAP: " : "t-SNE: ") + e.what());
  }
}

namespace {

Result<Eigen::MatrixXd> embed_checked(const Eigen::Ref<const Eigen::MatrixXd>& X, const EmbeddingOptions& options,
                                      Progress& progress, const CancelToken* cancel) {
  const long n = static_cast<long>(X.rows()), d = static_cast<long>(X.cols());
  progress.report(0.0, "nearest neighbours");
  std::vector<double> data(static_cast<size_t>(n * d));
  Eigen::Map<Eigen::MatrixXd>(data.data(), d, n) = X.transpose();  // one point's features together
  Neighbours neighbours = nearest_neighbours(data, d, n, neighbour_count(options), thread_count(options));
  if (is_cancelled(cancel)) return make_cancelled();
  progress.report(kSetupShare / 2, "initial layout");

  std::vector<double> coords(static_cast<size_t>(n * options.dimensions));
  Status ran = options.method == EmbeddingMethod::umap ? run_umap(std::move(neighbours), options, coords, progress, cancel)
               : options.dimensions == 2 ? run_tsne<2>(std::move(neighbours), options, coords, progress, cancel)
                                         : run_tsne<3>(std::move(neighbours), options, coords, progress, cancel);
  if (!ran.ok()) return ran.failure();
  progress.report(1.0, "done");
  return oriented(coords, n, options.dimensions);
}

}  // namespace

}  // namespace ms::geometry
