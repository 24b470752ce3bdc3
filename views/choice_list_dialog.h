// The dialog behind ask_choices (user_questions.h): a table of items, each with its detail and a menu of the same
// choices, OK and Cancel. Used for a results table's column roles.
#pragma once

#include <QDialog>
#include <QStringList>
#include <vector>

#include "views/user_questions.h"

class QComboBox;

namespace ms::views {

class ChoiceListDialog : public QDialog {
  Q_OBJECT
 public:
  explicit ChoiceListDialog(const ChoiceListQuestion& question, QWidget* parent = nullptr);

  // The choice of every item, in item order.
  QStringList chosen() const;
  // The menu of item `row` (for tests and scripting).
  QComboBox* menu(int row) const { return menus_.at(static_cast<size_t>(row)); }

 private:
  std::vector<QComboBox*> menus_;
};

}  // namespace ms::views
