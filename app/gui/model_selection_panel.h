// The model-selection tab: predict, don't just correlate. Choose the ID marker(s) (a second one optional), the layer,
// the OOD target, the baseline predictor (ID accuracy by default), whether to fit per architecture or pooled and the
// interval's coverage (95 % by default); see each fit's leave-one-out RMSE / MAE against the baseline's, and every
// checkpoint ranked by OOD value — predicted with its interval where the target is missing (clipped to the
// accuracy range, marked *), measured (with its leave-one-out prediction) where it is known (model_selection.h).
// "Save Data…" writes the ranked table as CSV. The fits are small (224 checkpoints: a few ms), so they run on the
// GUI thread.
//
// Selection: clicking a row emits checkpoint_selected(id). State: save_state()/restore_state() hold the keys
// {"marker", "marker2", "layer", "target", "baseline", "fit", "architecture", "level"}.
#pragma once

#include <QJsonObject>
#include <QString>

#include "app/gui/model_selection.h"
#include "app/gui/project_tab.h"

class QComboBox;
class QLabel;
class QTableWidget;

namespace ms::gui {

// set_project, save_state, restore_state and message: ProjectTab's.
class ModelSelectionPanel : public ProjectTab {
  Q_OBJECT
 public:
  explicit ModelSelectionPanel(QWidget* parent = nullptr);

  // Setters by key (ood_correlation.h names); unknown keys change nothing.
  void select_marker(const QString& marker);
  void select_second_marker(const QString& marker);  // "" = none
  void select_layer(const QString& layer);
  void select_target(const QString& key);
  void select_baseline(const QString& key);          // "" = none
  void select_per_architecture(bool per_architecture);
  void select_architecture(const QString& architecture);  // "" = all
  void select_level(double level);                        // 0.8, 0.9, 0.95 or 0.99

  // What the view shows: the fits and the ranked checkpoints (empty after an error, see summary()).
  const ModelSelection& selection() const { return selection_; }
  QString summary() const;
  // Asks for a .csv file (views/user_questions.h) and writes the ranked table there (model_selection_csv).
  void save_data();
  QTableWidget* table() const { return table_; }
  // Milliseconds the last recomputation took (the fits and the ranking, not the drawing).
  double last_compute_ms() const { return last_compute_ms_; }

 Q_SIGNALS:
  void checkpoint_selected(const QString& id);

 private:
  void fill_choices() override;
  QJsonObject state() const override;
  void apply_state(const QJsonObject& state) override;
  void refresh() override;  // the fits and the ranking again
  void show_summary();
  void show_table();
  ModelSelectionOptions options() const;

  ModelSelection selection_;
  double last_compute_ms_ = 0.0;
  QComboBox* markers_;
  QComboBox* second_markers_;
  QComboBox* layers_;
  QComboBox* targets_;
  QComboBox* baselines_;
  QComboBox* fits_;
  QComboBox* architectures_;
  QComboBox* levels_;
  QLabel* summary_;
  QTableWidget* table_;
};

}  // namespace ms::gui
