#include "app/gui/run_gui.h"

#include <QApplication>
#include <QIcon>
#include <QSurfaceFormat>

#include "app/gui/main_window.h"
#include "core/data/dataset_registry.h"

// The resources live in a static library: initialise them explicitly so the linker keeps them (outside any namespace,
// as Q_INIT_RESOURCE requires).
static void init_resources() { Q_INIT_RESOURCE(resources); }

namespace ms::gui {

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

  QString dataset = data::kDefaultDataset;
  const QStringList arguments = QApplication::arguments();
  if (int at = static_cast<int>(arguments.indexOf("--open")); at >= 0 && at + 1 < arguments.size())
    dataset = arguments[at + 1];

  MainWindow window;
  window.show();
  window.open_dataset(dataset);
  if (int at = static_cast<int>(arguments.indexOf("--project")); at >= 0 && at + 1 < arguments.size())
    window.open_project(arguments[at + 1]);
#ifdef MS_HAVE_MODEL
  if (int at = static_cast<int>(arguments.indexOf("--demo")); at >= 0 && at + 1 < arguments.size())
    window.start_demo(arguments[at + 1]);
#endif
  return QApplication::exec();
}

}  // namespace ms::gui
