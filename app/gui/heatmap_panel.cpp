#include "app/gui/heatmap_panel.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QVBoxLayout>

#include "app/gui/combo_keys.h"
#include "app/gui/project_choices.h"
#include "views/correlation_heatmap_view.h"

namespace ms::gui {
namespace {

const QString kTargetsMode = QStringLiteral("targets");
const QString kArchitecturesMode = QStringLiteral("architectures");
const QString kPaperRows = QStringLiteral("paper");
const QString kAllRows = QStringLiteral("all");

QString q(const std::string& text) { return QString::fromStdString(text); }

}  // namespace

HeatmapPanel::HeatmapPanel(QWidget* parent) : ProjectTab(parent) {
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
  view_ = new views::CorrelationHeatmapView;
  // Two rows, so the tab fits beside the docks: what is mapped; then which checkpoints or target, and saving.
  auto* layout = new QVBoxLayout(this);
  auto* bar = new QHBoxLayout;
  auto* bar2 = new QHBoxLayout;
  add_choice(bar, {}, modes_, 16);
  add_choice(bar, tr("Rows:"), rows_);
  add_choice(bar, tr("Layer:"), layers_);
  add_choice(bar2, tr("Architecture:"), architectures_);
  add_choice(bar2, tr("OOD:"), targets_);
  bar->addStretch(1);
  bar2->addStretch(1);
  add_export_row(bar2, [] { return QStringLiteral("correlation_heatmap"); }, view_);
  layout->addLayout(bar);
  layout->addLayout(bar2);
  layout->addWidget(view_, 1);

  for (QComboBox* combo : {modes_, rows_, layers_, architectures_, targets_})
    connect(combo, &QComboBox::currentIndexChanged, this, &HeatmapPanel::refresh);
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

void HeatmapPanel::fill_choices() {
  refill(layers_, layer_items(*project_));
  refill(architectures_, architecture_items(*project_));
  refill(targets_, target_items(*project_));
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

QJsonObject HeatmapPanel::state() const {
  return {{"mode", modes_->currentData().toString()}, {"rows", rows_->currentData().toString()},
          {"layer", layer()}, {"architecture", architecture()}, {"target", target()}};
}

void HeatmapPanel::apply_state(const QJsonObject& state) {
  select_keys(state, {{"mode", modes_}, {"rows", rows_}, {"layer", layers_}, {"architecture", architectures_},
                      {"target", targets_}});
  refresh();
}

void HeatmapPanel::refresh() {
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

}  // namespace ms::gui
