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
  // Per batch, before consume(): the dataset rows in [first_row, first_row + count) this sink keeps, ascending.
  // Rows nobody keeps are selected away inside the network (never copied out), and after the first batch a batch
  // with none is not run at all. Default: every row.
  virtual std::vector<int64_t> wanted_rows(int64_t first_row, int64_t count) const;
  // Per batch and layer; calls for different layers of one batch may run concurrently (never two for one layer):
  //   layer   index into begin()'s layers
  //   rows    the batch's wanted_rows(), ascending dataset row indices (not empty)
  //   values  rows.size() by layers[layer].size(), flattened activations; row i is dataset row rows[i]
  //           (valid during the call only)
  virtual void consume(int layer, const std::vector<int64_t>& rows, const Eigen::Ref<const RowMatrixXf>& values) = 0;
};

// Keeps the rows of a given index subset (e.g. a class-balanced sample) as one matrix per layer.
// Outputs:
//   matrices()[l]  rows.size() by layers[l].size(), row-major (item-major, as the network gives them: each kept row
//                  is one contiguous copy); row i holds dataset row rows[i] once its batch has been consumed (rows
//                  outside [0, count) stay zero; after a failed extraction the others are unspecified)
class SubsetSink final : public ActivationSink {
 public:
  // rows: dataset row indices in [0, count), any order, no repeats required.
  explicit SubsetSink(std::vector<int64_t> rows);

  void begin(const std::vector<LayerInfo>& layers, int64_t count) override;
  std::vector<int64_t> wanted_rows(int64_t first_row, int64_t count) const override;
  void consume(int layer, const std::vector<int64_t>& rows, const Eigen::Ref<const RowMatrixXf>& values) override;

  const std::vector<LayerInfo>& layers() const { return layers_; }
  const std::vector<RowMatrixXf>& matrices() const { return matrices_; }
  std::vector<RowMatrixXf> take() { return std::move(matrices_); }

 private:
  std::vector<int64_t> rows_;
  std::vector<std::pair<int64_t, int64_t>> sorted_;  // (dataset row, output row), by dataset row
  std::vector<LayerInfo> layers_;
  std::vector<RowMatrixXf> matrices_;
};

}  // namespace ms::model
