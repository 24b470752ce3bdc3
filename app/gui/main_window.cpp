#include "app/gui/main_window.h"

#include <QApplication>
#include <QDockWidget>
#include <QFileDialog>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QScrollArea>
#include <QStatusBar>
#include <QTextBrowser>
#include <QTime>
#include <QtConcurrent/QtConcurrentRun>

#include "core/data/dataset_registry.h"
#include "core/data/sampling.h"
#include "views/sample_grid_view.h"

namespace ms::gui {

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
  setWindowTitle("ManifoldScope");
  resize(1280, 800);
  grid_ = new views::SampleGridView;
  auto* scroll = new QScrollArea;
  scroll->setWidget(grid_);
  scroll->setWidgetResizable(true);
  setCentralWidget(scroll);
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

MainWindow::~MainWindow() { loader_.waitForFinished(); }

void MainWindow::build_menus() {
  QMenu* file = menuBar()->addMenu(tr("&File"));
  QMenu* known = file->addMenu(tr("Open &Known Dataset"));
  for (const data::KnownDataset& dataset : data::known_datasets()) {
    for (const std::string& split : dataset.splits) {
      const QString spec = QString::fromStdString(dataset.name + ":" + split);
      QAction* action = known->addAction(spec, this, [this, spec] { open_dataset(spec); });
      action->setEnabled(dataset.available);
    }
  }
  file->addAction(tr("Open Dataset &File…"), QKeySequence::Open, this, [this] {
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open dataset"), QString(),
        tr("Datasets (*.gz *-ubyte *.bin *.h5 *.hdf5);;All files (*)"));
    if (!path.isEmpty()) open_dataset(path);
  });
  file->addAction(tr("Open Image &Folder…"), this, [this] {
    const QString path = QFileDialog::getExistingDirectory(this, tr("Folder of class sub-folders"));
    if (!path.isEmpty()) open_dataset(path);
  });
  file->addSeparator();
  file->addAction(tr("&Quit"), QKeySequence::Quit, qApp, &QApplication::quit);
  QMenu* help = menuBar()->addMenu(tr("&Help"));
  help->addAction(tr("&About ManifoldScope"), this, [this] {
    QMessageBox::about(this, tr("About ManifoldScope"),
                       tr("<b>ManifoldScope %1</b><p>Representational geometry markers (GLUE effective dimension "
                          "and utility) of network layers, measured on in-distribution data, to diagnose "
                          "out-of-distribution failures.</p>")
                           .arg(MS_VERSION));
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
  resizeDocks({log_dock}, {110}, Qt::Vertical);
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
