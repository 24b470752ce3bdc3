#include "core/pipeline/projecting_sink.h"

#include <cmath>
#include <random>

namespace ms::pipeline {
namespace {

uint64_t mix(uint64_t x) {  // splitmix64's finaliser: spreads a seed over all bits
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

uint64_t hash(const std::string& text) {  // FNV-1a: the same on every platform, unlike std::hash
  uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : text) h = (h ^ c) * 1099511628211ULL;
  return h;
}

double unit_interval(std::mt19937_64& rng) { return (static_cast<double>(rng() >> 11) + 1.0) * 0x1.0p-53; }  // (0, 1]

}  // namespace

Eigen::SparseMatrix<float> sparse_random_projection(int64_t d, int64_t k, uint64_t seed, const std::string& layer_id) {
  std::mt19937_64 rng(mix(mix(seed) ^ hash(layer_id) ^ mix(static_cast<uint64_t>(d))));
  const double s = std::sqrt(static_cast<double>(d));
  const double p = 1.0 / s;  // chance that an entry is not zero
  const float magnitude = static_cast<float>(std::sqrt(s / static_cast<double>(k)));
  const double log_miss = std::log1p(-std::min(p, 1.0 - 1e-12));
  std::vector<Eigen::Triplet<float>> entries;
  entries.reserve(static_cast<size_t>(static_cast<double>(k) * d * p * 1.1) + 16);
  for (int64_t column = 0; column < k; ++column) {
    // Skip to the next non-zero row directly: the gap between non-zeros is geometric with parameter p.
    for (int64_t row = -1;;) {
      row += 1 + static_cast<int64_t>(std::floor(std::log(unit_interval(rng)) / log_miss));
      if (row >= d) break;
      entries.emplace_back(static_cast<int>(row), static_cast<int>(column), (rng() & 1) ? magnitude : -magnitude);
    }
  }
  Eigen::SparseMatrix<float> projection(d, k);
  projection.setFromTriplets(entries.begin(), entries.end());
  return projection;
}

ProjectingSink::ProjectingSink(std::vector<int64_t> rows, int64_t k, uint64_t seed)
    : kept_(std::move(rows)), k_(k), seed_(seed) {}

void ProjectingSink::begin(const std::vector<model::LayerInfo>& layers, int64_t count) {
  std::vector<model::LayerInfo> kept = layers;
  projections_.assign(layers.size(), {});
  for (size_t l = 0; l < layers.size(); ++l) {
    if (layers[l].size() <= k_) continue;
    projections_[l] = sparse_random_projection(layers[l].size(), k_, seed_, layers[l].id);
    kept[l].shape = {k_};
  }
  kept_.begin(kept, count);
}

std::vector<int64_t> ProjectingSink::wanted_rows(int64_t first_row, int64_t count) const {
  return kept_.wanted_rows(first_row, count);
}

void ProjectingSink::consume(int layer, const std::vector<int64_t>& rows,
                             const Eigen::Ref<const model::RowMatrixXf>& values) {
  const Eigen::SparseMatrix<float>& projection = projections_[static_cast<size_t>(layer)];
  if (projection.size() == 0) return kept_.consume(layer, rows, values);
  const model::RowMatrixXf projected = values * projection;
  kept_.consume(layer, rows, projected);
}

}  // namespace ms::pipeline
