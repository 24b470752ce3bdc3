#include "app/gui/main_window.h"

#include <QApplication>
#include <QDockWidget>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QScrollArea>
#include <QStatusBar>
#include <QTextBrowser>
#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QTime>
#include <QtConcurrent/QtConcurrentRun>

#include <QCloseEvent>
#include <QPointer>
#include <QFileSystemWatcher>
#include <QSettings>
#include <QTabWidget>
#include <QTimer>
#include <algorithm>

#include "app/gui/heatmap_panel.h"
#include "app/gui/model_selection_panel.h"
#include "app/gui/job_runner.h"
#include "app/gui/jobs_panel.h"
#include "app/gui/ood_panel.h"
#include "app/gui/profile_panel.h"
#include "app/gui/project_locations.h"
#include "app/gui/project_panel.h"
#include "app/gui/project_tabs.h"
#include "app/gui/results_panel.h"
#include "app/gui/settings_dialog.h"
#include "app/gui/table_roles_question.h"
#include "core/data/dataset_registry.h"
#include "core/data/sampling.h"
#include "core/store/layer_arrays.h"
#include "core/store/project_file.h"
#include "core/store/table_import.h"
#include "views/sample_grid_view.h"
#include "views/user_questions.h"
#ifdef MS_HAVE_MODEL
#include "app/gui/model/analyze_dialog.h"
#include "app/gui/model/compare_panel.h"
#include "app/gui/model/demo_setup.h"
#include "app/gui/model/projection_panel.h"
#include "core/pipeline/analyse_job.h"
#endif

namespace ms::gui {

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
  setWindowTitle("ManifoldScope");
  resize(1280, 800);
  jobs_ = new JobRunner(this);
  locations_ = new ProjectLocations(this);
  build_tabs();
  connect(ood_, &OodPanel::checkpoint_selected, this, &MainWindow::select_checkpoint);
  connect(model_selection_, &ModelSelectionPanel::checkpoint_selected, this, &MainWindow::select_checkpoint);
#ifdef MS_HAVE_MODEL
  connect(projection_, &ProjectionPanel::checkpoint_selected, this, &MainWindow::select_checkpoint);
  projection_->set_locations(locations_);
  compare_->set_locations(locations_);
#endif
  // A folder the user pointed to is saved into the project, so the next opening finds the files without asking.
  connect(locations_, &ProjectLocations::relocated, this, [this](const QString& from, const QString& to) {
    log(tr("Files of %1 are now looked for in %2 (saved in the project)").arg(from, to));
    save_session();
  });
  // A heat-map cell opens the scatter behind it.
  connect(heatmap_, &HeatmapPanel::cell_activated, this,
          [this](const QString& marker, const QString& target, const QString& architecture) {
            ood_->select_architecture(architecture);
            ood_->select_layer(heatmap_->layer());
            ood_->select_marker(marker);
            ood_->select_target(target);
            tabs_->setCurrentWidget(ood_);
          });
  // A running analysis saves the project after each checkpoint: reload it shortly after each save.
  watcher_ = new QFileSystemWatcher(this);
  reload_timer_ = new QTimer(this);
  reload_timer_->setSingleShot(true);
  reload_timer_->setInterval(300);
  connect(watcher_, &QFileSystemWatcher::fileChanged, reload_timer_, qOverload<>(&QTimer::start));
  connect(reload_timer_, &QTimer::timeout, this, [this] {
    if (!project_path_.isEmpty() && QFileInfo::exists(project_path_)) open_project(project_path_);
  });
  build_menus();
  build_docks();
  busy_ = new QProgressBar;
  busy_->setRange(0, 0);  // indeterminate: reading a dataset has no meaningful fraction
  busy_->setMaximumWidth(160);
  busy_->hide();
  status_ = new QLabel;
  statusBar()->addWidget(status_, 1);
  statusBar()->addPermanentWidget(busy_);
  connect(&loader_, &QFutureWatcher<Loaded>::finished, this, &MainWindow::on_loaded);
}

