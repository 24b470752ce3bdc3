// The paper's heat map (published_correlations.csv, table id_markers_vs_ood_lp): Pearson r and p of every ID marker
// against the OOD linear-probe accuracy, per architecture, recomputed from the released sweep
// (cifar10_sweep_markers.csv). The released sweep is the AdamW sweep, so the AdamW rows are checked:
//   "ResNet18 (AdamW)" -> ResNet18, "DenseNet121 (AdamW)" -> DenseNet121, "MobileNet (AdamW)" -> MobileNet,
//   "VGG19 (AdamW)" -> VGG (48 checkpoints each), "EfficientNetB0 (AdamW)" -> EfficientNetB0.
// EfficientNetB0: the released file has 32 checkpoints, the published numbers come from 31 (solving the published
// (r, p) pairs for n gives n = 31 on all 18 rows); leaving out the checkpoint lr=0.001, wd=0.0001111, seed=1 — and
// only that one — reproduces all 18 published r. The test uses those 31.
//
// Tolerances. r: 1e-6 absolute, except where the CSV's own precision cannot support it: the released values carry 8
// significant digits, and the first-order worst case of that rounding on r (computed below from the data) exceeds
// 1e-6 for two EfficientNetB0 markers whose values barely vary (sparsity_id = 0.99977 +- 0.00015, mean_angle_id);
// there the bound is the tolerance. p: 1e-6 relative plus the propagation of the r difference: p depends on r with
// |d ln p / dr| up to ~400 for the strongest correlations (p ~ 1e-22), so the 8-digit rounding of the inputs and of
// the published r moves p by a few 1e-6 there. The counts of rows that meet the plain 1e-6 bounds are printed.
#include <cmath>
#include <cstdio>
#include <map>
#include <string>

#include <gtest/gtest.h>

#include "core/stats/correlation.h"
#include "core/stats/csv_table.h"

