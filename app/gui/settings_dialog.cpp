#include "app/gui/settings_dialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLineEdit>
#include <QSettings>
#include <QSpinBox>

#include "views/palette.h"

namespace ms::gui {
namespace {

QSpinBox* spin(int low, int high, int value) {
  auto* box = new QSpinBox;
  box->setRange(low, high);
  box->setValue(value);
  return box;
}

constexpr const char* kPaletteKey = "figures/palette";

views::Palette saved_palette() {
  const ms::Result<views::Palette> palette =
      views::parse_palette(QSettings().value(kPaletteKey, "standard").toString().toStdString());
  return palette.ok() ? *palette : views::Palette::standard;
}

}  // namespace

void apply_saved_figure_settings() { views::set_palette(saved_palette()); }

SettingsDialog::SettingsDialog(QWidget* parent) : QDialog(parent) {
  setWindowTitle(tr("Settings"));
  const AnalysisSettings current = AnalysisSettings::load();
  auto* form = new QFormLayout(this);
  threads_ = spin(0, 256, current.threads);
  threads_->setSpecialValueText(tr("all hardware threads"));
  form->addRow(tr("Threads:"), threads_);
  points_ = spin(2, 100000, current.points_per_class);
  points_->setToolTip(tr("GLUE points per class manifold (also the geometry sample per class)."));
  form->addRow(tr("Points per class:"), points_);
  n_t_ = spin(1, 100000, current.n_t);
  n_t_->setToolTip(tr("GLUE Gaussian samples t; the spec's default is 200."));
  form->addRow(tr("GLUE samples (n_t):"), n_t_);
  severity_ = spin(1, 5, current.severity);
  form->addRow(tr("Shift severity:"), severity_);
  id_dataset_ = new QLineEdit(current.id_dataset);
  form->addRow(tr("ID dataset:"), id_dataset_);
  transfer_ = new QLineEdit(current.transfer_dataset);
  form->addRow(tr("Transfer dataset:"), transfer_);
  cache_ = new QCheckBox(tr("Cache activations"));
  cache_->setChecked(current.cache_activations);
  form->addRow(QString(), cache_);
  device_ = new QComboBox;
  device_->setEditable(true);
  device_->addItems({"cpu", "cuda", "cuda:0", "cuda:1"});
  device_->setCurrentText(current.device);
  device_->setToolTip(tr("Where forward passes run: cpu, cuda or cuda:N. CUDA needs a CUDA build of LibTorch "
                         "(Debian's is CPU-only); the analysis says so when it starts."));
  form->addRow(tr("Device:"), device_);
  palette_ = new QComboBox;
  palette_->addItem(tr("standard (Okabe-Ito, then more hues)"), "standard");
  palette_->addItem(tr("colour-blind safe only"), "colour-blind");
  palette_->setCurrentIndex(saved_palette() == views::Palette::colour_blind ? 1 : 0);
  palette_->setToolTip(tr("Class and series colours of every view and export. Both start with the colour-blind-safe "
                          "Okabe-Ito colours. Beyond 17 classes the standard palette adds hues that can look alike "
                          "to colour-blind readers; the colour-blind one repeats its 16 colours darker and lighter "
                          "and shows yellow last."));
  form->addRow(tr("Figure colours:"), palette_);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
  connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  form->addRow(buttons);
}

AnalysisSettings SettingsDialog::settings() const {
  AnalysisSettings entered = AnalysisSettings::load();  // what this dialog does not show (OOD sets) stays
  entered.threads = threads_->value();
  entered.points_per_class = points_->value();
  entered.n_t = n_t_->value();
  entered.severity = severity_->value();
  entered.id_dataset = id_dataset_->text().trimmed();
  entered.transfer_dataset = transfer_->text().trimmed();
  entered.cache_activations = cache_->isChecked();
  entered.device = device_->currentText().trimmed();
  return entered;
}

void SettingsDialog::accept() {
  settings().save();
  QSettings().setValue(kPaletteKey, palette_->currentData().toString());
  apply_saved_figure_settings();
  QDialog::accept();
}

}  // namespace ms::gui
