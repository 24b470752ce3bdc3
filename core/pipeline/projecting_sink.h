// A fixed random projection of very wide layers, applied batch by batch while the geometry sample is extracted, so
// that a layer's full-width sample never exists: a layer of d > k features keeps n x k values instead of n x d.
//
// The projection is Li, Hastie and Church's very sparse random projection ("Very sparse random projections", KDD
// 2006): R is d x k with entries sqrt(s / k) * {+1, 0, -1} drawn with probabilities {1/(2s), 1 - 1/s, 1/(2s)},
// s = sqrt(d), so E[(x R) . (y R)] = x . y (inner products, hence distances and Gram matrices, are preserved in
// expectation, Johnson-Lindenstrauss style) and R has about k sqrt(d) non-zeros. R depends only on the seed, the
// layer id and d: the same on every machine and run.
//
// ProjectingSink(rows, k, seed)
//   rows  dataset rows to keep (as SubsetSink)
//   k     target dimension; layers with d <= k pass unchanged
// Outputs: take() gives per layer rows.size() x min(d, k) row-major matrices; layers() the shapes kept ({k} for a
//   projected layer).
#pragma once

#include <Eigen/SparseCore>
#include <cstdint>
#include <string>
#include <vector>

#include "core/model/activation_sink.h"

namespace ms::pipeline {

// The d x k projection matrix of one layer (exposed for tests).
Eigen::SparseMatrix<float> sparse_random_projection(int64_t d, int64_t k, uint64_t seed, const std::string& layer_id);

class ProjectingSink final : public model::ActivationSink {
 public:
  ProjectingSink(std::vector<int64_t> rows, int64_t k, uint64_t seed);

  void begin(const std::vector<model::LayerInfo>& layers, int64_t count) override;
  std::vector<int64_t> wanted_rows(int64_t first_row, int64_t count) const override;
  void consume(int layer, const std::vector<int64_t>& rows, const Eigen::Ref<const model::RowMatrixXf>& values) override;

  const std::vector<model::LayerInfo>& layers() const { return kept_.layers(); }
  std::vector<model::RowMatrixXf> take() { return kept_.take(); }

 private:
  model::SubsetSink kept_;
  int64_t k_;
  uint64_t seed_;
  std::vector<Eigen::SparseMatrix<float>> projections_;  // empty for a layer that passes unchanged
};

}  // namespace ms::pipeline
