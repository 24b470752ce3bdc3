// Inside the figure pack (figure_pack.h): what every section shares — the folder, the chosen formats, the running
// count for progress, the files written so far and index.md as it grows — and the small text helpers of captions.
// Private to app/gui/figure_pack*.cpp.
#pragma once

#include <QString>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "app/gui/figure_pack.h"
#include "core/common/result.h"

class QWidget;

namespace ms::gui::pack {

// A key as a file name: "acc_fog:3" -> "acc_fog-3".
std::string file_stem(std::string key);
// A number with `digits` decimals, "–" when not finite.
std::string fixed(double value, int digits = 3);
// A p-value in two significant digits, "–" when not finite.
std::string p_value(double p);

// VTK renders once a widget is on screen: shows `view` at the figure's size and lets the window system expose it.
void show_for_export(QWidget* view, int width, int height);

// Saves one figure to `path` (its format by the extension); the CSV of its numbers to a .csv path.
using ImageSaver = std::function<Status(const std::string& path)>;
using CsvSaver = std::function<Status(const std::string& path)>;

struct Writer {
  const FigurePackOptions& options;
  std::filesystem::path out;
  const std::function<void(int, int, const std::string&)>& progress;
  int total = 0;
  int done = 0;
  std::vector<std::string> files = {};
  std::string index = {};

  // Announces the next figure (progress) by its name.
  void next(const std::string& name) { progress(done++, total, name); }

  // The figure in each chosen format and its CSV; a section of index.md with the caption.
  Status write(const std::string& stem, const std::string& caption, const ImageSaver& image, const CsvSaver& csv);

  // A view with save_figure(path, ExportSize) and save_csv(path): every chosen format at the chosen size (or `size`).
  template <typename View>
  Status write(View* view, const std::string& stem, const std::string& caption) {
    return write(view, stem, caption, options.size);
  }
  template <typename View>
  Status write(View* view, const std::string& stem, const std::string& caption, const views::ExportSize& size) {
    return write(
        stem, caption, [view, size](const std::string& path) { return view->save_figure(path, size); },
        [view](const std::string& path) { return view->save_csv(path); });
  }

  // A paragraph of index.md that is not a figure (what was left out and why).
  void note(const std::string& heading, const std::string& text) { index += "## " + heading + "\n\n" + text + "\n\n"; }
};

}  // namespace ms::gui::pack
