// Non-linear 2D/3D layouts for the views: UMAP (McInnes, Healy, Melville 2018; the vendored umappp) and Barnes-Hut
// t-SNE (van der Maaten 2014; the vendored qdtsne), both on exact Euclidean nearest neighbours (knncolle's VP tree).
// third_party/*/README.md give the versions.
//
// Unlike projection.h, a layout is not a map: it places only the points it was fitted to (neither library places new
// points into a fitted layout), so points to be compared must be embedded together.
//
// Inputs:
//   X        n by d features, one row per point, all finite
//   options  method and its parameters (below)
//   progress reported per batch of epochs (UMAP) or iterations (t-SNE), reaching 1 at the end
//   cancel   checked between batches (and before and after the neighbour search, which cannot be interrupted)
// Output: n by dimensions coordinates, centred (column means 0) and each axis' sign fixed like orient_columns (its
// entry of largest magnitude positive), so the same data and options always give the same picture.
// Errors: dimensions not 2 or 3; d = 0; a non-finite entry (names the row); neighbours < 2, min_dist outside
// [0, 1), perplexity <= 0, iterations or threads < 0; too few points (UMAP needs n >= neighbours + 1, t-SNE
// n >= ceil(3 perplexity) + 1: the message says how many are needed); "cancelled".
//
// Determinism: the same X, options and seed give bit-identical output, whatever the thread count (threads only split
// the neighbour search and per-point sums, whose order does not change; UMAP's epochs always run serially, as
// umappp's parallel_optimization would make the result depend on the thread count).
// Defaults: iterations 0 = the method's own (UMAP: 500 epochs up to 10 000 points, fewer above; t-SNE: 1000).
// Cost (tests/bench/README.md): 10 000 points on 2 cores, UMAP 10-11 s, t-SNE 11-17 s (with the machine loaded).
#pragma once

#include <cstdint>
#include <string>

#include <Eigen/Core>

#include "core/common/progress.h"
#include "core/common/result.h"

namespace ms::geometry {

enum class EmbeddingMethod { umap, tsne };

struct EmbeddingOptions {
  EmbeddingMethod method = EmbeddingMethod::umap;
  int dimensions = 2;        // 2 or 3
  int neighbours = 15;       // UMAP: size of the local neighbourhood (larger = more global structure)
  double min_dist = 0.1;     // UMAP: how tightly points may pack, in [0, 1)
  double perplexity = 30;    // t-SNE: effective number of neighbours (3 x perplexity are searched)
  int iterations = 0;        // epochs (UMAP) or iterations (t-SNE); 0 = the method's default
  std::uint64_t seed = 0;    // initial layout and UMAP's negative sampling
  int threads = 0;           // 0 = std::thread::hardware_concurrency(); does not change the result
};

// "umap", "tsne" and back; false for an unknown name.
const char* to_string(EmbeddingMethod method);
bool parse_embedding_method(const std::string& name, EmbeddingMethod* out);

// The checks embed_points makes before any work, for n points (callers may check a request early).
Status check_embedding_options(const EmbeddingOptions& options, long n);

Result<Eigen::MatrixXd> embed_points(const Eigen::Ref<const Eigen::MatrixXd>& X, const EmbeddingOptions& options,
                                     Progress& progress, const CancelToken* cancel = nullptr);

}  // namespace ms::geometry
