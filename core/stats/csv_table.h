// A small CSV table reader for result tables (one header row, then one record per line).
//
// RFC 4180 fields: comma separated, optionally double-quoted; a quoted field may hold commas, line breaks and "" for
// a literal quote. LF or CRLF line ends, a UTF-8 byte-order mark and blank lines are accepted. Every record must have
// as many fields as the header. Errors name the file, the line and (for numbers) the column.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <Eigen/Core>

#include "core/common/result.h"

namespace ms::stats {

struct CsvTable {
  std::string source;                          // file path (or a name given to parse_csv_table), for messages
  std::vector<std::string> header;             // column names
  std::vector<std::vector<std::string>> rows;  // rows[i][j]: record i, column j (as written, quotes removed)
  std::vector<long> lines;                     // lines[i]: 1-based line where record i starts

  // Index of a column by exact name, or -1.
  long column_index(const std::string& name) const;
};

// Reads and parses a CSV file.
Result<CsvTable> read_csv_table(const std::string& path);

// Parses CSV text; `source` names it in error messages.
Result<CsvTable> parse_csv_table(const std::string& text, const std::string& source);

// The values of a column as numbers. Fails naming file, line and column for a missing column or a field that is not
// a complete decimal number (empty fields included).
Result<Eigen::VectorXd> numeric_column(const CsvTable& table, const std::string& name);

// The values of a column as text. Fails for a missing column.
Result<std::vector<std::string>> text_column(const CsvTable& table, const std::string& name);

// A field that stands for a missing value: empty or blank, or NaN, NA, N/A, null, None (any case).
bool is_missing_field(const std::string& field);

// A field as a number: NaN when missing (is_missing_field), nothing when it is not a complete decimal number.
std::optional<double> number_field(const std::string& field);

}  // namespace ms::stats
