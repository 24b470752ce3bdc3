// Results tables in the real main window: the authors' released CIFAR-10 sweep opens from its CSV, its column roles
// are asked once (and remembered), and the Correlations heat map by architecture against acc_lp_ood reproduces the
// paper's published heat map (resources/results/paper-cifar10/published_correlations.csv, table
// id_markers_vs_ood_lp, the AdamW rows; tests/unit/stats/published_correlations_test.cpp recomputes them from the
// CSV alone). Also the role question's own dialog, bad tables and the command line's file argument.
//
// EfficientNetB0: the authors published its r from 31 of the 32 released checkpoints (see the unit test), so its
// column, which stands on all 32, is checked against Pearson r over the 32 rows instead. The two rows whose 8-digit
// rounding exceeds 1e-6 in r are EfficientNetB0 rows, so every checked published cell meets 1e-6.
#include <gtest/gtest.h>

#include <QComboBox>
#include <QSettings>
#include <QSignalSpy>
#include <QTest>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>

#include "app/gui/heatmap_panel.h"
#include "app/gui/main_window.h"
#include "app/gui/ood_panel.h"
#include "app/gui/profile_panel.h"
#include "app/gui/run_gui.h"
#include "app/gui/table_roles_question.h"
#include "core/stats/correlation.h"
#include "core/stats/csv_table.h"
#include "core/store/table_roles.h"
#include "tests/gui/gui_test_support.h"
#include "tests/gui/scripted_answers.h"
#include "views/choice_list_dialog.h"
#include "views/correlation_heatmap_view.h"
#include "views/marker_scatter_view.h"
#ifdef MS_HAVE_MODEL
#include "app/gui/model/projection_panel.h"
#endif

