#include "app/gui/ood_panel.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>
#include <tuple>

#include "app/gui/ood_correlation.h"
#include "app/gui/combo_keys.h"
#include "app/gui/project_profile.h"
#include "views/marker_scatter_view.h"
#include "views/figure_export.h"

namespace ms::gui {
namespace {

QString key_of(const QComboBox* combo) { return combo->currentData().toString(); }

QString q(const std::string& text) { return QString::fromStdString(text); }

}  // namespace

OodPanel::OodPanel(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  auto* bar = new QHBoxLayout;
  markers_ = new QComboBox;
  markers_->setMinimumContentsLength(12);
  markers_->setToolTip(tr("ID marker on the x axis: dimension = GLUE D_eff, utility = Ψ_eff, radius = R_eff, "
                          "capacity = α; id_* are the ID evaluation metrics (no layer)."));
  layers_ = new QComboBox;
  layers_->setToolTip(tr("Layer the marker is read at; penultimate = each checkpoint's second to last analysed "
                         "layer, where the transfer probe is trained."));
  targets_ = new QComboBox;
  targets_->setMinimumContentsLength(14);
  colours_ = new QComboBox;
  architectures_ = new QComboBox;
  scale_ = new QSpinBox;
  scale_->setRange(1, 8);
  scale_->setValue(2);
  scale_->setPrefix(tr("scale ×"));
  auto* save_image = new QPushButton(tr("Save Image…"));
  auto* save_data = new QPushButton(tr("Save Data…"));
  // Two rows, so the tab fits beside the docks: what is plotted; then how, and saving.
  auto* bar2 = new QHBoxLayout;
  for (auto [row, label, combo] : {std::tuple{bar, tr("Marker:"), markers_}, {bar, tr("Layer:"), layers_},
                                   {bar, tr("OOD:"), targets_}, {bar2, tr("Colour:"), colours_},
                                   {bar2, tr("Architecture:"), architectures_}}) {
    row->addWidget(new QLabel(label));
    row->addWidget(combo);
  }
  bar->addStretch(1);
  bar2->addStretch(1);
  bar2->addWidget(scale_);
  bar2->addWidget(save_image);
  bar2->addWidget(save_data);
  view_ = new views::MarkerScatterView;
  layout->addLayout(bar);
  layout->addLayout(bar2);
  layout->addWidget(view_, 1);

  for (QComboBox* combo : {markers_, layers_, targets_, colours_, architectures_}) {
    // Sized by a few characters, not by the longest layer or dataset name, so the tab fits beside the docks.
    combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    if (combo == layers_ || combo == colours_ || combo == architectures_) combo->setMinimumContentsLength(12);
    connect(combo, &QComboBox::currentIndexChanged, this, &OodPanel::redraw);
  }
  connect(save_image, &QPushButton::clicked, this, &OodPanel::save_image);
  connect(save_data, &QPushButton::clicked, this, &OodPanel::save_data);
  connect(view_, &views::MarkerScatterView::point_clicked, this, [this](int index) {
    const auto& labels = view_->data().labels;
    if (index < 0 || index >= static_cast<int>(labels.size())) return;
    selected_ = q(labels[static_cast<size_t>(index)]);
    Q_EMIT checkpoint_selected(selected_);
  });
}

const views::ScatterData& OodPanel::scatter() const { return view_->data(); }

void OodPanel::set_project(std::shared_ptr<const store::Project> project) {
  project_ = std::move(project);
  fill_combos();
  if (!pending_state_.isEmpty()) apply_state(pending_state_), pending_state_ = {};
  redraw();
}

void OodPanel::fill_combos() {
  const store::Project& project = *project_;
  std::vector<std::pair<QString, QString>> items;
  for (const auto& name : ood_markers(project)) items.emplace_back(q(name), q(name));
  refill(markers_, items);
  describe_markers(markers_);
  items.clear();
  for (const auto& name : marker_layers(project))
    items.emplace_back(name == kPenultimateLayer ? tr("penultimate") : q(name), q(name));
  refill(layers_, items);
  items.clear();
  for (const auto& target : ood_targets(project)) items.emplace_back(q(target.label), q(target.key));
  refill(targets_, items);
  items = {{tr("none"), QString()}};
  for (const auto& key : colour_keys(project)) items.emplace_back(q(key), q(key));
  refill(colours_, items, architectures(project).size() > 1 ? QStringLiteral("architecture") : QString());
  items = {{tr("All architectures"), QString()}};
  for (const auto& name : architectures(project)) items.emplace_back(q(name), q(name));
  refill(architectures_, items);
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

QJsonObject OodPanel::save_state() const {
  if (!project_) return pending_state_;
  return {{"marker", marker()}, {"layer", layer()}, {"target", target()}, {"colour_by", colour_by()},
          {"architecture", architecture()}};
}

void OodPanel::restore_state(const QJsonObject& state) {
  if (!project_) {
    pending_state_ = state;
    return;
  }
  apply_state(state);
  redraw();
}

void OodPanel::apply_state(const QJsonObject& state) {
  select_keys(state, {{"marker", markers_}, {"layer", layers_}, {"target", targets_}, {"colour_by", colours_},
                      {"architecture", architectures_}});
}

void OodPanel::redraw() {
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

void OodPanel::save_image() {
  // PNG, SVG or PDF; then its size: the window times a scale (the scale box's to start with) or a column width.
  const QString path = views::ask_image_path(this, marker() + "_vs_ood");
  if (path.isEmpty()) return;
  const std::optional<views::ExportSize> size = views::ask_export_size(this, path, scale_->value());
  if (!size) return;
  const Status saved = view_->save_figure(path.toStdString(), *size);
  Q_EMIT message(saved.ok() ? tr("Saved %1").arg(path) : q(saved.error()), !saved.ok());
}

void OodPanel::save_data() {
  const QString path = views::ask_csv_path(this, tr("Save data"), marker() + "_vs_ood");
  if (path.isEmpty()) return;
  const Status saved = view_->save_csv(path.toStdString());
  Q_EMIT message(saved.ok() ? tr("Saved %1").arg(path) : q(saved.error()), !saved.ok());
}

}  // namespace ms::gui
