// The Model Selection tab: on the paper's released sweep opened as a results table (a quarter of the ResNet18 rows
// without their OOD probe accuracy) and on a project with checkpoints lacking an OOD evaluation, the table ranks
// every checkpoint by OOD value, the predictions match least squares computed here, and the leave-one-out errors
// of D_eff and of ID accuracy are shown. Also times the computation on the GUI thread.
#include <gtest/gtest.h>

#include <QSettings>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableWidget>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "app/gui/main_window.h"
#include "app/gui/model_selection_panel.h"
#include "core/stats/csv_table.h"
#include "core/stats/special_functions.h"
#include "tests/gui/gui_test_support.h"
#include "tests/gui/scripted_answers.h"

namespace ms {
namespace {

const std::string kPaperTable =
    std::string(MS_SOURCE_DIR) + "/resources/results/paper-cifar10/cifar10_sweep_markers.csv";

struct HeldOut {
  std::vector<double> train_x, train_y, held_x;
};

// Writes the paper table with every 4th ResNet18 row's acc_lp_ood blanked; returns the ResNet18 values.
HeldOut write_blanked_table(const std::string& path) {
  HeldOut values;
  Result<stats::CsvTable> table = stats::read_csv_table(kPaperTable);
  EXPECT_TRUE(table.ok());
  const long arch = table->column_index("arch_name"), dim = table->column_index("dimension_id"),
             ood = table->column_index("acc_lp_ood");
  std::filesystem::create_directories(std::filesystem::path(path).parent_path());
  std::ofstream out(path);
  for (size_t j = 0; j < table->header.size(); ++j) out << (j ? "," : "") << table->header[j];
  out << "\n";
  long resnet = 0;
  for (auto row : table->rows) {
    if (row[arch] == "ResNet18") {
      if (resnet++ % 4 == 0) {
        values.held_x.push_back(std::stod(row[dim]));
        row[ood] = "";
      } else {
        values.train_x.push_back(std::stod(row[dim]));
        values.train_y.push_back(std::stod(row[ood]));
      }
    }
    for (size_t j = 0; j < row.size(); ++j) out << (j ? "," : "") << row[j];
    out << "\n";
  }
  return values;
}

using test::open_in;

QString text_at(const QTableWidget* table, int row, int column) { return table->item(row, column)->text(); }

TEST(ModelSelection, PaperTablePredictsTheBlankedResNet18Rows) {
  QSettings().remove("results_tables");
  const std::string path = std::string(MS_TEST_OUTPUT_DIR) + "/model-selection/cifar10_sweep_resnet18_blanked.csv";
  const HeldOut values = write_blanked_table(path);
  ASSERT_EQ(values.held_x.size(), 12u);
  gui::MainWindow window;
  ASSERT_TRUE(test::show_exposed(window, 1500, 900));
  test::ScriptedAnswers answers;
  answers.then_accept_choices();
  ASSERT_TRUE(open_in(window, QString::fromStdString(path))) << window.log_text().toStdString();
  EXPECT_TRUE(answers.all_used());

  gui::ModelSelectionPanel* panel = window.model_selection_panel();
  window.tabs()->setCurrentWidget(panel);
  panel->select_marker("dimension");
  panel->select_target("acc_lp_ood");
  panel->select_baseline("id_accuracy");
  panel->select_per_architecture(true);
  panel->select_architecture("");
  // All 224 checkpoints, five fits: the time the GUI thread spends.
  const double all_ms = panel->last_compute_ms();
  std::printf("model selection, 224 checkpoints, 5 architecture fits: %.2f ms\n", all_ms);
  EXPECT_LT(all_ms, 50.0);
  ASSERT_EQ(panel->selection().groups.size(), 5u) << panel->summary().toStdString();
  EXPECT_EQ(panel->table()->rowCount(), 224);

  panel->select_architecture("ResNet18");
  const gui::ModelSelection& selection = panel->selection();
  ASSERT_EQ(selection.groups.size(), 1u) << panel->summary().toStdString();
  const stats::GroupPrediction& resnet = selection.groups[0];
  EXPECT_EQ(resnet.fit.n, 36);
  ASSERT_EQ(resnet.predicted.size(), 12u);
  ASSERT_TRUE(resnet.baseline.has_value());
  EXPECT_LT(resnet.fit.loo_rmse, resnet.baseline->loo_rmse) << "D_eff predicts OOD accuracy better than ID accuracy";
  std::printf("ResNet18 LOO RMSE: dimension %.4f, ID accuracy %.4f\n", resnet.fit.loo_rmse, resnet.baseline->loo_rmse);

  // Least squares here, by the closed form, for the predictions and their intervals.
  const double n = 36.0;
  double xbar = 0, ybar = 0, sxx = 0, sxy = 0, sse = 0;
  for (size_t i = 0; i < 36; ++i) xbar += values.train_x[i] / n, ybar += values.train_y[i] / n;
  for (size_t i = 0; i < 36; ++i)
    sxx += std::pow(values.train_x[i] - xbar, 2), sxy += (values.train_x[i] - xbar) * (values.train_y[i] - ybar);
  const double slope = sxy / sxx, intercept = ybar - slope * xbar;
  for (size_t i = 0; i < 36; ++i) sse += std::pow(values.train_y[i] - intercept - slope * values.train_x[i], 2);
  const double t = stats::student_t_critical(0.95, 34.0), s = std::sqrt(sse / 34.0);
  std::vector<std::pair<double, double>> expected;  // (prediction, half width), highest first
  for (double x : values.held_x)
    expected.emplace_back(intercept + slope * x, t * s * std::sqrt(1.0 + 1.0 / n + std::pow(x - xbar, 2) / sxx));
  std::sort(expected.rbegin(), expected.rend());

  QTableWidget* table = panel->table();
  ASSERT_EQ(table->rowCount(), 48);
  double previous = INFINITY;
  size_t predicted = 0;
  for (int r = 0; r < table->rowCount(); ++r) {
    const gui::RankedCheckpoint& row = selection.ranked[static_cast<size_t>(r)];
    EXPECT_EQ(text_at(table, r, 0), QString::number(r + 1));
    EXPECT_EQ(text_at(table, r, 2), "ResNet18");
    EXPECT_TRUE(text_at(table, r, 1).startsWith("ResNet18 lr=")) << text_at(table, r, 1).toStdString();
    EXPECT_LE(row.value, previous) << "ranked by OOD value";
    previous = row.value;
    EXPECT_EQ(text_at(table, r, 3), QString::number(row.value, 'f', 3));
    if (row.measured) {
      EXPECT_EQ(text_at(table, r, 5), "measured");
      EXPECT_TRUE(text_at(table, r, 4).isEmpty());
      continue;
    }
    EXPECT_EQ(text_at(table, r, 5), "predicted");
    ASSERT_LT(predicted, expected.size());
    EXPECT_NEAR(row.value, expected[predicted].first, 1e-9);
    // The accuracies are percentages: an interval reaching past 100 stops there, marked *.
    const double high = expected[predicted].first + expected[predicted].second;
    EXPECT_NEAR(row.high, std::min(high, 100.0), 1e-9);
    EXPECT_NEAR(row.value - row.low, expected[predicted].second, 1e-9);
    EXPECT_EQ(row.clipped, high > 100.0);
    EXPECT_EQ(text_at(table, r, 4), QString("[%1, %2]%3")
                                        .arg(row.low, 0, 'f', 3)
                                        .arg(row.high, 0, 'f', 3)
                                        .arg(row.clipped ? " *" : ""));
    ++predicted;
  }
  EXPECT_EQ(predicted, 12u);
  EXPECT_TRUE(panel->summary().contains("ResNet18")) << panel->summary().toStdString();
  EXPECT_TRUE(panel->summary().contains(QString::number(resnet.baseline->loo_rmse, 'f', 4)));
  QTest::qWait(100);
  test::save_screenshot(window.grab().toImage(), "model_selection_paper_resnet18");
  test::save_screenshot(panel->grab(QRect(0, 0, panel->width(), panel->height() * 2 / 3)).toImage(),
                        "model_selection_panel");

  // A 90 % interval: the same predictions, narrower by the ratio of the t quantiles; Save Data writes the ranking.
  panel->select_level(0.9);
  const double t90 = stats::student_t_critical(0.90, 34.0);
  EXPECT_EQ(panel->table()->horizontalHeaderItem(4)->text(), "90 % interval");
  size_t checked = 0;
  for (const gui::RankedCheckpoint& row : panel->selection().ranked) {
    if (row.measured) continue;
    ASSERT_LT(checked, expected.size());
    EXPECT_NEAR(row.value, expected[checked].first, 1e-9);
    EXPECT_NEAR(row.value - row.low, expected[checked].second * t90 / t, 1e-9);
    ++checked;
  }
  EXPECT_EQ(checked, 12u);
  const std::string csv = std::string(MS_TEST_OUTPUT_DIR) + "/model-selection/resnet18_ranked.csv";
  std::filesystem::remove(csv);
  answers.then_file(QString::fromStdString(csv));
  panel->save_data();
  EXPECT_TRUE(answers.all_used());
  Result<stats::CsvTable> saved = stats::read_csv_table(csv);
  ASSERT_TRUE(saved.ok()) << saved.error();
  EXPECT_EQ(saved->header, (std::vector<std::string>{"rank", "checkpoint", "architecture", "acc_lp_ood", "low", "high",
                                                     "level", "clipped", "source", "loo_prediction_from_dimension"}));
  ASSERT_EQ(saved->rows.size(), 48u);
  for (size_t r = 0; r < 48; ++r) {
    const gui::RankedCheckpoint& row = panel->selection().ranked[r];
    EXPECT_EQ(saved->rows[r][1], row.checkpoint);
    EXPECT_DOUBLE_EQ(std::stod(saved->rows[r][3]), row.value);
    EXPECT_EQ(saved->rows[r][8], row.measured ? "measured" : "predicted");
    if (!row.measured) {
      EXPECT_DOUBLE_EQ(std::stod(saved->rows[r][5]), row.high);
      EXPECT_EQ(saved->rows[r][6], "0.9");
    }
  }
  panel->select_level(0.95);

  // A second marker: the fit on D_eff and Psi_eff together.
  panel->select_second_marker("utility");
  ASSERT_EQ(panel->selection().groups.size(), 1u) << panel->summary().toStdString();
  EXPECT_EQ(panel->selection().groups[0].fit.coefficients.size(), 3);
}

// A project whose last two checkpoints have no fog evaluation: they are predicted from the ones that have it.
TEST(ModelSelection, ProjectCheckpointsWithoutTheOodSetArePredicted) {
  const std::string id_set = "toy:test";
  store::Project project;
  project.datasets.push_back({id_set, "idx", "", "", 0, {}, {}});
  std::vector<double> x, y;
  for (int k = 0; k < 10; ++k) {
    const std::string id = "net-" + std::to_string(k);
    store::CheckpointEntry checkpoint;
    checkpoint.id = id;
    checkpoint.architecture = "net";
    project.checkpoints.push_back(checkpoint);
    const double dimension = 2.0 + 0.5 * k + 0.1 * std::sin(k);
    store::GeometryEntry entry{id, id_set, "fc", {}, {}, {}};
    entry.markers = {{"dimension", dimension}, {"layer_index", 0}};
    project.geometry.push_back(entry);
    project.evaluations.push_back({id, id_set, {{"accuracy", 0.9 + 0.003 * ((k * 3) % 5)}}});
    if (k >= 8) continue;
    const double fog = 0.2 + 0.05 * dimension + 0.01 * std::cos(2.0 * k);
    project.evaluations.push_back({id, id_set + "+fog:3", {{"accuracy", fog}}});
    x.push_back(dimension);
    y.push_back(fog);
  }
  gui::ModelSelectionPanel panel;
  panel.resize(900, 600);
  panel.set_project(std::make_shared<const store::Project>(project));
  panel.select_marker("dimension");
  panel.select_target("acc_fog:3");
  ASSERT_EQ(panel.selection().groups.size(), 1u) << panel.summary().toStdString();
  EXPECT_EQ(panel.selection().groups[0].fit.n, 8);
  QTableWidget* table = panel.table();
  ASSERT_EQ(table->rowCount(), 10);
  EXPECT_EQ(text_at(table, 0, 1), "net-9") << "the highest D_eff, predicted highest";
  EXPECT_EQ(text_at(table, 0, 5), "predicted");
  EXPECT_EQ(text_at(table, 1, 1), "net-8");
  // Closed-form slope through the eight measured checkpoints.
  double xbar = 0, ybar = 0, sxx = 0, sxy = 0;
  for (size_t i = 0; i < 8; ++i) xbar += x[i] / 8, ybar += y[i] / 8;
  for (size_t i = 0; i < 8; ++i) sxx += std::pow(x[i] - xbar, 2), sxy += (x[i] - xbar) * (y[i] - ybar);
  const double dimension9 = 2.0 + 4.5 + 0.1 * std::sin(9);
  EXPECT_NEAR(panel.selection().ranked[0].value, ybar + sxy / sxx * (dimension9 - xbar), 1e-12);
  for (int r = 2; r < 10; ++r) EXPECT_EQ(text_at(table, r, 5), "measured");
  // ID accuracy as a second predictor (and no baseline): a fit on both.
  panel.select_second_marker("id_accuracy");
  panel.select_baseline("");
  ASSERT_EQ(panel.selection().groups.size(), 1u) << panel.summary().toStdString();
  EXPECT_EQ(panel.selection().groups[0].fit.coefficients.size(), 3);
  EXPECT_FALSE(panel.selection().groups[0].baseline.has_value());
}

}  // namespace
}  // namespace ms
