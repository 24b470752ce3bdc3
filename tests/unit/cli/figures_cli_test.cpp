// `manifoldscope figures` through the real binary (the suite runs under xvfb-run, so there is a display) on the
// paper's released CIFAR-10 sweep: every figure of the pack in every format, the scatter's CSV holding the table's
// own columns, index.md's r equal to Pearson's r computed here; and the clear errors without a display and for a
// marker the results do not have.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "core/stats/csv_table.h"
#include "tests/unit/cli/run_cli.h"

namespace ms {
namespace {

namespace fs = std::filesystem;

const std::string kSweep = std::string(MS_SOURCE_DIR) + "/resources/results/paper-cifar10/cifar10_sweep_markers.csv";

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

double pearson(const std::vector<double>& x, const std::vector<double>& y) {
  const double n = static_cast<double>(x.size());
  double mx = 0, my = 0, sxx = 0, syy = 0, sxy = 0;
  for (size_t i = 0; i < x.size(); ++i) mx += x[i] / n, my += y[i] / n;
  for (size_t i = 0; i < x.size(); ++i)
    sxx += (x[i] - mx) * (x[i] - mx), syy += (y[i] - my) * (y[i] - my), sxy += (x[i] - mx) * (y[i] - my);
  return sxy / std::sqrt(sxx * syy);
}

std::vector<double> column(const stats::CsvTable& table, const std::string& name) {
  std::vector<double> values;
  const long j = table.column_index(name);
  for (const auto& row : table.rows) values.push_back(std::stod(row[static_cast<size_t>(j)]));
  return values;
}

TEST(FiguresCli, PaperSweepPackWithCsvsAndIndex) {
  const fs::path out = fs::path(MS_TEST_OUTPUT_DIR) / "figures_cli" / "paper";
  fs::remove_all(out);
  const test::CliRun run = test::run_cli("figures '" + kSweep + "' --out '" + out.string() +
                                         "' --targets acc_lp_ood --markers dimension,id_accuracy --formats png,svg,pdf");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("written to"), std::string::npos) << run.out;
  EXPECT_NE(run.err.find("[4/4] id_accuracy_vs_acc_lp_ood"), std::string::npos) << run.err;
  for (const std::string stem : {"correlation_heatmap", "correlation_heatmap_by_architecture_acc_lp_ood",
                                 "dimension_vs_acc_lp_ood", "id_accuracy_vs_acc_lp_ood"}) {
    for (const std::string extension : {".png", ".svg", ".pdf", ".csv"})
      EXPECT_GT(fs::exists(out / (stem + extension)) ? fs::file_size(out / (stem + extension)) : 0u, 500u)
          << stem + extension;
    EXPECT_EQ(read_file(out / (stem + ".pdf")).rfind("%PDF", 0), 0u) << stem;
    EXPECT_NE(read_file(out / (stem + ".svg")).find("<text"), std::string::npos) << stem << ": text as text";
  }
  // PNG at scale 2 of the 900 x 650 scatter: the width and height in the IHDR chunk.
  const std::string png = read_file(out / "dimension_vs_acc_lp_ood.png");
  ASSERT_GT(png.size(), 24u);
  const auto be32 = [&png](size_t at) {
    return (static_cast<unsigned char>(png[at]) << 24) | (static_cast<unsigned char>(png[at + 1]) << 16) |
           (static_cast<unsigned char>(png[at + 2]) << 8) | static_cast<unsigned char>(png[at + 3]);
  };
  EXPECT_EQ(be32(16), 1800);
  EXPECT_EQ(be32(20), 1300);

  // The scatter's numbers are the table's columns; index.md's r is theirs.
  Result<stats::CsvTable> sweep = stats::read_csv_table(kSweep);
  ASSERT_TRUE(sweep.ok()) << sweep.error();
  const std::vector<double> x = column(*sweep, "dimension_id"), y = column(*sweep, "acc_lp_ood");
  Result<stats::CsvTable> points = stats::read_csv_table((out / "dimension_vs_acc_lp_ood.csv").string());
  ASSERT_TRUE(points.ok()) << points.error();
  ASSERT_EQ(points->rows.size(), x.size());
  const std::vector<double> px = column(*points, "x"), py = column(*points, "y");
  for (size_t i = 0; i < x.size(); ++i) {
    EXPECT_DOUBLE_EQ(px[i], x[i]);
    EXPECT_DOUBLE_EQ(py[i], y[i]);
  }
  const std::string index = read_file(out / "index.md");
  const size_t section = index.find("## dimension_vs_acc_lp_ood");
  ASSERT_NE(section, std::string::npos) << index;
  const size_t at = index.find("Pearson r = ", section);
  ASSERT_NE(at, std::string::npos) << index;
  EXPECT_NEAR(std::strtod(index.c_str() + at + 12, nullptr), pearson(x, y), 0.0005);
  EXPECT_NE(index.find("n = 224", section), std::string::npos) << index;
  EXPECT_NE(index.find("coloured by architecture", section), std::string::npos);
}

TEST(FiguresCli, ClearErrors) {
  const std::string out = std::string(MS_TEST_OUTPUT_DIR) + "/figures_cli/errors";
  const test::CliRun headless =
      test::run_cli("figures '" + kSweep + "' --out '" + out + "'", {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"});
  EXPECT_EQ(headless.exit_code, 2);
  EXPECT_NE(headless.err.find("needs a display"), std::string::npos) << headless.err;
  EXPECT_NE(headless.err.find("xvfb-run -a manifoldscope figures"), std::string::npos) << headless.err;
  const test::CliRun marker = test::run_cli("figures '" + kSweep + "' --out '" + out + "' --markers dimensions");
  EXPECT_EQ(marker.exit_code, 1);
  EXPECT_NE(marker.err.find("no marker 'dimensions' in these results; they have: dimension, utility"),
            std::string::npos)
      << marker.err;
  const test::CliRun missing = test::run_cli("figures '" + out + "/none.csv' --out '" + out + "'");
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.err.find("none.csv"), std::string::npos) << missing.err;
}

}  // namespace
}  // namespace ms
