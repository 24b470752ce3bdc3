// A results table's column roles, asked once per kind of table. The roles chosen for a header are remembered
// (QSettings, keyed by the header's column names), so reopening a table with the same columns asks nothing; otherwise
// the guess (store/table_roles.h) is offered through views::ask_choices, each column with an example value, and the
// answer is remembered.
#pragma once

#include <QWidget>
#include <optional>
#include <string>
#include <vector>

#include "core/stats/csv_table.h"
#include "core/store/table_roles.h"
#include "views/user_questions.h"

namespace ms::gui {

// When the roles of a table are asked.
enum class RolesQuestion {
  when_new,  // the remembered roles; asked when the header was never seen
  always,    // asked, the remembered roles (or the guess) preselected
  never,     // the remembered roles, else the guess: for tables ManifoldScope wrote itself (the demo's study table)
};

// The roles for `table` as `question` says; std::nullopt when the question was cancelled.
std::optional<std::vector<store::ColumnRole>> table_roles(QWidget* parent, const stats::CsvTable& table,
                                                          RolesQuestion question);

// The question asked for `table`, with `offered` preselected (one role label per column, an example value each).
views::ChoiceListQuestion table_roles_question(const stats::CsvTable& table, const std::vector<store::ColumnRole>& offered);

// The roles remembered for a header, if any; and remembering them.
std::optional<std::vector<store::ColumnRole>> remembered_roles(const std::vector<std::string>& header);
void remember_roles(const std::vector<std::string>& header, const std::vector<store::ColumnRole>& roles);

}  // namespace ms::gui
