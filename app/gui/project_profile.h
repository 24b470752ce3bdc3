// From a project to what the plot views draw: a marker versus depth for every checkpoint, and the markers on offer.
#pragma once

#include <string>
#include <vector>

#include "core/store/project.h"
#include "views/view_data.h"

namespace ms::gui {

// Markers present in the geometry of `dataset` (internal bookkeeping like layer_index and glue_* left out).
std::vector<std::string> profile_markers(const store::Project& project, const std::string& dataset);

// Layers in depth order (layer_index, then name) over the checkpoints of `architecture` (empty = all; different
// architectures have different layers, so one at a time reads best); one series per checkpoint (NaN gaps).
views::ProfileData layer_profile(const store::Project& project, const std::string& dataset, const std::string& marker,
                                 const std::string& architecture = {});

// The architectures of the project's checkpoints, in first-seen order.
std::vector<std::string> architectures(const store::Project& project);

// The dataset the geometry was measured on (the first one with geometry), or "" for none.
std::string geometry_dataset(const store::Project& project);

}  // namespace ms::gui
