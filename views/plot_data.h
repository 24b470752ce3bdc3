// The plain inputs of the marker-versus-OOD views: numbers and names only (no store, no Qt), so the app fills them
// from a project and tests make them up.
//
// ScatterData   n points: x = an ID marker, y = an OOD metric, one per checkpoint, with a name and a colour group,
//               optionally y's interval; the correlation numbers shown in the view's text box (computed by the
//               caller, core/stats).
// HeatmapData   R by C cells of Pearson r with p, n and significance stars; rows = markers, columns = OOD targets
//               or architectures.
#pragma once

#include <Eigen/Core>
#include <limits>
#include <string>
#include <vector>

namespace ms::views {

// What the scatter's text box reports; NaN where undefined (n < 3, a constant side, no bootstrap).
struct ScatterStatistics {
  long n = 0;
  double pearson_r = std::numeric_limits<double>::quiet_NaN();
  double pearson_p = std::numeric_limits<double>::quiet_NaN();
  double spearman_rho = std::numeric_limits<double>::quiet_NaN();
  double spearman_p = std::numeric_limits<double>::quiet_NaN();
  double ci_low = std::numeric_limits<double>::quiet_NaN();   // bootstrap CI of r
  double ci_high = std::numeric_limits<double>::quiet_NaN();
  double ci_level = 0.95;
};

struct ScatterData {
  std::string x_title;       // e.g. "dimension (penultimate)"
  std::string y_title;       // e.g. "mean OOD accuracy"
  std::string colour_title;  // what the groups are, e.g. "lr"; empty: one colour, no group legend
  std::vector<double> x;     // n values, finite
  std::vector<double> y;     // n values, finite
  std::vector<std::string> labels;  // n point names (checkpoint ids)
  std::vector<std::string> groups;  // n group values as text, or empty (no grouping)
  // The 95 % interval of each y (an OOD accuracy's Wilson interval) and the items it stands on: empty when the y
  // values have none, else n values each (NaN bounds and 0 items for a point without one).
  std::vector<double> y_low, y_high;
  std::vector<long> y_items;
  ScatterStatistics statistics;
  long missing = 0;  // checkpoints left out for a missing x or y (said in the text box)
};

struct HeatmapData {
  std::string title;                 // above the cells, e.g. "Pearson r, penultimate layer, all architectures"
  std::vector<std::string> rows;     // R row labels (markers)
  std::vector<std::string> columns;  // C column labels (OOD targets or architectures)
  Eigen::MatrixXd r;                 // R by C Pearson r; NaN = not computable (drawn grey)
  Eigen::MatrixXd p;                 // R by C two-sided p
  Eigen::MatrixXi n;                 // R by C pairs used
  std::vector<std::vector<std::string>> stars;  // R lists of C stars ("", "*", ... "****")
};

}  // namespace ms::views
