// A headless subcommand of `manifoldscope` (`manifoldscope NAME …`). Each lives in its own *_command.cpp and is
// listed once in command_registry.cpp.
#pragma once

#include <QStringList>

#include <vector>

namespace ms::cli {

struct Command {
  const char* name;     // "datasets"
  const char* summary;  // one line for `manifoldscope --help`
  // arguments: everything after the command name. Returns the process exit code.
  int (*run)(const QStringList& arguments);
  // Draws with widgets (VTK views): main() creates a QApplication instead of a QCoreApplication, and refuses to
  // start without a display.
  bool needs_display = false;
};

// All commands, in the order `--help` lists them.
const std::vector<Command>& commands();
const Command* find_command(const QString& name);

// Entry point for any invocation with arguments that is not the GUI: a command, --help or --version.
int run_command_line(const QStringList& arguments);

}  // namespace ms::cli
