// The GUI thread never waits on computation: while a real analysis runs (LibTorch forward passes, GLUE on worker
// threads) and its results arrive in the views, no event the GUI thread handles may take more than 100 ms, and Cancel
// must end the job within a second. Painting is measured apart: under Xvfb, Qt composes the whole window with
// software OpenGL (llvmpipe) whenever anything in it changes, a CPU cost a GPU does not have, so it gets a looser
// bound. A 10 ms timer records the longest gap the event loop ever had. Its own executable, run serially by CTest:
// the measurement is of this application, and what else the machine runs is measured and allowed for in painting.
#include <gtest/gtest.h>

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTest>
#include <QTimer>
#include <algorithm>
#include <ctime>
#include <iostream>

#include "app/gui/job_runner.h"
#include "app/gui/jobs_panel.h"
#include "app/gui/main_window.h"
#include "app/gui/profile_panel.h"
#include "core/pipeline/analyse_options.h"
#include "tests/gui/gui_test_support.h"
#include "tests/gui/latency/timing_application.h"
#include "views/layer_profile_view.h"

namespace ms {
namespace {

// Two checkpoints, one shift, GLUE with many probes: long enough to be running throughout the measurement.
pipeline::AnalyseOptions latency_analysis(const QString& project) {
  pipeline::AnalyseOptions options;
  options.checkpoints = {test::quick_zoo_folder().toStdString()};
  options.shifts = {{"contrast", 3}, {"fog", 3}, {"gaussian_noise", 3}};
  options.glue.points_per_manifold = 20;
  options.glue.n_t = 3000;
  options.project_path = project.toStdString();
  return options;
}

// Painting's bound is 1 s on an idle machine. Software OpenGL composes only as fast as the CPU the machine leaves
// it, so the bound grows by how much slower than its own CPU time a thread of this process runs, measured just
// before the analysis. That factor is 1.0 when idle. With two other busy processes on 2 cores it was 1.34-1.51, and
// compositions that took 0.3-0.5 s took 1.0-1.2 s; the fixed bound failed that way in a busy `--repeat` run.
double cpu_share_slowdown() {
  const auto thread_cpu_ms = [] {
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return 1e3 * static_cast<double>(t.tv_sec) + 1e-6 * static_cast<double>(t.tv_nsec);
  };
  QElapsedTimer wall;
  wall.start();
  const double cpu_start = thread_cpu_ms();
  volatile double sink = 0;
  while (thread_cpu_ms() - cpu_start < 300)
    for (int i = 0; i < 10000; ++i) sink = sink + 1e-9 * i;
  return std::max(1.0, static_cast<double>(wall.nsecsElapsed()) / 1e6 / (thread_cpu_ms() - cpu_start));
}

TEST(EventLoopLatency, StaysUnder100msWhileAnalysingAndCancelTakesUnderASecond) {
  ASSERT_FALSE(test::quick_zoo_folder().isEmpty()) << "manifoldscope zoo train failed";
  const QString project = QString(MS_TEST_OUTPUT_DIR) + "/gui-latency/cancelled.msproj";
  QDir().mkpath(QFileInfo(project).path());
  QFile::remove(project);
  gui::MainWindow window;
  window.show();
  QSignalSpy finished(&window, &gui::MainWindow::analysis_finished);
  const auto options = latency_analysis(project);
  // The first paint of a VTK view (OpenGL context, shader compilation in software GL) is start-up, not analysis: let
  // it happen before, on the tab where results will appear.
  ASSERT_TRUE(QTest::qWaitForWindowExposed(&window));
  window.tabs()->setCurrentWidget(window.profile_panel());
  QTest::qWait(1000);
  test::TimingApplication* app = test::TimingApplication::instance();
  const double slowdown = cpu_share_slowdown();
  QSignalSpy loaded(&window, &gui::MainWindow::project_loaded);
  const int id = window.start_analysis(options);
  // While the analysis runs, a 10 ms timer measures how long the event loop is ever kept from it.
  QElapsedTimer since_tick;
  since_tick.start();
  qint64 worst_gap_ms = 0;
  int ticks = 0;
  QTimer ticker;
  ticker.setInterval(10);
  QObject::connect(&ticker, &QTimer::timeout, [&] {
    worst_gap_ms = std::max(worst_gap_ms, since_tick.restart());
    ++ticks;
  });
  app->reset();
  ticker.start();
  // At least 4 s, and on until the first finished checkpoint has been loaded into the views (at most 60 s).
  QElapsedTimer measuring;
  measuring.start();
  while ((measuring.elapsed() < 4000 || loaded.isEmpty()) && measuring.elapsed() < 60000) QTest::qWait(50);
  ticker.stop();
  EXPECT_FALSE(loaded.isEmpty()) << "no checkpoint finished within 60 s";
  ASSERT_TRUE(window.jobs()->running(id)) << "the analysis ended before the latency was measured ("
                                          << measuring.elapsed() << " ms)";
  EXPECT_GT(ticks, 100);
  EXPECT_FALSE(window.profile_panel()->view()->data().series.empty()) << "the first results are on show";
  std::cout << "[ latency  ] worst event-loop gap " << worst_gap_ms << " ms over " << ticks << " ticks in "
            << measuring.elapsed() << " ms; longest event " << app->longest_other_ms() << " ms ("
            << app->longest_other_what().toStdString() << "), longest paint " << app->longest_paint_ms()
            << " ms; CPU share slowdown " << slowdown << "\n";
  EXPECT_LE(app->longest_other_ms(), 100.0) << app->longest_other_what().toStdString();
  EXPECT_LE(app->longest_paint_ms(), 1000.0 * slowdown) << "composing the window froze it";

  QPushButton* cancel = window.jobs_panel()->cancel_button(id);
  ASSERT_NE(cancel, nullptr);
  QElapsedTimer cancel_clock;
  cancel_clock.start();
  QTest::mouseClick(cancel, Qt::LeftButton);
  ASSERT_TRUE(test::wait_for(finished, 60000));
  const qint64 cancel_ms = cancel_clock.elapsed();
  std::cout << "[ latency  ] cancel took " << cancel_ms << " ms\n";
  EXPECT_LE(cancel_ms, 1000) << "Cancel took " << cancel_ms << " ms";
  EXPECT_EQ(finished.first().first().toString(), "cancelled");
  EXPECT_FALSE(window.jobs()->running(id));  // (the reload of the saved project may still be running)
  EXPECT_TRUE(window.log_text().contains("cancelled"));
}
}  // namespace
}  // namespace ms
