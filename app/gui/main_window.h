// The ManifoldScope main window: the tabs over one project (samples, layer profile, projection, marker vs OOD,
// correlations, model selection, compare, results), with the Jobs dock; files load and analyses run on
// worker threads so the window never freezes.
#pragma once

#include <QFutureWatcher>
#include <QJsonObject>
#include <QMainWindow>
#include <functional>
#include <memory>

#include "app/gui/table_roles_question.h"
#include "core/common/result.h"
#include "core/data/dataset.h"
#include "core/store/layer_arrays.h"

class QAction;
class QDockWidget;
class QFileSystemWatcher;
class QLabel;
class QMenu;
class QPlainTextEdit;
class QProgressBar;
class QTabWidget;
class QTextBrowser;
class QTimer;

namespace ms::store {
struct Project;
}
namespace ms::pipeline {
struct AnalyseOptions;
}
namespace ms::views {
class SampleGridView;
}

namespace ms::gui {

class ComparePanel;
class HeatmapPanel;
class ModelSelectionPanel;
class JobRunner;
class JobsPanel;
class OodPanel;
class ProfilePanel;
class ProjectLocations;
class ProjectPanel;
class ProjectTabs;
class ProjectionPanel;
class ResultsPanel;

class MainWindow : public QMainWindow {
  Q_OBJECT
 public:
  explicit MainWindow(QWidget* parent = nullptr);
  ~MainWindow() override;

  // Starts loading a dataset (name or path) in the background; the views update when it arrives.
  void open_dataset(const QString& spec);

  // Reads a project file on a worker thread and shows it (browser, layer profile, results table); a *.csv path is a
  // results table (open_table).
  void open_project(const QString& path);
  // Reads a results table (one row per checkpoint, or per checkpoint x layer: store/table_import.h) and shows it,
  // read-only, in the views a project has (not Projection and Compare: a table has no checkpoint files). The columns'
  // roles are asked once per kind of table, or as `question` says (table_roles_question.h).
  void open_table(const QString& path, RolesQuestion question = RolesQuestion::when_new);
  // Writes the open results table as a project file (with the session) and opens that.
  void save_table_as_project(const QString& path);
  // The results table on show, "" when a project (or nothing) is.
  QString table_path() const { return table_path_; }
#ifdef MS_HAVE_MODEL
  // Runs the analysis on a worker thread (progress and Cancel in the Jobs dock). With `follow`, the project is shown
  // and its views refresh whenever the job saves a finished checkpoint; without, it runs in the background and the
  // log says when it is ready. Returns the job id.
  int start_analysis(const pipeline::AnalyseOptions& options, bool follow = true);
  // Command A's demo: shows the shipped Fashion-MNIST study's results at once (demo_setup.h); in the background,
  // trains the quick zoo's missing checkpoints into DIR and analyses them into DIR/demo.msproj (finished checkpoints
  // are skipped), which Analysis → Open the Demo Project shows.
  void start_demo(const QString& dir);
#endif

  // One checkpoint selected everywhere: the browser, the marker-vs-OOD plot, the projection.
  void select_checkpoint(const QString& id);
  QString selected_checkpoint() const { return selected_checkpoint_; }

  // The session (current tab, panel choices, selected checkpoint) as JSON, and applying one.
  QJsonObject session_state() const;
  void apply_session(const QJsonObject& session);
  // The projection's UMAP/t-SNE layouts not yet in the project: saved with the session beside their layers' markers.
  std::vector<store::LayerArray> unsaved_layouts() const;
  // Writes the session into the open project file (on a worker thread; atomic). While an analysis is writing the same
  // project, the save waits for it to finish so neither overwrites the other. Emits session_saved.
  void save_session();

