// `manifoldscope demo`: command A without a window. First, in a second, a tour of the data (summary.txt with the
// class counts and the raw pixels' geometry, samples.png, raw-pixels.msproj); then the demo the window runs — the
// quick model zoo trained on Fashion-MNIST and analysed with six shifts into DIR/demo.msproj, resumable (finished
// checkpoints and analyses are kept, so a second run only completes it and `manifoldscope --demo DIR` opens it) —
// and, when there is a display (`xvfb-run -a` on a server), the figure packs of that project (DIR/figures) and of
// the shipped Fashion-MNIST study (DIR/figures-study). --no-zoo: the tour only.
#include <QApplication>
#include <QDir>
#include <QFile>
#include <QTextStream>

#include "app/cli/cli_progress.h"
#include "app/cli/command_line.h"
#include "app/cli/commands.h"
#include "app/gui/figure_pack.h"
#include "core/data/dataset_registry.h"
#include "core/data/sampling.h"
#include "core/geometry/baseline_markers.h"
#include "core/geometry/glue.h"
#include "core/store/project_file.h"
#include "views/dataset_images.h"
#ifdef MS_HAVE_MODEL
#include "app/gui/model/demo_setup.h"
#include "core/pipeline/analyse_job.h"
#endif

namespace ms::cli {
namespace {

struct DemoOptions {
  QString dir;
  std::string dataset;
  long long per_class = 10;
  uint64_t seed = 0;
  bool zoo = true;
  size_t zoo_runs = SIZE_MAX;
};

store::DatasetEntry dataset_entry(const data::Dataset& dataset, const std::string& spec) {
  store::DatasetEntry entry;
  entry.id = spec;
  entry.kind = "known";
  entry.source = dataset.source;
  entry.classes = dataset.class_names;
  entry.labels = dataset.labels;
  return entry;
}

Status write_text(const QString& path, const QString& text) {
  QFile file(path);
  if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Text))
    return make_error("cannot write " + path.toStdString());
  QTextStream(&file) << text;
  return Ok{};
}

QString dataset_summary(const data::Dataset& dataset) {
  const auto summary = data::summarize(dataset);
  QString text = QString("%1: %2 items, shape %3, %4 classes, values %5 .. %6\n")
                     .arg(QString::fromStdString(dataset.name))
                     .arg(summary.count)
                     .arg(QString::fromStdString(data::shape_string(summary.item_shape)))
                     .arg(dataset.num_classes())
                     .arg(summary.min_value)
                     .arg(summary.max_value);
  for (int c = 0; c < dataset.num_classes(); ++c)
    text += QString("  %1 %2: %3\n").arg(c).arg(QString::fromStdString(dataset.class_names[c])).arg(summary.class_counts[c]);
  return text;
}

// The geometry of the raw pixels, the input space every network starts from (GLUE with the spec's defaults), as a
// line of text and a one-checkpoint project.
Result<QString> raw_pixel_geometry(const data::Dataset& dataset, const DemoOptions& options) {
  auto rows = data::sample_per_class(dataset.labels, dataset.num_classes(), {50, options.seed, true, 2});
  if (!rows) return make_error(rows.error());
  Eigen::MatrixXf pixels(static_cast<Eigen::Index>(rows->size()), dataset.item_size());
  Eigen::VectorXi labels(pixels.rows());
  for (Eigen::Index i = 0; i < pixels.rows(); ++i) {
    const int64_t row = (*rows)[static_cast<size_t>(i)];
    pixels.row(i) = Eigen::Map<const Eigen::RowVectorXf>(dataset.item(row), dataset.item_size()) / 255.0f;
    labels[i] = dataset.labels[row];
  }
  geometry::GlueOptions glue_options;
  glue_options.seed = options.seed;
  auto glue = geometry::glue(pixels, labels, glue_options);
  if (!glue) return make_error(glue.error());
  auto baselines = geometry::compute_baseline_markers(pixels, labels);
  if (!baselines) return make_error(baselines.error());
  const auto& m = glue->mean;
  store::Project project;
  project.app_version = MS_VERSION;
  project.datasets.push_back(dataset_entry(dataset, options.dataset));
  store::GeometryEntry entry{"raw-pixels", options.dataset, "input", {}, {{"n_t", "200"}, {"points_per_manifold", "50"}}, {}};
  geometry::for_each_measure(m, [&](const char* name, double value) { entry.markers[name] = value; });
  entry.markers["participation_ratio"] = baselines->participation_ratio;
  entry.markers["nc1"] = baselines->nc1;
  entry.markers["layer_index"] = 0;
  project.geometry.push_back(entry);
  project.checkpoints.push_back({"raw-pixels", "", "", "input", {}, {"no model: the images themselves"}});
  if (Status saved = store::write_project(project, (options.dir + "/raw-pixels.msproj").toStdString()); !saved.ok())
    return make_error(saved.error());
  return QString("raw pixels (/255): capacity %1  D_eff %2  R_eff %3  Psi_eff %4  PR %5  NC1 %6\n")
      .arg(m.capacity, 0, 'g', 5)
      .arg(m.dimension, 0, 'g', 5)
      .arg(m.radius, 0, 'g', 5)
      .arg(m.utility, 0, 'g', 5)
      .arg(baselines->participation_ratio, 0, 'g', 5)
      .arg(baselines->nc1, 0, 'g', 5);
}