void MainWindow::build_tabs() {
  grid_ = new views::SampleGridView;
  auto* scroll = new QScrollArea;
  scroll->setWidget(grid_);
  scroll->setWidgetResizable(true);
  tabs_ = new QTabWidget;
  tabs_->addTab(scroll, tr("Samples"));
  panels_ = std::make_unique<ProjectTabs>(tabs_, [this](const QString& text, bool error) { log(text, error); });
  using Needs = ProjectTabs::Needs;
  panels_->add(profile_ = new ProfilePanel, tr("Layer Profile"), "profile");
#ifdef MS_HAVE_MODEL
  panels_->add(projection_ = new ProjectionPanel(jobs_), tr("Projection"), "projection", Needs::checkpoint_files);
#endif
  panels_->add(ood_ = new OodPanel, tr("Marker vs OOD"), "ood");
  panels_->add(heatmap_ = new HeatmapPanel, tr("Correlations"), "heatmap");
  panels_->add(model_selection_ = new ModelSelectionPanel, tr("Model Selection"), "model_selection");
#ifdef MS_HAVE_MODEL
  panels_->add(compare_ = new ComparePanel(jobs_), tr("Compare"), "compare", Needs::checkpoint_files);
#endif
  panels_->add(results_ = new ResultsPanel, tr("Results"));
  setCentralWidget(tabs_);
}

MainWindow::~MainWindow() {
  jobs_->cancel_all_and_wait();
  loader_.waitForFinished();
}

void MainWindow::closeEvent(QCloseEvent* event) {
  if (jobs_->running_count() > 0) log(tr("Cancelling running jobs…"));
  jobs_->cancel_all_and_wait();
  // Closing keeps the session: the jobs have stopped, so nothing else writes the project now.
  if (project_ && QFileInfo::exists(project_path_)) {
    auto stored = store::read_project(project_path_.toStdString());
    if (stored) {
      stored->views_json = QJsonDocument(session_state()).toJson(QJsonDocument::Compact).toStdString();
      for (const auto& [from, to] : locations_->relocations()) stored->relocations[from] = to;
      store::put_layer_arrays(*stored, unsaved_layouts());
      (void)store::write_project(*stored, project_path_.toStdString());
    }
  }
  event->accept();
}

void MainWindow::build_menus() {
  build_file_menu();
  QMenu* edit = menuBar()->addMenu(tr("&Edit"));
  edit->addAction(tr("&Settings…"), this, [this] { SettingsDialog(this).exec(); });
  QMenu* analysis = menuBar()->addMenu(tr("&Analysis"));
#ifdef MS_HAVE_MODEL
  analysis->addAction(tr("Analyze &Checkpoints…"), QKeySequence(tr("Ctrl+R")), this, [this] {
    AnalyzeDialog dialog(project_path_.isEmpty() ? QDir::current().filePath("analysis.msproj") : project_path_, this);
    if (dialog.exec() == QDialog::Accepted) start_analysis(dialog.options());
  });
  analysis->addAction(tr("Run the &Demo"), this, [this] { start_demo(QDir::current().filePath("manifoldscope-demo")); });
  open_demo_project_ = analysis->addAction(tr("Open the Demo &Project"), this, [this] { open_project(demo_project_); });
  open_demo_project_->setEnabled(false);
#else
  analysis->addAction(tr("Analyze Checkpoints… (this build has no LibTorch)"))->setEnabled(false);
#endif
  QMenu* view = menuBar()->addMenu(tr("&View"));
  for (int i = 0; i < tabs_->count(); ++i)
    view->addAction(tabs_->tabText(i), this, [this, i] { tabs_->setCurrentIndex(i); });
  QMenu* help = menuBar()->addMenu(tr("&Help"));
  help->addAction(tr("&About ManifoldScope"), this, [this] {
    QMessageBox::about(this, tr("About ManifoldScope"),
                       tr("<b>ManifoldScope %1</b><p>Representational geometry markers (GLUE effective dimension "
                          "and utility) of network layers, measured on in-distribution data, to diagnose "
                          "out-of-distribution failures.</p>")
                           .arg(MS_VERSION));
  });
}

