#include "views/figure_dialogs.h"

#include <QObject>
#include <QStringList>

#include "views/figure_export.h"
#include "views/user_questions.h"

namespace ms::views {
namespace {

bool report(QWidget* parent, const QString& title, const ms::Status& status) {
  if (status.ok()) return true;
  show_warning(parent, title, QString::fromStdString(status.error()));
  return false;
}

// The size question: window x 1, 2 or 4 (PNG) or the window's size (vector), or a column width. The chosen text,
// nothing if cancelled.
std::optional<QString> ask_size_choice(QWidget* parent, bool png, int default_scale, const QString& single, const QString& twice) {
  ChoiceListQuestion size;
  size.title = QObject::tr("Save image");
  size.label = png ? QObject::tr("Size of the image (a column width is laid out for print, text in points):")
                   : QObject::tr("Size of the page (a column width is laid out for print, text in points):");
  size.items = {QObject::tr("Size")};
  size.choices = png ? QStringList{QObject::tr("window x 1"), QObject::tr("window x 2"), QObject::tr("window x 4"),
                                   single, twice}
                     : QStringList{QObject::tr("window size"), single, twice};
  size.chosen = {png ? size.choices[default_scale == 1 ? 0 : default_scale == 4 ? 2 : 1] : size.choices[0]};
  size.headers = {QObject::tr("Figure"), QString(), QObject::tr("Size")};
  const std::optional<QStringList> chosen = ask_choices(parent, size);
  if (!chosen || chosen->isEmpty()) return std::nullopt;
  return chosen->front();
}

// The DPI question of a PNG at a column width: 300 or 600, nothing if cancelled.
std::optional<int> ask_png_dpi(QWidget* parent) {
  ChoiceListQuestion dpi;
  dpi.title = QObject::tr("Save image");
  dpi.label = QObject::tr("Resolution (journals ask for 300 dpi, 600 for line art):");
  dpi.items = {QObject::tr("DPI")};
  dpi.choices = {QStringLiteral("300"), QStringLiteral("600")};
  dpi.chosen = {QStringLiteral("300")};
  dpi.headers = {QObject::tr("Figure"), QString(), QObject::tr("DPI")};
  const std::optional<QStringList> dots = ask_choices(parent, dpi);
  if (!dots || dots->isEmpty()) return std::nullopt;
  return dots->front().toInt() == 600 ? 600 : 300;
}

}  // namespace

QString ask_image_path(QWidget* parent, const QString& base_name, bool vector) {
  FileQuestion question;
  question.title = QObject::tr("Save image");
  question.suggested = base_name + ".png";
  question.filters = vector ? image_file_filter().split(";;") : QStringList{QObject::tr("PNG images (*.png)")};
  question.default_suffix = "png";
  return ask_file(parent, question);
}

QString ask_csv_path(QWidget* parent, const QString& title, const QString& base_name) {
  FileQuestion question;
  question.title = title;
  question.suggested = base_name + ".csv";
  question.filters = QStringList{QObject::tr("CSV tables (*.csv)")};
  question.default_suffix = "csv";
  return ask_file(parent, question);
}

bool run_save_image_dialog(QWidget* parent, const QString& base_name, const PngSaver& save, bool vector) {
  const QString title = QObject::tr("Save image");
  const QString path = ask_image_path(parent, base_name, vector);
  if (path.isEmpty()) return false;
  int scale = 1;
  if (!is_vector_path(path.toStdString())) {
    const std::optional<int> chosen =
        ask_number(parent, {title, QObject::tr("Scale (times the size on screen):"), 2, 1, 8});
    if (!chosen) return false;
    scale = *chosen;
  }
  return report(parent, title, save(path.toStdString(), scale));
}

std::optional<ExportSize> ask_export_size(QWidget* parent, const QString& path, int default_scale) {
  const bool png = !is_vector_path(path.toStdString());
  const QString single = QObject::tr("single column (89 mm)"), twice = QObject::tr("double column (183 mm)");
  const std::optional<QString> chosen = ask_size_choice(parent, png, default_scale, single, twice);
  if (!chosen) return std::nullopt;
  const QString answer = *chosen;
  if (answer != single && answer != twice) {
    const int scale = answer.endsWith("4") ? 4 : answer.endsWith("2") ? 2 : 1;
    return ExportSize::window_times(scale);
  }
  ExportSize result = ExportSize::physical_mm(answer == single ? kSingleColumnMm : kDoubleColumnMm, 300);
  if (!png) return result;
  const std::optional<int> dpi = ask_png_dpi(parent);
  if (!dpi) return std::nullopt;
  result.dpi = *dpi;
  return result;
}

bool run_save_image_dialog(QWidget* parent, const QString& base_name, const SizedSaver& save) {
  const QString title = QObject::tr("Save image");
  const QString path = ask_image_path(parent, base_name, true);
  if (path.isEmpty()) return false;
  const std::optional<ExportSize> size = ask_export_size(parent, path);
  if (!size) return false;
  return report(parent, title, save(path.toStdString(), *size));
}

bool run_save_data_dialog(QWidget* parent, const QString& base_name, const CsvSaver& save) {
  const QString title = QObject::tr("Save data");
  const QString path = ask_csv_path(parent, title, base_name);
  if (path.isEmpty()) return false;
  return report(parent, title, save(path.toStdString()));
}

}  // namespace ms::views
