// Optional on-disk cache of the activations that feed the geometry: per checkpoint, the class-balanced ID sample's
// features of every analysed layer, so that a re-run with other geometry options (GLUE options, fewer points per
// class) computes the markers without a forward pass of the sample.
//
// Where: one HDF5 file per checkpoint, `<project>.activations/<sha256>.h5`, beside the project file, not inside it.
//   - The project file is rewritten whole (temp + rename) after every checkpoint; activations inside it would be
//     copied on every save (hundreds of MB per ResNet checkpoint, O(checkpoints^2) bytes over a sweep) and read by
//     every read_project.
//   - A single sibling cache file would need the same temp copy + rename to stay valid after a crash. One file per
//     checkpoint is written once to a temp name and renamed: atomic, never copies other checkpoints' data, and a
//     damaged file costs one checkpoint. Deleting the folder drops the cache.
// Layout of a file (names escaped as in the project file):
//   /                                attrs: format = "manifoldscope-activation-cache", format_version = 1
//   /<sha256>/<dataset>              attrs: sample_seed, item_count (dataset size), normalization (text)
//   /<sha256>/<dataset>/rows         [n] int64    dataset row of each sample row
//   /<sha256>/<dataset>/labels       [n] int32    class of each sample row
//   /<sha256>/<dataset>/layers/<id>  [n, d] float32, chunked (about 1 MB) + shuffle + deflate 1; attr shape (text)
// Other datasets' groups of the same checkpoint are carried over when a file is rewritten.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <Eigen/Core>

#include "core/common/result.h"
#include "core/model/batch_options.h"

namespace ms::pipeline {

// What the cached values depend on besides the rows: the checkpoint's bytes, the dataset and its normalisation.
struct ActivationCacheKey {
  std::string sha256;   // checkpoint file content
  std::string dataset;  // ID dataset id, e.g. "fashion-mnist:test"
  int64_t item_count = 0;       // its number of items (a changed file under the same id does not match)
  model::Normalization normalization;
  uint64_t sample_seed = 0;     // recorded for the reader; lookups go by row index
};

// `<project>.activations/<sha256>.h5`
std::string activation_cache_file(const std::string& project_path, const std::string& sha256);

// Writes (replaces) the key's dataset group: atomically, through a temp file renamed over `path`. Layers the file
// already holds for the same sample (same key, rows and labels) and not written now are kept, so an analysis that
// extracts its layers in groups adds each group to the same cache.
// Inputs:
//   rows         n dataset rows of the sample
//   labels       n class ids
//   layer_ids    L layer ids
//   layer_shapes L shapes of one sample's output (for the reader)
//   values       L row-major matrices, n by d_l (row i is dataset row rows[i])
Status write_activation_cache(const std::string& path, const ActivationCacheKey& key, const std::vector<int64_t>& rows,
                              const Eigen::Ref<const Eigen::VectorXi>& labels, const std::vector<std::string>& layer_ids,
                              const std::vector<std::vector<int64_t>>& layer_shapes,
                              const std::vector<model::RowMatrixXf>& values);

// Reads the given layers at the given dataset rows.
// Inputs:
//   rows, labels  the wanted sample: n dataset rows and their classes (checked against the cache)
//   layer_ids     L layer ids
// Outputs:
//   L row-major matrices, n by d_l, row i for dataset row rows[i]; std::nullopt on a miss (no file, another key, a layer or
//   row not cached).
// Errors: the file exists but is not a readable cache of this format (damaged, truncated, foreign): the caller
//   warns and rebuilds it.
Result<std::optional<std::vector<model::RowMatrixXf>>> read_activation_cache(const std::string& path,
                                                                          const ActivationCacheKey& key,
                                                                          const std::vector<int64_t>& rows,
                                                                          const Eigen::Ref<const Eigen::VectorXi>& labels,
                                                                          const std::vector<std::string>& layer_ids);

}  // namespace ms::pipeline
