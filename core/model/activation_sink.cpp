#include "core/model/activation_sink.h"

#include <algorithm>

namespace ms::model {

SubsetSink::SubsetSink(std::vector<int64_t> rows) : rows_(std::move(rows)) {
  for (int64_t i = 0; i < static_cast<int64_t>(rows_.size()); ++i) sorted_.emplace_back(rows_[i], i);
  std::sort(sorted_.begin(), sorted_.end());
}

void SubsetSink::begin(const std::vector<LayerInfo>& layers, int64_t count) {
  layers_ = layers;
  matrices_.clear();
  // Every row inside [0, count) is overwritten by consume(): only rows outside it are zeroed (no memset of the
  // whole sample, which for a ResNet's every layer is hundreds of megabytes).
  for (const LayerInfo& layer : layers_) {
    matrices_.emplace_back(static_cast<Eigen::Index>(rows_.size()), layer.size());
    for (const auto& [row, out] : sorted_)
      if (row < 0 || row >= count) matrices_.back().row(out).setZero();
  }
}

std::vector<int64_t> ActivationSink::wanted_rows(int64_t first_row, int64_t count) const {
  std::vector<int64_t> rows(static_cast<size_t>(count));
  for (int64_t i = 0; i < count; ++i) rows[i] = first_row + i;
  return rows;
}

std::vector<int64_t> SubsetSink::wanted_rows(int64_t first_row, int64_t count) const {
  std::vector<int64_t> rows;
  for (auto it = std::lower_bound(sorted_.begin(), sorted_.end(), std::make_pair(first_row, int64_t{-1}));
       it != sorted_.end() && it->first < first_row + count; ++it)
    if (rows.empty() || rows.back() != it->first) rows.push_back(it->first);  // a row asked for twice runs once
  return rows;
}

void SubsetSink::consume(int layer, const std::vector<int64_t>& rows, const Eigen::Ref<const RowMatrixXf>& values) {
  // (row of values, row of out) for every output row whose dataset row is in `rows`: both lists are sorted.
  std::vector<std::pair<Eigen::Index, Eigen::Index>> copies;
  auto it = std::lower_bound(sorted_.begin(), sorted_.end(), std::make_pair(rows.front(), int64_t{-1}));
  for (size_t r = 0; r < rows.size(); ++r)
    for (; it != sorted_.end() && it->first <= rows[r]; ++it)
      if (it->first == rows[r]) copies.emplace_back(static_cast<Eigen::Index>(r), it->second);
  RowMatrixXf& out = matrices_[layer];
  for (const auto& [from, to] : copies) out.row(to) = values.row(from);
}

}  // namespace ms::model
