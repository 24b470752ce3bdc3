#include <csignal>
// manifoldscope: the GUI when started without arguments, with GUI options or with a project or results table to
// open; a headless command otherwise.
#include <QCoreApplication>
#include <QStringList>

#include "app/cli/command.h"
#include "app/gui/run_gui.h"

int main(int argc, char** argv) {
  // A file-size limit (ulimit -f, a quota) must fail the write that hits it, so the save reports it and keeps the
  // earlier file, instead of the default SIGXFSZ ending the process with a temporary left behind.
  std::signal(SIGXFSZ, SIG_IGN);
  QStringList arguments;
  for (int i = 1; i < argc; ++i) arguments << QString::fromLocal8Bit(argv[i]);
  if (!ms::gui::is_gui_invocation(arguments)) {
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName("manifoldscope");
    QCoreApplication::setApplicationVersion(MS_VERSION);
    return ms::cli::run_command_line(app.arguments().mid(1));
  }
  return ms::gui::run_gui(argc, argv);
}
