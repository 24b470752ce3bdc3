// The main window on a project: the browser, the layer profile and the results table, and an analysis run from the
// GUI with progress and Cancel in the Jobs dock (real checkpoints trained by `manifoldscope zoo`).
#include <gtest/gtest.h>

#include <QDir>
#include <QElapsedTimer>
#include <QProcess>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableWidget>
#include <QTest>
#include <cmath>

#include "app/gui/job_runner.h"
#include "app/gui/jobs_panel.h"
#include "app/gui/main_window.h"
#include "app/gui/profile_panel.h"
#include "app/gui/project_panel.h"
#include "app/gui/results_panel.h"
#include "core/store/project_file.h"
#include "tests/gui/gui_test_support.h"
#include "views/layer_profile_view.h"

#ifdef MS_HAVE_MODEL
#include "core/pipeline/analyse_options.h"
#endif

namespace ms {
namespace {

// Three checkpoints x four layers with made-up but plausible numbers.
store::Project synthetic_project() {
  store::Project project;
  const char* layers[] = {"conv1", "relu1", "fc1", "fc2"};
  for (int c = 0; c < 3; ++c) {
    const std::string id = "cnn-" + std::to_string(c);
    project.checkpoints.push_back({id, "/tmp/" + id + ".pt", "00", "cnn", {{"lr", std::to_string(0.001 * (c + 1))}}, {}});
    for (int l = 0; l < 4; ++l) {
      store::GeometryEntry entry{id, "fashion-mnist:test", layers[l], {}, {}, {}};
      entry.markers = {{"dimension", 10.0 - 2 * l + c}, {"utility", 0.1 + 0.05 * l}, {"capacity", 0.05 + 0.01 * l},
                       {"radius", 1.0 - 0.1 * l}, {"layer_index", l}};
      project.geometry.push_back(entry);
    }
    project.evaluations.push_back({id, "fashion-mnist:test", {{"accuracy", 0.8 + 0.01 * c}}});
    project.evaluations.push_back({id, "fashion-mnist:test+fog:3", {{"accuracy", 0.5 + 0.05 * c}}});
  }
  return project;
}

TEST(ProjectGui, OpensAProjectIntoBrowserProfileAndTable) {
  const QString dir = QString(MS_TEST_OUTPUT_DIR) + "/gui-project";
  QDir().mkpath(dir);
  const QString path = dir + "/synthetic.msproj";
  ASSERT_TRUE(store::write_project(synthetic_project(), path.toStdString()).ok());

  gui::MainWindow window;
  window.show();
  QSignalSpy loaded(&window, &gui::MainWindow::project_loaded);
  window.open_project(path);
  ASSERT_TRUE(test::wait_for(loaded, 30000)) << window.log_text().toStdString();
  ASSERT_NE(window.project(), nullptr);
  EXPECT_EQ(window.project_panel()->checkpoint_count(), 3);
  EXPECT_EQ(window.tabs()->currentWidget(), window.profile_panel());
  EXPECT_EQ(window.profile_panel()->marker(), "dimension");  // the paper's main marker first
  const auto& shown = window.profile_panel()->view()->data();
  ASSERT_EQ(shown.layers, (std::vector<std::string>{"conv1", "relu1", "fc1", "fc2"}));
  ASSERT_EQ(shown.series.size(), 3u);
  EXPECT_DOUBLE_EQ(shown.series[1].values[2], 7.0);
  window.profile_panel()->select_marker("utility");
  EXPECT_DOUBLE_EQ(window.profile_panel()->view()->data().series[0].values[3], 0.25);
  QTest::qWait(300);
  const QImage shot = window.grab().toImage();
  test::save_screenshot(shot, "project_layer_profile");
  EXPECT_GT(test::distinct_colours(window.profile_panel()->view()->grab_frame()), 20);

  QTableWidget* table = window.results_panel()->table();
  EXPECT_EQ(table->rowCount(), 12);  // 3 checkpoints x 4 layers
  QStringList headers;
  for (int c = 0; c < table->columnCount(); ++c) headers << table->horizontalHeaderItem(c)->text();
  EXPECT_TRUE(headers.contains("acc_fog:3")) << headers.join(",").toStdString();
  EXPECT_TRUE(headers.contains("id_accuracy"));
  window.tabs()->setCurrentWidget(window.results_panel());
  QTest::qWait(100);
  test::save_screenshot(window.grab().toImage(), "project_results_table");
}

TEST(ProjectGui, ADamagedProjectIsReported) {
  const QString path = QString(MS_TEST_OUTPUT_DIR) + "/gui-project/damaged.msproj";
  QFile file(path);
  ASSERT_TRUE(file.open(QIODevice::WriteOnly));
  file.write("not a project");
  file.close();
  gui::MainWindow window;
  QSignalSpy failed(&window, &gui::MainWindow::project_failed);
  window.open_project(path);
  ASSERT_TRUE(test::wait_for(failed, 30000));
  EXPECT_TRUE(failed.first().first().toString().contains("damaged.msproj"));
  EXPECT_TRUE(window.log_text().contains("not an HDF5 file"));
}

#ifdef MS_HAVE_MODEL
// Two real checkpoints, trained once per test run by the application itself.
QString zoo_folder() {
  static const QString folder = [] {
    const QString dir = QString(MS_TEST_OUTPUT_DIR) + "/gui-zoo";
    QDir(dir).removeRecursively();
    QProcess zoo;
    zoo.start(MS_BINARY, {"zoo", "train", "--preset", "quick", "--runs", "2", "--out", dir});
    zoo.waitForFinished(300000);
    return zoo.exitCode() == 0 ? dir : QString();
  }();
  return folder;
}

pipeline::AnalyseOptions small_analysis(const QString& project) {
  pipeline::AnalyseOptions options;
  options.checkpoints = {zoo_folder().toStdString()};
  options.shifts = {{"contrast", 3}};
  options.glue.points_per_manifold = 20;
  options.glue.n_t = 30;
  options.project_path = project.toStdString();
  return options;
}

TEST(ProjectGui, AnalysisRunsOnAWorkerAndResultsAppear) {
  ASSERT_FALSE(zoo_folder().isEmpty()) << "manifoldscope zoo train failed";
  const QString project = QString(MS_TEST_OUTPUT_DIR) + "/gui-project/analysis.msproj";
  QFile::remove(project);
  gui::MainWindow window;
  window.show();
  QSignalSpy finished(&window, &gui::MainWindow::analysis_finished);
  const int id = window.start_analysis(small_analysis(project));
  // The jobs dock shows the job with a progress bar and a Cancel button while it runs.
  ASSERT_NE(window.jobs_panel()->cancel_button(id), nullptr);
  int last_value = 0;
  QElapsedTimer clock;
  clock.start();
  while (finished.isEmpty() && clock.elapsed() < 300000) {
    QTest::qWait(50);
    if (auto* bar = window.jobs_panel()->progress_bar(id)) last_value = std::max(last_value, bar->value());
  }
  ASSERT_FALSE(finished.isEmpty()) << "the analysis did not finish in 5 minutes";
  EXPECT_EQ(finished.first().first().toString(), "") << window.log_text().toStdString();
  EXPECT_GT(last_value, 0);
  QSignalSpy loaded(&window, &gui::MainWindow::project_loaded);
  test::wait_for(loaded, 10000);
  ASSERT_NE(window.project(), nullptr);
  EXPECT_EQ(window.project()->checkpoints.size(), 2u);
  EXPECT_FALSE(window.profile_panel()->view()->data().series.empty());
  QTest::qWait(300);
  test::save_screenshot(window.grab().toImage(), "analysis_from_gui");
}

TEST(ProjectGui, CancelStopsTheAnalysisAndKeepsTheWindowUsable) {
  ASSERT_FALSE(zoo_folder().isEmpty()) << "manifoldscope zoo train failed";
  const QString project = QString(MS_TEST_OUTPUT_DIR) + "/gui-project/cancelled.msproj";
  QFile::remove(project);
  gui::MainWindow window;
  window.show();
  QSignalSpy finished(&window, &gui::MainWindow::analysis_finished);
  auto options = small_analysis(project);
  options.glue.n_t = 400;  // long enough to be running when Cancel is clicked
  const int id = window.start_analysis(options);
  QTest::qWait(300);
  QPushButton* cancel = window.jobs_panel()->cancel_button(id);
  ASSERT_NE(cancel, nullptr);
  QTest::mouseClick(cancel, Qt::LeftButton);
  ASSERT_TRUE(test::wait_for(finished, 60000));
  EXPECT_EQ(finished.first().first().toString(), "cancelled");
  EXPECT_FALSE(window.jobs()->running(id));  // (the reload of the saved project may still be running)
  EXPECT_TRUE(window.log_text().contains("cancelled"));
}
#endif

}  // namespace
}  // namespace ms