namespace ms::stats {
namespace {

// The released tables ship with the repository (resources/results/paper-cifar10/README.md names their source).
const std::string paper_dir = std::string(MS_SOURCE_DIR) + "/resources/results/paper-cifar10/";

// Half a unit in the 8th significant digit of v.
double rounding_half_unit(double v) {
  return v == 0.0 ? 0.0 : 0.5 * std::pow(10.0, std::floor(std::log10(std::fabs(v))) - 7.0);
}

// First-order worst case |dr| from perturbing every x_i, y_i by its rounding half unit:
// dr/dx_i = (zy_i - r zx_i) / (n sx) with population standardization.
double rounding_bound_on_r(const Eigen::VectorXd& x, const Eigen::VectorXd& y) {
  const double n = static_cast<double>(x.size());
  const Eigen::ArrayXd xc = x.array() - x.mean(), yc = y.array() - y.mean();
  const double sx = std::sqrt(xc.square().mean()), sy = std::sqrt(yc.square().mean());
  const Eigen::ArrayXd zx = xc / sx, zy = yc / sy;
  const double r = (zx * zy).mean();
  double bound = 0.0;
  for (long i = 0; i < x.size(); ++i)
    bound += std::fabs(zy(i) - r * zx(i)) / (n * sx) * rounding_half_unit(x(i)) +
             std::fabs(zx(i) - r * zy(i)) / (n * sy) * rounding_half_unit(y(i));
  return bound;
}

// |d ln p / dr| of the two-sided t-test p-value: dp/d|r| is twice the null density of r,
// (1-r^2)^((df-2)/2) / B(1/2, df/2).
double log_p_sensitivity(double r, double df, double p) {
  const double log_density = std::lgamma((df + 1) / 2) - std::lgamma(df / 2) - 0.5 * std::log(M_PI) +
                             (df - 2) / 2 * std::log1p(-r * r);
  return 2.0 * std::exp(log_density) / p;
}

struct Published {
  std::string arch;
  std::string property;
  double r, p;
};

TEST(PublishedCorrelations, SpecReferenceValue) {
  // Spec §8: dimension_id vs acc_lp_ood over the 48 ResNet18 rows: r = 0.899969, p = 3.36e-18.
  const Result<CsvTable> sweep = read_csv_table(paper_dir + "cifar10_sweep_markers.csv");
  ASSERT_TRUE(sweep.ok()) << sweep.error();
  const auto arch = text_column(*sweep, "arch_name");
  const auto x = numeric_column(*sweep, "dimension_id");
  const auto y = numeric_column(*sweep, "acc_lp_ood");
  ASSERT_TRUE(arch.ok() && x.ok() && y.ok());
  std::vector<double> xs, ys;
  for (std::size_t i = 0; i < arch->size(); ++i)
    if ((*arch)[i] == "ResNet18") {
      xs.push_back((*x)(static_cast<long>(i)));
      ys.push_back((*y)(static_cast<long>(i)));
    }
  ASSERT_EQ(xs.size(), 48u);
  const CorrelationResult result = pearson(Eigen::Map<Eigen::VectorXd>(xs.data(), 48),
                                           Eigen::Map<Eigen::VectorXd>(ys.data(), 48));
  EXPECT_NEAR(result.statistic, 0.899969, 5e-7);
  EXPECT_NEAR(result.p, 3.36e-18, 0.005e-18);
}

TEST(PublishedCorrelations, EveryAdamWRowOfTheHeatMap) {
  const Result<CsvTable> sweep = read_csv_table(paper_dir + "cifar10_sweep_markers.csv");
  ASSERT_TRUE(sweep.ok()) << sweep.error();
  const Result<CsvTable> published_table = read_csv_table(paper_dir + "published_correlations.csv");
  ASSERT_TRUE(published_table.ok()) << published_table.error();

  const std::map<std::string, std::string> arch_of = {{"ResNet18 (AdamW)", "ResNet18"},
                                                      {"DenseNet121 (AdamW)", "DenseNet121"},
                                                      {"MobileNet (AdamW)", "MobileNet"},
                                                      {"VGG19 (AdamW)", "VGG"},
                                                      {"EfficientNetB0 (AdamW)", "EfficientNetB0"}};
  const auto table = text_column(*published_table, "table");
  const auto arch = text_column(*published_table, "arch_name");
  const auto property = text_column(*published_table, "property");
  const auto r = numeric_column(*published_table, "r");
  const auto p = numeric_column(*published_table, "p");
  ASSERT_TRUE(table.ok() && arch.ok() && property.ok() && r.ok() && p.ok());
  std::vector<Published> rows;
  for (std::size_t i = 0; i < table->size(); ++i)
    if ((*table)[i] == "id_markers_vs_ood_lp" && arch_of.count((*arch)[i]))
      rows.push_back({(*arch)[i], (*property)[i], (*r)(static_cast<long>(i)), (*p)(static_cast<long>(i))});
  ASSERT_EQ(rows.size(), 90u);  // 5 architectures x 18 markers

  const auto sweep_arch = text_column(*sweep, "arch_name");
  const auto lr = text_column(*sweep, "lr");
  const auto wd = text_column(*sweep, "weight_decay");
  const auto seed = text_column(*sweep, "seed_train");
  const auto ood = numeric_column(*sweep, "acc_lp_ood");
  ASSERT_TRUE(sweep_arch.ok() && lr.ok() && wd.ok() && seed.ok() && ood.ok());

  int strict_r = 0, strict_p = 0;
  double worst_r = 0, worst_p = 0;
  for (const Published& row : rows) {
    const std::string name = arch_of.at(row.arch);
    const auto marker = numeric_column(*sweep, row.property);
    ASSERT_TRUE(marker.ok()) << marker.error();
    std::vector<double> xs, ys;
    for (std::size_t i = 0; i < sweep_arch->size(); ++i) {
      if ((*sweep_arch)[i] != name) continue;
      if (name == "EfficientNetB0" && (*lr)[i] == "0.001" && (*wd)[i] == "0.0001111" && (*seed)[i] == "1") continue;
      xs.push_back((*marker)(static_cast<long>(i)));
      ys.push_back((*ood)(static_cast<long>(i)));
    }
    const long n = static_cast<long>(xs.size());
    ASSERT_EQ(n, name == "EfficientNetB0" ? 31 : 48) << row.arch;
    const Eigen::VectorXd x = Eigen::Map<Eigen::VectorXd>(xs.data(), n), y = Eigen::Map<Eigen::VectorXd>(ys.data(), n);
    const CorrelationResult ours = pearson(x, y);

    const double dr = std::fabs(ours.statistic - row.r);
    const double tol_r = std::max(1e-6, rounding_bound_on_r(x, y));
    EXPECT_LE(dr, tol_r) << row.arch << " " << row.property;
    strict_r += dr <= 1e-6;
    worst_r = std::max(worst_r, dr);

    const double rel_p = std::fabs(ours.p - row.p) / row.p;
    const double sensitivity = log_p_sensitivity(ours.statistic, n - 2.0, ours.p);
    const double tol_p = 1e-6 + sensitivity * (dr + rounding_half_unit(row.r));
    EXPECT_LE(rel_p, tol_p) << row.arch << " " << row.property << " ours " << ours.p << " published " << row.p;
    strict_p += rel_p <= 1e-6;
    worst_p = std::max(worst_p, rel_p);
  }
  std::printf("published rows: %zu; |dr| <= 1e-6: %d (worst %.2g); |dp|/p <= 1e-6: %d (worst %.2g)\n", rows.size(),
              strict_r, worst_r, strict_p, worst_p);
  // All but EfficientNetB0 sparsity_id (|dr| = 3.7e-6, rounding bound 2.7e-5) meet 1e-6 in r.
  EXPECT_GE(strict_r, 89);
}

}  // namespace
}  // namespace ms::stats
