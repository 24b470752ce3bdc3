// `manifoldscope merge OUT.msproj PARTS.msproj…`: the projects of a sharded analysis (`analyze --shard I/N`, one per
// array task) joined into one, with its tidy CSV beside it (store/project_merge.h). Refuses parts analysed on other
// data or with other options; merging again, or with a part already in OUT, changes nothing.
#include <QCommandLineParser>

#include <filesystem>

#include "app/cli/command_line.h"
#include "app/cli/commands.h"
#include "core/store/project_merge.h"

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
  std::vector<std::string> parts;
  for (const QString& name : positional.mid(1)) parts.push_back(name.toStdString());
  const std::string out = positional.first().toStdString();
  auto merged = store::merge_project_files(parts, out, parser.value(csv).toStdString());
  if (!merged) {
    print_error("merge: " + QString::fromStdString(merged.error()));
    return 1;
  }
  const std::string table = parser.isSet(csv) ? parser.value(csv).toStdString()
                                              : std::filesystem::path(out).replace_extension(".csv").string();
  print_out(QString("%1 checkpoint(s) from %2 part(s).\nProject: %3\nTable:   %4")
                .arg(merged->checkpoints.size())
                .arg(parts.size())
                .arg(QString::fromStdString(out), QString::fromStdString(table)));
  return 0;
}

}  // namespace ms::cli
