// `manifoldscope correlate` through the real binary on the paper's released CIFAR-10 sweep: the published Pearson r of
// ResNet18's ID dimension against OOD linear-probe accuracy (spec glue.md §8), the pairwise model-selection score
// counted here independently from the CSV, and the --where row filter with its errors.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <string>

#include "core/stats/csv_table.h"
#include "tests/unit/cli/run_cli.h"

namespace ms {
namespace {

const std::string kSweep = std::string(MS_SOURCE_DIR) + "/resources/results/paper-cifar10/cifar10_sweep_markers.csv";

// The number after `"key": ` following the first occurrence of `after` in the printed JSON; NaN when absent.
double json_number(const std::string& json, const std::string& key, const std::string& after = "") {
  const size_t from = after.empty() ? 0 : json.find("\"" + after + "\"");
  if (from == std::string::npos) return NAN;
  const size_t at = json.find("\"" + key + "\": ", from);
  if (at == std::string::npos) return NAN;
  return std::strtod(json.c_str() + at + key.size() + 4, nullptr);
}

TEST(CorrelateCli, PublishedResNet18CorrelationAndItsSelectionScore) {
  const test::CliRun run = test::run_cli("correlate '" + kSweep +
                                         "' --x dimension_id --y acc_lp_ood --where arch_name=ResNet18 --json");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NEAR(json_number(run.out, "r", "pearson"), 0.899969, 1e-6) << run.out;
  EXPECT_EQ(json_number(run.out, "n"), 48.0);

  // Count the pairs here: of two ResNet18 rows with different OOD accuracy, is the one with the higher dimension the
  // one with the higher OOD accuracy?
  Result<stats::CsvTable> table = stats::read_csv_table(kSweep);
  ASSERT_TRUE(table.ok()) << table.error();
  const long arch = table->column_index("arch_name"), x = table->column_index("dimension_id"),
             y = table->column_index("acc_lp_ood");
  std::vector<std::pair<double, double>> rows;
  for (const auto& row : table->rows)
    if (row[arch] == "ResNet18") rows.emplace_back(std::stod(row[x]), std::stod(row[y]));
  ASSERT_EQ(rows.size(), 48u);
  long pairs = 0, right = 0;
  for (size_t i = 0; i < rows.size(); ++i)
    for (size_t j = i + 1; j < rows.size(); ++j) {
      if (rows[i].second == rows[j].second) continue;
      ++pairs;
      const bool higher_x = rows[i].first > rows[j].first, higher_y = rows[i].second > rows[j].second;
      if (rows[i].first != rows[j].first && higher_x == higher_y) ++right;
    }
  EXPECT_EQ(json_number(run.out, "pairs", "selection"), static_cast<double>(pairs));
  EXPECT_EQ(json_number(run.out, "correct", "selection"), static_cast<double>(right));
  EXPECT_NEAR(json_number(run.out, "score", "selection"), double(right) / double(pairs), 1e-12);
  EXPECT_GT(double(right) / double(pairs), 0.8);  // r = 0.90: most pairs are ranked right
}

TEST(CorrelateCli, WhereNamesWhatIsThereWhenNothingMatches) {
  const std::string where = "correlate '" + kSweep + "' --x dimension_id --y acc_lp_ood --where ";
  EXPECT_TRUE(test::refused_with(
      test::run_cli(where + "arch_name=ResNet50"), 1,
      "no row has arch_name = 'ResNet50' (there: DenseNet121, EfficientNetB0, MobileNet, ResNet18, VGG)"));
  EXPECT_TRUE(test::refused_with(test::run_cli(where + "layer=fc1"), 1, "no column 'layer'"));
  EXPECT_TRUE(test::refused_with(test::run_cli(where + "ResNet18"), 2, "--where takes COL=VALUE"));
}

}  // namespace
}  // namespace ms
