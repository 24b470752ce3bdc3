#include "app/gui/model_selection_panel.h"

#include <QComboBox>
#include <QElapsedTimer>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <tuple>

#include "app/gui/combo_keys.h"
#include "app/gui/project_choices.h"
#include "views/figure_export.h"

namespace ms::gui {
namespace {

QString key_of(const QComboBox* combo) { return combo->currentData().toString(); }

QString q(const std::string& text) { return QString::fromStdString(text); }

QString number(double value, int digits = 3) {
  return std::isfinite(value) ? QString::number(value, 'f', digits) : QStringLiteral("–");
}

QTableWidgetItem* cell(const QString& text, bool measured) {
  auto* item = new QTableWidgetItem(text);
  if (measured) item->setForeground(QColor(90, 90, 90));  // measured rows recede; predictions are the news
  return item;
}

}  // namespace

ModelSelectionPanel::ModelSelectionPanel(QWidget* parent) : ProjectTab(parent) {
  auto* layout = new QVBoxLayout(this);
  auto* bar = new QHBoxLayout;
  auto* bar2 = new QHBoxLayout;
  markers_ = new QComboBox;
  markers_->setToolTip(tr("ID marker the OOD value is predicted from (dimension = GLUE D_eff, utility = Ψ_eff)."));
  second_markers_ = new QComboBox;
  second_markers_->setToolTip(tr("An optional second marker: a fit on both."));
  layers_ = new QComboBox;
  targets_ = new QComboBox;
  baselines_ = new QComboBox;
  baselines_->setToolTip(tr("The same predictor built on this value instead, for comparison (ID accuracy)."));
  fits_ = new QComboBox;
  fits_->addItem(tr("per architecture"), QStringLiteral("architecture"));
  fits_->addItem(tr("pooled"), QStringLiteral("pooled"));
  architectures_ = new QComboBox;
  levels_ = new QComboBox;
  levels_->setToolTip(tr("Coverage of the prediction intervals."));
  for (const char* level : {"0.8", "0.9", "0.95", "0.99"})
    levels_->addItem(QStringLiteral("%1 %").arg(100.0 * QString(level).toDouble()), QString(level));
  levels_->setCurrentIndex(2);
  for (auto [row, label, combo] : {std::tuple{bar, tr("Marker:"), markers_}, {bar, tr("and:"), second_markers_},
                                   {bar, tr("Layer:"), layers_}, {bar, tr("OOD:"), targets_},
                                   {bar2, tr("Baseline:"), baselines_}, {bar2, tr("Fit:"), fits_},
                                   {bar2, tr("Architecture:"), architectures_}, {bar2, tr("Interval:"), levels_}}) {
    add_choice(row, label, combo);
    connect(combo, &QComboBox::currentIndexChanged, this, &ModelSelectionPanel::refresh);
  }
  bar->addStretch(1);
  bar2->addStretch(1);
  auto* save_data = new QPushButton(tr("Save Data…"));
  save_data->setToolTip(tr("Write the ranked table, with the intervals, as CSV."));
  bar2->addWidget(save_data);
  connect(save_data, &QPushButton::clicked, this, &ModelSelectionPanel::save_data);
  summary_ = new QLabel;
  summary_->setTextFormat(Qt::RichText);
  summary_->setWordWrap(true);
  summary_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  table_ = new QTableWidget(0, 7);
  table_->setHorizontalHeaderLabels({tr("Rank"), tr("Checkpoint"), tr("Architecture"), tr("OOD"), tr("Interval"),
                                     tr("Source"), tr("LOO prediction")});
  table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  table_->setSelectionBehavior(QAbstractItemView::SelectRows);
  table_->verticalHeader()->setVisible(false);
  layout->addLayout(bar);
  layout->addLayout(bar2);
  layout->addWidget(summary_);
  layout->addWidget(table_, 1);
  connect(table_, &QTableWidget::cellClicked, this, [this](int row, int) {
    if (row >= 0 && row < static_cast<int>(selection_.ranked.size()))
      Q_EMIT checkpoint_selected(q(selection_.ranked[static_cast<size_t>(row)].checkpoint));
  });
}

void ModelSelectionPanel::fill_choices() {
  const store::Project& project = *project_;
  ComboItems markers = named_items(ood_markers(project));
  refill(markers_, markers, QStringLiteral("dimension"));
  markers.insert(markers.begin(), {tr("none"), QString()});
  refill(second_markers_, markers);
  refill(baselines_, markers, QStringLiteral("id_accuracy"));
  for (QComboBox* combo : {markers_, second_markers_, baselines_}) describe_markers(combo);
  refill(layers_, layer_items(project));
  ComboItems targets = target_items(project);
  targets.erase(std::remove_if(targets.begin(), targets.end(), [](const auto& t) { return t.second == "id_accuracy"; }),
                targets.end());
  refill(targets_, targets);
  refill(architectures_, architecture_items(project));
}

void ModelSelectionPanel::select_marker(const QString& marker) { select_key(markers_, marker); }
void ModelSelectionPanel::select_second_marker(const QString& marker) { select_key(second_markers_, marker); }
void ModelSelectionPanel::select_layer(const QString& layer) { select_key(layers_, layer); }
void ModelSelectionPanel::select_target(const QString& key) { select_key(targets_, key); }
void ModelSelectionPanel::select_baseline(const QString& key) { select_key(baselines_, key); }
void ModelSelectionPanel::select_per_architecture(bool per_architecture) {
  select_key(fits_, per_architecture ? QStringLiteral("architecture") : QStringLiteral("pooled"));
}
void ModelSelectionPanel::select_architecture(const QString& architecture) {
  select_key(architectures_, architecture);
}
void ModelSelectionPanel::select_level(double level) { select_key(levels_, QString::number(level)); }

QJsonObject ModelSelectionPanel::state() const {
  return {{"marker", key_of(markers_)},     {"marker2", key_of(second_markers_)}, {"layer", key_of(layers_)},
          {"target", key_of(targets_)},     {"baseline", key_of(baselines_)},     {"fit", key_of(fits_)},
          {"architecture", key_of(architectures_)}, {"level", key_of(levels_)}};
}

void ModelSelectionPanel::apply_state(const QJsonObject& state) {
  select_keys(state, {{"marker", markers_}, {"marker2", second_markers_}, {"layer", layers_}, {"target", targets_},
                      {"baseline", baselines_}, {"fit", fits_}, {"architecture", architectures_},
                      {"level", levels_}});
  refresh();
}

ModelSelectionOptions ModelSelectionPanel::options() const {
  ModelSelectionOptions options;
  options.markers = {key_of(markers_).toStdString()};
  if (!key_of(second_markers_).isEmpty() && key_of(second_markers_) != key_of(markers_))
    options.markers.push_back(key_of(second_markers_).toStdString());
  options.layer = key_of(layers_).toStdString();
  options.target = key_of(targets_).toStdString();
  options.baseline = key_of(baselines_).toStdString();
  options.per_architecture = key_of(fits_) == "architecture";
  options.architecture = key_of(architectures_).toStdString();
  options.level = key_of(levels_).toDouble();
  return options;
}

void ModelSelectionPanel::refresh() {
  if (!project_ || key_of(markers_).isEmpty() || key_of(targets_).isEmpty()) return;
  QElapsedTimer timer;
  timer.start();
  auto selection = model_selection(*project_, options());
  last_compute_ms_ = static_cast<double>(timer.nsecsElapsed()) / 1e6;
  if (!selection) {
    selection_ = {};
    summary_->setText(QStringLiteral("<span style='color:#b00'>%1</span>").arg(q(selection.error()).toHtmlEscaped()));
    Q_EMIT message(q(selection.error()), true);
  } else {
    selection_ = std::move(selection.value());
    show_summary();
  }
  show_table();
}

QString ModelSelectionPanel::summary() const { return summary_->text(); }

void ModelSelectionPanel::show_summary() {
  const QString marker_text = key_of(second_markers_).isEmpty() || key_of(second_markers_) == key_of(markers_)
                                  ? key_of(markers_)
                                  : key_of(markers_) + " + " + key_of(second_markers_);
  QString text = tr("<b>%1</b> predicted from <b>%2</b>, least squares; leave-one-out error").arg(
      targets_->currentText().toHtmlEscaped(), marker_text.toHtmlEscaped());
  text += "<table cellspacing='6'><tr><th align='left'>group</th><th>n</th><th>R²</th>"
          "<th>LOO RMSE</th><th>LOO MAE</th>";
  const bool baseline = !key_of(baselines_).isEmpty();
  if (baseline)
    text += tr("<th>%1 RMSE</th><th>%1 MAE</th>").arg(key_of(baselines_).toHtmlEscaped());
  text += "<th>predicted</th></tr>";
  for (const stats::GroupPrediction& g : selection_.groups) {
    text += QString("<tr><td>%1</td><td align='right'>%2</td><td align='right'>%3</td>"
                    "<td align='right'><b>%4</b></td><td align='right'>%5</td>")
                .arg(q(g.group).toHtmlEscaped())
                .arg(g.fit.n)
                .arg(number(g.fit.r_squared), number(g.fit.loo_rmse, 4), number(g.fit.loo_mae, 4));
    if (g.baseline)
      text += QString("<td align='right'>%1</td><td align='right'>%2</td>")
                  .arg(number(g.baseline->loo_rmse, 4), number(g.baseline->loo_mae, 4));
    text += QString("<td align='right'>%1</td></tr>").arg(g.predicted.size());
  }
  text += "</table>";
  if (selection_.left_out > 0) text += tr("%1 checkpoints left out (a value missing).").arg(selection_.left_out);
  summary_->setText(text);
}

void ModelSelectionPanel::show_table() {
  table_->horizontalHeaderItem(4)->setText(tr("%1 interval").arg(levels_->currentText()));
  table_->setRowCount(static_cast<int>(selection_.ranked.size()));
  for (int r = 0; r < table_->rowCount(); ++r) {
    const RankedCheckpoint& c = selection_.ranked[static_cast<size_t>(r)];
    const QString interval = c.measured ? QString()
                                        : QString("[%1, %2]%3").arg(number(c.low), number(c.high),
                                                                    c.clipped ? QStringLiteral(" *") : QString());
    const QString values[] = {QString::number(r + 1), q(c.checkpoint), q(c.architecture), number(c.value),
                              interval, c.measured ? tr("measured") : tr("predicted"),
                              c.measured ? number(c.prediction) : QString()};
    for (int column = 0; column < 7; ++column) table_->setItem(r, column, cell(values[column], c.measured));
    if (c.clipped)
      table_->item(r, 4)->setToolTip(tr("* clipped: the straight-line fit leaves the accuracy range here."));
    if (!c.measured) {
      QFont bold = table_->item(r, 3)->font();
      bold.setBold(true);
      table_->item(r, 3)->setFont(bold);
    }
  }
  table_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
}

void ModelSelectionPanel::save_data() {
  if (selection_.ranked.empty()) {
    Q_EMIT message(tr("Nothing to save: the model selection has no rows."), true);
    return;
  }
  save_data_as("model_selection_" + key_of(targets_), [this](const std::string& path) {
    return views::write_text_file(path, model_selection_csv(selection_, options()));
  });
}

}  // namespace ms::gui