// summary.txt, samples.png and raw-pixels.msproj; the summary is printed.
Status write_data_tour(const DemoOptions& options) {
  print_error("demo: reading " + QString::fromStdString(options.dataset) + " …");
  auto dataset = data::open_dataset(options.dataset);
  if (!dataset) return make_error(dataset.error());
  QString text = dataset_summary(*dataset);
  auto indices = data::sample_per_class(dataset->labels, dataset->num_classes(),
                                        {options.per_class, options.seed, true, 1});
  if (!indices) return make_error(indices.error());
  if (dataset->is_image() &&
      !views::class_montage(*dataset, *indices, static_cast<int>(options.per_class), 2).save(options.dir + "/samples.png"))
    return make_error("cannot write " + (options.dir + "/samples.png").toStdString());
  print_error("demo: GLUE and baseline markers of the raw pixels (50 per class, n_t 200) …");
  auto geometry = raw_pixel_geometry(*dataset, options);
  if (!geometry) return make_error(geometry.error());
  text += *geometry;
  if (Status written = write_text(options.dir + "/summary.txt", text); !written.ok()) return written;
  print_out(text.trimmed());
  return Ok{};
}

#ifdef MS_HAVE_MODEL
// The window's demo without the window: train what is missing, analyse what is not complete. The exit code, or -1
// to go on.
int train_and_analyse(const DemoOptions& options, CancelToken& cancel) {
  const std::string dir = options.dir.toStdString();
  StderrProgress progress;
  {
    SliceProgress training(progress, 0, 0.5, "training: ");
    if (Status trained = gui::train_demo_zoo(dir, training, cancel, options.zoo_runs); !trained.ok()) {
      print_error("demo: " + QString::fromStdString(trained.error()));
      return cancel.cancelled() ? 130 : 1;
    }
  }
  if (cancel.cancelled()) return 130;
  SliceProgress analysing(progress, 0.5, 1, "analysing: ");
  auto summary = pipeline::run_analyse(gui::demo_analysis(dir), analysing, cancel);
  if (!summary) {
    print_error("demo: " + QString::fromStdString(summary.error()));
    return 1;
  }
  for (const std::string& failure : summary->failures) print_error("demo: " + QString::fromStdString(failure));
  if (summary->cancelled) {
    print_error("demo: cancelled; what is finished is kept, run the same command again to complete it");
    return 130;
  }
  print_out(QString("quick zoo: %1 checkpoint(s) analysed, %2 already complete, %3 failed; project %4")
                .arg(summary->analysed)
                .arg(summary->skipped)
                .arg(summary->failures.size())
                .arg(QString::fromStdString(summary->project_path)));
  return summary->failures.empty() ? -1 : 1;
}