namespace ms {
namespace {

const QString kPaperDir = QString(MS_SOURCE_DIR) + "/resources/results/paper-cifar10/";
const QString kPaperTable = kPaperDir + "cifar10_sweep_markers.csv";

// The published heat map's rows ("property") as the heat map's row keys (store/table_import.h names them).
std::string row_key(const std::string& property) {
  if (property == "acc_train") return "id_train_accuracy";
  if (property == "acc_test") return "id_accuracy";
  if (property == "auroc" || property == "entropy") return "id_" + property;
  return property.substr(0, property.size() - 3);  // <marker>_id
}

long index_of(const std::vector<std::string>& keys, const std::string& key) {
  auto it = std::find(keys.begin(), keys.end(), key);
  return it == keys.end() ? -1 : static_cast<long>(it - keys.begin());
}

using test::open_in;

std::string role_label_of(const views::ChoiceListQuestion& question, const QString& column) {
  const auto at = question.items.indexOf(column);
  return at < 0 ? std::string() : question.chosen[at].toStdString();
}

TEST(ResultsTable, ThePaperTableGivesThePublishedHeatMap) {
  QSettings().remove("results_tables");
  gui::MainWindow window;
  ASSERT_TRUE(test::show_exposed(window, 1500, 900));
  test::ScriptedAnswers answers;
  answers.then_accept_choices();
  ASSERT_TRUE(open_in(window, kPaperTable)) << window.log_text().toStdString();
  ASSERT_EQ(answers.choices_asked.size(), 1u);
  const views::ChoiceListQuestion& asked = answers.choices_asked[0];
  EXPECT_EQ(asked.items.size(), 75);
  EXPECT_EQ(role_label_of(asked, "arch_name"), store::role_label(store::ColumnRole::architecture));
  EXPECT_EQ(role_label_of(asked, "dimension_id"), store::role_label(store::ColumnRole::marker));
  EXPECT_EQ(role_label_of(asked, "dimension_train"), store::role_label(store::ColumnRole::ignored));
  EXPECT_EQ(role_label_of(asked, "acc_lp_ood"), store::role_label(store::ColumnRole::ood_accuracy));
  EXPECT_EQ(asked.details[asked.items.indexOf("arch_name")], "DenseNet121") << "an example value per column";
  EXPECT_EQ(window.table_path(), kPaperTable);
  EXPECT_TRUE(window.windowTitle().contains("cifar10_sweep_markers.csv (results table, read-only)"))
      << window.windowTitle().toStdString();
  ASSERT_EQ(window.project()->checkpoints.size(), 224u);

  gui::HeatmapPanel* heatmap = window.heatmap_panel();
  window.tabs()->setCurrentWidget(heatmap);
  heatmap->select_by_architecture(true);
  heatmap->select_all_markers(false);
  heatmap->select_target("acc_lp_ood");
  ASSERT_EQ(heatmap->target(), "acc_lp_ood");
  EXPECT_EQ(heatmap->layer(), "penultimate") << "the table's one layer";
  const gui::OodHeatmap& map = heatmap->heatmap();
  ASSERT_EQ(map.column_keys.size(), 5u);

  const auto published = stats::read_csv_table((kPaperDir + "published_correlations.csv").toStdString());
  ASSERT_TRUE(published.ok()) << published.error();
  const std::map<std::string, std::string> arch_of{{"ResNet18 (AdamW)", "ResNet18"},
                                                   {"DenseNet121 (AdamW)", "DenseNet121"},
                                                   {"MobileNet (AdamW)", "MobileNet"},
                                                   {"VGG19 (AdamW)", "VGG"}};
  const long table = published->column_index("table"), arch = published->column_index("arch_name");
  const long property = published->column_index("property"), r = published->column_index("r");
  int checked = 0;
  double worst = 0;
  for (const auto& row : published->rows) {
    if (row[table] != "id_markers_vs_ood_lp" || !arch_of.count(row[arch])) continue;
    const long i = index_of(map.row_keys, row_key(row[property]));
    const long j = index_of(map.column_keys, arch_of.at(row[arch]));
    ASSERT_GE(i, 0) << row[property] << " is not a row of the heat map";
    ASSERT_GE(j, 0) << row[arch];
    const double expected = std::stod(row[r]);
    EXPECT_NEAR(map.data.r(i, j), expected, 1e-6) << row[arch] << " " << row[property];
    EXPECT_EQ(map.data.n(i, j), 48) << row[arch] << " " << row[property];
    worst = std::max(worst, std::fabs(map.data.r(i, j) - expected));
    ++checked;
  }
  EXPECT_EQ(checked, 72) << "4 architectures x 18 published rows";
  std::printf("published cells checked: %d, worst |dr| %.2g\n", checked, worst);
  const long dimension = index_of(map.row_keys, "dimension"), resnet = index_of(map.column_keys, "ResNet18");
  EXPECT_NEAR(map.data.r(dimension, resnet), 0.899969, 5e-7) << "glue.md section 8";

  // EfficientNetB0 stands on all 32 released rows here: its cells are Pearson r over them.
  const auto sweep = stats::read_csv_table(kPaperTable.toStdString());
  ASSERT_TRUE(sweep.ok());
  const auto archs = stats::text_column(*sweep, "arch_name");
  const auto ood = stats::numeric_column(*sweep, "acc_lp_ood");
  const auto dims = stats::numeric_column(*sweep, "dimension_id");
  std::vector<double> x, y;
  for (size_t k = 0; k < archs->size(); ++k)
    if ((*archs)[k] == "EfficientNetB0") x.push_back((*dims)(k)), y.push_back((*ood)(k));
  const long efficientnet = index_of(map.column_keys, "EfficientNetB0");
  EXPECT_EQ(map.data.n(dimension, efficientnet), 32);
  EXPECT_NEAR(map.data.r(dimension, efficientnet),
              stats::pearson(Eigen::Map<Eigen::VectorXd>(x.data(), 32), Eigen::Map<Eigen::VectorXd>(y.data(), 32)).statistic,
              1e-12);

  heatmap->view()->grab_frame();
  QTest::qWait(100);
  test::save_screenshot(window.grab().toImage(), "results_table_paper_heatmap");

  // The cell's scatter: D_eff against the OOD probe accuracy over the 48 ResNet18 checkpoints.
  gui::OodPanel* scatter = window.ood_panel();
  scatter->select_architecture("ResNet18");
  scatter->select_marker("dimension");
  scatter->select_target("acc_lp_ood");
  EXPECT_EQ(scatter->scatter().statistics.n, 48);
  EXPECT_NEAR(scatter->scatter().statistics.pearson_r, 0.899969, 5e-7);
  window.tabs()->setCurrentWidget(scatter);
  scatter->view()->grab_frame();
  test::save_screenshot(window.grab().toImage(), "results_table_paper_scatter");

  // The Layer Profile of a table without layers: one marker per checkpoint at its one layer.
  window.tabs()->setCurrentWidget(window.profile_panel());
  QTest::qWait(200);
  test::save_screenshot(window.grab().toImage(), "results_table_paper_profile");

  // A table is read-only and has no checkpoint files to compute projections from.
  QSignalSpy saved(&window, &gui::MainWindow::session_saved);
  window.save_session();
  ASSERT_EQ(saved.size(), 1);
  EXPECT_FALSE(saved.first().first().toString().isEmpty());
  EXPECT_TRUE(window.log_text().contains("read-only"));
#ifdef MS_HAVE_MODEL
  EXPECT_FALSE(window.tabs()->isTabEnabled(window.tabs()->indexOf(window.projection_panel())));
#endif
  window.select_checkpoint(QString::fromStdString(window.project()->checkpoints[3].id));
  EXPECT_FALSE(window.log_text().contains("No checkpoint")) << window.log_text().toStdString();

  // The roles are remembered: opening the same kind of table again asks nothing.
  ASSERT_TRUE(open_in(window, kPaperTable));
  EXPECT_EQ(answers.choices_asked.size(), 1u);
  EXPECT_TRUE(answers.all_used());
}

TEST(ResultsTable, SavedAsProjectItKeepsItsNumbers) {
  QSettings().remove("results_tables");
  gui::MainWindow window;
  window.show();
  test::ScriptedAnswers answers;
  answers.then_accept_choices();
  ASSERT_TRUE(open_in(window, kPaperTable)) << window.log_text().toStdString();
  window.heatmap_panel()->select_by_architecture(true);
  window.heatmap_panel()->select_target("acc_lp_ood");
  const Eigen::MatrixXd before = window.heatmap_panel()->heatmap().data.r;

  const QString dir = QString(MS_TEST_OUTPUT_DIR) + "/results-table";
  std::filesystem::create_directories(dir.toStdString());
  const QString path = dir + "/paper.msproj";
  std::filesystem::remove(path.toStdString());
  QSignalSpy loaded(&window, &gui::MainWindow::project_loaded);
  window.save_table_as_project(path);
  ASSERT_TRUE(test::wait_for(loaded, 60000)) << window.log_text().toStdString();
  EXPECT_EQ(loaded.first().first().toString(), path);
  EXPECT_TRUE(window.table_path().isEmpty());
  EXPECT_EQ(window.windowTitle(), "ManifoldScope — paper.msproj");
  // The session went with it: the same map by architecture.
  EXPECT_TRUE(window.heatmap_panel()->by_architecture());
  const Eigen::MatrixXd& after = window.heatmap_panel()->heatmap().data.r;
  ASSERT_EQ(after.rows(), before.rows());
  ASSERT_EQ(after.cols(), before.cols());
  for (Eigen::Index i = 0; i < after.rows(); ++i)
    for (Eigen::Index j = 0; j < after.cols(); ++j) EXPECT_DOUBLE_EQ(after(i, j), before(i, j));
}

TEST(ResultsTable, BadTablesAndCancelledQuestionsAreReported) {
  QSettings().remove("results_tables");
  const std::string dir = std::string(MS_TEST_OUTPUT_DIR) + "/results-table";
  std::filesystem::create_directories(dir);
  const std::string duplicate = dir + "/duplicate.csv";
  std::ofstream(duplicate) << "checkpoint,layer,dimension\na,fc,1\na,fc,2\n";

  gui::MainWindow window;
  test::ScriptedAnswers answers;
  answers.then_accept_choices().then_cancel_choices().then_accept_choices();
  QSignalSpy failed(&window, &gui::MainWindow::project_failed);
  EXPECT_FALSE(open_in(window, QString::fromStdString(duplicate)));
  ASSERT_EQ(failed.size(), 1);
  const QString message = failed.takeFirst().first().toString();
  EXPECT_TRUE(message.contains(QString::fromStdString(duplicate + ":3"))) << message.toStdString();
  EXPECT_TRUE(message.contains("already on line 2")) << message.toStdString();
  EXPECT_TRUE(window.log_text().contains("already on line 2"));
  EXPECT_EQ(window.project(), nullptr);

  // A cancelled question opens nothing and remembers nothing: the next opening asks again.
  EXPECT_FALSE(open_in(window, kPaperTable));
  EXPECT_TRUE(window.log_text().contains("cancelled"));
  ASSERT_TRUE(open_in(window, kPaperTable));
  EXPECT_EQ(answers.choices_asked.size(), 3u);
  EXPECT_TRUE(answers.all_used());

  const QString missing = QString::fromStdString(dir + "/no-such-table.csv");
  EXPECT_FALSE(open_in(window, missing));
  EXPECT_TRUE(window.log_text().contains(missing + ": cannot open the file"));
  EXPECT_EQ(window.table_path(), kPaperTable) << "the table on show stays";
}

TEST(ResultsTable, ChangedRolesAreUsedAndRemembered) {
  QSettings().remove("results_tables");
  const std::string dir = std::string(MS_TEST_OUTPUT_DIR) + "/results-table";
  std::filesystem::create_directories(dir);
  const std::string path = dir + "/roles.csv";
  std::ofstream(path) << "run,family,dimension_id,dimension_train,acc_shift\n"
                         "a,mlp,1,5,0.5\nb,mlp,2,4,0.75\nc,mlp,3,6,0.5\n";
  gui::MainWindow window;
  test::ScriptedAnswers answers;
  const QString marker = QString::fromStdString(store::role_label(store::ColumnRole::marker));
  answers.then_choices({QString::fromStdString(store::role_label(store::ColumnRole::checkpoint)),
                        QString::fromStdString(store::role_label(store::ColumnRole::architecture)), marker, marker,
                        QString::fromStdString(store::role_label(store::ColumnRole::ood_accuracy))});
  ASSERT_TRUE(open_in(window, QString::fromStdString(path))) << window.log_text().toStdString();
  EXPECT_EQ(role_label_of(answers.choices_asked[0], "family"), store::role_label(store::ColumnRole::hyper_parameter))
      << "an unknown text column is guessed a hyper-parameter";
  EXPECT_EQ(window.project()->checkpoints[0].architecture, "mlp");
  EXPECT_EQ(window.project()->geometry[0].markers.at("dimension_train"), 5.0) << "chosen as a marker, kept apart";
  EXPECT_EQ(window.project()->geometry[0].markers.at("dimension"), 1.0);
  const auto remembered = gui::remembered_roles({"run", "family", "dimension_id", "dimension_train", "acc_shift"});
  ASSERT_TRUE(remembered.has_value());
  EXPECT_EQ((*remembered)[3], store::ColumnRole::marker);

  // Reopening with the question asked again offers what was chosen.
  answers.then_accept_choices();
  QSignalSpy loaded(&window, &gui::MainWindow::project_loaded);
  window.open_table(QString::fromStdString(path), gui::RolesQuestion::always);
  ASSERT_TRUE(test::wait_for(loaded, 30000));
  ASSERT_EQ(answers.choices_asked.size(), 2u);
  EXPECT_EQ(answers.choices_asked[1].chosen[3], marker);
}

TEST(ResultsTable, TheRoleDialogShowsEveryColumnWithItsChoice) {
  const auto table = stats::read_csv_table(kPaperTable.toStdString());
  ASSERT_TRUE(table.ok());
  const views::ChoiceListQuestion question = gui::table_roles_question(*table, store::guess_column_roles(*table));
  views::ChoiceListDialog dialog(question);
  dialog.show();
  ASSERT_TRUE(QTest::qWaitForWindowExposed(&dialog));
  EXPECT_EQ(dialog.windowTitle(), "Columns of cifar10_sweep_markers.csv");
  EXPECT_EQ(dialog.chosen(), question.chosen);
  const int lr = static_cast<int>(question.items.indexOf("lr"));
  EXPECT_EQ(dialog.menu(lr)->currentText().toStdString(), store::role_label(store::ColumnRole::hyper_parameter));
  dialog.menu(lr)->setCurrentText(QString::fromStdString(store::role_label(store::ColumnRole::ignored)));
  EXPECT_EQ(dialog.chosen()[lr].toStdString(), store::role_label(store::ColumnRole::ignored));
  test::save_screenshot(dialog.grab().toImage(), "results_table_roles_dialog");
}

TEST(ResultsTable, TheCommandLineOpensProjectsAndTablesInTheWindow) {
  EXPECT_TRUE(gui::is_gui_invocation({}));
  EXPECT_TRUE(gui::is_gui_invocation({"sweep.csv"}));
  EXPECT_TRUE(gui::is_gui_invocation({"zoo.msproj"}));
  EXPECT_TRUE(gui::is_gui_invocation({"--project", "zoo.msproj"}));
  EXPECT_FALSE(gui::is_gui_invocation({"correlate", "sweep.csv", "--x", "dimension"}));
  EXPECT_FALSE(gui::is_gui_invocation({"--version"}));
  EXPECT_EQ(gui::file_to_open({"sweep.CSV"}), "sweep.CSV");
  EXPECT_EQ(gui::file_to_open({"--open", "fashion-mnist:test", "--project", "t.csv"}), "t.csv");
  EXPECT_EQ(gui::file_to_open({"--open", "fashion-mnist:test"}), "");
}

}  // namespace
}  // namespace ms
