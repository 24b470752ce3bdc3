// manifoldscope: the GUI when started without arguments (or with GUI options), a headless command otherwise.
#include <QCoreApplication>

#include "app/cli/command.h"
#include "app/gui/run_gui.h"

namespace {

bool is_headless_invocation(int argc, char** argv) {
  if (argc < 2) return false;
  const QString first = QString::fromLocal8Bit(argv[1]);
  return first.startsWith('-') ? first != "--open" && first != "--project" && first != "--demo" : true;
}

}  // namespace

int main(int argc, char** argv) {
  if (is_headless_invocation(argc, argv)) {
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName("manifoldscope");
    QCoreApplication::setApplicationVersion(MS_VERSION);
    return ms::cli::run_command_line(app.arguments().mid(1));
  }
  return ms::gui::run_gui(argc, argv);
}
