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
#include <iostream>
#include <QTimer>

#include "app/gui/job_runner.h"
#include "app/gui/jobs_panel.h"
#include "app/gui/heatmap_panel.h"
#include "app/gui/main_window.h"
#include "app/gui/ood_correlation.h"
#include "app/gui/ood_panel.h"
#include "app/gui/profile_panel.h"
#include "app/gui/project_panel.h"
#include "app/gui/results_panel.h"
#include "core/store/project_file.h"
#include "tests/gui/gui_test_support.h"
#include "views/correlation_heatmap_view.h"
#include "views/layer_profile_view.h"
#include "views/marker_scatter_view.h"

#ifdef MS_HAVE_MODEL
#include "app/gui/model/compare_panel.h"
#include "app/gui/model/projection_panel.h"
#include "core/pipeline/analyse_options.h"
#include "views/projection_view.h"
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

// Shows `window` and opens in it the synthetic project, written as <test-output>/gui-project/NAME: its path, or empty
// with the reason as a test failure (not written, or not shown within 30 s: then with the window's log).
QString open_synthetic(gui::MainWindow& window, const QString& name) {
  const QString dir = QString(MS_TEST_OUTPUT_DIR) + "/gui-project";
  QDir().mkpath(dir);
  const QString path = dir + "/" + name;
  const Status written = store::write_project(synthetic_project(), path.toStdString());
  if (!written.ok()) {
    ADD_FAILURE() << written.error();
    return {};
  }
  window.show();
  if (!test::open_in(window, path, 30000)) {
    ADD_FAILURE() << window.log_text().toStdString();
    return {};
  }
  return path;
}

