// `manifoldscope demo`: the headless tour of the embedded default data — what the GUI shows first, written to a folder.
#include <QDir>
#include <QFile>
#include <QTextStream>

#include "app/cli/command_line.h"
#include "app/cli/commands.h"
#include "core/data/dataset_registry.h"
#include "core/data/sampling.h"
#include "core/geometry/baseline_markers.h"
#include "core/geometry/glue.h"
#include "core/store/project_file.h"
#include "views/dataset_images.h"

namespace ms::cli {
namespace {

store::DatasetEntry dataset_entry(const data::Dataset& dataset, const std::string& spec) {
  store::DatasetEntry entry;
  entry.id = spec;
  entry.kind = "known";
  entry.source = dataset.source;
  entry.classes = dataset.class_names;
  entry.labels = dataset.labels;
  return entry;
}

bool write_text(const QString& path, const QString& text) {
  QFile file(path);
  if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Text)) return false;
  QTextStream(&file) << text;
  return true;
}

}  // namespace

int run_demo(const QStringList& arguments) {
  QCommandLineParser parser;
  parser.setApplicationDescription("Headless demo: reads a dataset (default: the embedded Fashion-MNIST test set),\n"
                                   "writes its summary, a montage of class-balanced samples and a project file.");
  const QCommandLineOption out("out", "Folder for the results (created).", "DIR", "manifoldscope-demo");
  const QCommandLineOption dataset_option("dataset", "Dataset name or path.", "SPEC", data::kDefaultDataset);
  const QCommandLineOption per_class("per-class", "Samples per class.", "K", "10");
  const QCommandLineOption seed("seed", "Sampling seed.", "S", "0");
  parser.addOptions({out, dataset_option, per_class, seed});
  if (int code = parse_or_exit(parser, "demo", arguments); code >= 0) return code;
  long long k = 0, seed_value = 0;
  if (!parse_count(parser, "per-class", &k) || !parse_count(parser, "seed", &seed_value)) return 2;

  const QString dir = QDir(parser.value(out)).absolutePath();
  if (!QDir().mkpath(dir)) {
    print_error("demo: cannot create " + dir);
    return 1;
  }
  const std::string spec = parser.value(dataset_option).toStdString();
  print_error("demo: reading " + QString::fromStdString(spec) + " …");
  auto dataset = data::open_dataset(spec);
  if (!dataset) {
    print_error(QString::fromStdString(dataset.error()));
    return 1;
  }
  const auto summary = data::summarize(*dataset);
  QString text = QString("%1: %2 items, shape %3, %4 classes, values %5 .. %6\n")
                     .arg(QString::fromStdString(dataset->name))
                     .arg(summary.count)
                     .arg(QString::fromStdString(data::shape_string(summary.item_shape)))
                     .arg(dataset->num_classes())
                     .arg(summary.min_value)
                     .arg(summary.max_value);
  for (int c = 0; c < dataset->num_classes(); ++c)
    text += QString("  %1 %2: %3\n").arg(c).arg(QString::fromStdString(dataset->class_names[c])).arg(summary.class_counts[c]);
  if (!write_text(dir + "/summary.txt", text)) {
    print_error("demo: cannot write " + dir + "/summary.txt");
    return 1;
  }

  auto indices = data::sample_per_class(dataset->labels, dataset->num_classes(),
                                        {k, static_cast<uint64_t>(seed_value), true, 1});
  if (!indices) {
    print_error("demo: " + QString::fromStdString(indices.error()));
    return 1;
  }
  if (dataset->is_image() &&
      !views::class_montage(*dataset, *indices, static_cast<int>(k), 2).save(dir + "/samples.png")) {
    print_error("demo: cannot write " + dir + "/samples.png");
    return 1;
  }

  // The geometry of the raw pixels: the input space every network starts from (GLUE with the spec's defaults).
  print_error("demo: GLUE and baseline markers of the raw pixels (50 per class, n_t 200) …");
  auto geometry_rows = data::sample_per_class(dataset->labels, dataset->num_classes(),
                                              {50, static_cast<uint64_t>(seed_value), true, 2});
  if (!geometry_rows) {
    print_error("demo: " + QString::fromStdString(geometry_rows.error()));
    return 1;
  }
  Eigen::MatrixXf pixels(static_cast<Eigen::Index>(geometry_rows->size()), dataset->item_size());
  Eigen::VectorXi labels(pixels.rows());
  for (Eigen::Index i = 0; i < pixels.rows(); ++i) {
    const int64_t row = (*geometry_rows)[static_cast<size_t>(i)];
    pixels.row(i) = Eigen::Map<const Eigen::RowVectorXf>(dataset->item(row), dataset->item_size()) / 255.0f;
    labels[i] = dataset->labels[row];
  }
  geometry::GlueOptions glue_options;
  glue_options.seed = static_cast<uint64_t>(seed_value);
  auto glue = geometry::glue(pixels, labels, glue_options);
  auto baselines = geometry::compute_baseline_markers(pixels, labels);
  if (!glue || !baselines) {
    print_error("demo: " + QString::fromStdString(!glue ? glue.error() : baselines.error()));
    return 1;
  }
  const auto& m = glue->mean;
  const QString geometry_text =
      QString("raw pixels (/255): capacity %1  D_eff %2  R_eff %3  Psi_eff %4  PR %5  NC1 %6\n")
          .arg(m.capacity, 0, 'g', 5)
          .arg(m.dimension, 0, 'g', 5)
          .arg(m.radius, 0, 'g', 5)
          .arg(m.utility, 0, 'g', 5)
          .arg(baselines->participation_ratio, 0, 'g', 5)
          .arg(baselines->nc1, 0, 'g', 5);
  text += geometry_text;
  if (!write_text(dir + "/summary.txt", text)) {
    print_error("demo: cannot write " + dir + "/summary.txt");
    return 1;
  }

  store::Project project;
  project.app_version = MS_VERSION;
  project.datasets.push_back(dataset_entry(*dataset, spec));
  store::GeometryEntry entry{"raw-pixels", spec, "input", {}, {{"n_t", "200"}, {"points_per_manifold", "50"}}, {}};
  geometry::for_each_measure(m, [&](const char* name, double value) { entry.markers[name] = value; });
  entry.markers["participation_ratio"] = baselines->participation_ratio;
  entry.markers["nc1"] = baselines->nc1;
  entry.markers["layer_index"] = 0;
  project.geometry.push_back(entry);
  project.checkpoints.push_back({"raw-pixels", "", "", "input", {}, {"no model: the images themselves"}});
  if (Status saved = store::write_project(project, (dir + "/demo.msproj").toStdString()); !saved.ok()) {
    print_error("demo: " + QString::fromStdString(saved.error()));
    return 1;
  }
  print_out(text.trimmed());
  print_out("Results written to " + dir + " (summary.txt, samples.png, demo.msproj)");
  return 0;
}

}  // namespace ms::cli