void MainWindow::build_file_menu() {
  QMenu* file = menuBar()->addMenu(tr("&File"));
  file->addAction(tr("Open &Project or Table…"), QKeySequence(tr("Ctrl+Shift+O")), this, [this] {
    const QString path = views::ask_file(
        this, {views::FileMode::Open, tr("Open project or results table"), {},
               {tr("Projects and results tables (*.msproj *.csv)"), tr("ManifoldScope projects (*.msproj)"),
                tr("Results tables (*.csv)"), tr("All files (*)")},
               {}});
    if (!path.isEmpty()) open_project(path);
  });
  file->addAction(tr("&Save Session"), QKeySequence::Save, this, &MainWindow::save_session);
  save_as_project_ = file->addAction(tr("Save Table as P&roject…"), this, [this] {
    const QString path = views::ask_file(this, {views::FileMode::Save, tr("Save the results table as a project"),
                                               QFileInfo(table_path_).completeBaseName() + ".msproj",
                                               {tr("ManifoldScope projects (*.msproj)")}, "msproj"});
    if (!path.isEmpty()) save_table_as_project(path);
  });
  reopen_table_ = file->addAction(tr("Reopen Table, Asking Column &Roles…"), this,
                                  [this] { open_table(table_path_, RolesQuestion::always); });
  save_as_project_->setEnabled(false);
  reopen_table_->setEnabled(false);
  recent_menu_ = file->addMenu(tr("Recent Projects"));
  fill_recent_menu();
  file->addSeparator();
  add_dataset_actions(file);
  file->addSeparator();
  file->addAction(tr("&Quit"), QKeySequence::Quit, qApp, &QApplication::quit);
}

void MainWindow::add_dataset_actions(QMenu* menu) {
  QMenu* known = menu->addMenu(tr("Open &Known Dataset"));
  for (const data::KnownDataset& dataset : data::known_datasets()) {
    for (const std::string& split : dataset.splits) {
      const QString spec = QString::fromStdString(dataset.name + ":" + split);
      QAction* action = known->addAction(spec, this, [this, spec] { open_dataset(spec); });
      action->setEnabled(dataset.available);
    }
  }
  menu->addAction(tr("Open Dataset &File…"), QKeySequence::Open, this, [this] {
    const QString path = views::ask_file(
        this, {views::FileMode::Open, tr("Open dataset"), {},
               {tr("Datasets (*.gz *-ubyte *.bin *.h5 *.hdf5 *.npy)"), tr("All files (*)")}, {}});
    if (!path.isEmpty()) open_dataset(path);
  });
  menu->addAction(tr("Open Image &Folder…"), this, [this] {
    const QString path = views::ask_file(this, {views::FileMode::Folder, tr("Folder of class sub-folders"), {}, {}, {}});
    if (!path.isEmpty()) open_dataset(path);
  });
}

void MainWindow::build_docks() {
  summary_ = new QTextBrowser;
  auto* summary_dock = new QDockWidget(tr("Dataset"), this);
  summary_dock->setObjectName("dataset_dock");
  summary_dock->setWidget(summary_);
  addDockWidget(Qt::LeftDockWidgetArea, summary_dock);
  log_ = new QPlainTextEdit;
  log_->setReadOnly(true);
  auto* log_dock = new QDockWidget(tr("Log"), this);
  log_dock->setObjectName("log_dock");
  log_dock->setWidget(log_);
  addDockWidget(Qt::BottomDockWidgetArea, log_dock);
  browser_ = new ProjectPanel;
  connect(browser_, &ProjectPanel::checkpoint_selected, this, &MainWindow::select_checkpoint);
  auto* project_dock = new QDockWidget(tr("Project"), this);
  project_dock->setObjectName("project_dock");
  project_dock->setWidget(browser_);
  addDockWidget(Qt::LeftDockWidgetArea, project_dock);
  jobs_panel_ = new JobsPanel(jobs_);
  auto* jobs_dock = jobs_dock_ = new QDockWidget(tr("Jobs"), this);
  jobs_dock->setObjectName("jobs_dock");
  jobs_dock->setWidget(jobs_panel_);
  addDockWidget(Qt::BottomDockWidgetArea, jobs_dock);
  tabifyDockWidget(log_dock, jobs_dock);
  log_dock->raise();
  resizeDocks({log_dock}, {130}, Qt::Vertical);
  connect(jobs_, &JobRunner::finished, this, [this](int, const QString& error) {
    if (!error.isEmpty()) log(error, true);
  });
  connect(jobs_, &JobRunner::noted, this, [this](int, const QString& message) { log(message); });
}

