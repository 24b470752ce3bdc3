// Command A's demo in the real main window: the shipped Fashion-MNIST study table (built into the binary) is written
// beside the demo folder and shown at once, without a question, on the Correlations tab, while the quick zoo's
// training starts in the background (cancelled here: the quick zoo itself is tested in the pipeline tests).
#include <gtest/gtest.h>

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <set>

#include "app/gui/heatmap_panel.h"
#include "app/gui/job_runner.h"
#include "app/gui/main_window.h"
#include "app/gui/model/demo_setup.h"
#include "app/gui/ood_panel.h"
#include "app/gui/table_roles_question.h"
#include "core/stats/csv_table.h"
#include "tests/gui/gui_test_support.h"
#include "views/correlation_heatmap_view.h"

namespace ms {
namespace {

const QString kShippedStudy = QString(MS_SOURCE_DIR) + "/resources/results/fashion-mnist-study/study.csv";

QByteArray contents(const QString& path) {
  QFile file(path);
  return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

size_t checkpoints_in(const QString& csv) {
  auto table = stats::read_csv_table(csv.toStdString());
  if (!table.ok()) return 0;
  auto names = stats::text_column(*table, "checkpoint");
  return names ? std::set<std::string>(names->begin(), names->end()).size() : 0;
}

#ifdef MS_HAVE_MODEL
TEST(Demo, ShowsTheShippedStudyAtOnceWhileTheQuickZooTrainsInTheBackground) {
  QTemporaryDir dir;
  const QString folder = dir.filePath("demo");
  gui::MainWindow window;
  window.resize(1400, 900);
  window.show();
  QSignalSpy loaded(&window, &gui::MainWindow::project_loaded);
  QSignalSpy started(window.jobs(), &gui::JobRunner::started);
  window.start_demo(folder);

  // The background training started; the study is on show long before it could finish.
  int training = -1;
  for (const QList<QVariant>& job : started)
    if (job[1].toString() == "Train demo zoo") training = job[0].toInt();
  ASSERT_GE(training, 0) << "the quick zoo's training job did not start";
  ASSERT_TRUE(test::wait_for(loaded, 60000)) << window.log_text().toStdString();
  EXPECT_TRUE(window.jobs()->running(training));

  const QString table = folder + "/fashion-mnist-study.csv";
  EXPECT_EQ(window.table_path(), table);
  EXPECT_EQ(contents(table), contents(kShippedStudy)) << "the copy is the shipped table";
  const size_t checkpoints = checkpoints_in(kShippedStudy);
  ASSERT_GT(checkpoints, 0u);
  EXPECT_EQ(window.project()->checkpoints.size(), checkpoints);
  EXPECT_EQ(window.tabs()->currentWidget(), window.heatmap_panel());
  const gui::OodHeatmap& map = window.heatmap_panel()->heatmap();
  ASSERT_FALSE(map.row_keys.empty());
  EXPECT_EQ(map.data.n.maxCoeff(), static_cast<int>(checkpoints)) << "every checkpoint in the correlations";
  EXPECT_EQ(window.ood_panel()->scatter().x.size(), checkpoints);
  window.heatmap_panel()->view()->grab_frame();
  test::save_screenshot(window.grab().toImage(), "demo_study_heatmap");

  // Cancelling the background work leaves the study on show.
  QSignalSpy finished(window.jobs(), &gui::JobRunner::finished);
  window.jobs()->cancel(training);
  ASSERT_TRUE(test::wait_for(finished, 60000));
  EXPECT_EQ(window.table_path(), table);

  // A damaged copy is replaced by the shipped table on the next launch of the demo.
  {
    QFile damaged(table);
    ASSERT_TRUE(damaged.open(QIODevice::WriteOnly | QIODevice::Truncate));
    damaged.write("checkpoint\n");
  }
  auto again = gui::write_study_table(folder.toStdString());
  ASSERT_TRUE(again.ok()) << again.error();
  EXPECT_EQ(contents(table), contents(kShippedStudy));
}
#endif

}  // namespace
}  // namespace ms
