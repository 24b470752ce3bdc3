// The tidy table of an analysis: one row per (checkpoint, layer) on the ID dataset, hyper-parameters as columns,
// every marker, the ID evaluation, and per checkpoint the accuracy on each shifted set and the transfer probe.
#pragma once

#include <string>
#include <vector>

#include "core/common/result.h"
#include "core/store/project.h"

namespace ms::store {

struct Table {
  std::vector<std::string> columns;
  std::vector<std::vector<std::string>> rows;  // each columns.size() long; "" for a missing value
};

Table results_table(const Project& project, const std::string& id_dataset);

// Writes `table` as CSV (RFC 4180 quoting) atomically: a temp file renamed over `path`.
Status write_csv(const Table& table, const std::string& path);

inline Status write_results_csv(const Project& project, const std::string& id_dataset, const std::string& path) {
  return write_csv(results_table(project, id_dataset), path);
}

}  // namespace ms::store
