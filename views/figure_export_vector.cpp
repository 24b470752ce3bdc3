#include "views/figure_export.h"

#include <QString>
#include <vtkRenderWindow.h>

#include <cctype>
#include <cmath>
#include <fstream>
#include <iterator>

#include "core/common/atomic_write.h"
#include "views/vector_figure_writers.h"

namespace ms::views {
namespace {

bool has_ending(const std::string& text, const std::string& ending) {
  return text.size() >= ending.size() && text.compare(text.size() - ending.size(), ending.size(), ending) == 0;
}

// Whether `path` looks like a whole file of its type (the exporters report some failures only on their log).
bool complete_file(const std::string& path, const std::string& type) {
  std::ifstream in(path, std::ios::binary);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.pop_back();
  if (type == "svg") return text.rfind("<svg", 0) == 0 && has_ending(text, "</svg>");
  if (type == "pdf") return text.rfind("%PDF-", 0) == 0 && has_ending(text, "%%EOF");
  return text.rfind("\x89PNG", 0) == 0;
}

}  // namespace

ms::Status save_window_vector(vtkRenderWindow* window, const std::string& path) {
  return save_window_vector(window, path, ExportSize::window_times(1));
}

// A physical size lays the window out at its size in pt (72 dpi) for the export and then puts it back.
ms::Status save_window_vector(vtkRenderWindow* window, const std::string& path, const ExportSize& export_size) {
  const std::string type = figure_type(path);
  const std::string what = "save " + QString::fromStdString(type).toUpper().toStdString() + " " + path;
  if (type != "svg" && type != "pdf") return ms::make_error(what + ": not an .svg or .pdf file name");
  if (!window) return ms::make_error(what + ": no render window");
  const int* size = window->GetSize();
  const int width = size[0], height = size[1], dpi = window->GetDPI();
  const ms::Result<ExportGeometry> geometry = export_geometry(width, height, dpi, export_size);
  if (!geometry.ok()) return ms::make_error(what + ": " + geometry.error());
  const bool resized = export_size.physical() || export_size.text_scale != 1.0;
  if (resized) {
    window->SetSize(static_cast<int>(std::lround(geometry->page_w)), static_cast<int>(std::lround(geometry->page_h)));
    window->SetDPI(static_cast<int>(std::lround((export_size.physical() ? 72 : dpi) * export_size.text_scale)));
    // The charts lay themselves out for the page; a second frame places the plots in axes the first one moved.
    window->Render();
    window->Render();
  }
  const double width_mm = export_size.physical() ? geometry->page_w / 72.0 * 25.4 : 0.0;
  const double height_mm = export_size.physical() ? geometry->page_h / 72.0 * 25.4 : 0.0;
  const ms::Status status = ms::write_atomically(path, [&](const std::string& part) -> ms::Status {
    const ms::Status written = type == "svg" ? write_svg_figure(window, part, width_mm, height_mm)
                                            : write_pdf_figure(window, part);
    if (!written.ok()) return ms::make_error(what + ": " + written.error());
    if (!complete_file(part, type)) return ms::make_error(what + ": the exporter wrote no complete file");
    return ms::Ok{};
  });
  if (resized) {
    window->SetSize(width, height);
    window->SetDPI(dpi);
  }
  return status;
}

}  // namespace ms::views
