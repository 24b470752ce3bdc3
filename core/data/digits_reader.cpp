#include "core/data/digits_reader.h"

#include <zlib.h>

#include <cstdlib>
#include <sstream>

#include "core/data/label_checks.h"

namespace ms::data {

Result<Dataset> read_digits_csv(const std::string& path) {
  gzFile file = gzopen(path.c_str(), "rb");
  if (!file) return make_error(path + ": cannot open");
  std::string text;
  char buffer[1 << 16];
  for (int got; (got = gzread(file, buffer, sizeof buffer)) > 0;) text.append(buffer, got);
  gzclose(file);

  Dataset dataset;
  dataset.name = "uci-digits";
  dataset.source = path;
  dataset.element_type = "uint8";
  dataset.item_shape = {1, 8, 8};
  std::vector<float> raw_labels;
  std::istringstream lines(text);
  int line_number = 0;
  for (std::string line; std::getline(lines, line);) {
    ++line_number;
    if (line.empty()) continue;
    std::vector<float> fields;
    std::istringstream cells(line);
    for (std::string cell; std::getline(cells, cell, ',');) {
      char* end = nullptr;
      float value = std::strtof(cell.c_str(), &end);
      if (end == cell.c_str()) return make_error(path + ": line " + std::to_string(line_number) + ": not a number");
      fields.push_back(value);
    }
    if (fields.size() != 65)
      return make_error(path + ": line " + std::to_string(line_number) + " has " + std::to_string(fields.size()) +
                        " fields, expected 65 (64 pixels + label)");
    dataset.values.insert(dataset.values.end(), fields.begin(), fields.end() - 1);
    raw_labels.push_back(fields.back());
  }
  if (raw_labels.empty()) return make_error(path + ": no rows");
  auto checked = check_labels(raw_labels, path, numbered_class_names(10));
  if (!checked) return make_error(checked.error());
  dataset.labels = std::move(checked->labels);
  dataset.class_names = std::move(checked->class_names);
  return dataset;
}

}  // namespace ms::data
