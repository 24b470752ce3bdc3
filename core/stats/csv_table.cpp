#include "core/stats/csv_table.h"

#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <limits>
#include <set>
#include <sstream>

namespace ms::stats {

long CsvTable::column_index(const std::string& name) const {
  for (std::size_t j = 0; j < header.size(); ++j)
    if (header[j] == name) return static_cast<long>(j);
  return -1;
}

Result<CsvTable> read_csv_table(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return make_error(path + ": cannot open the file");
  std::ostringstream text;
  text << file.rdbuf();
  if (file.bad()) return make_error(path + ": read error");
  return parse_csv_table(text.str(), path);
}

Result<CsvTable> parse_csv_table(const std::string& text, const std::string& source) {
  CsvTable table;
  table.source = source;
  std::size_t pos = text.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0;
  long line = 1;
  bool have_header = false;
  while (pos < text.size()) {
    // One record: fields until an unquoted line end or the end of the text.
    const long record_line = line;
    std::vector<std::string> fields;
    std::string field;
    bool at_record_end = false;
    while (!at_record_end) {
      field.clear();
      if (pos < text.size() && text[pos] == '"') {
        const long quote_line = line;
        ++pos;
        while (true) {
          if (pos >= text.size())
            return make_error(source + ":" + std::to_string(quote_line) + ": unterminated quoted field");
          const char c = text[pos++];
          if (c == '"') {
            if (pos < text.size() && text[pos] == '"') {
              field += '"';
              ++pos;
            } else {
              break;
            }
          } else {
            if (c == '\n') ++line;
            field += c;
          }
        }
        if (pos < text.size() && text[pos] != ',' && text[pos] != '\n' && text[pos] != '\r')
          return make_error(source + ":" + std::to_string(line) + ": unexpected character after a closing quote");
      } else {
        while (pos < text.size() && text[pos] != ',' && text[pos] != '\n' && text[pos] != '\r') {
          if (text[pos] == '"')
            return make_error(source + ":" + std::to_string(line) + ": quote inside an unquoted field");
          field += text[pos++];
        }
      }
      fields.push_back(field);
      if (pos >= text.size()) {
        at_record_end = true;
      } else if (text[pos] == ',') {
        ++pos;
      } else {  // line end
        if (text[pos] == '\r') ++pos;
        if (pos < text.size() && text[pos] == '\n') ++pos;
        ++line;
        at_record_end = true;
      }
    }
    if (fields.size() == 1 && fields[0].empty()) continue;  // blank line
    if (!have_header) {
      std::set<std::string> seen;
      for (const std::string& name : fields) {
        if (name.empty()) return make_error(source + ":" + std::to_string(record_line) + ": empty column name in the header");
        if (!seen.insert(name).second)
          return make_error(source + ":" + std::to_string(record_line) + ": duplicate column '" + name + "' in the header");
      }
      table.header = std::move(fields);
      have_header = true;
      continue;
    }
    if (fields.size() != table.header.size())
      return make_error(source + ":" + std::to_string(record_line) + ": " + std::to_string(fields.size()) +
                        " fields, the header has " + std::to_string(table.header.size()));
    table.rows.push_back(std::move(fields));
    table.lines.push_back(record_line);
  }
  if (!have_header) return make_error(source + ": no header row (empty file)");
  return table;
}

Result<Eigen::VectorXd> numeric_column(const CsvTable& table, const std::string& name) {
  const long j = table.column_index(name);
  if (j < 0) return make_error(table.source + ": no column '" + name + "'");
  Eigen::VectorXd values(static_cast<long>(table.rows.size()));
  for (std::size_t i = 0; i < table.rows.size(); ++i) {
    const std::string& field = table.rows[i][static_cast<std::size_t>(j)];
    const char* begin = field.c_str();
    char* end = nullptr;
    errno = 0;
    const double value = std::strtod(begin, &end);
    // Allow surrounding spaces, nothing else.
    while (end && *end == ' ') ++end;
    const bool blank = field.find_first_not_of(' ') == std::string::npos;
    if (blank || end == begin || *end != '\0' || (errno == ERANGE && std::isinf(value)))
      return make_error(table.source + ":" + std::to_string(table.lines[i]) + ": column '" + name + "': '" + field +
                        "' is not a number");
    values(static_cast<long>(i)) = value;
  }
  return values;
}

Result<std::vector<std::string>> text_column(const CsvTable& table, const std::string& name) {
  const long j = table.column_index(name);
  if (j < 0) return make_error(table.source + ": no column '" + name + "'");
  std::vector<std::string> values;
  values.reserve(table.rows.size());
  for (const auto& row : table.rows) values.push_back(row[static_cast<std::size_t>(j)]);
  return values;
}

bool is_missing_field(const std::string& field) {
  const auto first = field.find_first_not_of(' ');
  if (first == std::string::npos) return true;
  std::string word = field.substr(first, field.find_last_not_of(' ') - first + 1);
  for (char& c : word) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return word == "nan" || word == "na" || word == "n/a" || word == "null" || word == "none";
}

std::optional<double> number_field(const std::string& field) {
  if (is_missing_field(field)) return std::numeric_limits<double>::quiet_NaN();
  const char* begin = field.c_str();
  char* end = nullptr;
  errno = 0;
  const double value = std::strtod(begin, &end);
  while (end && *end == ' ') ++end;
  if (end == begin || *end != '\0' || (errno == ERANGE && std::isinf(value))) return std::nullopt;
  return value;
}

}  // namespace ms::stats