void MainWindow::open_project(const QString& path) {
  if (path.endsWith(".csv", Qt::CaseInsensitive)) return open_table(path);
  auto loaded = std::make_shared<std::shared_ptr<const store::Project>>();
  const int id = jobs_->start(tr("Open %1").arg(QFileInfo(path).fileName()), [path, loaded](Progress&, CancelToken&) {
    auto project = store::read_project(path.toStdString());
    if (!project) return Status(make_error(project.error()));
    *loaded = std::make_shared<const store::Project>(std::move(project).value());
    return Status(Ok{});
  });
  when_finished(id, [this, path, loaded](const QString& error) {
    if (!error.isEmpty()) return Q_EMIT project_failed(error);
    show_project(*loaded, path);
  });
}

void MainWindow::open_table(const QString& path, RolesQuestion question) {
  auto table = std::make_shared<stats::CsvTable>();
  const int read = jobs_->start(tr("Read %1").arg(QFileInfo(path).fileName()), [path, table](Progress&, CancelToken&) {
    auto parsed = stats::read_csv_table(path.toStdString());
    if (!parsed) return Status(make_error(parsed.error()));
    *table = std::move(parsed).value();
    return Status(Ok{});
  });
  when_finished(read, [this, path, table, question](const QString& error) {
    if (!error.isEmpty()) return Q_EMIT project_failed(error);
    const auto roles = table_roles(this, *table, question);
    if (!roles) {
      log(tr("Opening %1 cancelled: its column roles were not given").arg(path));
      return Q_EMIT project_failed(tr("cancelled"));
    }
    auto loaded = std::make_shared<std::shared_ptr<const store::Project>>();
    const int converted = jobs_->start(tr("Open %1").arg(QFileInfo(path).fileName()),
                                       [table, roles, loaded](Progress&, CancelToken&) {
                                         auto project = store::table_project(*table, *roles);
                                         if (!project) return Status(make_error(project.error()));
                                         *loaded = std::make_shared<const store::Project>(std::move(project).value());
                                         return Status(Ok{});
                                       });
    when_finished(converted, [this, path, loaded](const QString& failed) {
      if (!failed.isEmpty()) return Q_EMIT project_failed(failed);
      show_project(*loaded, path, true);
    });
  });
}

void MainWindow::save_table_as_project(const QString& path) {
  if (!project_ || table_path_.isEmpty()) return log(tr("No results table open"), true);
  auto project = std::make_shared<store::Project>(*project_);
  project->views_json = QJsonDocument(session_state()).toJson(QJsonDocument::Compact).toStdString();
  const int id = jobs_->start(tr("Save %1").arg(QFileInfo(path).fileName()), [project, path](Progress&, CancelToken&) {
    return store::write_project(*project, path.toStdString());
  });
  when_finished(id, [this, path](const QString& error) {
    if (error.isEmpty()) open_project(path);
  });
}

void MainWindow::when_finished(int job, std::function<void(const QString& error)> done) {
  auto connection = std::make_shared<QMetaObject::Connection>();
  *connection = connect(jobs_, &JobRunner::finished, this, [job, done, connection](int finished, const QString& error) {
    if (finished != job) return;
    disconnect(*connection);
    done(error);
  });
}

void MainWindow::show_project(std::shared_ptr<const store::Project> project, const QString& path, bool table) {
  project_ = std::move(project);
  const bool first_show = note_opened(path, table);
  set_panels_project();
  if (!project_->geometry.empty() && tabs_->currentIndex() == 0) tabs_->setCurrentWidget(profile_);
  if (first_show && !table) {
    open_project_dataset();
    const QJsonObject session = QJsonDocument::fromJson(QByteArray::fromStdString(project_->views_json)).object();
    if (!session.isEmpty()) {
      apply_session(session);
      log(tr("Restored the session saved in %1").arg(QFileInfo(path).fileName()));
    }
  }
  Q_EMIT project_loaded(path);
}

