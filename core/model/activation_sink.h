// Where extracted activations go, batch by batch, so that callers keep only what they need (memory stays bounded).
#pragma once

#include <cstdint>
#include <vector>

#include <Eigen/Core>

#include "core/model/batch_options.h"
#include "core/model/model.h"

namespace ms::model {

class ActivationSink {
 public:
  virtual ~ActivationSink() = default;
  // Once, before the first batch: the tapped layers (in the order asked for) and the number of items.
  virtual void begin(const std::vector<LayerInfo>& layers, int64_t count) = 0;
  // Per batch and layer:
  //   layer      index into begin()'s layers
  //   first_row  dataset row of the batch's first item
  //   values     rows by layers[layer].size(), flattened activations (valid during the call only)
  virtual void consume(int layer, int64_t first_row, const Eigen::Ref<const RowMatrixXf>& values) = 0;
};

// Keeps the rows of a given index subset (e.g. a class-balanced sample) as one matrix per layer.
// Outputs:
//   matrices()[l]  rows.size() by layers[l].size(); row i holds dataset row rows[i]
class SubsetSink final : public ActivationSink {
 public:
  // rows: dataset row indices in [0, count), any order, no repeats required.
  explicit SubsetSink(std::vector<int64_t> rows);

  void begin(const std::vector<LayerInfo>& layers, int64_t count) override;
  void consume(int layer, int64_t first_row, const Eigen::Ref<const RowMatrixXf>& values) override;

  const std::vector<LayerInfo>& layers() const { return layers_; }
  const std::vector<Eigen::MatrixXf>& matrices() const { return matrices_; }
  std::vector<Eigen::MatrixXf> take() { return std::move(matrices_); }

 private:
  std::vector<int64_t> rows_;
  std::vector<std::pair<int64_t, int64_t>> sorted_;  // (dataset row, output row), by dataset row
  std::vector<LayerInfo> layers_;
  std::vector<Eigen::MatrixXf> matrices_;
};

}  // namespace ms::model
