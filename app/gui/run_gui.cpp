#include "app/gui/run_gui.h"

#include <QApplication>
#include <QIcon>
#include <QSurfaceFormat>

#include "app/gui/main_window.h"
#include "app/gui/settings_dialog.h"
#include "core/data/dataset_registry.h"

// The resources live in a static library: initialise them explicitly so the linker keeps them (outside any namespace,
// as Q_INIT_RESOURCE requires).
static void init_resources() { Q_INIT_RESOURCE(resources); }

namespace ms::gui {
namespace {

bool is_openable(const QString& argument) {
  return argument.endsWith(".msproj", Qt::CaseInsensitive) || argument.endsWith(".csv", Qt::CaseInsensitive);
}

}  // namespace

bool is_gui_invocation(const QStringList& arguments) {
  if (arguments.isEmpty()) return true;
  const QString& first = arguments.first();
  if (first.startsWith('-')) return first == "--open" || first == "--project" || first == "--demo";
  return is_openable(first);
}

QString file_to_open(const QStringList& arguments) {
  if (int at = static_cast<int>(arguments.indexOf("--project")); at >= 0 && at + 1 < arguments.size())
    return arguments[at + 1];
  if (!arguments.isEmpty() && is_openable(arguments.first())) return arguments.first();
  return {};
}

int run_gui(int argc, char** argv) {
  // VTK's OpenGL views need a 3.2 core context, and the default format must be set before the application exists.
  QSurfaceFormat format;
  format.setRenderableType(QSurfaceFormat::OpenGL);
  format.setVersion(3, 2);
  format.setProfile(QSurfaceFormat::CoreProfile);
  format.setDepthBufferSize(24);
  format.setStencilBufferSize(8);
  QSurfaceFormat::setDefaultFormat(format);

  QApplication app(argc, argv);
  init_resources();
  QApplication::setApplicationName("ManifoldScope");
  QApplication::setOrganizationName("ManifoldScope");
  QApplication::setApplicationVersion(MS_VERSION);
  QApplication::setWindowIcon(QIcon(":/manifoldscope.png"));
  apply_saved_figure_settings();  // the palette chosen in Settings (the settings need the names above)

  const QStringList arguments = QApplication::arguments().mid(1);
  const QString file = file_to_open(arguments);
  // A results table has no dataset of its own: the default one would only mislead beside it.
  QString dataset = file.endsWith(".csv", Qt::CaseInsensitive) ? QString() : QString(data::kDefaultDataset);
  if (int at = static_cast<int>(arguments.indexOf("--open")); at >= 0 && at + 1 < arguments.size())
    dataset = arguments[at + 1];

  MainWindow window;
  window.show();
  if (!dataset.isEmpty()) window.open_dataset(dataset);
  if (!file.isEmpty()) window.open_project(file);
#ifdef MS_HAVE_MODEL
  if (int at = static_cast<int>(arguments.indexOf("--demo")); at >= 0 && at + 1 < arguments.size())
    window.start_demo(arguments[at + 1]);
#endif
  return QApplication::exec();
}

}  // namespace ms::gui
