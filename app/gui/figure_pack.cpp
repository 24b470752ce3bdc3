#include "app/gui/figure_pack.h"

#include <algorithm>
#include <cmath>
#include <filesystem>

#include "app/gui/figure_pack_sections.h"
#include "app/gui/ood_correlation.h"
#include "app/gui/project_profile.h"
#ifdef MS_HAVE_MODEL
#include "core/pipeline/layer_projection.h"
#endif
#include "core/stats/csv_table.h"
#include "core/store/marker_catalogue.h"
#include "core/store/project_file.h"
#include "core/store/table_import.h"
#include "core/store/table_roles.h"
#include "views/figure_export.h"

namespace ms::gui {

Result<store::Project> read_results(const std::string& path) {
  const std::string extension = std::filesystem::path(path).extension().string();
  if (extension == ".csv" || extension == ".CSV") return store::read_table_project(path);
  return store::read_project(path);
}

namespace {

using pack::PackPlan;

bool contains(const std::vector<std::string>& list, const std::string& key) {
  return std::find(list.begin(), list.end(), key) != list.end();
}

Status check_keys(const std::vector<std::string>& chosen, const std::vector<std::string>& offered,
                  const std::string& what) {
  for (const std::string& key : chosen)
    if (!contains(offered, key)) {
      std::string list;
      for (const std::string& name : offered) list += (list.empty() ? "" : ", ") + name;
      return make_error("no " + what + " '" + key + "' in these results; they have: " + list);
    }
  return Ok{};
}

std::vector<std::string> default_markers(const store::Project& project) {
  const std::vector<std::string> offered = ood_markers(project);
  std::vector<std::string> markers;
  std::vector<std::string> wanted = store::headline_markers();
  wanted.push_back("id_accuracy");  // the baseline the markers are compared with
  for (const std::string& name : wanted)
    if (contains(offered, name)) markers.push_back(name);
  return markers.empty() ? std::vector<std::string>(offered.begin(), offered.begin() + std::min<size_t>(3, offered.size()))
                         : markers;
}

std::vector<std::string> target_keys(const store::Project& project) {
  std::vector<std::string> keys;
  for (const OodTarget& target : ood_targets(project))
    if (target.key != "id_accuracy") keys.push_back(target.key);
  return keys;
}

// --group: a colour key of the project, or a results table's column read as the architecture or a hyper-parameter.
Result<std::string> colour_key(const store::Project& project, const std::string& source, const std::string& group) {
  const std::vector<std::string> keys = colour_keys(project);
  if (group.empty()) return architectures(project).size() > 1 ? std::string("architecture") : std::string();
  if (contains(keys, group)) return group;
  if (auto table = stats::read_csv_table(source); table && source.size() > 4 &&
                                                  source.substr(source.size() - 4) == ".csv") {
    const std::vector<store::ColumnRole> roles = store::guess_column_roles(*table);
    const long column = table->column_index(group);
    if (column >= 0 && roles[static_cast<size_t>(column)] == store::ColumnRole::architecture) return std::string("architecture");
  }
  if (Status ok = check_keys({group}, keys, "colour group"); !ok.ok()) return make_error(ok.error());
  return group;
}

// Layer profiles: the chosen geometry markers, when some checkpoint has more than one layer of geometry.
void plan_profiles(const store::Project& project, PackPlan& plan) {
  plan.profile_dataset = geometry_dataset(project);
  std::map<std::string, int> layers;
  for (const store::GeometryEntry& g : project.geometry)
    if (g.dataset == plan.profile_dataset) ++layers[g.checkpoint];
  if (std::none_of(layers.begin(), layers.end(), [](const auto& entry) { return entry.second > 1; })) return;
  const std::vector<std::string> offered = profile_markers(project, plan.profile_dataset);
  for (const std::string& marker : plan.markers)
    if (contains(offered, marker)) plan.profile_markers.push_back(marker);
  plan.architectures = architectures(project);
}

// The checkpoints to project: the chosen ones, else the highest and the lowest on the first target.
[[maybe_unused]] Status plan_checkpoints(const store::Project& project, const FigurePackOptions& options, PackPlan& plan) {
  std::vector<std::string> with_files;
  for (const store::CheckpointEntry& c : project.checkpoints)
    if (!c.path.empty() || !c.relative_path.empty()) with_files.push_back(c.id);
  if (!options.checkpoints.empty()) {
    if (Status ok = check_keys(options.checkpoints, with_files, "checkpoint with a model file"); !ok.ok()) return ok;
    plan.checkpoints = options.checkpoints;
    plan.compare_reason = "chosen by the user.";
    return Ok{};
  }
  if (with_files.empty()) return Ok{};
  const std::string& target = plan.targets.front();
  const CheckpointValues values = checkpoint_values(project, {}, options.layer, target);
  int best = -1, worst = -1;
  for (size_t i = 0; i < values.checkpoints.size(); ++i) {
    if (!contains(with_files, values.checkpoints[i]) || !std::isfinite(values.target[i])) continue;
    if (best < 0 || values.target[i] > values.target[static_cast<size_t>(best)]) best = static_cast<int>(i);
    if (worst < 0 || values.target[i] < values.target[static_cast<size_t>(worst)]) worst = static_cast<int>(i);
  }
  if (best < 0) {
    plan.checkpoints.assign(with_files.begin(), with_files.begin() + std::min<size_t>(2, with_files.size()));
    plan.compare_reason = "the project's first two checkpoints.";
    return Ok{};
  }
  plan.checkpoints.push_back(values.checkpoints[static_cast<size_t>(best)]);
  if (worst != best) plan.checkpoints.push_back(values.checkpoints[static_cast<size_t>(worst)]);
  plan.compare_reason = "the highest and the lowest " + target_label(project, target) + " of the project (" +
                        pack::fixed(values.target[static_cast<size_t>(best)]) + " and " +
                        pack::fixed(values.target[static_cast<size_t>(worst)]) + ").";
  return Ok{};
}

[[maybe_unused]] std::string basis_label(const std::string& basis) {
  if (basis == "pca") return "PCA";
  if (basis == "center_plane") return "class-center plane";
  if (basis == "anchor_view") return "anchor view";
  if (basis == "umap") return "UMAP";
  if (basis == "tsne") return "t-SNE";
  return basis;
}

Status check_projection_options(const FigurePackOptions& options, PackPlan& plan) {
#ifndef MS_HAVE_MODEL
  (void)options, (void)plan;  // no projections in this build: note_left_out says so
  return Ok{};
#else
  pipeline::ProjectionBasis basis;
  if (!pipeline::parse_projection_basis(options.basis, &basis))
    return make_error("projection basis '" + options.basis + "': one of pca, center_plane, anchor_view, umap, tsne");
  plan.layout = "in the " + basis_label(options.basis) + " basis";
  if (options.dimensions != 2 && options.dimensions != 3) return make_error("projections have 2 or 3 dimensions");
  if (basis == pipeline::ProjectionBasis::umap || basis == pipeline::ProjectionBasis::tsne) {
    geometry::EmbeddingOptions embedding = options.embedding;
    embedding.dimensions = options.dimensions;
    // The number of points is known once the sample is drawn: the parameters alone now.
    if (Status ok = geometry::check_embedding_options(embedding, 1L << 40); !ok.ok())
      return make_error(basis_label(options.basis) + ": " + ok.error());
    const std::string iterations = embedding.iterations > 0 ? std::to_string(embedding.iterations) : "default";
    plan.layout = "laid out by " + basis_label(options.basis) + " (" +
                  (basis == pipeline::ProjectionBasis::umap
                       ? std::to_string(embedding.neighbours) + " neighbours, min_dist " + pack::fixed(embedding.min_dist, 2)
                       : "perplexity " + pack::fixed(embedding.perplexity, 1)) +
                  ", " + iterations + " iterations, seed " + std::to_string(embedding.seed) + ")";
  }
  return Ok{};
#endif
}

Result<PackPlan> plan_pack(const store::Project& project, const std::string& source, const FigurePackOptions& options) {
  PackPlan plan;
  plan.markers = options.markers.empty() ? default_markers(project) : options.markers;
  const std::vector<std::string> all_targets = target_keys(project);
  plan.targets = options.targets;
  if (options.all_targets)
    plan.targets = all_targets;
  else if (plan.targets.empty() && !all_targets.empty())
    plan.targets = all_targets.front() == kMeanOodAccuracy ? std::vector<std::string>{kMeanOodAccuracy} : all_targets;
  if (plan.markers.empty() || plan.targets.empty()) return make_error(source + ": no markers or no OOD targets to draw");
  if (Status ok = check_keys(plan.markers, ood_markers(project), "marker"); !ok.ok()) return make_error(ok.error());
  if (Status ok = check_keys(plan.targets, all_targets, "OOD target"); !ok.ok()) return make_error(ok.error());
  for (const QString& format : options.formats)
    if (format != "png" && format != "svg" && format != "pdf")
      return make_error("figure format '" + format.toStdString() + "': png, svg or pdf");
  auto colour = colour_key(project, source, options.colour_by);
  if (!colour) return make_error(colour.error());
  plan.colour_by = *colour;
  plan.by_architecture = architectures(project).size() > 1;
  if (options.profiles) plan_profiles(project, plan);
  if (options.projections) {
    if (Status ok = check_projection_options(options, plan); !ok.ok()) return make_error(ok.error());
#ifdef MS_HAVE_MODEL
    if (Status ok = plan_checkpoints(project, options, plan); !ok.ok()) return make_error(ok.error());
#endif
  }
  const int groups = plan.architectures.size() > 1 ? static_cast<int>(plan.architectures.size()) : 1;
  plan.figures = 1 + static_cast<int>(plan.targets.size()) *
                         (static_cast<int>(plan.markers.size()) + (plan.by_architecture ? 1 : 0)) +
                 static_cast<int>(plan.profile_markers.size()) * groups + static_cast<int>(plan.checkpoints.size()) +
                 (plan.checkpoints.size() > 1 ? 1 : 0);
  return plan;
}

// What the plan left out and why, so a reader of index.md does not look for it.
void note_left_out(const store::Project& project, const FigurePackOptions& options, const PackPlan& plan,
                   pack::Writer& writer) {
  if (options.profiles && plan.profile_markers.empty())
    writer.note("Layer profiles", "None: these results have one layer per checkpoint (or none of the chosen "
                                  "markers is a geometry marker), so there is no depth to plot.");
#ifndef MS_HAVE_MODEL
  if (options.projections)
    writer.note("Projections", "None: this build has no model support (configure with -DMS_BUILD_TORCH=ON).");
  return;
#endif
  if (options.projections && plan.checkpoints.empty())
    writer.note("Projections", project.checkpoints.empty() || project.checkpoints.front().path.empty()
                                   ? "None: these results have no checkpoint files (a results table holds numbers "
                                     "only); run `manifoldscope figures` on a project to draw them."
                                   : "None: no checkpoint has a model file.");
}

}  // namespace

Result<std::vector<std::string>> write_figure_pack(const store::Project& project, const std::string& source,
                                                   const FigurePackOptions& options, const std::string& out,
                                                   const std::function<void(int, int, const std::string&)>& progress) {
  auto plan = plan_pack(project, source, options);
  if (!plan) return make_error(plan.error());
  std::error_code error;
  std::filesystem::create_directories(out, error);
  if (error) return make_error("cannot create " + out + ": " + error.message());
  pack::Writer writer{options, out, progress, plan->figures};
  writer.index = "# Figures of " + std::filesystem::path(source).filename().string() + "\n\nWritten by `manifoldscope " +
                 "figures` (ManifoldScope " MS_VERSION ") from `" + source + "`: " +
                 std::to_string(project.checkpoints.size()) + " checkpoints, markers read at the " + options.layer +
                 " layer; figures at " + views::describe(options.size) +
                 ". Each figure's numbers are in the CSV of the same name.\n\n";
  for (const auto& section : {pack::write_heatmaps, pack::write_scatters, pack::write_profiles})
    if (Status ok = section(project, *plan, writer); !ok.ok()) return make_error(ok.error());
  note_left_out(project, options, *plan, writer);
  // A checkpoint that cannot be run loses its projections only: the rest of the pack and index.md are written.
#ifdef MS_HAVE_MODEL
  const Status projected = pack::write_projections(project, source, *plan, writer);
#else
  const Status projected = Ok{};  // plan_pack refused projections
#endif
  if (!projected.ok()) writer.note("Projections", "Stopped: " + projected.error());

  const std::filesystem::path index = std::filesystem::path(out) / "index.md";
  const Status written = views::write_text_file(index.string(), writer.index);
  if (!written.ok()) return make_error(written.error());
  writer.files.push_back(index.string());
  if (!projected.ok())
    return make_error("projections: " + projected.error() + " (the other figures and index.md are written in " + out +
                      ")");
  return writer.files;
}

}  // namespace ms::gui
