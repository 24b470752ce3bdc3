// `manifoldscope demo`: the headless tour of the embedded default data — what the GUI shows first, written to a folder.
#include <QDir>
#include <QFile>
#include <QTextStream>

#include "app/cli/command_line.h"
#include "app/cli/commands.h"
#include "core/data/dataset_registry.h"
#include "core/data/sampling.h"
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

  store::Project project;
  project.app_version = MS_VERSION;
  project.datasets.push_back(dataset_entry(*dataset, spec));
  if (Status saved = store::write_project(project, (dir + "/demo.msproj").toStdString()); !saved.ok()) {
    print_error("demo: " + QString::fromStdString(saved.error()));
    return 1;
  }
  print_out(text.trimmed());
  print_out("Results written to " + dir + " (summary.txt, samples.png, demo.msproj)");
  return 0;
}

}  // namespace ms::cli
