// The jobs dock: one row per running job with its title, a progress bar, what it is doing, and Cancel.
#pragma once

#include <QWidget>
#include <map>

class QLabel;
class QProgressBar;
class QPushButton;
class QVBoxLayout;

namespace ms::gui {

class JobRunner;

class JobsPanel : public QWidget {
  Q_OBJECT
 public:
  explicit JobsPanel(JobRunner* runner, QWidget* parent = nullptr);

  // For tests: the Cancel button and progress bar of a job (null when the job is not shown).
  QPushButton* cancel_button(int id) const;
  QProgressBar* progress_bar(int id) const;

 private:
  struct Row {
    QWidget* widget;
    QProgressBar* bar;
    QLabel* message;
    QPushButton* cancel;
  };
  void add_row(int id, const QString& title);
  void update_row(int id, double fraction, const QString& message);
  void remove_row(int id);

  JobRunner* runner_;
  QVBoxLayout* rows_layout_;
  QLabel* idle_;
  std::map<int, Row> rows_;
};

}  // namespace ms::gui
