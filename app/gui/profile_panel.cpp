#include "app/gui/profile_panel.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QVBoxLayout>
#include <algorithm>

#include "app/gui/combo_keys.h"
#include "app/gui/project_choices.h"
#include "app/gui/project_profile.h"
#include "views/layer_profile_view.h"

namespace ms::gui {

ProfilePanel::ProfilePanel(QWidget* parent) : ProjectTab(parent) {
  auto* layout = new QVBoxLayout(this);
  auto* bar = new QHBoxLayout;
  markers_ = new QComboBox;
  markers_->setMinimumContentsLength(24);
  markers_->setToolTip(tr("dimension = GLUE D_eff, utility = Ψ_eff, radius = R_eff, capacity = α. Alignments are mean "
                          "|cos| between anchor centers/axes (the _abs_inner and _signed columns are the other "
                          "normalisations; the paper's released ψ is not a plain cosine)."));
  architectures_ = new QComboBox;
  view_ = new views::LayerProfileView;
  bar->addWidget(new QLabel(tr("Marker:")));
  bar->addWidget(markers_);
  bar->addWidget(new QLabel(tr("Architecture:")));
  bar->addWidget(architectures_);
  bar->addStretch(1);
  add_export_row(bar, [this] { return marker() + "_profile"; }, view_);
  layout->addLayout(bar);
  layout->addWidget(view_, 1);
  connect(markers_, &QComboBox::currentTextChanged, this, &ProfilePanel::refresh);
  connect(architectures_, &QComboBox::currentIndexChanged, this, &ProfilePanel::refresh);
}

void ProfilePanel::fill_choices() {
  const store::Project& project = *project_;
  refill(markers_, named_items(profile_markers(project, geometry_dataset(project))));
  describe_markers(markers_);
  // "All architectures" last: the first architecture is the one shown to start with.
  ComboItems architectures = architecture_items(project);
  std::rotate(architectures.begin(), architectures.begin() + 1, architectures.end());
  refill(architectures_, architectures);
}

void ProfilePanel::select_marker(const QString& marker) { markers_->setCurrentText(marker); }

void ProfilePanel::select_architecture(const QString& architecture) {
  architectures_->setCurrentIndex(std::max(0, architectures_->findData(architecture)));
}

QString ProfilePanel::marker() const { return markers_->currentText(); }

QJsonObject ProfilePanel::state() const {
  return {{"marker", marker()}, {"architecture", architectures_->currentData().toString()}};
}

void ProfilePanel::apply_state(const QJsonObject& state) {
  {
    const QSignalBlocker quiet_markers(markers_), quiet_architectures(architectures_);
    if (const int at = markers_->findText(state["marker"].toString()); at >= 0) markers_->setCurrentIndex(at);
    if (const int at = architectures_->findData(state["architecture"].toString()); at >= 0)
      architectures_->setCurrentIndex(at);
  }
  refresh();
}

void ProfilePanel::refresh() {
  if (!project_ || markers_->currentText().isEmpty()) return;
  const store::Project& project = *project_;
  const Status shown = view_->set_data(layer_profile(project, geometry_dataset(project), marker().toStdString(),
                                                     architectures_->currentData().toString().toStdString()));
  if (!shown.ok()) Q_EMIT message(QString::fromStdString(shown.error()), true);
}

}  // namespace ms::gui
