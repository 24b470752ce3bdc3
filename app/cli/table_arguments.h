// Reading the CSV table of `correlate` and `predict`, with their shared `--where COL=VALUE` row filter.
#pragma once

#include <QString>

#include <optional>

#include "core/stats/csv_table.h"

namespace ms::cli {

// Reads `path` and, when `where` is not empty, keeps the rows where COL reads VALUE (stats::rows_where). On failure
// prints the error (prefixed by `command` for a malformed --where) and sets *exit_code (2: usage, 1: the table).
std::optional<stats::CsvTable> read_table_where(const QString& command, const QString& path, const QString& where,
                                                int* exit_code);

}  // namespace ms::cli
