// A user's OOD set (`analyze --ood-set NAME=SPEC`) in the window: a target of the Marker-vs-OOD scatter (with the
// accuracies' 95 % intervals as error bars and in the hover text), a column of the heat map and of the results
// table, exactly like a built-in shift; and the Analyze dialog's two fields for it.
#include <gtest/gtest.h>

#include <QComboBox>
#include <QCoreApplication>
#include <QDir>
#include <QDialogButtonBox>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableWidget>
#include <QTest>
#include <vtkPlotLine.h>
#include <vtkTable.h>

#include <algorithm>

#include "app/gui/heatmap_panel.h"
#include "app/gui/main_window.h"
#include "app/gui/ood_correlation.h"
#include "app/gui/ood_panel.h"
#include "app/gui/results_panel.h"
#include "core/store/ood_sets.h"
#include "core/store/project_file.h"
#include "tests/gui/gui_test_support.h"
#include "tests/gui/scripted_answers.h"
#include "views/marker_scatter_view.h"

#ifdef MS_HAVE_MODEL
#include "app/gui/model/analyze_dialog.h"
#endif

namespace ms {
namespace {

const std::string kId = "fashion-mnist:test";

// Four checkpoints, two layers each; evaluated on the ID set, the built-in fog:3 and the user set "c10c" (with the
// metrics the analysis stores for an OOD set).
double user_accuracy(int c) { return 0.3 + 0.07 * c; }
double user_low(int c) { return user_accuracy(c) - 0.05 - 0.01 * c; }
double user_high(int c) { return user_accuracy(c) + 0.04; }

store::Project project_with_user_set() {
  store::Project project;
  project.datasets.push_back({kId, "dataset", "", "", 0, {}, {}});
  project.datasets.push_back({"c10c", store::kOodSetKind, "/data/CIFAR-10-C/fog.npy:3", "", 0, {}, {}});
  for (int c = 0; c < 4; ++c) {
    const std::string id = "cnn-" + std::to_string(c);
    project.checkpoints.push_back({id, "/tmp/" + id + ".pt", "00", "cnn", {{"lr", std::to_string(0.01 * (c + 1))}},
                                   {}});
    for (int l = 0; l < 2; ++l)
      project.geometry.push_back(
          {id, kId, l ? "fc" : "conv", {{"dimension", 9.0 - c + l}, {"layer_index", l}}, {}, {}});
    project.evaluations.push_back({id, kId, {{"accuracy", 0.85}, {"analysis_complete", 1}}});
    project.evaluations.push_back({id, store::shift_dataset(kId, "fog:3"), {{"accuracy", 0.5 + 0.02 * c}}});
    project.evaluations.push_back({id, "c10c",
                                   {{"accuracy", user_accuracy(c)}, {store::kAccuracyLow, user_low(c)},
                                    {store::kAccuracyHigh, user_high(c)}, {store::kEvaluatedItems, 200}}});
  }
  return project;
}

TEST(UserOodSet, IsATargetOfTheScatterTheHeatMapAndTheTable) {
  const QString dir =
      QString(MS_TEST_OUTPUT_DIR) + "/gui-user-ood-" + QString::number(QCoreApplication::applicationPid());
  QDir().mkpath(dir);
  const QString path = dir + "/user_set.msproj";
  ASSERT_TRUE(store::write_project(project_with_user_set(), path.toStdString()).ok());
  gui::MainWindow window;
  window.show();
  ASSERT_TRUE(test::open_in(window, path, 30000)) << window.log_text().toStdString();

  // The OOD combo offers it next to fog:3; the scatter shows its accuracies with their intervals.
  gui::OodPanel* panel = window.ood_panel();
  window.tabs()->setCurrentWidget(panel);
  QComboBox* targets = nullptr;
  for (QComboBox* combo : panel->findChildren<QComboBox*>())
    if (combo->findData("acc_fog:3") >= 0) targets = combo;
  ASSERT_NE(targets, nullptr);
  const int user = targets->findData("acc_c10c");
  ASSERT_GE(user, 0);
  EXPECT_EQ(targets->itemText(user), "accuracy c10c");
  panel->select_marker("dimension");
  panel->select_target("acc_c10c");
  views::MarkerScatterView* scatter = panel->view();
  ASSERT_TRUE(QTest::qWaitForWindowExposed(scatter));
  const views::ScatterData& shown = panel->scatter();
  ASSERT_EQ(shown.y.size(), 4u);
  EXPECT_EQ(shown.y_title, "accuracy c10c");
  ASSERT_EQ(shown.y_low.size(), 4u);
  for (size_t i = 0; i < 4; ++i) {
    const int c = shown.labels[i].back() - '0';
    EXPECT_DOUBLE_EQ(shown.y[i], user_accuracy(c));
    EXPECT_DOUBLE_EQ(shown.y_low[i], user_low(c));
    EXPECT_DOUBLE_EQ(shown.y_high[i], user_high(c));
    EXPECT_EQ(shown.y_items[i], 200);
  }
  // Error bars: one vertical segment per point, from the lower to the upper bound.
  ASSERT_NE(scatter->error_bars(), nullptr);
  vtkTable* bars = scatter->error_bars()->GetInput();
  ASSERT_EQ(bars->GetNumberOfRows(), 8);
  EXPECT_DOUBLE_EQ(bars->GetValue(0, 1).ToDouble(), shown.y_low[0]);
  EXPECT_DOUBLE_EQ(bars->GetValue(1, 1).ToDouble(), shown.y_high[0]);
  EXPECT_DOUBLE_EQ(bars->GetValue(1, 0).ToDouble(), shown.x[0]);
  const std::string interval = QString("95% CI [%1, %2]")
                                   .arg(shown.y_low[0], 0, 'f', 3)
                                   .arg(shown.y_high[0], 0, 'f', 3)
                                   .toStdString();
  EXPECT_NE(scatter->point_name(0).find(interval), std::string::npos) << scatter->point_name(0);
  EXPECT_NE(scatter->point_name(0).find("n = 200"), std::string::npos);
  QTest::qWait(200);
  test::save_screenshot(window.grab().toImage(), "user_ood_set_scatter");
  // Mean OOD accuracy counts it like a shift; a shift without intervals draws no bars.
  panel->select_target("mean_ood_accuracy");
  EXPECT_DOUBLE_EQ(panel->scatter().y[0], (0.5 + 0.02 * (panel->scatter().labels[0].back() - '0') +
                                           user_accuracy(panel->scatter().labels[0].back() - '0')) / 2);
  EXPECT_EQ(scatter->error_bars(), nullptr);

  window.tabs()->setCurrentWidget(window.heatmap_panel());
  QTest::qWait(100);
  const gui::OodHeatmap& cells = window.heatmap_panel()->heatmap();
  EXPECT_NE(std::find(cells.column_keys.begin(), cells.column_keys.end(), "acc_c10c"), cells.column_keys.end());

  QTableWidget* table = window.results_panel()->table();
  QStringList headers;
  for (int c = 0; c < table->columnCount(); ++c) headers << table->horizontalHeaderItem(c)->text();
  for (const char* column : {"acc_c10c", "acc_c10c_low", "acc_c10c_high", "acc_c10c_n", "acc_fog:3"})
    EXPECT_TRUE(headers.contains(column)) << column << " not in " << headers.join(",").toStdString();
}

#ifdef MS_HAVE_MODEL
QLineEdit* ood_field(QDialog& dialog) {
  for (QLineEdit* edit : dialog.findChildren<QLineEdit*>())
    if (edit->placeholderText().contains("NAME=SPEC")) return edit;
  return nullptr;
}

QSpinBox* limit_box(QDialog& dialog) {
  for (QSpinBox* box : dialog.findChildren<QSpinBox*>())
    if (!box->specialValueText().isEmpty()) return box;
  return nullptr;
}

TEST(UserOodSet, TheAnalyzeDialogTakesOodSetsAndALimit) {
  gui::AnalyzeDialog dialog("x.msproj");
  QLineEdit* sets = ood_field(dialog);
  QSpinBox* limit = limit_box(dialog);
  ASSERT_NE(sets, nullptr);
  ASSERT_NE(limit, nullptr);
  EXPECT_EQ(limit->value(), 0);  // all items
  EXPECT_EQ(limit->text(), "all items");
  QPushButton* analyze = dialog.findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok);

