// "Analyze Checkpoints…": what to analyse (checkpoint files or folders), on which data (ID set, shifts, the user's
// OOD sets and their item limit, transfer set), with which GLUE settings, into which project file.
#pragma once

#include <QDialog>

#include "core/pipeline/analyse_options.h"

class QCheckBox;
class QComboBox;
class QFormLayout;
class QLineEdit;
class QSpinBox;

namespace ms::gui {

struct AnalysisSettings;

class AnalyzeDialog : public QDialog {
  Q_OBJECT
 public:
  explicit AnalyzeDialog(const QString& project_path, QWidget* parent = nullptr);

  // The options as entered; checkpoints are split on ';', and so are the OOD sets (NAME=SPEC; …), which Analyze
  // checks first (a malformed entry is a warning and the dialog stays open).
  pipeline::AnalyseOptions options() const;

 private:
  void add_inputs(QFormLayout* form, const AnalysisSettings& defaults);
  void add_settings(QFormLayout* form, const AnalysisSettings& defaults, const QString& project_path);
  void accept_if_valid();

  QLineEdit* checkpoints_;
  QLineEdit* id_dataset_;
  QLineEdit* transfer_;
  QLineEdit* ood_sets_;
  QSpinBox* ood_limit_;
  QLineEdit* project_;
  QLineEdit* layers_;
  QSpinBox* severity_;
  QSpinBox* points_;
  QSpinBox* n_t_;
  QSpinBox* threads_;
  QCheckBox* cache_;
  QComboBox* device_;
  std::vector<QCheckBox*> shifts_;
};

}  // namespace ms::gui
