// The figure pack's sections (figure_pack.h), each writing its figures through the shared Writer: what the plan
// chose, checked against the results before anything is drawn. Private to app/gui/figure_pack*.cpp.
#pragma once

#include <string>
#include <vector>

#include "app/gui/figure_pack_writer.h"
#include "core/store/project.h"

namespace ms::gui::pack {

struct PackPlan {
  std::vector<std::string> markers, targets;   // scatters: one per marker x target
  std::string colour_by;                       // the scatters' colour groups ("" = none)
  bool by_architecture = false;                // heat maps per architecture too
  std::string profile_dataset;                 // layer profiles: the dataset of the geometry
  std::vector<std::string> profile_markers;    // empty = no profiles (one layer per checkpoint)
  std::vector<std::string> architectures;      // one profile per marker and architecture
  std::vector<std::string> checkpoints;        // projected; the first two compared; empty = none
  std::string layout;                          // how the projections are made: "in the PCA basis", ...
  std::string compare_reason;                  // why these two (a sentence for the caption)
  int figures = 0;                             // for progress (projections may add to it)
};

Status write_heatmaps(const store::Project& project, const PackPlan& plan, Writer& writer);
Status write_scatters(const store::Project& project, const PackPlan& plan, Writer& writer);
Status write_profiles(const store::Project& project, const PackPlan& plan, Writer& writer);
// Projections of plan.checkpoints (app/gui/model/figure_pack_projections.cpp: builds with model support only) at options.projection_layers, then the compare view of the first two. `source` is
// the project file (its checkpoints' relative locations).
Status write_projections(const store::Project& project, const std::string& source, const PackPlan& plan,
                         Writer& writer);

}  // namespace ms::gui::pack
