#include "core/store/layer_arrays.h"

namespace ms::store {
namespace {

GeometryEntry* find_entry(Project& project, const std::string& checkpoint, const std::string& dataset,
                          const std::string& layer) {
  for (GeometryEntry& e : project.geometry)
    if (e.checkpoint == checkpoint && e.dataset == dataset && e.layer == layer) return &e;
  return nullptr;
}

}  // namespace

const Eigen::MatrixXd* find_layer_array(const Project& project, const std::string& checkpoint,
                                        const std::string& dataset, const std::string& layer, const std::string& name) {
  for (const GeometryEntry& e : project.geometry)
    if (e.checkpoint == checkpoint && e.dataset == dataset && e.layer == layer) {
      const auto it = e.arrays.find(name);
      return it == e.arrays.end() ? nullptr : &it->second;
    }
  return nullptr;
}

int put_layer_arrays(Project& project, const std::vector<LayerArray>& arrays) {
  int put = 0;
  for (const LayerArray& a : arrays)
    if (GeometryEntry* entry = find_entry(project, a.checkpoint, a.dataset, a.layer)) {
      entry->arrays[a.name] = a.values;
      ++put;
    }
  return put;
}

}  // namespace ms::store
