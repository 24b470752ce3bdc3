// The questions behind "Save image…" and "Save data…": a file, then (images) a size and a DPI, asked through
// views/user_questions.h (so scripted answerers can answer them), then the caller's saver; its error, if any, is
// shown in a message box.
#pragma once

#include <QString>
#include <functional>
#include <optional>
#include <string>

#include "core/common/result.h"
#include "views/export_size.h"

class QWidget;

namespace ms::views {

using PngSaver = std::function<ms::Status(const std::string& path, int scale)>;
using SizedSaver = std::function<ms::Status(const std::string& path, const ExportSize& size)>;
using CsvSaver = std::function<ms::Status(const std::string& path)>;

// "Save image…": asks for a file (PNG, SVG or PDF), then for a size (window x scale, single column 89 mm, double
// column 183 mm) and, for PNG at a column width, a DPI (300 or 600); calls `save`. True when a file was written.
//   base_name  suggested file name without extension
bool run_save_image_dialog(QWidget* parent, const QString& base_name, const SizedSaver& save);
// The older form: `vector` false offers PNG only and asks for a scale (1 to 8, default 2).
bool run_save_image_dialog(QWidget* parent, const QString& base_name, const PngSaver& save, bool vector = false);
// The size questions of "Save image…" alone, for `path` (a PNG at a column width gets the DPI question); a PNG's
// answer starts at "window x default_scale" when that is offered (1, 2 or 4). Empty if cancelled.
std::optional<ExportSize> ask_export_size(QWidget* parent, const QString& path, int default_scale = 2);
// The file question of "Save image…" alone (for panels with their own scale box): a path, or empty if cancelled.
QString ask_image_path(QWidget* parent, const QString& base_name, bool vector = true);
// The file question of "Save data…" alone: a .csv path, or empty if cancelled.
QString ask_csv_path(QWidget* parent, const QString& title, const QString& base_name);
// "Save data…": asks for a .csv file and calls `save`. True when a file was written.
bool run_save_data_dialog(QWidget* parent, const QString& base_name, const CsvSaver& save);

}  // namespace ms::views