bool MainWindow::note_opened(const QString& path, bool table) {
  const QString name = QFileInfo(path).fileName();
  // Another file: logged and remembered; a table is not watched (nothing writes it here), a project is.
  if (table || project_path_ != path) {
    if (!watcher_->files().isEmpty()) watcher_->removePaths(watcher_->files());
    log((table ? tr("Opened results table %1 (%2 checkpoints, %3 rows), read-only")
               : tr("Opened project %1 (%2 checkpoints, %3 layer results)"))
            .arg(path)
            .arg(project_->checkpoints.size())
            .arg(project_->geometry.size()));
    remember_recent(path);
  }
  if (table) {
    project_path_.clear();
    table_path_ = path;
    setWindowTitle(tr("ManifoldScope — %1 (results table, read-only)").arg(name));
  } else {
    table_path_.clear();
    project_path_ = path;
    if (!watcher_->files().contains(path)) watcher_->addPath(path);  // a rename-over replaces the watched inode
    setWindowTitle(tr("ManifoldScope — %1").arg(name));
  }
  save_as_project_->setEnabled(table);
  reopen_table_->setEnabled(table);
  const bool first_show = path != shown_path_ || table;
  shown_path_ = path;
  return first_show;
}

void MainWindow::set_panels_project() {
  locations_->set_project(project_, project_path_);
  browser_->set_project(project_);
  // Projection and Compare compute from the checkpoint files, which a results table does not have.
  computable_ = panels_->set_project(project_);
}

#ifdef MS_HAVE_MODEL
int MainWindow::start_analysis(const pipeline::AnalyseOptions& options, bool follow) {
  const QString path = QString::fromStdString(options.project_path);
  if (follow && project_path_ != path) {
    if (!watcher_->files().isEmpty()) watcher_->removePaths(watcher_->files());
    project_path_ = path;
  }
  log(tr("Analysing %1 checkpoint path(s) into %2").arg(options.checkpoints.size()).arg(path));
  jobs_dock_->raise();  // long work: show its progress
  analysis_running_ = true;
  const int id = jobs_->start(tr("Analyze"), [options, this](Progress& progress, CancelToken& cancel) {
    auto summary = pipeline::run_analyse(options, progress, cancel);
    if (!summary) return Status(make_error(summary.error()));
    for (const std::string& failure : summary->failures)
      QMetaObject::invokeMethod(this, [this, failure] { log(QString::fromStdString(failure), true); });
    return Status(Ok{});
  });
  // The project file appears when the first checkpoint is saved: poll for it until then (the watcher needs a file).
  QPointer<QTimer> poll = new QTimer(this);
  poll->setInterval(500);
  connect(poll, &QTimer::timeout, this, [this, path, poll] {
    if (!QFileInfo::exists(path)) return;
    poll->stop();
    poll->deleteLater();
    open_project(path);
  });
  if (follow) poll->start();
  when_finished(id, [this, path, poll, follow](const QString& error) {
    if (poll) poll->deleteLater();
    analysis_running_ = false;
    if (error.isEmpty()) log(follow ? tr("Analysis finished") : tr("Analysis finished: %1").arg(path));
    if (follow && QFileInfo::exists(path)) open_project(path);
    if (session_pending_) save_session();
    Q_EMIT analysis_finished(error);
  });
  return id;
}

