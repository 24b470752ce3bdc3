// `manifoldscope datasets [describe NAME|PATH…]`: what data is known here, and what a dataset holds.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "app/cli/command_line.h"
#include "app/cli/commands.h"
#include "core/data/dataset_registry.h"

namespace ms::cli {
namespace {

void list_known() {
  for (const data::KnownDataset& known : data::known_datasets()) {
    QStringList splits;
    for (const auto& split : known.splits) splits << QString::fromStdString(split);
    print_out(QString("%1  %2  splits: %3\n    %4\n    %5")
                  .arg(QString::fromStdString(known.name).leftJustified(14))
                  .arg(known.available ? "installed" : "missing  ")
                  .arg(splits.join(", "))
                  .arg(QString::fromStdString(known.description))
                  .arg(known.available ? QString::fromStdString(known.location)
                                       : "install the Debian package " + QString::fromStdString(known.package)));
  }
  print_out("Any IDX file, CIFAR .bin batch (or folder of them), folder of class sub-folders of PNG/JPEG images,\n"
            "HDF5 file (FILE.h5[:VALUES[:LABELS]]) or NumPy file (FILE.npy; FILE.npy:1..5 for a CIFAR-10-C severity)\n"
            "can be given by path.");
}

QJsonObject describe_json(const data::Dataset& dataset, const data::DatasetSummary& summary) {
  QJsonArray classes;
  for (int c = 0; c < dataset.num_classes(); ++c)
    classes.append(QJsonObject{{"id", c},
                                {"name", QString::fromStdString(dataset.class_names[c])},
                                {"count", static_cast<qint64>(summary.class_counts[c])}});
  QJsonArray shape;
  for (int64_t extent : summary.item_shape) shape.append(static_cast<qint64>(extent));
  return QJsonObject{{"name", QString::fromStdString(dataset.name)},
                     {"source", QString::fromStdString(dataset.source)},
                     {"count", static_cast<qint64>(summary.count)},
                     {"item_shape", shape},
                     {"element_type", QString::fromStdString(dataset.element_type)},
                     {"min", summary.min_value},
                     {"max", summary.max_value},
                     {"classes", classes}};
}

QString describe_text(const data::Dataset& dataset, const data::DatasetSummary& summary) {
  QString text = QString("%1  (%2)\n  items: %3   item shape: %4 (%5)   values: %6 .. %7\n  classes: %8\n")
                     .arg(QString::fromStdString(dataset.name), QString::fromStdString(dataset.source))
                     .arg(summary.count)
                     .arg(QString::fromStdString(data::shape_string(summary.item_shape)),
                          QString::fromStdString(dataset.element_type))
                     .arg(summary.min_value)
                     .arg(summary.max_value)
                     .arg(dataset.num_classes());
  for (int c = 0; c < dataset.num_classes(); ++c)
    text += QString("    %1  %2 %3\n")
                .arg(c, 3)
                .arg(QString::fromStdString(dataset.class_names[c]).leftJustified(24))
                .arg(summary.class_counts[c], 7);
  return text.trimmed();
}

int describe(const QStringList& specs, bool json) {
  QJsonArray described;
  for (const QString& spec : specs) {
    for (const std::string& split : data::expand_splits(spec.toStdString())) {
      auto dataset = data::open_dataset(split);
      if (!dataset) {
        print_error(QString::fromStdString(dataset.error()));
        return 1;
      }
      const auto summary = data::summarize(*dataset);
      if (json)
        described.append(describe_json(*dataset, summary));
      else
        print_out(describe_text(*dataset, summary));
    }
  }
  if (json) print_out(QString::fromUtf8(QJsonDocument(described).toJson(QJsonDocument::Indented)).trimmed());
  return 0;
}

}  // namespace

int run_datasets(const QStringList& arguments) {
  QCommandLineParser parser;
  parser.setApplicationDescription(
      "List the known datasets, or describe datasets given by name (fashion-mnist, fashion-mnist:test) or path.");
  parser.addPositionalArgument("describe", "Describe the datasets that follow.", "[describe NAME|PATH…]");
  const QCommandLineOption json("json", "Print the description as JSON.");
  parser.addOption(json);
  if (int code = parse_or_exit(parser, "datasets", arguments); code >= 0) return code;

  const QStringList positional = parser.positionalArguments();
  if (positional.isEmpty()) {
    list_known();
    return 0;
  }
  if (positional.first() != "describe") {
    print_error("datasets: unknown action '" + positional.first() + "' (expected `describe`)");
    return 2;
  }
  if (positional.size() < 2) {
    print_error("datasets describe: name a dataset or a path");
    return 2;
  }
  return describe(positional.mid(1), parser.isSet(json));
}

}  // namespace ms::cli
