// A tab that shows the open project (registered once in ProjectTabs): what every such panel shares.
//   - set_project(project): the panel fills its choices from the project (fill_choices), applies a state restored
//     before the first project came (apply_state), else shows the project with its current choices (refresh);
//   - save_state() / restore_state(state): the panel's part of the session as JSON (state / apply_state); a state
//     restored before any project is kept until one comes, and is what save_state gives until then ({} without one);
//   - message(text, error): what the panel has to say (saved files, errors), for the window's log;
//   - the export actions of a plot: a scale box with Save Image… / Save Data… (add_export_row), and the file question
//     and report of a data export alone (save_data_as).
// A new tab derives from it, overrides refresh() (and fill_choices / state / apply_state when it has choices to keep),
// and is registered with one line in MainWindow::build_tabs.
#pragma once

#include <QJsonObject>
#include <QString>
#include <QWidget>
#include <functional>
#include <memory>
#include <optional>

#include "core/common/result.h"
#include "core/store/project.h"
#include "views/figure_export.h"

class QHBoxLayout;
class QSpinBox;

namespace ms::views {
class FigureView;
}

namespace ms::gui {

class ProjectTab : public QWidget {
  Q_OBJECT
 public:
  explicit ProjectTab(QWidget* parent = nullptr);

  // Shows `project` (never null).
  void set_project(std::shared_ptr<const store::Project> project);
  // The panel's choices; before any project, the state restored so far ({} when none).
  QJsonObject save_state() const;
  // Applies `state` (choices the project does not offer are ignored); before any project, kept until one comes.
  void restore_state(const QJsonObject& state);

 Q_SIGNALS:
  void message(const QString& text, bool error);

 protected:
  // Fills the choices from project_ (keeping the current ones it still offers), without redrawing.
  virtual void fill_choices() {}
  // The choices as JSON (called with a project only).
  virtual QJsonObject state() const { return {}; }
  // Chooses what `state` says and shows the result (called with a project only); by default refresh().
  virtual void apply_state(const QJsonObject& state);
  // Shows project_ with the current choices.
  virtual void refresh() = 0;

  // A plot's export actions at the end of `row`: a scale box (×1 to ×8, ×2 to start with), then "Save Image…" (asks
  // for a PNG, SVG or PDF file named file_name(), then its size starting at the box's scale, and saves `view`'s
  // figure) and "Save Data…" (save_data_as with file_name() and `view`'s CSV).
  void add_export_row(QHBoxLayout* row, std::function<QString()> file_name, views::FigureView* view);
  // Asks for a .csv file (suggested name `file_name`.csv) and calls `csv` with it; nothing when cancelled.
  void save_data_as(const QString& file_name, const views::CsvSaver& csv);
  // message(): "Saved <path>", or the error of `saved`.
  void report_saved(const QString& path, const Status& saved);

  // The project on show: null before the first set_project (which alone sets it).
  std::shared_ptr<const store::Project> project_;

 private:
  std::optional<QJsonObject> pending_state_;  // restored before the first project
  QSpinBox* scale_ = nullptr;                  // add_export_row's
};

}  // namespace ms::gui
