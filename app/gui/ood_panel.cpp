#include "app/gui/ood_panel.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QVBoxLayout>
#include <algorithm>

#include "app/gui/ood_correlation.h"
#include "app/gui/combo_keys.h"
#include "app/gui/project_choices.h"
#include "app/gui/project_profile.h"
#include "views/marker_scatter_view.h"

namespace ms::gui {
namespace {

QString key_of(const QComboBox* combo) { return combo->currentData().toString(); }

QString q(const std::string& text) { return QString::fromStdString(text); }

}  // namespace

OodPanel::OodPanel(QWidget* parent) : ProjectTab(parent) {
  markers_ = new QComboBox;
  markers_->setToolTip(tr("ID marker on the x axis: dimension = GLUE D_eff, utility = Ψ_eff, radius = R_eff, "
                          "capacity = α; id_* are the ID evaluation metrics (no layer)."));
  layers_ = new QComboBox;
  layers_->setToolTip(tr("Layer the marker is read at; penultimate = each checkpoint's second to last analysed "
                         "layer, where the transfer probe is trained."));
  targets_ = new QComboBox;
  colours_ = new QComboBox;
  architectures_ = new QComboBox;
  view_ = new views::MarkerScatterView;
  // Two rows, so the tab fits beside the docks: what is plotted; then how, and saving.
  auto* layout = new QVBoxLayout(this);
  auto* bar = new QHBoxLayout;
  auto* bar2 = new QHBoxLayout;
  add_choice(bar, tr("Marker:"), markers_);
  add_choice(bar, tr("Layer:"), layers_);
  add_choice(bar, tr("OOD:"), targets_, 14);
  add_choice(bar2, tr("Colour:"), colours_);
  add_choice(bar2, tr("Architecture:"), architectures_);
  bar->addStretch(1);
  bar2->addStretch(1);
  add_export_row(bar2, [this] { return marker() + "_vs_ood"; }, view_);
  layout->addLayout(bar);
  layout->addLayout(bar2);
  layout->addWidget(view_, 1);

  for (QComboBox* combo : {markers_, layers_, targets_, colours_, architectures_})
    connect(combo, &QComboBox::currentIndexChanged, this, &OodPanel::refresh);
  connect(view_, &views::MarkerScatterView::point_clicked, this, [this](int index) {
    const auto& labels = view_->data().labels;
    if (index < 0 || index >= static_cast<int>(labels.size())) return;
    selected_ = q(labels[static_cast<size_t>(index)]);
    Q_EMIT checkpoint_selected(selected_);
  });
}

const views::ScatterData& OodPanel::scatter() const { return view_->data(); }

void OodPanel::fill_choices() {
  const store::Project& project = *project_;
  refill(markers_, named_items(ood_markers(project)));
  describe_markers(markers_);
  refill(layers_, layer_items(project));
  refill(targets_, target_items(project));
  ComboItems colours = named_items(colour_keys(project));
  colours.insert(colours.begin(), {tr("none"), QString()});
  refill(colours_, colours, architectures(project).size() > 1 ? QStringLiteral("architecture") : QString());
  refill(architectures_, architecture_items(project));
}

void OodPanel::select_checkpoint(const QString& id) {
  selected_ = id;
  const auto& labels = view_->data().labels;
  const auto it = std::find(labels.begin(), labels.end(), id.toStdString());
  view_->set_selected(id.isEmpty() || it == labels.end() ? -1 : static_cast<int>(it - labels.begin()));
}

void OodPanel::select_marker(const QString& marker) { select_key(markers_, marker); }
void OodPanel::select_layer(const QString& layer) { select_key(layers_, layer); }
void OodPanel::select_target(const QString& key) { select_key(targets_, key); }
void OodPanel::select_colour_by(const QString& key) { select_key(colours_, key); }
void OodPanel::select_architecture(const QString& architecture) { select_key(architectures_, architecture); }
QString OodPanel::marker() const { return key_of(markers_); }
QString OodPanel::layer() const { return key_of(layers_); }
QString OodPanel::target() const { return key_of(targets_); }
QString OodPanel::colour_by() const { return key_of(colours_); }
QString OodPanel::architecture() const { return key_of(architectures_); }

QJsonObject OodPanel::state() const {
  return {{"marker", marker()}, {"layer", layer()}, {"target", target()}, {"colour_by", colour_by()},
          {"architecture", architecture()}};
}

void OodPanel::apply_state(const QJsonObject& state) {
  select_keys(state, {{"marker", markers_}, {"layer", layers_}, {"target", targets_}, {"colour_by", colours_},
                      {"architecture", architectures_}});
  refresh();
}

void OodPanel::refresh() {
  if (!project_ || marker().isEmpty() || target().isEmpty()) return;
  ScatterOptions options;
  options.marker = marker().toStdString();
  options.layer = layer().toStdString();
  options.target = target().toStdString();
  options.colour_by = colour_by().toStdString();
  options.architecture = architecture().toStdString();
  const Status shown = view_->set_data(ood_scatter(*project_, options));
  if (!shown.ok()) {
    Q_EMIT message(q(shown.error()), true);
    return;
  }
  select_checkpoint(selected_);
}

}  // namespace ms::gui
