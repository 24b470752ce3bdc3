// `manifoldscope figures PROJECT.msproj|TABLE.csv --out DIR [--markers M,…] [--targets T,…|all] [--layer L]
// [--group COL] [--formats png,svg,pdf] [--scale K] [--checkpoints A,B] [--projection-layers TERMS] [--basis B]
// [--dimensions 2|3] [--no-profiles] [--no-projections]`: the window's figures written to a folder with their CSVs
// and an index.md (app/gui/figure_pack.h). Draws with VTK, so it needs a display: under `xvfb-run -a` on a server.
#include <QCommandLineParser>

#include "app/cli/command_line.h"
#include "app/cli/commands.h"
#include "app/gui/figure_pack.h"
#include "app/gui/ood_correlation.h"

namespace ms::cli {
namespace {

std::vector<std::string> list_value(const QCommandLineParser& parser, const QCommandLineOption& option) {
  std::vector<std::string> values;
  for (const QString& value : parser.value(option).split(',', Qt::SkipEmptyParts))
    values.push_back(value.trimmed().toStdString());
  return values;
}

}  // namespace

int run_figures(const QStringList& arguments) {
  QCommandLineParser parser;
  parser.setApplicationDescription(
      "Write the figures of a project or results table to a folder, as the window draws them: the correlation heat "
      "map (pooled, and per architecture for each target), one scatter per marker and target, the layer profiles of "
      "the markers, projections of chosen layers of two checkpoints and their compare view (a project's checkpoints "
      "only), each with the CSV of its numbers, and index.md listing every figure with its caption and r, p, rho, "
      "CI, n. Draws with VTK and needs a display; on a machine without one run it under `xvfb-run -a`.");
  parser.addPositionalArgument("results", "A project (.msproj) or a results table (.csv).", "RESULTS");
  const QCommandLineOption out("out", "Folder to write the figures into (created if missing).", "DIR");
  const QCommandLineOption markers("markers", "Markers of the scatters (default: dimension, utility, id_accuracy).",
                                   "M[,M]");
  const QCommandLineOption targets(
      QStringList{"targets", "y"}, "OOD targets (default: mean_ood_accuracy, else every target; `all` = every target).",
      "T[,T]");
  const QCommandLineOption group("group",
                                 "Colour the scatters by COL: architecture, a hyper-parameter, or a results table's "
                                 "architecture column (default: architecture when there are several).",
                                 "COL");
  const QCommandLineOption layer("layer", "Layer the markers are read at (default: penultimate).", "LAYER",
                                 QString::fromStdString(gui::kPenultimateLayer));
  const QCommandLineOption formats("formats", "Image formats, any of png, svg, pdf (default: png,svg).", "F[,F]",
                                   "png,svg");
  const QCommandLineOption scale("scale", "PNG size as a multiple of the figure's 900 x 650 px (1-8, default 2).", "K",
                                 "2");
  const QCommandLineOption checkpoints(
      "checkpoints", "Checkpoints to project; the first two are compared (default: the highest and lowest on the "
                     "first target).", "A[,B…]");
  const QCommandLineOption projection_layers(
      "projection-layers", "Layers projected, as `layers --select` terms (default: penultimate).", "TERMS",
      "penultimate");
  const QCommandLineOption basis("basis", "Projection basis: pca, center_plane or anchor_view (default pca).", "B",
                                 "pca");
  const QCommandLineOption dimensions("dimensions", "Projections in 2 or 3 dimensions (default 2).", "K", "2");
  const QCommandLineOption no_profiles("no-profiles", "No layer profiles.");
  const QCommandLineOption no_projections("no-projections", "No projections and no compare view (no model runs).");
  for (const auto& option : {out, markers, targets, group, layer, formats, scale, checkpoints, projection_layers, basis,
                             dimensions, no_profiles, no_projections})
    parser.addOption(option);
  if (int code = parse_or_exit(parser, "figures", arguments); code >= 0) return code;
  const QStringList positional = parser.positionalArguments();
  if (positional.size() != 1 || !parser.isSet(out)) {
    print_error("figures: name one project or results table and --out DIR (see `manifoldscope figures --help`)");
    return 2;
  }
  gui::FigurePackOptions options;
  options.markers = list_value(parser, markers);
  options.targets = list_value(parser, targets);
  if (options.targets == std::vector<std::string>{"all"}) {
    options.targets.clear();
    options.all_targets = true;
  }
  options.layer = parser.value(layer).toStdString();
  options.colour_by = parser.value(group).toStdString();
  options.checkpoints = list_value(parser, checkpoints);
  options.projection_layers = parser.value(projection_layers).toStdString();
  options.basis = parser.value(basis).toStdString();
  options.profiles = !parser.isSet(no_profiles);
  options.projections = !parser.isSet(no_projections);
  bool dimensions_ok = false;
  options.dimensions = parser.value(dimensions).toInt(&dimensions_ok);
  if (!dimensions_ok || (options.dimensions != 2 && options.dimensions != 3)) {
    print_error("figures: --dimensions must be 2 or 3, not '" + parser.value(dimensions) + "'");
    return 2;
  }
  options.formats = parser.value(formats).split(',', Qt::SkipEmptyParts);
  bool scale_ok = false;
  options.scale = parser.value(scale).toInt(&scale_ok);
  if (!scale_ok || options.scale < 1 || options.scale > 8) {
    print_error("figures: --scale must be a whole number from 1 to 8, not '" + parser.value(scale) + "'");
    return 2;
  }

  const std::string source = positional.first().toStdString();
  auto project = gui::read_results(source);
  if (!project) {
    print_error(QString::fromStdString(project.error()));
    return 1;
  }
  auto files = gui::write_figure_pack(*project, source, options, parser.value(out).toStdString(),
                                      [](int done, int total, const std::string& name) {
                                        print_error(QString("[%1/%2] %3").arg(done + 1).arg(total).arg(
                                            QString::fromStdString(name)));
                                      });
  if (!files) {
    print_error(QString::fromStdString(files.error()));
    return 1;
  }
  print_out(QString("%1 files written to %2 (see index.md)").arg(files->size()).arg(parser.value(out)));
  return 0;
}

}  // namespace ms::cli
