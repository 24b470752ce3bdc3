// `manifoldscope predict` through the real binary on the paper's released CIFAR-10 sweep: a quarter of the ResNet18
// rows lose their OOD linear-probe accuracy, the binary predicts them from the ID dimension, and the test checks the
// fit, the predictions and their intervals against least squares computed here from the CSV, the leave-one-out
// errors against brute-force refits, and that the true values mostly fall inside the 95 % intervals.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "core/stats/csv_table.h"
#include "core/stats/special_functions.h"
#include "tests/unit/cli/run_cli.h"

namespace ms {
namespace {

const std::string kSweep = std::string(MS_SOURCE_DIR) + "/resources/results/paper-cifar10/cifar10_sweep_markers.csv";

// The number after `"key": ` in `json` from position `from` on; NaN when absent.
double json_number(const std::string& json, const std::string& key, size_t from = 0) {
  const size_t at = json.find("\"" + key + "\": ", from);
  if (at == std::string::npos) return NAN;
  return std::strtod(json.c_str() + at + key.size() + 4, nullptr);
}

struct Line {
  double intercept = 0.0, slope = 0.0, s = 0.0, xbar = 0.0, sxx = 0.0;
};

// Simple least squares by its closed form.
Line fit_line(const std::vector<double>& x, const std::vector<double>& y) {
  const double n = static_cast<double>(x.size());
  Line line;
  double ybar = 0.0;
  for (size_t i = 0; i < x.size(); ++i) line.xbar += x[i] / n, ybar += y[i] / n;
  double sxy = 0.0, sse = 0.0;
  for (size_t i = 0; i < x.size(); ++i) {
    line.sxx += (x[i] - line.xbar) * (x[i] - line.xbar);
    sxy += (x[i] - line.xbar) * (y[i] - ybar);
  }
  line.slope = sxy / line.sxx;
  line.intercept = ybar - line.slope * line.xbar;
  for (size_t i = 0; i < x.size(); ++i) sse += std::pow(y[i] - line.intercept - line.slope * x[i], 2);
  line.s = std::sqrt(sse / (n - 2.0));
  return line;
}

// Leave-one-out RMSE by refitting without each row.
double brute_force_loo_rmse(const std::vector<double>& x, const std::vector<double>& y) {
  double squares = 0.0;
  for (size_t i = 0; i < x.size(); ++i) {
    std::vector<double> xi, yi;
    for (size_t k = 0; k < x.size(); ++k)
      if (k != i) xi.push_back(x[k]), yi.push_back(y[k]);
    const Line line = fit_line(xi, yi);
    squares += std::pow(y[i] - line.intercept - line.slope * x[i], 2);
  }
  return std::sqrt(squares / static_cast<double>(x.size()));
}

TEST(PredictCli, PaperResNet18HeldOutRowsFromTheIdDimension) {
  Result<stats::CsvTable> table = stats::read_csv_table(kSweep);
  ASSERT_TRUE(table.ok()) << table.error();
  const long arch = table->column_index("arch_name"), dim = table->column_index("dimension_id"),
             ood = table->column_index("acc_lp_ood"), acc = table->column_index("acc_test");
  // Blank every 4th ResNet18 row's OOD accuracy; remember the truth.
  std::vector<double> train_x, train_y, train_acc;
  std::vector<long> held_lines;
  std::vector<double> held_x, held_truth;
  stats::CsvTable blanked = *table;
  long resnet = 0;
  for (size_t i = 0; i < blanked.rows.size(); ++i) {
    auto& row = blanked.rows[i];
    if (row[arch] != "ResNet18") continue;
    if (resnet++ % 4 == 0) {
      held_lines.push_back(blanked.lines[i]);
      held_x.push_back(std::stod(row[dim]));
      held_truth.push_back(std::stod(row[ood]));
      row[ood] = "";
    } else {
      train_x.push_back(std::stod(row[dim]));
      train_y.push_back(std::stod(row[ood]));
      train_acc.push_back(std::stod(row[acc]));
    }
  }
  ASSERT_EQ(held_lines.size(), 12u);
  ASSERT_EQ(train_x.size(), 36u);
  const std::string copy = std::string(MS_TEST_OUTPUT_DIR) + "/predict_cli/cifar10_sweep_resnet18_blanked.csv";
  std::filesystem::create_directories(std::filesystem::path(copy).parent_path());
  {
    std::ofstream out(copy);
    for (size_t j = 0; j < blanked.header.size(); ++j) out << (j ? "," : "") << blanked.header[j];
    out << "\n";
    for (const auto& row : blanked.rows) {
      for (size_t j = 0; j < row.size(); ++j) out << (j ? "," : "") << row[j];
      out << "\n";
    }
  }

  const test::CliRun run = test::run_cli("predict '" + copy +
                                         "' --x dimension_id --y acc_lp_ood --baseline acc_test"
                                         " --where arch_name=ResNet18 --json");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const std::string& json = run.out;

  const Line line = fit_line(train_x, train_y);
  const size_t fit_at = json.find("\"fit\": {");
  ASSERT_NE(fit_at, std::string::npos) << json;
  EXPECT_NEAR(json_number(json, "dimension_id", fit_at), line.slope, 1e-9 * std::fabs(line.slope));
  EXPECT_NEAR(json_number(json, "intercept", fit_at), line.intercept, 1e-8);
  EXPECT_EQ(json_number(json, "n", fit_at), 36.0);
  const double marker_loo = brute_force_loo_rmse(train_x, train_y);
  const double baseline_loo = brute_force_loo_rmse(train_acc, train_y);
  EXPECT_NEAR(json_number(json, "loo_rmse", fit_at), marker_loo, 1e-9);
  const size_t baseline_at = json.find("\"baseline\": {");
  ASSERT_NE(baseline_at, std::string::npos) << json;
  EXPECT_NEAR(json_number(json, "loo_rmse", baseline_at), baseline_loo, 1e-9);
  // The paper's point, on held-out rows: the ID dimension predicts OOD accuracy better than ID accuracy does.
  EXPECT_LT(marker_loo, baseline_loo);
  std::cout << "ResNet18, 36 rows: LOO RMSE dimension_id " << marker_loo << ", acc_test " << baseline_loo << "\n";

  const double t = stats::student_t_critical(0.95, 34.0);
  long inside = 0, clipped = 0;
  double previous = INFINITY;
  for (size_t k = 0; k < held_lines.size(); ++k) {
    const size_t at = json.find("\"line\": " + std::to_string(held_lines[k]) + ",");
    ASSERT_NE(at, std::string::npos) << held_lines[k] << "\n" << json;
    const size_t object = json.rfind('{', at);
    const double value = json_number(json, "prediction", object), low = json_number(json, "low", object),
                 high = json_number(json, "high", object);
    const double expected = line.intercept + line.slope * held_x[k];
    const double half = t * line.s * std::sqrt(1.0 + 1.0 / 36.0 + std::pow(held_x[k] - line.xbar, 2) / line.sxx);
    EXPECT_NEAR(value, expected, 1e-8) << held_lines[k];
    // Accuracies in percent: the interval stops at 100 (the best ResNet18s reach past it otherwise).
    EXPECT_NEAR(high, std::min(expected + half, 100.0), 1e-8) << held_lines[k];
    EXPECT_NEAR(value - low, half, 1e-8) << held_lines[k];
    clipped += expected + half > 100.0;
    EXPECT_EQ(json.find("\"clipped\": true", object) < json.find('}', object), expected + half > 100.0);
    if (held_truth[k] >= low && held_truth[k] <= high) ++inside;
  }
  EXPECT_GE(inside, 10) << "of 12 true values inside their 95 % intervals";
  std::cout << inside << " of 12 held-out values inside their 95 % prediction intervals, " << clipped
            << " clipped at 100\n";
  EXPECT_GT(clipped, 0) << "the case the clipping is for";
  // Ranked highest first.
  for (size_t at = json.find("\"prediction\": "); at != std::string::npos; at = json.find("\"prediction\": ", at + 1)) {
    const double value = json_number(json, "prediction", at);
    EXPECT_LE(value, previous);
    previous = value;
  }
}

TEST(PredictCli, ErrorsNameTheGroupAndTheColumn) {
  const std::string small = std::string(MS_TEST_OUTPUT_DIR) + "/predict_cli/two_resnets.csv";
  std::filesystem::create_directories(std::filesystem::path(small).parent_path());
  std::ofstream(small) << "arch,dim,ood\nCNN,1,50\nCNN,2,52\nCNN,3,55\nResNet,4,60\nResNet,5,61\nResNet,6,\n";
  const test::CliRun few = test::run_cli("predict '" + small + "' --x dim --y ood --group arch");
  EXPECT_TRUE(test::refused_with(
      few, 1, "group 'ResNet': 2 rows with a target for 1 predictor(s) and the intercept; need at least 3"));
  const std::string sweep = "predict '" + kSweep + "'";
  EXPECT_TRUE(test::refused_with(test::run_cli(sweep + " --x dimensions --y acc_lp_ood"), 1, "no column 'dimensions'"));
  EXPECT_TRUE(test::refused_with(test::run_cli(sweep + " --x dimension_id"), 2, "--x and --y are required"));
}

// --level sets the coverage (the half width scales with the t quantile); an accuracy target far outside the
// measured markers is clipped to [0, 100] and marked; a level outside (0, 1) is refused.
TEST(PredictCli, LevelAndClippedAccuracies) {
  const std::string small = std::string(MS_TEST_OUTPUT_DIR) + "/predict_cli/percent.csv";
  std::filesystem::create_directories(std::filesystem::path(small).parent_path());
  std::ofstream(small) << "name,dim,ood\na,1,50\nb,2,61\nc,3,69\nd,4,80\ne,2.5,\nf,40,\n";
  const test::CliRun run = test::run_cli("predict '" + small + "' --x dim --y ood --level 0.9 --json");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  // Each predicted row is a JSON object with its keys in alphabetical order: read from its opening brace.
  const auto object_of = [&run](const std::string& id) {
    const size_t at = run.out.find("\"id\": \"" + id + "\"");
    return at == std::string::npos ? at : run.out.rfind('{', at);
  };
  const size_t e = object_of("e");
  ASSERT_NE(e, std::string::npos) << run.out;
  const std::vector<double> x{1, 2, 3, 4}, y{50, 61, 69, 80};
  const Line line = fit_line(x, y);
  const double half = stats::student_t_critical(0.9, 2.0) * line.s *
                      std::sqrt(1.0 + 0.25 + std::pow(2.5 - line.xbar, 2) / line.sxx);
  EXPECT_NEAR(json_number(run.out, "prediction", e), line.intercept + 2.5 * line.slope, 1e-9);
  EXPECT_NEAR(json_number(run.out, "high", e) - json_number(run.out, "prediction", e), half, 1e-9);
  EXPECT_NE(run.out.find("\"clipped\": false", e), std::string::npos) << run.out;
  const size_t f = object_of("f");
  ASSERT_NE(f, std::string::npos);
  EXPECT_EQ(json_number(run.out, "prediction", f), 100.0);
  EXPECT_EQ(json_number(run.out, "high", f), 100.0);
  EXPECT_NE(run.out.find("\"clipped\": true", f), std::string::npos) << run.out;

  const test::CliRun text = test::run_cli("predict '" + small + "' --x dim --y ood");
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_NE(text.out.find("* clipped to [0, 100]"), std::string::npos) << text.out;
  const test::CliRun bad = test::run_cli("predict '" + small + "' --x dim --y ood --level 95");
  EXPECT_TRUE(test::refused_with(bad, 2, "--level must be a number between 0 and 1"));
}

}  // namespace
}  // namespace ms
