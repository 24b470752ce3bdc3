// A dataset's items and labels as the Eigen types the model and geometry calls take (the items are viewed, not
// copied: the view is valid while the dataset lives and its values are not resized).
#pragma once

#include <vector>

#include <Eigen/Core>

#include "core/data/dataset.h"
#include "core/model/batch_options.h"

namespace ms::pipeline {

// count() by item_size() rows over dataset.values.
inline Eigen::Map<const model::RowMatrixXf> as_matrix(const data::Dataset& dataset) {
  return {dataset.values.data(), dataset.count(), dataset.item_size()};
}

inline Eigen::VectorXi as_labels(const std::vector<int32_t>& labels) {
  return Eigen::Map<const Eigen::Matrix<int32_t, Eigen::Dynamic, 1>>(labels.data(),
                                                                      static_cast<Eigen::Index>(labels.size()))
      .cast<int>();
}

}  // namespace ms::pipeline
