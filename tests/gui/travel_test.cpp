// Projects that travel: a sweep (checkpoints, data, project) made in one folder and opened after moving — as a whole
// (found through the relative locations, no question), or only its checkpoints (one folder question answers for
// every checkpoint there, and the project remembers it), or with the question cancelled (a log message). Opened from
// a third working folder, real MainWindow under Xvfb, questions answered by ScriptedAnswers.
#include <gtest/gtest.h>

#include <QDir>
#include <QSignalSpy>
#include <QSlider>
#include <QTest>

#include <filesystem>

#include "tests/gui/gui_test_support.h"
#include "tests/gui/scripted_answers.h"

#ifdef MS_HAVE_MODEL
#include "app/gui/main_window.h"
#include "app/gui/model/projection_panel.h"
#include "core/data/dataset_registry.h"
#include "core/store/locations.h"
#include "core/store/project_file.h"
#include "views/projection_view.h"
#endif

namespace ms::test {
#ifdef MS_HAVE_MODEL
namespace {
namespace fs = std::filesystem;

// A fresh folder per test and process (CTest runs cases in parallel processes).
fs::path scratch(const std::string& name) {
  const fs::path dir = fs::path(MS_TEST_OUTPUT_DIR) / ("travel-" + name + "-" + std::to_string(QCoreApplication::applicationPid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

// DIR/ckpts (the quick zoo's two checkpoints with their sidecars), DIR/data (Fashion-MNIST's test files) and
// DIR/sweep.msproj naming them as `manifoldscope analyze --id data/t10k-images-idx3-ubyte.gz ckpts` run in DIR does:
// the dataset id is the spec as typed (relative), its location absolute; the project file adds the relative ones.
std::vector<std::string> make_sweep(const fs::path& dir) {
  const fs::path zoo = test::quick_zoo_folder().toStdString();
  fs::create_directories(dir);
  fs::copy(zoo, dir / "ckpts", fs::copy_options::recursive);
  std::string fashion;
  for (const data::KnownDataset& known : data::known_datasets())
    if (known.name == "fashion-mnist") fashion = known.location;
  fs::create_directories(dir / "data");
  for (const char* file : {"t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"})
    fs::copy_file(fs::path(fashion) / file, dir / "data" / file);
  store::Project project;
  const std::string spec = "data/t10k-images-idx3-ubyte.gz";
  store::DatasetEntry id{spec, "dataset", spec, "", 0, {}, {}};
  id.location = store::absolute_location(spec, dir.string());
  project.datasets.push_back(id);
  std::vector<std::string> ids;
  for (const auto& entry : fs::directory_iterator(dir / "ckpts")) {
    if (entry.path().extension() != ".pt") continue;
    const std::string name = entry.path().stem().string();
    ids.push_back(name);
    project.checkpoints.push_back({name, entry.path().string(), "", "mlp", {}, {}});
    store::GeometryEntry geometry{name, spec, "fc", {{"dimension", 5.0}, {"layer_index", 0.0}}, {}, {}};
    geometry.options = {{"points_per_manifold", "10"}, {"sample_seed", "0"}, {"n_t", "20"}};
    project.geometry.push_back(geometry);
  }
  std::sort(ids.begin(), ids.end());
  EXPECT_TRUE(store::write_project(project, (dir / "sweep.msproj").string()).ok());
  return ids;
}

// Restores the working folder when the test ends.
struct WorkingFolder {
  explicit WorkingFolder(const fs::path& dir) : previous(fs::current_path()) { fs::current_path(dir); }
  ~WorkingFolder() { fs::current_path(previous); }
  fs::path previous;
};

bool open_and_wait(gui::MainWindow& window, const fs::path& project) {
  QSignalSpy loaded(&window, &gui::MainWindow::project_loaded);
  window.open_project(QString::fromStdString(project.string()));
  return test::wait_for(loaded, 30000);
}

bool project_checkpoint(gui::MainWindow& window, const std::string& id) {
  gui::ProjectionPanel* projection = window.projection_panel();
  QSignalSpy ready(projection, &gui::ProjectionPanel::projection_ready);
  window.tabs()->setCurrentWidget(projection);
  window.select_checkpoint(QString::fromStdString(id));
  return test::wait_for(ready, 120000);
}

}  // namespace

TEST(Travel, WholeSweepMovedOpensFromAThirdFolderWithoutAQuestion) {
  ASSERT_FALSE(test::quick_zoo_folder().isEmpty()) << "manifoldscope zoo train failed";
  const fs::path root = scratch("whole");
  const auto ids = make_sweep(root / "made-here");
  ASSERT_EQ(ids.size(), 2u);
  fs::rename(root / "made-here", root / "moved-there");
  fs::create_directories(root / "third");
  WorkingFolder cwd(root / "third");
  ScriptedAnswers answers;  // none scripted: any question fails the test
  gui::MainWindow window;
  window.show();
  QSignalSpy dataset(&window, &gui::MainWindow::dataset_loaded);
  ASSERT_TRUE(open_and_wait(window, root / "moved-there" / "sweep.msproj"));
  // The Dataset dock shows the project's ID data, found beside the project.
  ASSERT_TRUE(test::wait_for(dataset, 30000)) << window.log_text().toStdString();
  ASSERT_NE(window.dataset(), nullptr);
  EXPECT_NE(window.dataset()->source.find("moved-there/data/t10k-images"), std::string::npos) << window.dataset()->source;
  ASSERT_TRUE(project_checkpoint(window, ids[0])) << window.log_text().toStdString();
  EXPECT_TRUE(answers.files_asked.empty());
  EXPECT_GE(test::distinct_colours(window.projection_panel()->view()->grab_frame()), 10);

  // The layer filter: the slider steps through the matching layers only.
  gui::ProjectionPanel* projection = window.projection_panel();
  const auto& layers = projection->layers();
  ASSERT_GE(layers.size(), 3u);
  projection->set_layer_filter(QString("penultimate,%1").arg(QString::fromStdString(layers.front().id)));
  ASSERT_EQ(projection->slider_layers().size(), 2u);
  EXPECT_EQ(projection->layer_slider()->maximum(), 1);
  EXPECT_EQ(projection->slider_layers()[0], 0);
  EXPECT_TRUE(layers[projection->slider_layers()[1]].penultimate);
  QTest::qWait(300);
  test::save_screenshot(window.grab().toImage(), "travel_whole_sweep_moved");
  projection->set_layer_filter("");
  EXPECT_EQ(projection->slider_layers().size(), layers.size());
}

TEST(Travel, MovedCheckpointsAreAskedForOnceAndRemembered) {
  ASSERT_FALSE(test::quick_zoo_folder().isEmpty()) << "manifoldscope zoo train failed";
  const fs::path root = scratch("ckpts");
  const auto ids = make_sweep(root / "sweep");
  fs::create_directories(root / "archive");
  fs::rename(root / "sweep" / "ckpts", root / "archive" / "old-checkpoints");
  fs::create_directories(root / "third");
  WorkingFolder cwd(root / "third");
  const fs::path project = root / "sweep" / "sweep.msproj";
  {
    ScriptedAnswers answers;
    answers.then_file(QString::fromStdString((root / "archive" / "old-checkpoints").string()));
    gui::MainWindow window;
    window.show();
    ASSERT_TRUE(open_and_wait(window, project));
    QSignalSpy saved(&window, &gui::MainWindow::session_saved);
    ASSERT_TRUE(project_checkpoint(window, ids[0])) << window.log_text().toStdString();
    ASSERT_EQ(answers.files_asked.size(), 1u);
    EXPECT_EQ(answers.files_asked[0].mode, views::FileMode::Folder);
    EXPECT_TRUE(answers.files_asked[0].title.contains(QString::fromStdString(ids[0]))) << answers.files_asked[0].title.toStdString();
    QTest::qWait(200);
    test::save_screenshot(window.grab().toImage(), "travel_checkpoints_moved_answered");
    // The second checkpoint of the same moved folder follows the same mapping: no second question.
    ASSERT_TRUE(project_checkpoint(window, ids[1])) << window.log_text().toStdString();
    EXPECT_EQ(answers.files_asked.size(), 1u);
    // The mapping is saved into the project.
    ASSERT_TRUE(saved.count() > 0 || test::wait_for(saved, 30000));
    EXPECT_EQ(saved.first().first().toString(), "");
  }
  auto stored = store::read_project(project.string());
  ASSERT_TRUE(stored.ok()) << stored.error();
  ASSERT_EQ(stored->relocations.size(), 1u);
  EXPECT_EQ(stored->relocations.begin()->first, (root / "sweep" / "ckpts").string());
  EXPECT_EQ(stored->relocations.begin()->second, (root / "archive" / "old-checkpoints").string());
  // Reopened in a new window (a new session): found without asking.
  ScriptedAnswers none;
  gui::MainWindow again;
  again.show();
  ASSERT_TRUE(open_and_wait(again, project));
  ASSERT_TRUE(project_checkpoint(again, ids[1])) << again.log_text().toStdString();
  EXPECT_TRUE(none.files_asked.empty());
}

TEST(Travel, CancelledQuestionIsALogMessage) {
  ASSERT_FALSE(test::quick_zoo_folder().isEmpty()) << "manifoldscope zoo train failed";
  const fs::path root = scratch("cancel");
  const auto ids = make_sweep(root / "sweep");
  fs::remove_all(root / "sweep" / "ckpts");
  ScriptedAnswers answers;
  answers.then_cancel_file();
  gui::MainWindow window;
  window.show();
  ASSERT_TRUE(open_and_wait(window, root / "sweep" / "sweep.msproj"));
  gui::ProjectionPanel* projection = window.projection_panel();
  window.tabs()->setCurrentWidget(projection);
  window.select_checkpoint(QString::fromStdString(ids[0]));
  QTest::qWait(600);  // the request starts after a short debounce
  EXPECT_EQ(answers.files_asked.size(), 1u);
  EXPECT_TRUE(window.log_text().contains("cancelled")) << window.log_text().toStdString();
  EXPECT_FALSE(projection->busy());
  // Not asked again for the same folder in this session.
  window.select_checkpoint(QString::fromStdString(ids[1]));
  QTest::qWait(600);
  EXPECT_EQ(answers.files_asked.size(), 1u);
  test::save_screenshot(window.grab().toImage(), "travel_question_cancelled");
}
#endif

}  // namespace ms::test
