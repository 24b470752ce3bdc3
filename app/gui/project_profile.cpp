#include "app/gui/project_profile.h"

#include <algorithm>
#include <limits>
#include <map>
#include <set>

#include "core/store/marker_catalogue.h"

namespace ms::gui {
namespace {

double depth(const store::GeometryEntry& entry) {
  auto it = entry.markers.find("layer_index");
  return it == entry.markers.end() ? 0.0 : it->second;
}

}  // namespace

std::string geometry_dataset(const store::Project& project) {
  return project.geometry.empty() ? std::string() : project.geometry.front().dataset;
}

std::vector<std::string> profile_markers(const store::Project& project, const std::string& dataset) {
  std::set<std::string> names;
  for (const auto& entry : project.geometry)
    if (entry.dataset == dataset)
      for (const auto& [name, value] : entry.markers)
        if (!store::is_bookkeeping(name)) names.insert(name);
  return store::featured_first(std::move(names), /*profile_only=*/true);  // the paper's main markers, then by name
}

std::vector<std::string> architectures(const store::Project& project) {
  std::vector<std::string> names;
  for (const auto& checkpoint : project.checkpoints)
    if (std::find(names.begin(), names.end(), checkpoint.architecture) == names.end())
      names.push_back(checkpoint.architecture);
  return names;
}

views::ProfileData layer_profile(const store::Project& project, const std::string& dataset, const std::string& marker,
                                 const std::string& architecture) {
  std::set<std::string> included;
  for (const auto& checkpoint : project.checkpoints)
    if (architecture.empty() || checkpoint.architecture == architecture) included.insert(checkpoint.id);
  std::map<std::string, double> layer_depth;
  std::vector<std::string> checkpoints;
  for (const auto& entry : project.geometry) {
    if (entry.dataset != dataset || !included.count(entry.checkpoint)) continue;
    layer_depth.emplace(entry.layer, depth(entry));
    if (std::find(checkpoints.begin(), checkpoints.end(), entry.checkpoint) == checkpoints.end())
      checkpoints.push_back(entry.checkpoint);
  }
  std::vector<std::pair<double, std::string>> order;
  for (const auto& [layer, d] : layer_depth) order.emplace_back(d, layer);
  std::sort(order.begin(), order.end());

  views::ProfileData data;
  data.marker = store::marker_title(marker);  // the axis title, in the paper's notation
  std::map<std::string, size_t> column;
  for (const auto& [d, layer] : order) {
    column[layer] = data.layers.size();
    data.layers.push_back(layer);
  }
  for (const std::string& checkpoint : checkpoints) {
    views::ProfileSeries series{checkpoint, std::vector<double>(data.layers.size(), std::numeric_limits<double>::quiet_NaN())};
    for (const auto& entry : project.geometry) {
      if (entry.dataset != dataset || entry.checkpoint != checkpoint) continue;
      auto it = entry.markers.find(marker);
      if (it != entry.markers.end()) series.values[column[entry.layer]] = it->second;
    }
    data.series.push_back(std::move(series));
  }
  return data;
}

}  // namespace ms::gui