// The figure packs of the zoo's project and of the shipped study; without a display, the command that draws them.
int write_demo_figures(const DemoOptions& options) {
  const std::string dir = options.dir.toStdString();
  const std::string project = gui::demo_project_path(dir);
  if (!qobject_cast<QApplication*>(QCoreApplication::instance())) {
    print_out("No display, so no figures: `xvfb-run -a manifoldscope figures " + QString::fromStdString(project) +
              " --out " + options.dir + "/figures` draws them (or run this demo under `xvfb-run -a`).");
    return 0;
  }
  auto study = gui::write_study_table(dir);
  if (!study) {
    print_error("demo: " + QString::fromStdString(study.error()));
    return 1;
  }
  for (const auto& [source, folder] : {std::pair{project, std::string("figures")}, std::pair{*study, std::string("figures-study")}}) {
    auto results = gui::read_results(source);
    auto files = results ? gui::write_figure_pack(*results, source, {}, dir + "/" + folder,
                                                  [](int done, int total, const std::string& name) {
                                                    print_error(QString("figures [%1/%2] %3").arg(done + 1).arg(total).arg(
                                                        QString::fromStdString(name)));
                                                  })
                         : Result<std::vector<std::string>>(make_error(results.error()));
    if (!files) {
      print_error("demo: " + QString::fromStdString(files.error()));
      return 1;
    }
    print_out(QString("%1 figures and their numbers in %2/%3 (see index.md)")
                  .arg(files->size())
                  .arg(options.dir, QString::fromStdString(folder)));
  }
  return 0;
}
#endif

int read_demo_options(const QStringList& arguments, DemoOptions& options) {
  QCommandLineParser parser;
  parser.setApplicationDescription(
      "Command A without a window: a tour of a dataset (default: the embedded Fashion-MNIST test set) — summary, a\n"
      "montage of class-balanced samples, the raw pixels' geometry — then the window's demo: the quick model zoo\n"
      "trained and analysed with six shifts into DIR/demo.msproj (resumable), and with a display (xvfb-run -a) the\n"
      "figure packs of that project and of the shipped Fashion-MNIST study. Ctrl-C stops it; finished work is kept.");
  const QCommandLineOption out("out", "Folder for the results (created).", "DIR", "manifoldscope-demo");
  const QCommandLineOption dataset_option("dataset", "Dataset of the tour.", "SPEC", data::kDefaultDataset);
  const QCommandLineOption per_class("per-class", "Samples per class in the montage.", "K", "10");
  const QCommandLineOption seed("seed", "Sampling seed.", "S", "0");
  const QCommandLineOption no_zoo("no-zoo", "The tour only (a second): no training, analysis or figures.");
  const QCommandLineOption zoo_runs("zoo-runs", "Train only the first N runs of the quick zoo's grid.", "N");
  parser.addOptions({out, dataset_option, per_class, seed, no_zoo, zoo_runs});
  if (int code = parse_or_exit(parser, "demo", arguments); code >= 0) return code;
  long long seed_value = 0, runs = 0;
  if (!parse_count(parser, "per-class", &options.per_class) || !parse_count(parser, "seed", &seed_value)) return 2;
  if (parser.isSet(zoo_runs)) {
    if (!parse_count(parser, "zoo-runs", &runs)) return 2;
    options.zoo_runs = static_cast<size_t>(runs);
  }
  options.seed = static_cast<uint64_t>(seed_value);
  options.dir = QDir(parser.value(out)).absolutePath();
  options.dataset = parser.value(dataset_option).toStdString();
  options.zoo = !parser.isSet(no_zoo);
  return -1;
}

}  // namespace

int run_demo(const QStringList& arguments) {
  DemoOptions options;
  if (int code = read_demo_options(arguments, options); code >= 0) return code;
  if (!QDir().mkpath(options.dir)) {
    print_error("demo: cannot create " + options.dir);
    return 1;
  }
  if (Status toured = write_data_tour(options); !toured.ok()) {
    print_error("demo: " + QString::fromStdString(toured.error()));
    return 1;
  }
  print_out("Results written to " + options.dir + " (summary.txt, samples.png, raw-pixels.msproj)");
  if (!options.zoo) return 0;
#ifdef MS_HAVE_MODEL
  CancelToken cancel;
  CancelOnInterrupt interrupt(cancel);
  if (int code = train_and_analyse(options, cancel); code >= 0) return code;
  return write_demo_figures(options);
#else
  print_out("This build has no model support: no quick zoo (configure with -DMS_BUILD_TORCH=ON).");
  return 0;
#endif
}

}  // namespace ms::cli
