#include "app/gui/model/analyze_dialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QThread>

#include "app/gui/analysis_settings.h"
#include "core/model/layer_selection.h"
#include "core/model/model.h"
#include "core/pipeline/ood_inputs.h"
#include "views/user_questions.h"

namespace ms::gui {
namespace {

QWidget* with_browse(QLineEdit* edit, QPushButton* browse) {
  auto* row = new QWidget;
  auto* layout = new QHBoxLayout(row);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(edit, 1);
  layout->addWidget(browse);
  return row;
}

QSpinBox* spin(int low, int high, int value) {
  auto* box = new QSpinBox;
  box->setRange(low, high);
  box->setValue(value);
  return box;
}

}  // namespace

AnalyzeDialog::AnalyzeDialog(const QString& project_path, QWidget* parent) : QDialog(parent) {
  setWindowTitle(tr("Analyze Checkpoints"));
  const AnalysisSettings defaults = AnalysisSettings::load();  // Edit > Settings…, or what was last run
  auto* form = new QFormLayout(this);
  add_inputs(form, defaults);
  add_settings(form, defaults, project_path);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
  buttons->button(QDialogButtonBox::Ok)->setText(tr("Analyze"));
  connect(buttons, &QDialogButtonBox::accepted, this, &AnalyzeDialog::accept_if_valid);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  form->addRow(buttons);
}

// What is analysed: the checkpoints, the ID set, the shifts and OOD sets, the transfer set.
void AnalyzeDialog::add_inputs(QFormLayout* form, const AnalysisSettings& defaults) {
  checkpoints_ = new QLineEdit;
  checkpoints_->setPlaceholderText(tr("TorchScript files or folders of *.pt, separated by ;"));
  auto* browse = new QPushButton(tr("Folder…"));
  connect(browse, &QPushButton::clicked, this, [this] {
    const QString dir = views::ask_file(this, {views::FileMode::Folder, tr("Folder of checkpoints"), {}, {}, {}});
    if (!dir.isEmpty()) checkpoints_->setText(dir);
  });
  form->addRow(tr("Checkpoints:"), with_browse(checkpoints_, browse));
  id_dataset_ = new QLineEdit(defaults.id_dataset);
  form->addRow(tr("ID dataset:"), id_dataset_);
  auto* shift_box = new QWidget;
  auto* grid = new QGridLayout(shift_box);
  grid->setContentsMargins(0, 0, 0, 0);
  const auto names = data::corruption_names();
  for (size_t i = 0; i < names.size(); ++i) {
    auto* check = new QCheckBox(QString::fromStdString(names[i]));
    // The six shifts the paper studies are on by default.
    for (const char* paper : {"gaussian_noise", "fog", "brightness", "contrast", "pixelate", "jpeg_compression"})
      if (names[i] == paper) check->setChecked(true);
    grid->addWidget(check, static_cast<int>(i / 3), static_cast<int>(i % 3));
    shifts_.push_back(check);
  }
  form->addRow(tr("Shifts:"), shift_box);
  severity_ = spin(1, 5, defaults.severity);
  form->addRow(tr("Severity:"), severity_);
  ood_sets_ = new QLineEdit(defaults.ood_sets);
  ood_sets_->setPlaceholderText(tr("NAME=SPEC; NAME=SPEC (optional)"));
  ood_sets_->setToolTip(tr("Your own OOD sets, evaluated like the shifts and shown as acc_NAME: any dataset spec with "
                           "the ID set's item shape and classes, e.g. c10c-fog3=CIFAR-10-C/fog.npy:3."));
  form->addRow(tr("OOD sets:"), ood_sets_);
  ood_limit_ = spin(0, kMaxOodLimit, defaults.ood_limit);
  ood_limit_->setSpecialValueText(tr("all items"));
  ood_limit_->setToolTip(tr("Evaluate each OOD set (shifts and your sets) on a class-stratified, seeded subsample of "
                            "at most this many items; the accuracy's 95 % interval is stored either way."));
  form->addRow(tr("Items per OOD set:"), ood_limit_);
  transfer_ = new QLineEdit(defaults.transfer_dataset);
  transfer_->setToolTip(tr("Linear-probe transfer set (same image size as the ID set); empty for none."));
  form->addRow(tr("Transfer dataset:"), transfer_);
}

// How: the geometry sample, threads, the project file, the layers, the activation cache, the device.
void AnalyzeDialog::add_settings(QFormLayout* form, const AnalysisSettings& defaults, const QString& project_path) {
  points_ = spin(2, 100000, defaults.points_per_class);
  form->addRow(tr("Points per class:"), points_);
  n_t_ = spin(1, 100000, defaults.n_t);
  form->addRow(tr("GLUE samples (n_t):"), n_t_);
  threads_ = spin(1, 256, defaults.effective_threads());
  form->addRow(tr("Threads:"), threads_);
  project_ = new QLineEdit(project_path);
  auto* choose = new QPushButton(tr("Choose…"));
  connect(choose, &QPushButton::clicked, this, [this] {
    const QString path = views::ask_file(this, {views::FileMode::Save, tr("Project file"), project_->text(),
                                               {tr("ManifoldScope projects (*.msproj)")}, "msproj"});
    if (!path.isEmpty()) project_->setText(path);
  });
  form->addRow(tr("Project file:"), with_browse(project_, choose));
  layers_ = new QLineEdit;
  layers_->setPlaceholderText(tr("all layers"));
  layers_->setToolTip(tr("Comma-separated module paths, layer ids or globs (layer*, features.*), or the keywords "
                         "blocks (the outputs of the model's building blocks) and penultimate (the final "
                         "classifier's input). Empty: every layer."));
  form->addRow(tr("Layers:"), layers_);
  cache_ = new QCheckBox(tr("Cache activations"));
  cache_->setToolTip(tr("Keep each checkpoint's geometry-sample activations beside the project file, so a re-run "
                        "with other GLUE settings skips the forward pass."));
  cache_->setChecked(defaults.cache_activations);
  form->addRow(QString(), cache_);
  device_ = new QComboBox;
  for (const std::string& device : model::available_devices()) device_->addItem(QString::fromStdString(device));
  if (device_->findText(defaults.device) < 0) device_->addItem(defaults.device);  // refused on Analyze, with why
  device_->setCurrentText(defaults.device);
  device_->setToolTip(tr("Where forward passes run (the GPUs this LibTorch sees); the geometry runs on the CPU."));
  form->addRow(tr("Device:"), device_);
}

// Analyze: refused with a warning for bad OOD sets or an unusable device; what was run becomes the next default.
void AnalyzeDialog::accept_if_valid() {
  if (auto sets = pipeline::parse_ood_sets(ood_sets_->text().toStdString()); !sets)
    return views::show_warning(this, tr("OOD sets"), QString::fromStdString(sets.error()));
  if (Status usable = model::check_device(device_->currentText().toStdString()); !usable.ok())
    return views::show_warning(this, tr("Device"), QString::fromStdString(usable.error()));
  AnalysisSettings used = AnalysisSettings::load();
  used.ood_sets = ood_sets_->text().trimmed();
  used.ood_limit = ood_limit_->value();
  used.id_dataset = id_dataset_->text().trimmed();
  used.transfer_dataset = transfer_->text().trimmed();
  used.severity = severity_->value();
  used.points_per_class = points_->value();
  used.n_t = n_t_->value();
  used.cache_activations = cache_->isChecked();
  used.device = device_->currentText();
  used.save();
  accept();
}

pipeline::AnalyseOptions AnalyzeDialog::options() const {
  pipeline::AnalyseOptions options;
  for (const QString& path : checkpoints_->text().split(';', Qt::SkipEmptyParts))
    options.checkpoints.push_back(path.trimmed().toStdString());
  options.id_dataset = id_dataset_->text().trimmed().toStdString();
  for (QCheckBox* check : shifts_)
    if (check->isChecked()) options.shifts.push_back({check->text().toStdString(), severity_->value()});
  if (auto sets = pipeline::parse_ood_sets(ood_sets_->text().toStdString())) options.ood_sets = std::move(sets).value();
  options.ood_limit = ood_limit_->value();
  options.transfer_dataset = transfer_->text().trimmed().toStdString();
  options.glue.points_per_manifold = points_->value();
  options.glue.n_t = n_t_->value();
  options.glue.threads = options.baselines.threads = threads_->value();
  options.batch.threads = threads_->value();
  options.project_path = project_->text().trimmed().toStdString();
  options.cache_activations = cache_->isChecked();
  options.device = device_->currentText().toStdString();
  options.layers = model::split_layer_terms(layers_->text().toStdString());
  return options;
}

}  // namespace ms::gui
