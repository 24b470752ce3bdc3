#include "app/cli/table_arguments.h"

#include "app/cli/command_line.h"
#include "core/stats/correlate_table.h"

namespace ms::cli {

std::optional<stats::CsvTable> read_table_where(const QString& command, const QString& path, const QString& where,
                                                int* exit_code) {
  auto table = stats::read_csv_table(path.toStdString());
  if (table && !where.isEmpty()) {
    const qsizetype equals = where.indexOf('=');
    if (equals <= 0) {
      print_error(command + ": --where takes COL=VALUE, not '" + where + "'");
      *exit_code = 2;
      return std::nullopt;
    }
    table = stats::rows_where(*table, where.left(equals).toStdString(), where.mid(equals + 1).toStdString());
  }
  if (!table) {
    print_error(QString::fromStdString(table.error()));
    *exit_code = 1;
    return std::nullopt;
  }
  return std::move(table.value());
}

}  // namespace ms::cli
