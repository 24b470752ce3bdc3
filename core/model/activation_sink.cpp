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
  Eigen::MatrixXf& out = matrices_[layer];
  for (auto it = from; it != sorted_.end() && it->first < first_row + values.rows(); ++it)
    out.row(it->second) = values.row(it->first - first_row);
}

}  // namespace ms::model
