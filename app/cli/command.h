// A headless subcommand of `manifoldscope` (`manifoldscope NAME …`). Each lives in its own *_command.cpp and is
// listed once in command_registry.cpp.
#pragma once

#include <QStringList>

#include <vector>

namespace ms::cli {

// Whether a command draws with widgets (VTK views): then main() creates a QApplication instead of a
// QCoreApplication. `required`: it refuses to start without a display; `optional`: it draws when there is one and
// says what it left out otherwise (QApplication::instance() tells the command which).
enum class Display { none, required, optional };

struct Command {
  const char* name;     // "datasets"
  const char* summary;  // one line for `manifoldscope --help`
  // arguments: everything after the command name. Returns the process exit code.
  int (*run)(const QStringList& arguments);
  Display display = Display::none;
};

// All commands, in the order `--help` lists them.
const std::vector<Command>& commands();
const Command* find_command(const QString& name);

// Entry point for any invocation with arguments that is not the GUI: a command, --help or --version.
int run_command_line(const QStringList& arguments);

}  // namespace ms::cli
