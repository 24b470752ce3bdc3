#include "core/stats/correlate_table.h"

#include <cmath>
#include <map>
#include <set>

#include "core/stats/partial_correlation.h"

namespace ms::stats {

namespace {

Eigen::VectorXd take(const Eigen::VectorXd& v, const std::vector<long>& rows) {
  Eigen::VectorXd out(static_cast<long>(rows.size()));
  for (std::size_t i = 0; i < rows.size(); ++i) out(static_cast<long>(i)) = v(rows[i]);
  return out;
}

double spearman_rho(const Eigen::Ref<const Eigen::VectorXd>& x, const Eigen::Ref<const Eigen::VectorXd>& y) {
  return pearson_r(average_ranks(x), average_ranks(y));
}

}  // namespace

Result<std::vector<GroupCorrelation>> correlate_table(const CsvTable& table, const CorrelateOptions& options) {
  auto x = numeric_column(table, options.x);
  if (!x) return make_error(x.error());
  auto y = numeric_column(table, options.y);
  if (!y) return make_error(y.error());
  std::optional<Eigen::VectorXd> z;
  if (!options.covariate.empty()) {
    auto column = numeric_column(table, options.covariate);
    if (!column) return make_error(column.error());
    z = std::move(column.value());
  }
  std::vector<std::string> labels(table.rows.size(), "all");
  if (!options.group.empty()) {
    auto column = text_column(table, options.group);
    if (!column) return make_error(column.error());
    labels = std::move(column.value());
  }
  // Groups in order of first appearance.
  std::vector<std::string> order;
  std::map<std::string, std::vector<long>> members;
  for (std::size_t i = 0; i < labels.size(); ++i) {
    // Missing values ("nan" in the table) drop the row from this correlation only.
    const long row = static_cast<long>(i);
    if (std::isnan((*x)(row)) || std::isnan((*y)(row)) || (z && std::isnan((*z)(row)))) continue;
    auto [it, inserted] = members.try_emplace(labels[i]);
    if (inserted) order.push_back(labels[i]);
    it->second.push_back(static_cast<long>(i));
  }
  std::vector<GroupCorrelation> results;
  for (const std::string& name : order) {
    const std::vector<long>& rows = members[name];
    const Eigen::VectorXd gx = take(*x, rows), gy = take(*y, rows);
    GroupCorrelation g;
    g.group = name;
    g.n = gx.size();
    g.pearson = pearson(gx, gy);
    g.spearman = spearman(gx, gy);
    g.kendall = kendall(gx, gy);
    g.selection = score_predictor_selection(gx, gy);
    if (z) g.partial = partial_correlation(gx, gy, take(*z, rows));
    if (options.bootstrap.resamples > 0) {
      g.pearson_ci = bootstrap_interval(gx, gy, pearson_r, options.bootstrap);
      g.spearman_ci = bootstrap_interval(gx, gy, spearman_rho, options.bootstrap);
    }
    results.push_back(std::move(g));
  }
  return results;
}

Result<CsvTable> rows_where(const CsvTable& table, const std::string& column, const std::string& value) {
  const long index = table.column_index(column);
  if (index < 0) return make_error(table.source + ": no column '" + column + "'");
  CsvTable chosen = table;
  chosen.rows.clear();
  chosen.lines.clear();
  std::set<std::string> seen;
  for (size_t i = 0; i < table.rows.size(); ++i) {
    const std::string& field = table.rows[i][static_cast<size_t>(index)];
    seen.insert(field);
    if (field != value) continue;
    chosen.rows.push_back(table.rows[i]);
    chosen.lines.push_back(table.lines[i]);
  }
  if (!chosen.rows.empty()) return chosen;
  std::string listed;
  for (const std::string& name : seen) {
    if (listed.size() > 200) {
      listed += ", ...";
      break;
    }
    listed += (listed.empty() ? "" : ", ") + name;
  }
  return make_error(table.source + ": no row has " + column + " = '" + value + "' (there: " + listed + ")");
}

}  // namespace ms::stats
