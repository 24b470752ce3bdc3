#include "app/gui/figure_pack.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QWindow>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <sstream>

#include "app/gui/ood_correlation.h"
#include "app/gui/project_profile.h"
#include "core/common/atomic_write.h"
#include "core/store/marker_catalogue.h"
#include "core/store/project_file.h"
#include "core/store/table_import.h"
#include "views/correlation_heatmap_view.h"
#include "views/figure_export.h"
#include "views/marker_scatter_view.h"

namespace ms::gui {
namespace {

// A key as a file name: "acc_fog:3" -> "acc_fog-3".
std::string file_stem(std::string key) {
  for (char& c : key)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '-' && c != '.') c = '-';
  return key;
}

std::string fixed(double value, int digits = 3) {
  if (!std::isfinite(value)) return "–";
  std::ostringstream out;
  out.setf(std::ios::fixed);
  out.precision(digits);
  out << value;
  return out.str();
}

std::string p_value(double p) {
  if (!std::isfinite(p)) return "–";
  std::ostringstream out;
  out.precision(2);
  out << p;
  return out.str();
}

// VTK renders once the widget is on screen: show it at the figure's size and let the window system expose it.
void show_for_export(QWidget* view, int width, int height) {
  view->resize(width, height);
  view->show();
  QDeadlineTimer deadline(5000);
  while (!deadline.hasExpired() && !(view->windowHandle() && view->windowHandle()->isExposed()))
    QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
  QCoreApplication::processEvents();
}

struct Writer {
  const FigurePackOptions& options;
  std::filesystem::path out;
  const std::function<void(int, int, const std::string&)>& progress;
  int total = 0;
  int done = 0;
  std::vector<std::string> files = {};
  std::string index = {};

  void next(const std::string& name) { progress(done++, total, name); }

  // The figure in every format and its CSV; a section of index.md with the caption and numbers.
  template <typename View>
  Status write(View* view, const std::string& stem, const std::string& caption) {
    for (const QString& format : options.formats) {
      const std::filesystem::path path = out / (stem + "." + format.toStdString());
      const Status saved = view->save_figure(path.string(), options.scale);
      if (!saved.ok()) return saved;
      files.push_back(path.string());
    }
    const std::filesystem::path csv = out / (stem + ".csv");
    const Status saved = view->save_csv(csv.string());
    if (!saved.ok()) return saved;
    files.push_back(csv.string());
    index += "## " + stem + "\n\n";
    if (options.formats.contains("png")) index += "![" + stem + "](" + stem + ".png)\n\n";
    index += caption + "\n\nFiles:";
    for (const QString& format : options.formats) index += " `" + stem + "." + format.toStdString() + "`";
    index += " `" + stem + ".csv` (the numbers)\n\n";
    return Ok{};
  }
};

Status check_keys(const std::vector<std::string>& chosen, const std::vector<std::string>& offered,
                  const std::string& what) {
  for (const std::string& key : chosen)
    if (std::find(offered.begin(), offered.end(), key) == offered.end()) {
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
    if (std::find(offered.begin(), offered.end(), name) != offered.end()) markers.push_back(name);
  return markers.empty() ? std::vector<std::string>(offered.begin(), offered.begin() + std::min<size_t>(3, offered.size()))
                         : markers;
}

std::vector<std::string> target_keys(const store::Project& project) {
  std::vector<std::string> keys;
  for (const OodTarget& target : ood_targets(project))
    if (target.key != "id_accuracy") keys.push_back(target.key);
  return keys;
}

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

}  // namespace

Result<store::Project> read_results(const std::string& path) {
  const std::string extension = std::filesystem::path(path).extension().string();
  if (extension == ".csv" || extension == ".CSV") return store::read_table_project(path);
  return store::read_project(path);
}

namespace {

// What the pack draws, checked against what the results have.
struct PackPlan {
  std::vector<std::string> markers, targets;
  bool by_architecture = false;
  int figures = 0;
};

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
  plan.by_architecture = architectures(project).size() > 1;
  plan.figures = 1 + static_cast<int>(plan.targets.size()) *
                         (static_cast<int>(plan.markers.size()) + (plan.by_architecture ? 1 : 0));
  return plan;
}

// The pooled heat map, then one per target with a column per architecture.
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

// One scatter per target and marker, coloured by architecture when there are several.
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
      scatter.colour_by = plan.by_architecture ? "architecture" : "";
      const views::ScatterData data = ood_scatter(project, scatter);
      if (Status shown = view.set_data(data); !shown.ok()) return shown;
      if (Status ok = writer.write(&view, stem, scatter_caption(data)); !ok.ok()) return ok;
    }
  return Ok{};
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
  Writer writer{options, out, progress, plan->figures};
  writer.index = "# Figures of " + std::filesystem::path(source).filename().string() + "\n\nWritten by `manifoldscope " +
                 "figures` (ManifoldScope " MS_VERSION ") from `" + source + "`: " +
                 std::to_string(project.checkpoints.size()) + " checkpoints, markers read at the " + options.layer +
                 " layer. Each figure's numbers are in the CSV of the same name.\n\n";
  if (Status ok = write_heatmaps(project, *plan, writer); !ok.ok()) return make_error(ok.error());
  if (Status ok = write_scatters(project, *plan, writer); !ok.ok()) return make_error(ok.error());

  const std::filesystem::path index = std::filesystem::path(out) / "index.md";
  const std::string text = writer.index;
  const Status written = ms::write_atomically(
      index.string(), [&text](const std::string& temporary) { return views::write_text_file(temporary, text); });
  if (!written.ok()) return make_error(written.error());
  writer.files.push_back(index.string());
  return writer.files;
}

}  // namespace ms::gui