  // For tests and scripting: what is on show, the panels, the log.
  std::shared_ptr<const data::Dataset> dataset() const { return dataset_; }
  std::shared_ptr<const store::Project> project() const { return project_; }
  views::SampleGridView* sample_grid() const { return grid_; }
  ProfilePanel* profile_panel() const { return profile_; }
  OodPanel* ood_panel() const { return ood_; }
  HeatmapPanel* heatmap_panel() const { return heatmap_; }
  ModelSelectionPanel* model_selection_panel() const { return model_selection_; }
  // Projection and comparison compute activations on demand: only in builds with LibTorch (else nullptr).
  ProjectionPanel* projection_panel() const { return projection_; }
  ComparePanel* compare_panel() const { return compare_; }
  ResultsPanel* results_panel() const { return results_; }
  ProjectPanel* project_panel() const { return browser_; }
  JobsPanel* jobs_panel() const { return jobs_panel_; }
  JobRunner* jobs() const { return jobs_; }
  QTabWidget* tabs() const { return tabs_; }
  // Where the open project's files are now (moved folders the user pointed to).
  ProjectLocations* locations() const { return locations_; }
  QString log_text() const;

 Q_SIGNALS:
  void dataset_loaded(const QString& spec);
  void dataset_failed(const QString& message);
  void project_loaded(const QString& path);
  void project_failed(const QString& message);
  void analysis_finished(const QString& error);
  void session_saved(const QString& error);

 protected:
  void closeEvent(QCloseEvent* event) override;

 private:
  struct Loaded {
    std::shared_ptr<data::Dataset> dataset;
    std::vector<int64_t> samples;
    std::string error;
  };
  void build_tabs();  // the Samples tab, then every ProjectTab registered once in panels_
  void build_menus();
  void build_file_menu();
  void add_dataset_actions(QMenu* menu);  // known datasets, a dataset file, an image folder
  void build_docks();
  void show_project(std::shared_ptr<const store::Project> project, const QString& path, bool table = false);
  bool note_opened(const QString& path, bool table);  // title, log, watcher; true on the first show of `path`
  void set_panels_project();
  void when_finished(int job, std::function<void(const QString& error)> done);
  void remember_recent(const QString& path);
  void fill_recent_menu();
  void on_loaded();
  void show_summary();
  void open_project_dataset();  // the project's ID dataset in the Dataset dock and Samples tab
  void log(const QString& line, bool error = false);

  views::SampleGridView* grid_ = nullptr;
  QTabWidget* tabs_ = nullptr;
  std::unique_ptr<ProjectTabs> panels_;  // the tabs that show the project: set_project and the session in one place
  ProfilePanel* profile_ = nullptr;
  OodPanel* ood_ = nullptr;
  HeatmapPanel* heatmap_ = nullptr;
  ModelSelectionPanel* model_selection_ = nullptr;
  ProjectionPanel* projection_ = nullptr;
  ComparePanel* compare_ = nullptr;
  QDockWidget* jobs_dock_ = nullptr;
  QString selected_checkpoint_;
  ResultsPanel* results_ = nullptr;
  ProjectPanel* browser_ = nullptr;
  JobRunner* jobs_ = nullptr;
  ProjectLocations* locations_ = nullptr;
  JobsPanel* jobs_panel_ = nullptr;
  QMenu* recent_menu_ = nullptr;
  QFileSystemWatcher* watcher_ = nullptr;
  QTimer* reload_timer_ = nullptr;
  QString project_path_;
  QString table_path_;        // a results table on show (then project_path_ is empty)
  bool computable_ = false;   // the checkpoints have files: Projection and Compare can work
  QAction* save_as_project_ = nullptr;  // for a results table
  QAction* reopen_table_ = nullptr;     // the same table, asking its column roles again
  QAction* open_demo_project_ = nullptr;  // the quick zoo's project, once the demo has written it
  QString demo_project_;
  QString shown_path_;  // the project whose session was applied last (restore once per project)
  std::shared_ptr<const store::Project> project_;
  QTextBrowser* summary_ = nullptr;
  QPlainTextEdit* log_ = nullptr;
  QProgressBar* busy_ = nullptr;
  QLabel* status_ = nullptr;
  QFutureWatcher<Loaded> loader_;
  QString loading_spec_;
  std::shared_ptr<const data::Dataset> dataset_;
  int per_class_ = 10;
  bool analysis_running_ = false;
  bool session_pending_ = false;  // a save asked for while the analysis writes the project
};

}  // namespace ms::gui
