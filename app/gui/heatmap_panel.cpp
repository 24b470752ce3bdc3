#include "app/gui/heatmap_panel.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>
#include <tuple>

#include "app/gui/combo_keys.h"
#include "app/gui/project_profile.h"
#include "views/correlation_heatmap_view.h"
#include "views/figure_export.h"

namespace ms::gui {
namespace {

const QString kTargetsMode = QStringLiteral("targets");
const QString kArchitecturesMode = QStringLiteral("architectures");
const QString kPaperRows = QStringLiteral("paper");
const QString kAllRows = QStringLiteral("all");

QString q(const std::string& text) { return QString::fromStdString(text); }

}  // namespace

HeatmapPanel::HeatmapPanel(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  auto* bar = new QHBoxLayout;
  modes_ = new QComboBox;
  modes_->addItem(tr("Markers × OOD targets"), kTargetsMode);
  modes_->addItem(tr("Markers × architectures"), kArchitecturesMode);
  rows_ = new QComboBox;
  rows_->addItem(tr("Paper's markers"), kPaperRows);
  rows_->addItem(tr("All markers"), kAllRows);
  layers_ = new QComboBox;
  layers_->setToolTip(tr("Layer the markers are read at; penultimate = each checkpoint's second to last analysed "
                         "layer, where the transfer probe is trained."));
  architectures_ = new QComboBox;
  architectures_->setToolTip(tr("Checkpoints pooled in the markers × OOD targets map."));
  targets_ = new QComboBox;
  targets_->setToolTip(tr("OOD target of the markers × architectures map."));
  scale_ = new QSpinBox;
  scale_->setRange(1, 8);
  scale_->setValue(2);
  scale_->setPrefix(tr("scale ×"));
  auto* save_image = new QPushButton(tr("Save Image…"));
  auto* save_data = new QPushButton(tr("Save Data…"));
  // Two rows, so the tab fits beside the docks: what is mapped; then which checkpoints or target, and saving.
  auto* bar2 = new QHBoxLayout;
  bar->addWidget(modes_);
  for (auto [row, label, combo] : {std::tuple{bar, tr("Rows:"), rows_}, {bar, tr("Layer:"), layers_},
                                   {bar2, tr("Architecture:"), architectures_}, {bar2, tr("OOD:"), targets_}}) {
    row->addWidget(new QLabel(label));
    row->addWidget(combo);
  }
  bar->addStretch(1);
  bar2->addStretch(1);
  bar2->addWidget(scale_);
  bar2->addWidget(save_image);
  bar2->addWidget(save_data);
  view_ = new views::CorrelationHeatmapView;
  layout->addLayout(bar);
  layout->addLayout(bar2);
  layout->addWidget(view_, 1);

  for (QComboBox* combo : {modes_, rows_, layers_, architectures_, targets_}) {
    // Sized by a few characters, not by the longest layer or dataset name, so the tab fits beside the docks.
    combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    combo->setMinimumContentsLength(combo == modes_ ? 16 : 12);
    connect(combo, &QComboBox::currentIndexChanged, this, &HeatmapPanel::redraw);
  }
  connect(save_image, &QPushButton::clicked, this, &HeatmapPanel::save_image);
  connect(save_data, &QPushButton::clicked, this, &HeatmapPanel::save_data);
  connect(view_, &views::CorrelationHeatmapView::cell_clicked, this, [this](int row, int column) {
    if (row < 0 || column < 0 || row >= static_cast<int>(heatmap_.row_keys.size()) ||
        column >= static_cast<int>(heatmap_.column_keys.size()))
      return;
    const QString marker = q(heatmap_.row_keys[static_cast<size_t>(row)]);
    const QString key = q(heatmap_.column_keys[static_cast<size_t>(column)]);
    if (by_architecture()) Q_EMIT cell_activated(marker, target(), key);
    else Q_EMIT cell_activated(marker, key, architecture());
  });
}

void HeatmapPanel::set_project(std::shared_ptr<const store::Project> project) {
  project_ = std::move(project);
  fill_combos();
  if (!pending_state_.isEmpty()) apply_state(pending_state_), pending_state_ = {};
  redraw();
}

void HeatmapPanel::fill_combos() {
  const store::Project& project = *project_;
  std::vector<std::pair<QString, QString>> items;
  for (const auto& name : marker_layers(project))
    items.emplace_back(name == kPenultimateLayer ? tr("penultimate") : q(name), q(name));
  refill(layers_, items);
  items = {{tr("All architectures"), QString()}};
  for (const auto& name : architectures(project)) items.emplace_back(q(name), q(name));
  refill(architectures_, items);
  items.clear();
  for (const auto& target : ood_targets(project)) items.emplace_back(q(target.label), q(target.key));
  refill(targets_, items);
}

void HeatmapPanel::select_by_architecture(bool on) { select_key(modes_, on ? kArchitecturesMode : kTargetsMode); }
void HeatmapPanel::select_all_markers(bool all) { select_key(rows_, all ? kAllRows : kPaperRows); }
void HeatmapPanel::select_layer(const QString& layer) { select_key(layers_, layer); }
void HeatmapPanel::select_architecture(const QString& architecture) { select_key(architectures_, architecture); }
void HeatmapPanel::select_target(const QString& key) { select_key(targets_, key); }
bool HeatmapPanel::by_architecture() const { return modes_->currentData().toString() == kArchitecturesMode; }
bool HeatmapPanel::all_markers() const { return rows_->currentData().toString() == kAllRows; }
QString HeatmapPanel::layer() const { return layers_->currentData().toString(); }
QString HeatmapPanel::architecture() const { return architectures_->currentData().toString(); }
QString HeatmapPanel::target() const { return targets_->currentData().toString(); }

QJsonObject HeatmapPanel::save_state() const {
  if (!project_) return pending_state_;
  return {{"mode", modes_->currentData().toString()}, {"rows", rows_->currentData().toString()},
          {"layer", layer()}, {"architecture", architecture()}, {"target", target()}};
}

void HeatmapPanel::restore_state(const QJsonObject& state) {
  if (!project_) {
    pending_state_ = state;
    return;
  }
  apply_state(state);
  redraw();
}

void HeatmapPanel::apply_state(const QJsonObject& state) {
  select_keys(state, {{"mode", modes_}, {"rows", rows_}, {"layer", layers_}, {"architecture", architectures_},
                      {"target", targets_}});
}

void HeatmapPanel::redraw() {
  const bool per_architecture = by_architecture();
  architectures_->setEnabled(!per_architecture);
  targets_->setEnabled(per_architecture);
  if (!project_) return;
  HeatmapOptions options;
  options.layer = layer().toStdString();
  options.architecture = architecture().toStdString();
  options.by_architecture = per_architecture;
  options.target = target().toStdString();
  if (!all_markers()) options.markers = paper_markers(*project_);
  if (options.markers.empty()) options.markers = ood_markers(*project_);
  heatmap_ = ood_heatmap(*project_, options);
  const Status shown = view_->set_data(heatmap_.data);
  if (!shown.ok()) Q_EMIT message(q(shown.error()), true);
}

void HeatmapPanel::save_image() {
  // PNG, SVG or PDF; then its size: the window times a scale (the scale box's to start with) or a column width.
  const QString path = views::ask_image_path(this, "correlation_heatmap");
  if (path.isEmpty()) return;
  const std::optional<views::ExportSize> size = views::ask_export_size(this, path, scale_->value());
  if (!size) return;
  const Status saved = view_->save_figure(path.toStdString(), *size);
  Q_EMIT message(saved.ok() ? tr("Saved %1").arg(path) : q(saved.error()), !saved.ok());
}

void HeatmapPanel::save_data() {
  const QString path = views::ask_csv_path(this, tr("Save data"), "correlation_heatmap");
  if (path.isEmpty()) return;
  const Status saved = view_->save_csv(path.toStdString());
  Q_EMIT message(saved.ok() ? tr("Saved %1").arg(path) : q(saved.error()), !saved.ok());
}

}  // namespace ms::gui
