#include <csignal>
#include <cstdlib>
// manifoldscope: the GUI when started without arguments, with GUI options or with a project or results table to
// open; a headless command otherwise.
#include <QApplication>
#include <QCoreApplication>
#include <QStringList>

#include "app/cli/command.h"
#include "app/cli/command_line.h"
#include "app/gui/run_gui.h"

namespace {

bool has_display() {
  for (const char* name : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"})
    if (const char* value = std::getenv(name); value && *value) return true;
  return false;
}

// A command that draws (figures): widgets need a QApplication, and that needs a display; say so instead of Qt's
// abort without one.
int run_drawing_command(int argc, char** argv, const char* name, const QStringList& arguments) {
  if (!has_display()) {  // Display::required (an optional one does not come here without a display)
    ms::cli::print_error(QString("%1 draws with VTK and needs a display; on a machine without one run it under "
                                 "`xvfb-run -a manifoldscope %1 …`").arg(name));
    return 2;
  }
  QApplication app(argc, argv);
  QCoreApplication::setApplicationName("manifoldscope");
  QCoreApplication::setApplicationVersion(MS_VERSION);
  // The arguments as given: QApplication takes Qt's own options out of argv (-style, which `figures --style paper`
  // needs, -platform, ...).
  return ms::cli::run_command_line(arguments);
}

}  // namespace

int main(int argc, char** argv) {
  // A file-size limit (ulimit -f, a quota) must fail the write that hits it, so the save reports it and keeps the
  // earlier file, instead of the default SIGXFSZ ending the process with a temporary left behind.
  std::signal(SIGXFSZ, SIG_IGN);
  QStringList arguments;
  for (int i = 1; i < argc; ++i) arguments << QString::fromLocal8Bit(argv[i]);
  if (ms::gui::is_gui_invocation(arguments)) return ms::gui::run_gui(argc, argv);
  const ms::cli::Command* command = ms::cli::find_command(arguments.value(0));
  const bool help = arguments.contains("--help") || arguments.contains("-h");
  if (command && !help &&
      (command->display == ms::cli::Display::required || (command->display == ms::cli::Display::optional && has_display())))
    return run_drawing_command(argc, argv, command->name, arguments);
  QCoreApplication app(argc, argv);
  QCoreApplication::setApplicationName("manifoldscope");
  QCoreApplication::setApplicationVersion(MS_VERSION);
  return ms::cli::run_command_line(app.arguments().mid(1));
}
