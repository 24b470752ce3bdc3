#include "core/model/activation_sink.h"

#include <algorithm>

namespace ms::model {

SubsetSink::SubsetSink(std::vector<int64_t> rows) : rows_(std::move(rows)) {
  for (int64_t i = 0; i < static_cast<int64_t>(rows_.size()); ++i) sorted_.emplace_back(rows_[i], i);
  std::sort(sorted_.begin(), sorted_.end());
}

void SubsetSink::begin(const std::vector<LayerInfo>& layers, int64_t) {
  layers_ = layers;
  matrices_.clear();
  for (const LayerInfo& layer : layers_)
    matrices_.emplace_back(Eigen::MatrixXf::Zero(static_cast<Eigen::Index>(rows_.size()), layer.size()));
}

void SubsetSink::consume(int layer, int64_t first_row, const Eigen::Ref<const RowMatrixXf>& values) {
  // The wanted rows inside [first_row, first_row + rows) form one run of the sorted list.
  auto from = std::lower_bound(sorted_.begin(), sorted_.end(), std::make_pair(first_row, int64_t{-1}));
  auto to = from;
  while (to != sorted_.end() && to->first < first_row + values.rows()) ++to;
  // Row-major in, column-major out: a whole row at a time writes one float per cache line of `out` across all d
  // columns (megabytes apart for wide conv layers). Tiles of columns keep the written lines in L1 while every wanted
  // row of the batch passes through.
  Eigen::MatrixXf& out = matrices_[layer];
  constexpr Eigen::Index kTile = 256;
  for (Eigen::Index c = 0; c < values.cols(); c += kTile) {
    const Eigen::Index width = std::min(kTile, values.cols() - c);
    for (auto it = from; it != to; ++it)
      out.row(it->second).segment(c, width) = values.row(it->first - first_row).segment(c, width);
  }
}

}  // namespace ms::model
