// `manifoldscope figures PROJECT.msproj|TABLE.csv --out DIR [--markers M,…] [--targets|--y T,…|all] [--layer L]
// [--group COL] [--formats png,svg,pdf] [--size S] [--dpi D] [--scale K] [--style paper] [--palette P]
// [--checkpoints A,B] [--projection-layers TERMS] [--basis B] [--dimensions 2|3] [UMAP/t-SNE parameters]
// [--no-profiles] [--no-projections]`: the window's figures written to a folder with their CSVs and an index.md
// (app/gui/figure_pack.h). Draws with VTK, so it needs a display: under `xvfb-run -a` on a server.
#include <QCommandLineParser>

#include "app/cli/command_line.h"
#include "app/cli/commands.h"
#include "app/gui/figure_pack.h"
#include "app/gui/ood_correlation.h"
#include "views/palette.h"

namespace ms::cli {
namespace {

std::vector<std::string> list_value(const QCommandLineParser& parser, const QString& option) {
  std::vector<std::string> values;
  for (const QString& value : parser.value(option).split(',', Qt::SkipEmptyParts))
    values.push_back(value.trimmed().toStdString());
  return values;
}

void add_figure_options(QCommandLineParser& parser) {
  parser.setApplicationDescription(
      "Write the figures of a project or results table to a folder, as the window draws them: the correlation heat "
      "map (pooled, and per architecture for each target), one scatter per marker and target, the layer profiles of "
      "the markers, projections of chosen layers of two checkpoints and their compare view (a project's checkpoints "
      "only), each with the CSV of its numbers, and index.md listing every figure with its caption and r, p, rho, "
      "CI, n. Draws with VTK and needs a display; on a machine without one run it under `xvfb-run -a`.");
  parser.addPositionalArgument("results", "A project (.msproj) or a results table (.csv).", "RESULTS");
  parser.addOptions({
      {"out", "Folder to write the figures into (created if missing).", "DIR"},
      {"markers", "Markers of the scatters and profiles (default: dimension, utility, id_accuracy).", "M[,M]"},
      {{"targets", "y"}, "OOD targets (default: mean_ood_accuracy, else every target; `all` = every target).", "T[,T]"},
      {"group", "Colour the scatters by COL: architecture, a hyper-parameter, or a results table's architecture "
                "column (default: architecture when there are several).", "COL"},
      {"layer", "Layer the markers are read at (default: penultimate).", "LAYER", QString::fromStdString(gui::kPenultimateLayer)},
      {"formats", "Image formats, any of png, svg, pdf (default: png,svg; paper style: all three).", "F[,F]"},
      {"size", "Figure size: window, Nx (the window times N), single (89 mm), double (183 mm) or WxHmm "
               "(default 2x; paper style: single).", "S"},
      {"dpi", "PNG resolution at a physical --size, and of 3D scenes in SVG/PDF (72-1200; default 300, paper 600).",
       "D"},
      {"scale", "The same as --size Kx (1-8).", "K"},
      {"style", "paper: single column, 600 DPI, PNG + SVG + PDF (any option given wins).", "STYLE"},
      {"palette", "Class and series colours: standard or colour_blind (default standard).", "P"},
      {"checkpoints", "Checkpoints to project; the first two are compared (default: the highest and lowest on the "
                      "first target).", "A[,B…]"},
      {"projection-layers", "Layers projected, as `layers --select` terms (default: penultimate).", "TERMS",
       "penultimate"},
      {"basis", "Projection: pca, center_plane, anchor_view, umap or tsne (default pca).", "B", "pca"},
      {"dimensions", "Projections in 2 or 3 dimensions (default 2).", "K", "2"},
      {"neighbours", "UMAP neighbours (default 15).", "N", "15"},
      {"min-dist", "UMAP min_dist in [0, 1) (default 0.1).", "X", "0.1"},
      {"perplexity", "t-SNE perplexity (default 30).", "X", "30"},
      {"iterations", "UMAP epochs or t-SNE iterations (default 0: the method's own).", "N", "0"},
      {"layout-seed", "Seed of the UMAP / t-SNE layout (default 0).", "S", "0"},
      {"no-profiles", "No layer profiles."},
      {"no-projections", "No projections and no compare view (no model runs)."},
  });
}

int usage(const QString& message) {
  print_error("figures: " + message);
  return 2;
}

// --style, --size, --dpi, --scale, --formats and --palette: how every figure looks.
int read_appearance(const QCommandLineParser& parser, gui::FigurePackOptions& options) {
  const bool paper = parser.value("style") == "paper";
  if (parser.isSet("style") && !paper) return usage("--style must be paper, not '" + parser.value("style") + "'");
  int dpi = paper ? 600 : 300;
  if (parser.isSet("dpi")) {
    auto parsed = views::parse_dpi(parser.value("dpi").toStdString());
    if (!parsed) return usage(QString::fromStdString(parsed.error()));
    dpi = *parsed;
  }
  QString size = paper ? "single" : "2x";
  if (parser.isSet("scale")) size = parser.value("scale") + "x";
  if (parser.isSet("size")) size = parser.value("size");
  auto parsed = views::parse_export_size(size.toStdString(), dpi);
  if (!parsed) return usage(QString::fromStdString(parsed.error()));
  options.size = *parsed;
  options.formats = paper ? QStringList{"png", "svg", "pdf"} : QStringList{"png", "svg"};
  if (parser.isSet("formats")) options.formats = parser.value("formats").split(',', Qt::SkipEmptyParts);
  if (parser.isSet("palette")) {
    auto palette = views::parse_palette(parser.value("palette").toStdString());
    if (!palette) return usage(QString::fromStdString(palette.error()));
    views::set_palette(*palette);
  }
  return -1;
}

// The projections: which checkpoints, layers and layout.
int read_projection(const QCommandLineParser& parser, gui::FigurePackOptions& options) {
  options.checkpoints = list_value(parser, "checkpoints");
  options.projection_layers = parser.value("projection-layers").toStdString();
  options.basis = parser.value("basis").toStdString();
  options.projections = !parser.isSet("no-projections");
  bool ok[6] = {};
  options.dimensions = parser.value("dimensions").toInt(&ok[0]);
  options.embedding.neighbours = parser.value("neighbours").toInt(&ok[1]);
  options.embedding.min_dist = parser.value("min-dist").toDouble(&ok[2]);
  options.embedding.perplexity = parser.value("perplexity").toDouble(&ok[3]);
  options.embedding.iterations = parser.value("iterations").toInt(&ok[4]);
  options.embedding.seed = parser.value("layout-seed").toULongLong(&ok[5]);
  const char* names[6] = {"dimensions", "neighbours", "min-dist", "perplexity", "iterations", "layout-seed"};
  for (int i = 0; i < 6; ++i)
    if (!ok[i]) return usage(QString("--%1 must be a number, not '%2'").arg(names[i], parser.value(names[i])));
  if (options.dimensions != 2 && options.dimensions != 3)
    return usage("--dimensions must be 2 or 3, not '" + parser.value("dimensions") + "'");
  return -1;
}

}  // namespace

int run_figures(const QStringList& arguments) {
  QCommandLineParser parser;
  add_figure_options(parser);
  if (int code = parse_or_exit(parser, "figures", arguments); code >= 0) return code;
  const QStringList positional = parser.positionalArguments();
  if (positional.size() != 1 || !parser.isSet("out"))
    return usage("name one project or results table and --out DIR (see `manifoldscope figures --help`)");
  gui::FigurePackOptions options;
  options.markers = list_value(parser, "markers");
  options.targets = list_value(parser, "targets");
  if (options.targets == std::vector<std::string>{"all"}) {
    options.targets.clear();
    options.all_targets = true;
  }
  options.layer = parser.value("layer").toStdString();
  options.colour_by = parser.value("group").toStdString();
  options.profiles = !parser.isSet("no-profiles");
  if (int code = read_appearance(parser, options); code >= 0) return code;
  if (int code = read_projection(parser, options); code >= 0) return code;

  const std::string source = positional.first().toStdString();
  auto project = gui::read_results(source);
  if (!project) {
    print_error(QString::fromStdString(project.error()));
    return 1;
  }
  auto files = gui::write_figure_pack(*project, source, options, parser.value("out").toStdString(),
                                      [](int done, int total, const std::string& name) {
                                        print_error(QString("[%1/%2] %3").arg(done + 1).arg(total).arg(
                                            QString::fromStdString(name)));
                                      });
  if (!files) {
    print_error(QString::fromStdString(files.error()));
    return 1;
  }
  print_out(QString("%1 files written to %2 (see index.md)").arg(files->size()).arg(parser.value("out")));
  return 0;
}

}  // namespace ms::cli
