// The figure pack's chart sections, drawn by the window's own views from the project's numbers: the correlation heat
// maps, the marker-versus-OOD scatters and the layer profiles.
#include <cctype>
#include <set>

#include "app/gui/figure_pack_sections.h"
#include "app/gui/ood_correlation.h"
#include "app/gui/project_profile.h"
#include "core/store/marker_catalogue.h"
#include "views/correlation_heatmap_view.h"
#include "views/layer_profile_view.h"
#include "views/marker_scatter_view.h"

namespace ms::gui::pack {
namespace {

std::string scatter_caption(const views::ScatterData& data) {
  const views::ScatterStatistics& s = data.statistics;
  std::string text = data.y_title + " against " + data.x_title + ", one point per checkpoint";
  if (!data.colour_title.empty()) text += ", coloured by " + data.colour_title;
  text += ". Pearson r = " + fixed(s.pearson_r) + " (p = " + p_value(s.pearson_p) + ", " +
          fixed(100.0 * s.ci_level, 0) + " % bootstrap CI [" + fixed(s.ci_low) + ", " + fixed(s.ci_high) +
          "]), Spearman ρ = " + fixed(s.spearman_rho) + " (p = " + p_value(s.spearman_p) + "), n = " +
          std::to_string(s.n);
  if (data.missing > 0) text += "; " + std::to_string(data.missing) + " checkpoints without both values left out";
  if (!text.empty()) text[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(text[0])));
  return text + ".";
}

std::string profile_caption(const views::ProfileData& data, const std::string& marker, const std::string& dataset,
                            const std::string& architecture) {
  std::string text = data.marker + " against depth on " + dataset + ", one line per checkpoint";
  if (!architecture.empty()) text += " of " + architecture;
  text += " (" + std::to_string(data.series.size()) + " checkpoints, " + std::to_string(data.layers.size()) +
          " layers; gaps where a layer was not analysed).";
  const std::string description = store::marker_description(marker);
  return description.empty() ? text : text + " " + description;
}

// At a column width, a scatter with many colour groups is made square: their legend goes under the plot and would
// leave the points a strip in the window's aspect.
views::ExportSize scatter_size(views::ExportSize size, const views::ScatterData& data) {
  const std::set<std::string> groups(data.groups.begin(), data.groups.end());
  if (size.physical() && size.height_mm <= 0 && groups.size() > 3) size.height_mm = size.width_mm;
  return size;
}

}  // namespace

Status write_heatmaps(const store::Project& project, const PackPlan& plan, Writer& writer) {
  views::CorrelationHeatmapView view;
  show_for_export(&view, 1100, 700);
  HeatmapOptions heatmap;
  heatmap.layer = writer.options.layer;
  heatmap.markers = paper_markers(project);
  if (heatmap.markers.empty()) heatmap.markers = ood_markers(project);
  writer.next("correlation_heatmap");
  const OodHeatmap pooled = ood_heatmap(project, heatmap);
  if (Status shown = view.set_data(pooled.data); !shown.ok()) return shown;
  if (Status ok = writer.write(&view, "correlation_heatmap",
                               pooled.data.title + ": Pearson r of every ID marker (rows) against every OOD target "
                                                   "(columns), stars for p < 0.05, 0.01, 0.001, 0.0001.");
      !ok.ok())
    return ok;
  if (!plan.by_architecture) return Ok{};
  heatmap.by_architecture = true;
  for (const std::string& target : plan.targets) {
    const std::string stem = "correlation_heatmap_by_architecture_" + file_stem(target);
    writer.next(stem);
    heatmap.target = target;
    const OodHeatmap per = ood_heatmap(project, heatmap);
    if (Status shown = view.set_data(per.data); !shown.ok()) return shown;
    if (Status ok = writer.write(&view, stem,
                                 per.data.title + ": Pearson r of every ID marker against " +
                                     target_label(project, target) + ", one column per architecture.");
        !ok.ok())
      return ok;
  }
  return Ok{};
}

Status write_scatters(const store::Project& project, const PackPlan& plan, Writer& writer) {
  views::MarkerScatterView view;
  show_for_export(&view, 900, 650);
  for (const std::string& target : plan.targets)
    for (const std::string& marker : plan.markers) {
      const std::string stem = file_stem(marker) + "_vs_" + file_stem(target);
      writer.next(stem);
      ScatterOptions scatter;
      scatter.marker = marker;
      scatter.layer = writer.options.layer;
      scatter.target = target;
      scatter.colour_by = plan.colour_by;
      const views::ScatterData data = ood_scatter(project, scatter);
      if (Status shown = view.set_data(data); !shown.ok()) return shown;
      if (Status ok = writer.write(&view, stem, scatter_caption(data), scatter_size(writer.options.size, data)); !ok.ok())
        return ok;
    }
  return Ok{};
}

Status write_profiles(const store::Project& project, const PackPlan& plan, Writer& writer) {
  if (plan.profile_markers.empty()) return Ok{};
  views::LayerProfileView view;
  show_for_export(&view, 900, 650);
  const std::vector<std::string> groups =
      plan.architectures.size() > 1 ? plan.architectures : std::vector<std::string>{std::string()};
  for (const std::string& marker : plan.profile_markers)
    for (const std::string& architecture : groups) {
      const std::string stem =
          "profile_" + file_stem(marker) + (architecture.empty() ? "" : "_" + file_stem(architecture));
      writer.next(stem);
      const views::ProfileData data = layer_profile(project, plan.profile_dataset, marker, architecture);
      if (Status shown = view.set_data(data); !shown.ok()) return shown;
      if (Status ok = writer.write(&view, stem, profile_caption(data, marker, plan.profile_dataset, architecture));
          !ok.ok())
        return ok;
    }
  return Ok{};
}

}  // namespace ms::gui::pack