void MainWindow::start_demo(const QString& dir) {
  const std::string folder = QDir(dir).absolutePath().toStdString();
  if (auto study = write_study_table(folder)) {
    const QString table = QString::fromStdString(*study);
    log(tr("Demo: the Fashion-MNIST study's results on converged models (%1)").arg(table));
    // Its first view: how each marker correlates with OOD accuracy.
    auto connection = std::make_shared<QMetaObject::Connection>();
    *connection = connect(this, &MainWindow::project_loaded, this, [this, table, connection](const QString& path) {
      if (path != table) return;
      disconnect(*connection);
      tabs_->setCurrentWidget(heatmap_);
    });
    open_table(table, RolesQuestion::never);
  } else {
    log(tr("Demo: %1").arg(QString::fromStdString(study.error())), true);
  }
  demo_project_ = QString::fromStdString(demo_project_path(folder));
  open_demo_project_->setEnabled(QFileInfo::exists(demo_project_));
  log(tr("Demo: the quick model zoo trains in %1 and is analysed into %2 in the background "
         "(Analysis → Open the Demo Project shows it)")
          .arg(QString::fromStdString(folder), demo_project_));
  jobs_dock_->raise();
  const int id = jobs_->start(tr("Train demo zoo"), [folder](Progress& progress, CancelToken& cancel) {
    return train_demo_zoo(folder, progress, cancel);
  });
  when_finished(id, [this, folder](const QString& error) {
    if (!error.isEmpty()) return;
    const int analysis = start_analysis(demo_analysis(folder), false);
    // The project file appears when the first checkpoint is saved.
    when_finished(analysis, [this](const QString&) { open_demo_project_->setEnabled(QFileInfo::exists(demo_project_)); });
  });
}
#endif

void MainWindow::select_checkpoint(const QString& id) {
  if (id == selected_checkpoint_) return;
  selected_checkpoint_ = id;
  browser_->select_checkpoint(id);
  ood_->select_checkpoint(id);
#ifdef MS_HAVE_MODEL
  if (!id.isEmpty() && computable_) projection_->select_checkpoint(id);
#endif
  if (!id.isEmpty()) status_->setText(tr("Selected checkpoint %1").arg(id));
}

QJsonObject MainWindow::session_state() const {
  QJsonObject session{{"tab", tabs_->tabText(tabs_->currentIndex())}, {"selected_checkpoint", selected_checkpoint_}};
  panels_->save(session);
  return session;
}

void MainWindow::apply_session(const QJsonObject& session) {
  panels_->restore(session);
  select_checkpoint(session["selected_checkpoint"].toString());
  for (int i = 0; i < tabs_->count(); ++i)
    if (tabs_->tabText(i) == session["tab"].toString()) tabs_->setCurrentIndex(i);
}

std::vector<store::LayerArray> MainWindow::unsaved_layouts() const {
#ifdef MS_HAVE_MODEL
  return projection_->unsaved_layouts();
#else
  return {};
#endif
}

void MainWindow::save_session() {
  if (!table_path_.isEmpty()) {
    log(tr("%1 is a results table, read-only: File → Save Table as Project… keeps it with the session")
            .arg(QFileInfo(table_path_).fileName()),
        true);
    Q_EMIT session_saved(tr("a results table is read-only"));
    return;
  }
  if (!project_ || project_path_.isEmpty()) {
    log(tr("No project open: the session is saved in a project file"), true);
    Q_EMIT session_saved(tr("no project open"));
    return;
  }
  if (analysis_running_) {
    session_pending_ = true;
    log(tr("The session will be saved when the running analysis has finished writing the project"));
    return;
  }
  session_pending_ = false;
  const QString path = project_path_;
  const std::string session = QJsonDocument(session_state()).toJson(QJsonDocument::Compact).toStdString();
  const store::Relocations relocations = locations_->relocations();
  const std::vector<store::LayerArray> layouts = unsaved_layouts();
  const int id = jobs_->start(tr("Save session"), [path, session, relocations, layouts](Progress&, CancelToken&) {
    auto stored = store::read_project(path.toStdString());
    if (!stored) return Status(make_error(stored.error()));
    stored->views_json = session;
    for (const auto& [from, to] : relocations) stored->relocations[from] = to;
    store::put_layer_arrays(*stored, layouts);  // the projection's UMAP/t-SNE layouts
    return store::write_project(*stored, path.toStdString());
  });
  when_finished(id, [this, path](const QString& error) {
    if (error.isEmpty()) log(tr("Session saved in %1").arg(path));
    Q_EMIT session_saved(error);
  });
}

void MainWindow::remember_recent(const QString& path) {
  QSettings settings;
  QStringList recent = settings.value("recent_projects").toStringList();
  recent.removeAll(path);
  recent.prepend(path);
  settings.setValue("recent_projects", recent.mid(0, 8));
  fill_recent_menu();
}

