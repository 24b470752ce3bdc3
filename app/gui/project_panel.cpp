#include "app/gui/project_panel.h"

#include <QTreeWidgetItemIterator>

#include <map>
#include <set>

#include "core/store/ood_sets.h"

namespace ms::gui {
namespace {

QString text(const std::string& value) { return QString::fromStdString(value); }

QTreeWidgetItem* item(QTreeWidgetItem* parent, const QString& name, const QString& value = {}) {
  auto* node = new QTreeWidgetItem(parent, {name, value});
  return node;
}

// " [0.4512, 0.4821], n = 1000" for an OOD accuracy with its stored 95 % interval, else "".
QString interval_text(const std::map<std::string, double>& metrics) {
  auto low = metrics.find(store::kAccuracyLow), high = metrics.find(store::kAccuracyHigh);
  auto items = metrics.find(store::kEvaluatedItems);
  if (low == metrics.end() || high == metrics.end() || items == metrics.end()) return {};
  return QString(" [%1, %2], n = %3")
      .arg(low->second, 0, 'f', 4)
      .arg(high->second, 0, 'f', 4)
      .arg(static_cast<qlonglong>(items->second));
}

}  // namespace

ProjectPanel::ProjectPanel(QWidget* parent) : QTreeWidget(parent) {
  setColumnCount(2);
  setHeaderLabels({tr("Item"), tr("Value")});
  setAlternatingRowColors(true);
  connect(this, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem* current) {
    if (current && current->data(0, Qt::UserRole).isValid()) {
      selected_ = current->data(0, Qt::UserRole).toString();
      Q_EMIT checkpoint_selected(selected_);
    }
  });
}

void ProjectPanel::set_project(std::shared_ptr<const store::Project> project) {
  clear();
  auto* checkpoints = new QTreeWidgetItem(this, {tr("Checkpoints"), QString::number(project->checkpoints.size())});
  std::map<std::string, QTreeWidgetItem*> architectures;
  for (const auto& checkpoint : project->checkpoints) {
    auto*& group = architectures[checkpoint.architecture];
    if (!group) group = item(checkpoints, text(checkpoint.architecture));
    auto* node = item(group, text(checkpoint.id));
    node->setData(0, Qt::UserRole, text(checkpoint.id));
    node->setToolTip(0, text(checkpoint.path));
    for (const auto& [key, value] : checkpoint.hyper_parameters) item(node, text(key), text(value));
    for (const auto& evaluation : project->evaluations) {
      if (evaluation.checkpoint != checkpoint.id) continue;
      for (const char* metric : {"accuracy", "probe_accuracy"})
        if (auto it = evaluation.metrics.find(metric); it != evaluation.metrics.end())
          item(node, QString("%1 on %2").arg(metric, text(evaluation.dataset)),
               QString::number(it->second, 'f', 4) + interval_text(evaluation.metrics));
    }
  }
  for (auto& [name, group] : architectures) group->setText(1, QString::number(group->childCount()));
  auto* datasets = new QTreeWidgetItem(this, {tr("Datasets"), QString::number(project->datasets.size())});
  for (const auto& dataset : project->datasets) {
    QStringList what;
    if (!dataset.labels.empty()) what << QString("%1 items").arg(dataset.labels.size());  // none from a results table
    if (!dataset.shift.empty()) what << "shift " + text(dataset.shift);
    if (dataset.kind == store::kOodSetKind) what << "OOD set " + text(dataset.source);
    else if (dataset.labels.empty()) what << text(dataset.source);
    item(datasets, text(dataset.id), what.join(", "));
  }
  std::set<std::string> layers;
  for (const auto& entry : project->geometry) layers.insert(entry.layer);
  auto* layer_root = new QTreeWidgetItem(this, {tr("Layers analysed"), QString::number(layers.size())});
  for (const auto& layer : layers) item(layer_root, text(layer));
  expandToDepth(1);
  resizeColumnToContents(0);
  if (!selected_.isEmpty()) select_checkpoint(selected_);
}

void ProjectPanel::select_checkpoint(const QString& id) {
  selected_ = id;
  QTreeWidgetItemIterator it(this);
  for (; *it; ++it)
    if ((*it)->data(0, Qt::UserRole).toString() == id) break;
  const QSignalBlocker quiet(this);
  setCurrentItem(*it);  // nullptr (not found) clears the highlight
  if (*it) scrollToItem(*it);
}

int ProjectPanel::checkpoint_count() const {
  return topLevelItemCount() ? topLevelItem(0)->text(1).toInt() : 0;
}

}  // namespace ms::gui