TEST(ProjectGui, OpensAProjectIntoBrowserProfileAndTable) {
  gui::MainWindow window;
  ASSERT_FALSE(open_synthetic(window, "synthetic.msproj").isEmpty());
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

TEST(ProjectGui, ACheckpointPickedInTheScatterIsSelectedEverywhereAndHeatMapCellsOpenTheirScatter) {
  gui::MainWindow window;
  ASSERT_FALSE(open_synthetic(window, "selection.msproj").isEmpty());

  window.tabs()->setCurrentWidget(window.ood_panel());
  views::MarkerScatterView* scatter = window.ood_panel()->view();
  ASSERT_TRUE(QTest::qWaitForWindowExposed(scatter));
  QTest::qWait(200);
  ASSERT_EQ(window.ood_panel()->scatter().labels.size(), 3u);
  int picked = -1;
  for (int i = 0; i < 3; ++i)
    if (window.ood_panel()->scatter().labels[i] == "cnn-1") picked = i;
  ASSERT_GE(picked, 0);
  QTest::mouseClick(scatter, Qt::LeftButton, Qt::NoModifier, scatter->point_position(picked).toPoint());
  QTest::qWait(100);
  EXPECT_EQ(window.selected_checkpoint(), "cnn-1");
  ASSERT_NE(window.project_panel()->currentItem(), nullptr);
  EXPECT_EQ(window.project_panel()->currentItem()->text(0), "cnn-1");
  EXPECT_EQ(scatter->selected(), picked);
  test::save_screenshot(window.grab().toImage(), "window_marker_vs_ood");

  // Picking in the browser rings the point in the scatter.
  window.select_checkpoint("cnn-2");
  EXPECT_EQ(window.ood_panel()->scatter().labels[scatter->selected()], "cnn-2");

  window.tabs()->setCurrentWidget(window.heatmap_panel());
  views::CorrelationHeatmapView* heatmap = window.heatmap_panel()->view();
  ASSERT_TRUE(QTest::qWaitForWindowExposed(heatmap));
  QTest::qWait(200);
  const gui::OodHeatmap& cells = window.heatmap_panel()->heatmap();
  ASSERT_GE(cells.row_keys.size(), 2u);
  ASSERT_GE(cells.column_keys.size(), 1u);
  test::save_screenshot(window.grab().toImage(), "window_correlations");
  QTest::mouseClick(heatmap, Qt::LeftButton, Qt::NoModifier, heatmap->cell_position(1, 0).toPoint());
  QTest::qWait(100);
  EXPECT_EQ(window.tabs()->currentWidget(), window.ood_panel());
  EXPECT_EQ(window.ood_panel()->marker().toStdString(), cells.row_keys[1]);
  EXPECT_EQ(window.ood_panel()->target().toStdString(), cells.column_keys[0]);
}

TEST(ProjectGui, TheSessionIsSavedInTheProjectAndRestoredOnOpen) {
  QString path;
  {
    gui::MainWindow window;
    path = open_synthetic(window, "session.msproj");
    ASSERT_FALSE(path.isEmpty());
    window.profile_panel()->select_marker("utility");
    window.ood_panel()->select_marker("radius");
    window.select_checkpoint("cnn-2");
    window.tabs()->setCurrentWidget(window.results_panel());
    QSignalSpy saved(&window, &gui::MainWindow::session_saved);
    window.save_session();
    ASSERT_TRUE(test::wait_for(saved, 30000));
    EXPECT_EQ(saved.first().first().toString(), "");
  }
  auto stored = store::read_project(path.toStdString());
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(stored->checkpoints.size(), 3u);  // the results are untouched by the session save
  EXPECT_NE(stored->views_json.find("utility"), std::string::npos) << stored->views_json;

  gui::MainWindow reopened;
  reopened.show();
  ASSERT_TRUE(test::open_in(reopened, path, 30000));
  EXPECT_EQ(reopened.profile_panel()->marker(), "utility");
  EXPECT_EQ(reopened.ood_panel()->marker(), "radius");
  EXPECT_EQ(reopened.selected_checkpoint(), "cnn-2");
  EXPECT_EQ(reopened.tabs()->currentWidget(), reopened.results_panel());
  EXPECT_TRUE(reopened.log_text().contains("Restored the session"));
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
pipeline::AnalyseOptions small_analysis(const QString& project) {
  pipeline::AnalyseOptions options;
  options.checkpoints = {test::quick_zoo_folder().toStdString()};
  options.shifts = {{"contrast", 3}};
  options.glue.points_per_manifold = 20;
  options.glue.n_t = 30;
  options.project_path = project.toStdString();
  return options;
}

TEST(ProjectGui, AnalysisRunsOnAWorkerAndResultsAppear) {
  ASSERT_FALSE(test::quick_zoo_folder().isEmpty()) << "manifoldscope zoo train failed";
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

  // The projection tab computes the selected checkpoint's layer on demand; picking another checkpoint in the browser
  // follows it there.
  const QString first = QString::fromStdString(window.project()->checkpoints[0].id);
  const QString second = QString::fromStdString(window.project()->checkpoints[1].id);
  gui::ProjectionPanel* projection = window.projection_panel();
  ASSERT_NE(projection, nullptr);
  QSignalSpy projected(projection, &gui::ProjectionPanel::projection_ready);
  window.select_checkpoint(first);
  window.tabs()->setCurrentWidget(projection);
  ASSERT_TRUE(test::wait_for(projected, 120000)) << window.log_text().toStdString();
  EXPECT_EQ(projection->checkpoint(), first);
  QTest::qWait(200);
  EXPECT_GE(test::distinct_colours(projection->view()->grab_frame()), 10);
  test::save_screenshot(window.grab().toImage(), "window_projection");
  projected.clear();
  window.select_checkpoint(second);
  ASSERT_TRUE(test::wait_for(projected, 120000)) << window.log_text().toStdString();
  EXPECT_EQ(projection->checkpoint(), second);

  // Compare: both checkpoints side by side, reached from its tab.
  gui::ComparePanel* compare = window.compare_panel();
  ASSERT_NE(compare, nullptr);
  QSignalSpy compared(compare, &gui::ComparePanel::comparison_ready);
  window.tabs()->setCurrentWidget(compare);
  compare->set_checkpoints(first, second);
  ASSERT_TRUE(test::wait_for(compared, 120000)) << window.log_text().toStdString();
  QTest::qWait(300);
  EXPECT_GT(compare->table()->rowCount(), 3);
  test::save_screenshot(window.grab().toImage(), "window_compare");
}

#endif

}  // namespace
}  // namespace ms
