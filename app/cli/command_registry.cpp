#include <QCoreApplication>

#include "app/cli/command.h"
#include "app/cli/command_line.h"
#include "app/cli/commands.h"

namespace ms::cli {

const std::vector<Command>& commands() {
  static const std::vector<Command> all = {
      {"datasets", "List the known datasets, or describe one (count, classes, shape, value range).", run_datasets},
      {"analyze", "Markers of every layer of TorchScript checkpoints, OOD accuracy and transfer, into a project.",
       run_analyze},
      {"demo", "Headless demo on the embedded Fashion-MNIST: the quick zoo trained and analysed, its figures.",
       run_demo, Display::optional},
      {"merge", "Join the projects of a sharded analysis (analyze --shard I/N) into one project and its CSV.",
       run_merge},
      {"correlate", "Correlate two CSV columns per group: r, rho, tau with p, partial, bootstrap CIs.", run_correlate},
      {"predict", "Predict a CSV column (OOD accuracy) from others (ID markers) per group, with intervals and LOO error.",
       run_predict},
      {"layers", "List the layers of a TorchScript checkpoint: id, op, output shape (--input-shape, --json).", run_layers},
      {"geometry", "GLUE markers (capacity, dimension, radius, utility, alignments), PR, NC1 of HDF5 features.", run_geometry},
      {"figures", "Figures of a project or results table for a paper (heat maps, scatters, CSVs, index.md) to a folder.",
       run_figures, Display::required},
      {"zoo", "Train the demo model zoo (MLP, CNN, residual CNN x lr x wd x seed x optimizer): zoo train --out DIR.", run_zoo},
  };
  return all;
}

const Command* find_command(const QString& name) {
  for (const Command& command : commands())
    if (name == command.name) return &command;
  return nullptr;
}

namespace {

void print_usage() {
  QString text =
      "Usage: manifoldscope [COMMAND] [options]\n"
      "Without a command, opens the ManifoldScope window.\n\nCommands:\n";
  for (const Command& command : commands())
    text += QString("  %1  %2\n").arg(QString(command.name).leftJustified(12), command.summary);
  text += "\nOptions:\n  -h, --help     Show this help.\n  -v, --version  Show the version.\n"
          "Run `manifoldscope COMMAND --help` for a command's options.";
  print_out(text);
}

}  // namespace

int run_command_line(const QStringList& arguments) {
  const QString first = arguments.value(0);
  if (first == "--help" || first == "-h" || first == "help") {
    print_usage();
    return 0;
  }
  if (first == "--version" || first == "-v") {
    print_out(QString("manifoldscope %1").arg(MS_VERSION));
    return 0;
  }
  if (const Command* command = find_command(first)) return command->run(arguments.mid(1));
  print_error("unknown command '" + first + "' (see `manifoldscope --help`)");
  return 2;
}

}  // namespace ms::cli
