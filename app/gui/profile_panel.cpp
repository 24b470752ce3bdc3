#include "app/gui/profile_panel.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include "app/gui/combo_keys.h"
#include "app/gui/project_profile.h"
#include "views/layer_profile_view.h"
#include "views/figure_export.h"

namespace ms::gui {

ProfilePanel::ProfilePanel(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  auto* bar = new QHBoxLayout;
  markers_ = new QComboBox;
  markers_->setMinimumContentsLength(24);
  markers_->setToolTip(tr("dimension = GLUE D_eff, utility = Ψ_eff, radius = R_eff, capacity = α. Alignments are mean "
                          "|cos| between anchor centers/axes (the _abs_inner and _signed columns are the other "
                          "normalisations; the paper's released ψ is not a plain cosine)."));
  scale_ = new QSpinBox;
  scale_->setRange(1, 8);
  scale_->setValue(2);
  scale_->setPrefix(tr("scale ×"));
  auto* save_image = new QPushButton(tr("Save Image…"));
  auto* save_data = new QPushButton(tr("Save Data…"));
  architectures_ = new QComboBox;
  bar->addWidget(new QLabel(tr("Marker:")));
  bar->addWidget(markers_);
  bar->addWidget(new QLabel(tr("Architecture:")));
  bar->addWidget(architectures_);
  bar->addStretch(1);
  bar->addWidget(scale_);
  bar->addWidget(save_image);
  bar->addWidget(save_data);
  view_ = new views::LayerProfileView;
  layout->addLayout(bar);
  layout->addWidget(view_, 1);
  connect(markers_, &QComboBox::currentTextChanged, this, &ProfilePanel::redraw);
  connect(architectures_, &QComboBox::currentIndexChanged, this, &ProfilePanel::redraw);
  connect(save_image, &QPushButton::clicked, this, &ProfilePanel::save_image);
  connect(save_data, &QPushButton::clicked, this, &ProfilePanel::save_data);
}

void ProfilePanel::set_project(std::shared_ptr<const store::Project> project) {
  project_ = std::move(project);
  const QString previous = markers_->currentText();
  QSignalBlocker block(markers_);
  markers_->clear();
  for (const std::string& name : profile_markers(*project_, geometry_dataset(*project_)))
    markers_->addItem(QString::fromStdString(name));
  describe_markers(markers_);
  const int keep = markers_->findText(previous);
  markers_->setCurrentIndex(keep >= 0 ? keep : 0);
  const QString previous_architecture = architectures_->currentText();
  QSignalBlocker block_architectures(architectures_);
  architectures_->clear();
  for (const std::string& name : architectures(*project_)) architectures_->addItem(QString::fromStdString(name), QString::fromStdString(name));
  architectures_->addItem(tr("All architectures"), QString());
  const int keep_architecture = architectures_->findText(previous_architecture);
  architectures_->setCurrentIndex(keep_architecture >= 0 ? keep_architecture : 0);
  redraw();
}

void ProfilePanel::select_marker(const QString& marker) { markers_->setCurrentText(marker); }

void ProfilePanel::select_architecture(const QString& architecture) {
  architectures_->setCurrentIndex(std::max(0, architectures_->findData(architecture)));
}

QString ProfilePanel::marker() const { return markers_->currentText(); }

QJsonObject ProfilePanel::save_state() const {
  return {{"marker", marker()}, {"architecture", architectures_->currentData().toString()}};
}

void ProfilePanel::restore_state(const QJsonObject& state) {
  if (const int at = markers_->findText(state["marker"].toString()); at >= 0) markers_->setCurrentIndex(at);
  if (const int at = architectures_->findData(state["architecture"].toString()); at >= 0)
    architectures_->setCurrentIndex(at);
}

void ProfilePanel::redraw() {
  if (!project_ || markers_->currentText().isEmpty()) return;
  Status shown = view_->set_data(layer_profile(*project_, geometry_dataset(*project_), markers_->currentText().toStdString(),
                                               architectures_->currentData().toString().toStdString()));
  if (!shown.ok()) Q_EMIT message(QString::fromStdString(shown.error()), true);
}

void ProfilePanel::save_image() {
  // PNG, SVG or PDF; then its size: the window times a scale (the scale box's to start with) or a column width.
  const QString path = views::ask_image_path(this, marker() + "_profile");
  if (path.isEmpty()) return;
  const std::optional<views::ExportSize> size = views::ask_export_size(this, path, scale_->value());
  if (!size) return;
  Status saved = view_->save_figure(path.toStdString(), *size);
  Q_EMIT message(saved.ok() ? tr("Saved %1").arg(path) : QString::fromStdString(saved.error()), !saved.ok());
}

void ProfilePanel::save_data() {
  const QString path = views::ask_csv_path(this, tr("Save data"), marker() + "_profile");
  if (path.isEmpty()) return;
  Status saved = view_->save_csv(path.toStdString());
  Q_EMIT message(saved.ok() ? tr("Saved %1").arg(path) : QString::fromStdString(saved.error()), !saved.ok());
}

}  // namespace ms::gui
