#include "app/gui/figure_pack_writer.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QWidget>
#include <QWindow>

#include <cctype>
#include <cmath>
#include <sstream>

namespace ms::gui::pack {

std::string file_stem(std::string key) {
  for (char& c : key)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '-' && c != '.') c = '-';
  return key;
}

std::string fixed(double value, int digits) {
  if (!std::isfinite(value)) return "–";
  std::ostringstream out;
  out.setf(std::ios::fixed);
  out.precision(digits);
  out << value;
  return out.str();
}

std::string p_value(double p) {
  if (!std::isfinite(p)) return "–";
  std::ostringstream out;
  out.precision(2);
  out << p;
  return out.str();
}

void show_for_export(QWidget* view, int width, int height) {
  view->resize(width, height);
  view->show();
  QDeadlineTimer deadline(5000);
  while (!deadline.hasExpired() && !(view->windowHandle() && view->windowHandle()->isExposed()))
    QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
  QCoreApplication::processEvents();
}

Status Writer::write(const std::string& stem, const std::string& caption, const ImageSaver& image,
                     const CsvSaver& csv) {
  const QStringList& chosen = options.formats;
  for (const QString& format : chosen) {
    const std::filesystem::path path = out / (stem + "." + format.toStdString());
    if (Status saved = image(path.string()); !saved.ok()) return saved;
    files.push_back(path.string());
  }
  const std::filesystem::path table = out / (stem + ".csv");
  if (Status saved = csv(table.string()); !saved.ok()) return saved;
  files.push_back(table.string());
  index += "## " + stem + "\n\n";
  if (chosen.contains("png")) index += "![" + stem + "](" + stem + ".png)\n\n";
  index += caption + "\n\nFiles:";
  for (const QString& format : chosen) index += " `" + stem + "." + format.toStdString() + "`";
  index += " `" + stem + ".csv` (the numbers)\n\n";
  return Ok{};
}

}  // namespace ms::gui::pack