  // A malformed entry is a warning naming it, and the dialog stays open.
  sets->setText("c10c=/data/fog.npy:3; broken");
  {
    test::ScriptedAnswers answers;
    analyze->click();
    ASSERT_EQ(answers.warnings.size(), 1);
    EXPECT_TRUE(answers.warnings[0].contains("'broken'")) << answers.warnings[0].toStdString();
  }
  EXPECT_NE(dialog.result(), QDialog::Accepted);

  sets->setText("c10c=/data/fog.npy:3; digits = uci-digits@28x28");
  limit->setValue(500);
  analyze->click();
  EXPECT_EQ(dialog.result(), QDialog::Accepted);
  const pipeline::AnalyseOptions options = dialog.options();
  ASSERT_EQ(options.ood_sets.size(), 2u);
  EXPECT_EQ(options.ood_sets[0].name, "c10c");
  EXPECT_EQ(options.ood_sets[0].spec, "/data/fog.npy:3");
  EXPECT_EQ(options.ood_sets[1].name, "digits");
  EXPECT_EQ(options.ood_sets[1].spec, "uci-digits@28x28");
  EXPECT_EQ(options.ood_limit, 500);
  // What was run is the next dialog's start.
  gui::AnalyzeDialog next("x.msproj");
  EXPECT_EQ(ood_field(next)->text(), "c10c=/data/fog.npy:3; digits = uci-digits@28x28");
  EXPECT_EQ(limit_box(next)->value(), 500);
}
#endif

}  // namespace
}  // namespace ms
