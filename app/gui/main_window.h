// The ManifoldScope main window: a dataset browser for now (samples per class and a summary), loading on a worker
// thread so the window never freezes.
#pragma once

#include <QFutureWatcher>
#include <QMainWindow>
#include <memory>

#include "core/common/result.h"
#include "core/data/dataset.h"

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

class JobRunner;
class JobsPanel;
class ProfilePanel;
class ProjectPanel;
class ResultsPanel;

class MainWindow : public QMainWindow {
  Q_OBJECT
 public:
  explicit MainWindow(QWidget* parent = nullptr);
  ~MainWindow() override;

  // Starts loading a dataset (name or path) in the background; the views update when it arrives.
  void open_dataset(const QString& spec);

  // Reads a project file on a worker thread and shows it (browser, layer profile, results table).
  void open_project(const QString& path);
#ifdef MS_HAVE_MODEL
  // Runs the analysis on a worker thread (progress and Cancel in the Jobs dock); the project's views refresh
  // whenever the job saves a finished checkpoint. Returns the job id.
  int start_analysis(const pipeline::AnalyseOptions& options);
#endif

  // For tests and scripting: what is on show, the panels, the log.
  std::shared_ptr<const data::Dataset> dataset() const { return dataset_; }
  std::shared_ptr<const store::Project> project() const { return project_; }
  views::SampleGridView* sample_grid() const { return grid_; }
  ProfilePanel* profile_panel() const { return profile_; }
  ResultsPanel* results_panel() const { return results_; }
  ProjectPanel* project_panel() const { return browser_; }
  JobsPanel* jobs_panel() const { return jobs_panel_; }
  JobRunner* jobs() const { return jobs_; }
  QTabWidget* tabs() const { return tabs_; }
  QString log_text() const;

 Q_SIGNALS:
  void dataset_loaded(const QString& spec);
  void dataset_failed(const QString& message);
  void project_loaded(const QString& path);
  void project_failed(const QString& message);
  void analysis_finished(const QString& error);

 protected:
  void closeEvent(QCloseEvent* event) override;

 private:
  struct Loaded {
    std::shared_ptr<data::Dataset> dataset;
    std::vector<int64_t> samples;
    std::string error;
  };
  void build_menus();
  void build_docks();
  void show_project(std::shared_ptr<const store::Project> project, const QString& path);
  void remember_recent(const QString& path);
  void fill_recent_menu();
  void on_loaded();
  void show_summary();
  void log(const QString& line, bool error = false);

  views::SampleGridView* grid_ = nullptr;
  QTabWidget* tabs_ = nullptr;
  ProfilePanel* profile_ = nullptr;
  ResultsPanel* results_ = nullptr;
  ProjectPanel* browser_ = nullptr;
  JobRunner* jobs_ = nullptr;
  JobsPanel* jobs_panel_ = nullptr;
  QMenu* recent_menu_ = nullptr;
  QFileSystemWatcher* watcher_ = nullptr;
  QTimer* reload_timer_ = nullptr;
  QString project_path_;
  std::shared_ptr<const store::Project> project_;
  QTextBrowser* summary_ = nullptr;
  QPlainTextEdit* log_ = nullptr;
  QProgressBar* busy_ = nullptr;
  QLabel* status_ = nullptr;
  QFutureWatcher<Loaded> loader_;
  QString loading_spec_;
  std::shared_ptr<const data::Dataset> dataset_;
  int per_class_ = 10;
};

}  // namespace ms::gui
