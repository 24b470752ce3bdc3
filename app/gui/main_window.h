// The ManifoldScope main window: a dataset browser for now (samples per class and a summary), loading on a worker
// thread so the window never freezes.
#pragma once

#include <QFutureWatcher>
#include <QMainWindow>
#include <memory>

#include "core/common/result.h"
#include "core/data/dataset.h"

class QLabel;
class QPlainTextEdit;
class QProgressBar;
class QTextBrowser;

namespace ms::views {
class SampleGridView;
}

namespace ms::gui {

class MainWindow : public QMainWindow {
  Q_OBJECT
 public:
  explicit MainWindow(QWidget* parent = nullptr);
  ~MainWindow() override;

  // Starts loading a dataset (name or path) in the background; the views update when it arrives.
  void open_dataset(const QString& spec);

  // For tests and scripting: the dataset on show (null while loading or after an error), the grid, the log.
  std::shared_ptr<const data::Dataset> dataset() const { return dataset_; }
  views::SampleGridView* sample_grid() const { return grid_; }
  QString log_text() const;

 Q_SIGNALS:
  void dataset_loaded(const QString& spec);
  void dataset_failed(const QString& message);

 private:
  struct Loaded {
    std::shared_ptr<data::Dataset> dataset;
    std::vector<int64_t> samples;
    std::string error;
  };
  void build_menus();
  void build_docks();
  void on_loaded();
  void show_summary();
  void log(const QString& line, bool error = false);

  views::SampleGridView* grid_ = nullptr;
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
