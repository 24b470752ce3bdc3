// Arrays kept beside a layer's markers in the project (GeometryEntry::arrays, written as HDF5 datasets under
// /geometry/<ckpt>/<dataset>/<layer>): the projection view's UMAP and t-SNE layouts, named by
// pipeline::layout_name. A re-analysis of a checkpoint replaces its entries, and with them its stale layouts.
#pragma once

#include <Eigen/Core>
#include <string>
#include <vector>

#include "core/store/project.h"

namespace ms::store {

struct LayerArray {
  std::string checkpoint, dataset, layer;  // ids of the GeometryEntry
  std::string name;
  Eigen::MatrixXd values;
};

// The array `name` of that layer, or nullptr (no entry, or no such array).
const Eigen::MatrixXd* find_layer_array(const Project& project, const std::string& checkpoint,
                                        const std::string& dataset, const std::string& layer, const std::string& name);

// Puts each array into its layer's entry, replacing one of the same name. An array whose layer has no entry is left
// out: a new entry without markers would show as an empty row in the tables. Returns how many were put.
int put_layer_arrays(Project& project, const std::vector<LayerArray>& arrays);

}  // namespace ms::store
