// Correlation of two columns of a result table, per group (e.g. per architecture, as the paper reports):
// Pearson r, Spearman rho, Kendall tau-b with p-values, optionally the partial correlation controlling for a covariate
// column and seeded percentile bootstrap CIs of r and rho, and the pairwise model-selection score of x for y
// (model_selection.h: in how many pairs of the group the higher x goes with the higher y).
//
// Inputs:
//   table    a CSV table (csv_table.h)
//   options  column names (x, y; group and covariate optional), bootstrap resamples / level / seed
// Outputs:
//   one GroupCorrelation per group, in order of first appearance (a single group "all" without a group column).
//   Rows where x, y or the covariate is NaN ("nan" in the table) are left out; n counts the rows used.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/common/result.h"
#include "core/stats/bootstrap.h"
#include "core/stats/correlation.h"
#include "core/stats/csv_table.h"
#include "core/stats/model_selection.h"

namespace ms::stats {

struct CorrelateOptions {
  std::string x;
  std::string y;
  std::string group;      // empty: all rows form one group
  std::string covariate;  // empty: no partial correlation
  BootstrapOptions bootstrap{0, 0.95, 0};  // resamples = 0: no CIs
};

struct GroupCorrelation {
  std::string group;
  long n = 0;
  CorrelationResult pearson;
  CorrelationResult spearman;
  CorrelationResult kendall;
  std::optional<CorrelationResult> partial;        // with options.covariate
  std::optional<BootstrapInterval> pearson_ci;     // with options.bootstrap.resamples > 0
  std::optional<BootstrapInterval> spearman_ci;
  SelectionScore selection;  // x as the predictor of y, pairs within the group
};

Result<std::vector<GroupCorrelation>> correlate_table(const CsvTable& table, const CorrelateOptions& options);

// The rows whose `column` reads `value` exactly (e.g. one layer of a checkpoint x layer table). Errors: no such
// column; no row matches (naming the values there are).
Result<CsvTable> rows_where(const CsvTable& table, const std::string& column, const std::string& value);

}  // namespace ms::stats
