#include "app/gui/results_panel.h"

#include <QBrush>
#include <QColor>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

#include <cmath>
#include <map>

#include "app/gui/project_profile.h"
#include "core/store/marker_notes.h"
#include "core/store/results_table.h"
#include "views/figure_export.h"

namespace ms::gui {
namespace {

// One row's numbers by column name, read back from the table's text (an empty field is a missing value: NaN;
// text such as the checkpoint's name is left out).
std::map<std::string, double> row_values(const store::Table& table, size_t row) {
  std::map<std::string, double> values;
  for (size_t c = 0; c < table.columns.size(); ++c) {
    const QString text = QString::fromStdString(table.rows[row][c]);
    bool numeric = false;
    const double value = text.toDouble(&numeric);
    if (numeric || text.isEmpty()) values[table.columns[c]] = numeric ? value : std::nan("");  // not names
  }
  return values;
}

// A cell with something to say (store/marker_notes.h): the note as its tooltip, NaN written out, an amber ground.
void annotate(QTableWidgetItem* cell, const std::string& note) {
  if (note.empty()) return;
  cell->setToolTip(QString::fromStdString(note));
  cell->setBackground(QBrush(QColor(255, 224, 178)));
  if (cell->text().isEmpty()) cell->setText(QStringLiteral("NaN"));
}

}  // namespace

ResultsPanel::ResultsPanel(QWidget* parent) : ProjectTab(parent) {
  auto* layout = new QVBoxLayout(this);
  auto* bar = new QHBoxLayout;
  auto* save = new QPushButton(tr("Save Data…"));
  bar->addStretch(1);
  bar->addWidget(save);
  table_ = new QTableWidget;
  table_->setSortingEnabled(true);
  table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  layout->addLayout(bar);
  layout->addWidget(table_, 1);
  connect(save, &QPushButton::clicked, this, [this] {
    if (!project_) return;
    const QString path = views::ask_csv_path(this, tr("Save table"), "results");
    if (path.isEmpty()) return;
    report_saved(path, store::write_results_csv(*project_, geometry_dataset(*project_), path.toStdString()));
  });
}

void ResultsPanel::refresh() {
  const store::Table table = store::results_table(*project_, geometry_dataset(*project_));
  table_->setSortingEnabled(false);
  table_->clear();
  table_->setColumnCount(static_cast<int>(table.columns.size()));
  table_->setRowCount(static_cast<int>(table.rows.size()));
  QStringList headers;
  for (const auto& column : table.columns) headers << QString::fromStdString(column);
  table_->setHorizontalHeaderLabels(headers);
  for (int r = 0; r < static_cast<int>(table.rows.size()); ++r) {
    const std::map<std::string, double> values = row_values(table, static_cast<size_t>(r));
    for (int c = 0; c < static_cast<int>(table.columns.size()); ++c) {
      const QString value = QString::fromStdString(table.rows[r][c]);
      auto* cell = new QTableWidgetItem;
      bool numeric = false;
      const double number = value.toDouble(&numeric);
      if (numeric) cell->setData(Qt::DisplayRole, number);  // sorts as a number
      else cell->setText(value);
      annotate(cell, store::marker_note(values, table.columns[static_cast<size_t>(c)]));
      table_->setItem(r, c, cell);
    }
  }
  table_->setSortingEnabled(true);
  table_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
}

}  // namespace ms::gui
