// Edit > Settings…: the analysis defaults (analysis_settings.h) — threads, GLUE points per class and samples, shift
// severity, ID and transfer data sets, activation cache. Saved when accepted.
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
};

}  // namespace ms::gui
