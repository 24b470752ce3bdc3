#include "views/choice_list_dialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>
#include <algorithm>

namespace ms::views {

ChoiceListDialog::ChoiceListDialog(const ChoiceListQuestion& question, QWidget* parent) : QDialog(parent) {
  setWindowTitle(question.title);
  auto* layout = new QVBoxLayout(this);
  auto* label = new QLabel(question.label);
  label->setWordWrap(true);
  layout->addWidget(label);
  auto* table = new QTableWidget(static_cast<int>(question.items.size()), 3);
  table->setHorizontalHeaderLabels(question.headers.size() == 3 ? question.headers
                                                                  : QStringList{tr("Item"), tr("Detail"), tr("Choice")});
  table->verticalHeader()->hide();
  table->setEditTriggers(QAbstractItemView::NoEditTriggers);
  table->setSelectionMode(QAbstractItemView::NoSelection);
  for (int row = 0; row < question.items.size(); ++row) {
    table->setItem(row, 0, new QTableWidgetItem(question.items[row]));
    table->setItem(row, 1, new QTableWidgetItem(row < question.details.size() ? question.details[row] : QString()));
    auto* menu = new QComboBox;
    menu->addItems(question.choices);
    const int preselected = row < question.chosen.size() ? static_cast<int>(question.choices.indexOf(question.chosen[row])) : -1;
    menu->setCurrentIndex(std::max(preselected, 0));
    table->setCellWidget(row, 2, menu);
    menus_.push_back(menu);
  }
  table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  table->horizontalHeader()->setStretchLastSection(true);
  layout->addWidget(table, 1);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
  connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  layout->addWidget(buttons);
  resize(640, 560);
}

QStringList ChoiceListDialog::chosen() const {
  QStringList choices;
  for (const QComboBox* menu : menus_) choices << menu->currentText();
  return choices;
}

}  // namespace ms::views
