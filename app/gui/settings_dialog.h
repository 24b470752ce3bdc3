// Edit > Settings…: the analysis defaults (analysis_settings.h) — threads, GLUE points per class and samples, shift
// severity, ID and transfer data sets, activation cache — and the figures' palette (views/palette.h: standard or
// colour-blind safe; QSettings key "figures/palette"). Saved when accepted; the palette applies to views drawn after.
//
// apply_saved_figure_settings(): sets the process-wide palette from the saved settings (call once at start-up).
#pragma once

#include <QDialog>

#include "app/gui/analysis_settings.h"

class QCheckBox;
class QComboBox;
class QLineEdit;
class QSpinBox;

namespace ms::gui {

class SettingsDialog : public QDialog {
  Q_OBJECT
 public:
  explicit SettingsDialog(QWidget* parent = nullptr);
  AnalysisSettings settings() const;  // as entered
  void accept() override;             // saves, then closes

 private:
  QSpinBox* threads_;
  QSpinBox* points_;
  QSpinBox* n_t_;
  QSpinBox* severity_;
  QLineEdit* id_dataset_;
  QLineEdit* transfer_;
  QCheckBox* cache_;
  QComboBox* device_;
  QComboBox* palette_;
};

void apply_saved_figure_settings();

}  // namespace ms::gui