void MainWindow::fill_recent_menu() {
  recent_menu_->clear();
  const QStringList recent = QSettings().value("recent_projects").toStringList();
  for (const QString& path : recent) recent_menu_->addAction(path, this, [this, path] { open_project(path); });
  recent_menu_->setEnabled(!recent.isEmpty());
}

void MainWindow::open_dataset(const QString& spec) {
  if (loader_.isRunning()) {
    log(tr("Still reading %1; %2 not opened").arg(loading_spec_, spec), true);
    return;
  }
  loading_spec_ = spec;
  status_->setText(tr("Reading %1 …").arg(spec));
  busy_->show();
  log(tr("Reading %1").arg(spec));
  const int per_class = per_class_;
  loader_.setFuture(QtConcurrent::run([spec, per_class]() {
    Loaded loaded;
    auto dataset = data::open_dataset(spec.toStdString());
    if (!dataset) {
      loaded.error = dataset.error();
      return loaded;
    }
    loaded.dataset = std::make_shared<data::Dataset>(std::move(dataset).value());
    auto samples = data::sample_per_class(loaded.dataset->labels, loaded.dataset->num_classes(),
                                          {per_class, 0, true, 0});
    if (samples) loaded.samples = std::move(samples).value();
    else loaded.error = samples.error();
    return loaded;
  }));
}

void MainWindow::open_project_dataset() {
  const std::string id = id_dataset(*project_);
  auto spec = locations_->dataset(id, nullptr);  // no question on opening: the views ask when they need the data
  if (!spec) return log(tr("The project's dataset is not shown: %1").arg(QString::fromStdString(spec.error())), true);
  open_dataset(QString::fromStdString(*spec));
}

void MainWindow::on_loaded() {
  busy_->hide();
  Loaded loaded = loader_.result();
  if (!loaded.error.empty()) {
    const QString message = QString::fromStdString(loaded.error);
    status_->setText(tr("Could not open %1").arg(loading_spec_));
    log(message, true);
    Q_EMIT dataset_failed(message);
    return;
  }
  dataset_ = loaded.dataset;
  grid_->set_samples(dataset_, std::move(loaded.samples), per_class_);
  show_summary();
  status_->setText(tr("%1: %2 items").arg(QString::fromStdString(dataset_->name)).arg(dataset_->count()));
  log(tr("Opened %1 (%2 items, %3 classes)")
          .arg(QString::fromStdString(dataset_->name))
          .arg(dataset_->count())
          .arg(dataset_->num_classes()));
  Q_EMIT dataset_loaded(loading_spec_);
}

void MainWindow::show_summary() {
  const auto summary = data::summarize(*dataset_);
  QString html = QString("<h3>%1</h3><p>%2</p><p>%3 items · shape %4 (%5) · values %6 … %7</p>"
                         "<table cellspacing=4><tr><th align=left>id</th><th align=left>class</th>"
                         "<th align=right>items</th></tr>")
                     .arg(QString::fromStdString(dataset_->name).toHtmlEscaped(),
                          QString::fromStdString(dataset_->source).toHtmlEscaped())
                     .arg(summary.count)
                     .arg(QString::fromStdString(data::shape_string(summary.item_shape)),
                          QString::fromStdString(dataset_->element_type))
                     .arg(summary.min_value)
                     .arg(summary.max_value);
  for (int c = 0; c < dataset_->num_classes(); ++c)
    html += QString("<tr><td>%1</td><td>%2</td><td align=right>%3</td></tr>")
                .arg(c)
                .arg(QString::fromStdString(dataset_->class_names[c]).toHtmlEscaped())
                .arg(summary.class_counts[c]);
  summary_->setHtml(html + "</table>");
}

void MainWindow::log(const QString& line, bool error) {
  const QString stamp = QTime::currentTime().toString("HH:mm:ss");
  log_->appendHtml(QString("<span style='color:%1'>%2  %3</span>")
                       .arg(error ? "#c0392b" : "palette(text)", stamp, line.toHtmlEscaped()));
}

QString MainWindow::log_text() const { return log_->toPlainText(); }

}  // namespace ms::gui
