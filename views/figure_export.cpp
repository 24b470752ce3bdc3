#include "views/figure_export.h"

#include <QFileDialog>
#include <QInputDialog>
#include <QMessageBox>

#include <vtkNew.h>
#include <vtkPNGWriter.h>
#include <vtkRenderWindow.h>
#include <vtkWindowToImageFilter.h>

#include <cmath>
#include <cstdio>
#include <fstream>

namespace ms::views {

ms::Status save_window_png(vtkRenderWindow* window, const std::string& path, int scale) {
  if (!window) return ms::make_error("save PNG " + path + ": no render window");
  if (scale < 1) return ms::make_error("save PNG " + path + ": scale must be >= 1, got " + std::to_string(scale));
  const int* size = window->GetSize();
  if (size[0] <= 0 || size[1] <= 0) return ms::make_error("save PNG " + path + ": the window has no size yet");

  // Render once at the full size (VTK draws into its own framebuffer, so the window may outgrow the widget) with
  // the DPI scaled alike, so the chart lays out its axes, titles and legend for the large image.
  const int width = size[0], height = size[1], dpi = window->GetDPI();
  window->SetSize(width * scale, height * scale);
  window->SetDPI(dpi * scale);
  vtkNew<vtkWindowToImageFilter> grab;
  grab->SetInput(window);
  grab->SetInputBufferTypeToRGB();
  grab->ReadFrontBufferOff();  // render into the back buffer and read it: the front may hold an older frame
  grab->ShouldRerenderOn();
  grab->Update();
  window->SetSize(width, height);
  window->SetDPI(dpi);

  vtkNew<vtkPNGWriter> writer;
  writer->SetFileName(path.c_str());
  writer->SetInputConnection(grab->GetOutputPort());
  writer->Write();
  if (writer->GetErrorCode() != 0) return ms::make_error("save PNG " + path + ": cannot write the file");
  return ms::Ok{};
}

std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\n\r") == std::string::npos) return text;
  std::string quoted = "\"";
  for (char c : text) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + '"';
}

std::string csv_number(double value) {
  if (std::isnan(value)) return {};
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "%.17g", value);
  return buffer;
}

ms::Status write_text_file(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) return ms::make_error("cannot open " + path + " for writing");
  out << text;
  out.close();
  if (!out) return ms::make_error("cannot write " + path);
  return ms::Ok{};
}

namespace {

QString ask_path(QWidget* parent, const QString& title, const QString& base_name, const QString& suffix,
                 const QString& filter) {
  // Qt's own dialog: the same on every desktop, and scriptable in tests.
  QFileDialog dialog(parent, title, base_name + "." + suffix, filter);
  dialog.setAcceptMode(QFileDialog::AcceptSave);
  dialog.setDefaultSuffix(suffix);
  dialog.setOption(QFileDialog::DontUseNativeDialog);
  if (dialog.exec() != QDialog::Accepted || dialog.selectedFiles().isEmpty()) return {};
  return dialog.selectedFiles().first();
}

bool report(QWidget* parent, const QString& title, const ms::Status& status) {
  if (status.ok()) return true;
  QMessageBox::warning(parent, title, QString::fromStdString(status.error()));
  return false;
}

}  // namespace

bool run_save_image_dialog(QWidget* parent, const QString& base_name, const PngSaver& save) {
  const QString title = QObject::tr("Save image");
  const QString path = ask_path(parent, title, base_name, "png", QObject::tr("PNG images (*.png)"));
  if (path.isEmpty()) return false;
  bool ok = false;
  const int scale = QInputDialog::getInt(parent, title, QObject::tr("Scale (times the size on screen):"), 2, 1, 8, 1,
                                         &ok);
  if (!ok) return false;
  return report(parent, title, save(path.toStdString(), scale));
}

bool run_save_data_dialog(QWidget* parent, const QString& base_name, const CsvSaver& save) {
  const QString title = QObject::tr("Save data");
  const QString path = ask_path(parent, title, base_name, "csv", QObject::tr("CSV tables (*.csv)"));
  if (path.isEmpty()) return false;
  return report(parent, title, save(path.toStdString()));
}

}  // namespace ms::views
