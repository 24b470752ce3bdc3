// `manifoldscope merge OUT.msproj PARTS.msproj…`: the projects of a sharded analysis (`analyze --shard I/N`, one per
// array task) joined into one, with its tidy CSV beside it (store/project_merge.h). Refuses parts analysed on other
// data or with other options; merging again, or with a part already in OUT, changes nothing.
#include <QCommandLineParser>

#include <filesystem>

#include "app/cli/command_line.h"
#include "app/cli/commands.h"
#include "core/store/project_file.h"
#include "core/store/project_merge.h"
#include "core/store/results_table.h"

namespace ms::cli {

int run_merge(const QStringList& arguments) {
  QCommandLineParser parser;
  parser.setApplicationDescription(
      "Join the projects of a sharded analysis (`analyze … --shard I/N`) into OUT.msproj and its CSV, as if one "
      "process had analysed every checkpoint. Parts must come from the same data and options; a checkpoint in "
      "several parts is taken once. OUT may be one of the parts (to add shards to an earlier merge).");
  parser.addPositionalArgument("out", "The merged project to write.", "OUT.msproj");
  parser.addPositionalArgument("parts", "Projects to merge.", "PART.msproj…");
  const QCommandLineOption csv("csv", "Tidy CSV (default: OUT with .csv).", "FILE.csv");
  parser.addOption(csv);
  if (int code = parse_or_exit(parser, "merge", arguments); code >= 0) return code;
  const QStringList positional = parser.positionalArguments();
  if (positional.size() < 2) {
    print_error("merge: name the output project and at least one part (see `manifoldscope merge --help`)");
    return 2;
  }
  std::vector<store::Project> parts;
  std::vector<std::string> names;
  for (const QString& name : positional.mid(1)) {
    auto part = store::read_project(name.toStdString());
    if (!part) {
      print_error("merge: " + QString::fromStdString(part.error()));
      return 1;
    }
    parts.push_back(std::move(part).value());
    names.push_back(name.toStdString());
  }
  auto merged = store::merge_projects(parts, names);
  if (!merged) {
    print_error("merge: " + QString::fromStdString(merged.error()));
    return 1;
  }
  const std::string out = positional.first().toStdString();
  const std::string table = parser.isSet(csv) ? parser.value(csv).toStdString()
                                              : std::filesystem::path(out).replace_extension(".csv").string();
  const std::string id_dataset = merged->geometry.empty() ? std::string() : merged->geometry.front().dataset;
  Status saved = store::write_project(*merged, out);
  if (saved.ok()) saved = store::write_results_csv(*merged, id_dataset, table);
  if (!saved.ok()) {
    print_error("merge: " + QString::fromStdString(saved.error()));
    return 1;
  }
  print_out(QString("%1 checkpoint(s) from %2 part(s).\nProject: %3\nTable:   %4")
                .arg(merged->checkpoints.size())
                .arg(parts.size())
                .arg(QString::fromStdString(out), QString::fromStdString(table)));
  return 0;
}

}  // namespace ms::cli
