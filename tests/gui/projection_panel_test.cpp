// The projection tab on real checkpoints (two small MLPs trained here by the zoo trainer) and a real project file:
// stepping through the layers, bases, 2D/3D, a shifted overlay, hovering for the input with its label and prediction,
// a drag rotating the 3D view, the session state, and errors as messages. Every picture is saved and checked for
// several class colours.
#include <gtest/gtest.h>

#include <QDir>
#include <QFile>
#include <QLockFile>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QSpinBox>
#include <QPainter>
#include <QSignalSpy>
#include <QTest>

#include "tests/gui/gui_test_support.h"
#include "tests/gui/scripted_answers.h"

#ifdef MS_HAVE_MODEL
#include "app/gui/job_runner.h"
#include "app/gui/main_window.h"
#include "app/gui/jobs_panel.h"
#include "app/gui/model/compare_panel.h"
#include "app/gui/model/embedding_parameters.h"
#include "app/gui/model/projection_panel.h"
#include "core/data/dataset_registry.h"
#include "core/model/model.h"
#include "core/model/zoo.h"
#include "core/store/layer_arrays.h"
#include "core/store/project_file.h"
#include "views/palette.h"
#include "views/point_tip.h"
#include "views/projection_view.h"
#endif

namespace ms::test {

#ifdef MS_HAVE_MODEL
// Two MLPs (1 epoch on 1500 images, seeds 0 and 1) and a project naming them, with the ID set, a fog:3 copy and
// made-up markers for every layer (so tables have numbers to compare); written with write_project and read back.
// The GLUE sample of the project's options is 12 per class, so each projection has 120 points. Shared by the
// projection and compare panel tests.
std::shared_ptr<const store::Project> tiny_model_project() {
  static const std::shared_ptr<const store::Project> project = []() -> std::shared_ptr<const store::Project> {
    const QString dir = QString(MS_TEST_OUTPUT_DIR) + "/gui-projection";
    QDir().mkpath(dir);
    // CTest runs cases as parallel processes: one trains while the others wait, then all reuse its checkpoints.
    QLockFile training_lock(dir + "/training.lock");
    training_lock.setStaleLockTime(0);
    if (!training_lock.lock()) return nullptr;
    auto test = data::open_dataset("fashion-mnist:test");
    if (!test) return nullptr;
    // Training on 1500 test items and evaluating on 500 others keeps this to seconds (the pictures only need a
    // model that has learnt something).
    auto slice = [&](int64_t begin, int64_t end) {
      data::Dataset part = *test;
      part.values.assign(test->item(begin), test->item(end));
      part.labels.assign(test->labels.begin() + begin, test->labels.begin() + end);
      return part;
    };
    const data::Dataset train = slice(2000, 3500), check = slice(0, 500);
    store::Project made;
    made.datasets.push_back({"fashion-mnist:test", "known", "", "", 0, test->class_names, {}});
    made.datasets.push_back({"fashion-mnist:test+fog:3", "known", "", "fog", 3, test->class_names, {}});
    for (uint64_t seed : {0, 1}) {
      model::ZooRun run;
      run.architecture = "mlp";
      run.optimizer = "adamw";
      run.learning_rate = 0.002;
      run.seed = seed;
      run.batch_size = 64;
      // CTest runs each case in its own process: a checkpoint pair trained by an earlier one is reused.
      const QString stem = dir + "/" + QString::fromStdString(run.name());
      if (!QFile::exists(stem + ".pt") || !QFile::exists(stem + ".json")) {
        NullProgress progress;
        CancelToken cancel;
        if (!model::train_zoo_model(run, train, check, dir.toStdString(), 2, progress, cancel)) return nullptr;
      }
      const std::string checkpoint_path = (stem + ".pt").toStdString();
      made.checkpoints.push_back({run.name(), checkpoint_path, "", "mlp", {{"seed", std::to_string(seed)}}, {}});
      auto net = model::load_model(checkpoint_path);
      if (!net) return nullptr;
      auto layers = net->layers({1, 28, 28});
      if (!layers) return nullptr;
      for (size_t l = 0; l < layers->size(); ++l) {
        store::GeometryEntry entry{run.name(), "fashion-mnist:test", (*layers)[l].id, {}, {}, {}};
        entry.markers = {{"dimension", 3.0 + 1.5 * l + 0.7 * seed}, {"utility", 0.05 + 0.02 * l - 0.01 * seed},
                         {"radius", 1.2 - 0.1 * l + 0.05 * seed}, {"capacity", 0.08 + 0.03 * l + 0.01 * seed},
                         {"layer_index", static_cast<double>(l)}};
        entry.options = {{"points_per_manifold", "12"}, {"sample_seed", "0"}, {"n_t", "40"}};
        made.geometry.push_back(entry);
      }
    }
    const std::string path = (dir + "/tiny.msproj").toStdString();
    if (!store::write_project(made, path).ok()) return nullptr;
    auto read = store::read_project(path);
    if (!read) return nullptr;
    return std::make_shared<const store::Project>(std::move(read).value());
  }();
  return project;
}

// Processes events until `done` holds or `timeout_ms` passes.
template <class Predicate>
bool wait_until(Predicate done, int timeout_ms) {
  QElapsedTimer clock;
  clock.start();
  while (!done() && clock.elapsed() < timeout_ms) QTest::qWait(20);
  return done();
}

// Class colours with at least `pixels` pixels in the frame.
int classes_on_screen(const QImage& frame, int pixels) {
  const QImage rgb = frame.convertToFormat(QImage::Format_RGB32);
  int present = 0;
  for (int c = 0; c < 10; ++c) {
    const views::Rgb colour = views::class_colour(c);
    int count = 0;
    for (int y = 0; y < rgb.height(); ++y)
      for (int x = 0; x < rgb.width(); ++x) {
        const QRgb p = rgb.pixel(x, y);
        count += std::abs(qRed(p) - std::lround(colour[0] * 255)) <= 12 &&
                 std::abs(qGreen(p) - std::lround(colour[1] * 255)) <= 12 &&
                 std::abs(qBlue(p) - std::lround(colour[2] * 255)) <= 12;
      }
    present += count >= pixels;
  }
  return present;
}
#endif

namespace {

#ifdef MS_HAVE_MODEL
const store::CheckpointEntry& checkpoint(int i) { return tiny_model_project()->checkpoints.at(i); }

// Waits for the panel to settle on a result (no request due or running).
bool settle(gui::ProjectionPanel& panel, int timeout_ms = 60000) {
  return wait_until([&] { return !panel.busy() && panel.result() != nullptr; }, timeout_ms);
}

void check_picture(gui::ProjectionPanel& panel, const QString& name) {
  QTest::qWait(50);
  const QImage frame = panel.view()->grab_frame();
  save_screenshot(panel.grab().toImage(), name);
  EXPECT_GT(distinct_colours(frame), 20) << name.toStdString();
  EXPECT_GE(classes_on_screen(frame, 30), 6) << "several class colours in " << name.toStdString();
}

TEST(ProjectionPanel, StepsThroughLayersBasesAndDimensionsOnAWorker) {
  ASSERT_NE(tiny_model_project(), nullptr) << "training the test checkpoints failed";
  gui::JobRunner jobs;
  gui::JobsPanel jobs_panel(&jobs);
  gui::ProjectionPanel panel(&jobs);
  QSignalSpy started(&jobs, &gui::JobRunner::started);
  QSignalSpy selected(&panel, &gui::ProjectionPanel::checkpoint_selected);
  panel.set_project(tiny_model_project());
  EXPECT_EQ(started.size(), 0) << "nothing is computed before the panel is shown or a checkpoint chosen";
  ASSERT_TRUE(test::show_exposed(panel, 1100, 650));
  panel.select_checkpoint(QString::fromStdString(checkpoint(1).id));
  EXPECT_EQ(selected.last().at(0).toString(), QString::fromStdString(checkpoint(1).id));
  ASSERT_TRUE(wait_until([&] { return !started.isEmpty(); }, 5000));
  EXPECT_TRUE(started.first().at(1).toString().startsWith("Projection")) << "a job in the Jobs dock";
  ASSERT_TRUE(settle(panel));
  // flatten, fc1, relu, fc2, relu#2, fc3: the penultimate layer first.
  ASSERT_EQ(panel.layers().size(), 6u);
  EXPECT_EQ(panel.layer(), 4);
  EXPECT_EQ(panel.result()->layers[panel.result()->layer_index].id, "relu#2");
  EXPECT_EQ(panel.view()->data().coords.rows(), 120);
  EXPECT_EQ(panel.view()->data().centers.rows(), 10) << "class means shown by default";
  check_picture(panel, "projection_panel_penultimate");

  // Step through depth: each result is that layer's.
  for (int l = 0; l < 6; ++l) {
    panel.select_layer(l);
    ASSERT_TRUE(settle(panel)) << "layer " << l;
    ASSERT_EQ(panel.result()->layer_index, l);
    EXPECT_EQ(panel.layer(), l);
    EXPECT_EQ(panel.view()->data().coords.rows(), 120);
  }
  check_picture(panel, "projection_panel_logits");
  // Moving on before a result arrives: only the last request is shown.
  panel.select_layer(1);
  QTest::qWait(200);
  panel.select_layer(3);
  ASSERT_TRUE(settle(panel));
  EXPECT_EQ(panel.result()->layer_index, 3);
  EXPECT_EQ(panel.layer(), 3);

  panel.set_basis(pipeline::ProjectionBasis::center_plane);
  ASSERT_TRUE(settle(panel));
  check_picture(panel, "projection_panel_center_plane");
  panel.set_basis(pipeline::ProjectionBasis::anchor_view);
  panel.set_anchors_shown(true);
  ASSERT_TRUE(settle(panel));
  EXPECT_GT(panel.view()->data().anchors.rows(), 10);
  EXPECT_EQ(panel.result()->layer_index, 3);
  panel.set_dimensions(3);
  ASSERT_TRUE(settle(panel));
  EXPECT_EQ(panel.view()->mode(), views::ProjectionView::Mode::Orbit3D);
  EXPECT_EQ(panel.view()->data().coords.cols(), 3);
  check_picture(panel, "projection_panel_anchor_view_3d");
}

TEST(ProjectionPanel, ShiftOverlayHoverAndDragIn3D) {
  ASSERT_NE(tiny_model_project(), nullptr);
  gui::JobRunner jobs;
  gui::ProjectionPanel panel(&jobs);
  panel.set_project(tiny_model_project());
  ASSERT_TRUE(test::show_exposed(panel, 1100, 650));
  panel.select_checkpoint(QString::fromStdString(checkpoint(0).id));
  panel.set_overlay("fashion-mnist:test+fog:3");
  ASSERT_TRUE(settle(panel));
  const auto& shown = panel.view()->data();
  ASSERT_EQ(shown.overlay.rows(), 120);
  EXPECT_EQ(shown.overlay_name, "shifted: fog:3");
  EXPECT_EQ(shown.overlay_labels, shown.labels);
  check_picture(panel, "projection_panel_fog_overlay");

  // Hover an ID point and a shifted one: the side box shows the input, the true label and the prediction.
  const auto& result = *panel.result();
  for (int target : {7, 120 + 55}) {
    SCOPED_TRACE(target);
    const QPointF where = panel.view()->sample_position(target);
    const int index = panel.view()->sample_at(where);  // the point drawn there (maybe another, on top)
    ASSERT_GE(index, 0);
    QSignalSpy hovered(panel.view(), &views::ProjectionView::point_hovered);
    test::hover(panel.view(), where.toPoint());
    ASSERT_TRUE(wait_for(hovered, 2000));
    const int at = hovered.last().at(0).toInt();
    ASSERT_GE(at, 0);
    const bool shifted = at >= 120;
    const int i = shifted ? at - 120 : at;
    const QString text = panel.hover_text()->text();
    EXPECT_TRUE(text.contains(QString::fromStdString(result.class_names[result.labels[i]]).toHtmlEscaped()))
        << text.toStdString();
    const int predicted = (shifted ? result.shifted_predictions : result.predictions)[i];
    EXPECT_TRUE(text.contains("predicted: <b><font color=\"#") &&
                text.contains(QString::fromStdString(result.class_names[predicted]).toHtmlEscaped() + "</font>"))
        << text.toStdString();
    EXPECT_TRUE(text.contains(shifted ? "shifted: fog:3" : "ID")) << text.toStdString();
    EXPECT_TRUE(text.contains(QString::number(result.indices[i])));
    const QPixmap image = panel.hover_image()->pixmap();
    ASSERT_FALSE(image.isNull());
    EXPECT_EQ(image.size(), QSize(112, 112));
    EXPECT_GT(distinct_colours(image.toImage()), 10) << "a picture, not a blank";
    save_screenshot(panel.grab().toImage(), shifted ? "projection_panel_hover_shifted" : "projection_panel_hover_id");
    // The same as a tooltip beside the point (not over it, so the hover stays), on the real screen.
    views::PointTip* tip = panel.point_tip();
    ASSERT_TRUE(tip->isVisible());
    EXPECT_EQ(tip->text()->text(), text);
    EXPECT_EQ(tip->picture()->pixmap().size(), QSize(112, 112));
    const QPoint point = panel.view()->mapToGlobal(panel.view()->sample_position(at).toPoint());
    EXPECT_FALSE(tip->frameGeometry().contains(point));
    // Its own rendering (grabbing the screen would also catch windows of test processes running in parallel on
    // the same display), drawn onto the panel's where it sits, to look at.
    QTest::qWait(50);  // the side box's new text is laid out on a posted event
    EXPECT_TRUE(tip->isVisible()) << "shown while the pointer rests on the point";
    const QPixmap drawn = tip->grab();
    EXPECT_GT(distinct_colours(drawn.toImage()), 10) << "the tooltip is drawn";
    QImage composed = panel.grab().toImage();
    QPainter(&composed).drawPixmap(panel.mapFromGlobal(tip->pos()), drawn);
    save_screenshot(composed, shifted ? "projection_panel_tooltip_shifted" : "projection_panel_tooltip_id");
    test::hover(panel.view(), QPoint(3, panel.view()->height() - 3));
    QTest::qWait(50);
    EXPECT_FALSE(tip->isVisible()) << "leaving the point hides the tooltip";
  }

  panel.set_dimensions(3);
  ASSERT_TRUE(settle(panel));
  const views::CameraState before = panel.view()->camera();
  const QPoint from(panel.view()->width() / 2, panel.view()->height() / 2);
  QTest::mousePress(panel.view(), Qt::LeftButton, Qt::NoModifier, from);
  for (int step = 1; step <= 5; ++step) QTest::mouseMove(panel.view(), from + QPoint(20 * step, -6 * step));
  QTest::mouseRelease(panel.view(), Qt::LeftButton, Qt::NoModifier, from + QPoint(100, -30));
  const views::CameraState after = panel.view()->camera();
  double moved = 0, radius = 0;
  for (int k = 0; k < 3; ++k) {
    moved += std::pow(after.position[k] - before.position[k], 2);
    radius += std::pow(before.position[k] - before.focal_point[k], 2);
  }
  EXPECT_GT(std::sqrt(moved), 0.2 * std::sqrt(radius)) << "the drag rotated the camera";
  check_picture(panel, "projection_panel_3d_rotated");
}

TEST(ProjectionPanel, SessionStateRoundTripsAndErrorsBecomeMessages) {
  ASSERT_NE(tiny_model_project(), nullptr);
  gui::JobRunner jobs;
  QJsonObject state;
  views::CameraState camera;
  {
    gui::ProjectionPanel panel(&jobs);
    panel.set_project(tiny_model_project());
    ASSERT_TRUE(test::show_exposed(panel, 900, 600));
    panel.select_checkpoint(QString::fromStdString(checkpoint(1).id));
    panel.select_layer(1);
    panel.set_basis(pipeline::ProjectionBasis::center_plane);
    panel.set_dimensions(3);
    panel.set_overlay("fashion-mnist:test+fog:3");
    ASSERT_TRUE(settle(panel));
    ASSERT_EQ(panel.layer(), 1);
    QTest::mousePress(panel.view(), Qt::LeftButton, Qt::NoModifier, QPoint(300, 300));
    QTest::mouseMove(panel.view(), QPoint(360, 280));
    QTest::mouseRelease(panel.view(), Qt::LeftButton, Qt::NoModifier, QPoint(360, 280));
    camera = panel.view()->camera();
    state = panel.save_state();
  }
  EXPECT_EQ(state["layer"].toString(), "fc1:linear");
  EXPECT_EQ(state["basis"].toString(), "center_plane");
  EXPECT_EQ(state["camera"].toArray().size(), 13);

  gui::ProjectionPanel restored(&jobs);
  restored.restore_state(state);  // before the project: kept until it comes
  restored.set_project(tiny_model_project());
  restored.resize(900, 600);
  restored.show();
  ASSERT_TRUE(settle(restored));
  EXPECT_EQ(restored.checkpoint(), QString::fromStdString(checkpoint(1).id));
  EXPECT_EQ(restored.layer(), 1);
  EXPECT_EQ(restored.view()->data().overlay.rows(), 120);
  EXPECT_EQ(restored.view()->mode(), views::ProjectionView::Mode::Orbit3D);
  const views::CameraState back = restored.view()->camera();
  for (int k = 0; k < 3; ++k) EXPECT_NEAR(back.position[k], camera.position[k], 1e-9 * (1 + std::abs(camera.position[k])));
  EXPECT_EQ(restored.save_state()["basis"].toString(), "center_plane");
  check_picture(restored, "projection_panel_restored");

  // A checkpoint whose file is gone: its new folder is asked for once; cancelled, the error names it, through
  // message(text, true).
  ScriptedAnswers answers;
  answers.then_cancel_file();
  auto broken = std::make_shared<store::Project>(*tiny_model_project());
  broken->checkpoints[0].path = QString(QString(MS_TEST_OUTPUT_DIR) + "/gui-projection/gone.pt").toStdString();
  gui::ProjectionPanel panel(&jobs);
  QSignalSpy messages(&panel, &gui::ProjectionPanel::message);
  panel.set_project(broken);
  panel.select_checkpoint(QString::fromStdString(broken->checkpoints[0].id));
  // Hidden, the panel computes nothing (another tab would be on show); shown, it runs what was asked for.
  QTest::qWait(400);
  EXPECT_FALSE(panel.busy());
  EXPECT_TRUE(messages.isEmpty());
  panel.resize(900, 600);
  panel.show();
  ASSERT_TRUE(wait_until([&] { return !messages.isEmpty(); }, 30000));
  EXPECT_TRUE(messages.last().at(0).toString().contains("gone.pt")) << messages.last().at(0).toString().toStdString();
  EXPECT_TRUE(messages.last().at(1).toBool());
  EXPECT_TRUE(answers.all_used());
  EXPECT_TRUE(messages.last().at(0).toString().contains("cancelled"));
}

// The README's pictures from an analysed project of real checkpoints (not run by default):
//   MS_DOCS_PROJECT=zoo.msproj MS_DOCS_OUT=docs/screenshots MS_DOCS_A=cnn-... MS_DOCS_B=cnn-...
//   gui_tests --gtest_also_run_disabled_tests --gtest_filter='ProjectionPanel.DISABLED_DocsScreenshots'
TEST(ProjectionPanel, UmapAndTsneWithAParameterRowAndAJointFitNote) {
  ASSERT_NE(tiny_model_project(), nullptr) << "training the test checkpoints failed";
  gui::JobRunner jobs;
  gui::JobsPanel jobs_panel(&jobs);
  gui::ProjectionPanel panel(&jobs);
  QSignalSpy started(&jobs, &gui::JobRunner::started);
  panel.set_project(tiny_model_project());
  ASSERT_TRUE(test::show_exposed(panel, 1100, 650));
  panel.select_checkpoint(QString::fromStdString(checkpoint(0).id));
  ASSERT_TRUE(settle(panel));
  EXPECT_FALSE(panel.embedding_parameters()->isVisible()) << "no parameter row for PCA";
  panel.set_overlay("fashion-mnist:test+fog:3");
  panel.set_anchors_shown(true);  // not available for layouts: ignored, not an error
  panel.set_basis(pipeline::ProjectionBasis::umap);
  ASSERT_TRUE(settle(panel));
  ASSERT_TRUE(panel.embedding_parameters()->isVisible());
  EXPECT_TRUE(panel.embedding_parameters()->neighbours()->isVisible());
  EXPECT_FALSE(panel.embedding_parameters()->perplexity()->isVisible());
  EXPECT_TRUE(started.last().at(1).toString().startsWith("Projection")) << "computed as a job";
  ASSERT_TRUE(panel.result()->joint_fit);
  EXPECT_EQ(panel.view()->data().coords.rows(), 120);
  EXPECT_EQ(panel.view()->data().overlay.rows(), 120);
  EXPECT_EQ(panel.view()->data().anchors.rows(), 0);
  auto note_shown = [&](const char* words) {
    for (QLabel* label : panel.findChildren<QLabel*>())
      if (label->isVisible() && label->text().contains(words)) return true;
    return false;
  };
  EXPECT_TRUE(note_shown("fitted jointly")) << panel.result()->note;
  check_picture(panel, "projection_panel_umap");
  panel.set_dimensions(3);
  ASSERT_TRUE(settle(panel));
  EXPECT_EQ(panel.view()->data().coords.cols(), 3);
  EXPECT_EQ(panel.view()->mode(), views::ProjectionView::Mode::Orbit3D);
  check_picture(panel, "projection_panel_umap_3d");
  panel.set_dimensions(2);
  ASSERT_TRUE(settle(panel));

  const auto first = panel.result();
  geometry::EmbeddingOptions options;
  options.seed = 4;
  options.perplexity = 20;
  panel.set_basis(pipeline::ProjectionBasis::tsne);
  panel.set_embedding_options(options);
  ASSERT_TRUE(settle(panel));
  EXPECT_FALSE(panel.embedding_parameters()->neighbours()->isVisible());
  EXPECT_TRUE(panel.embedding_parameters()->perplexity()->isVisible());
  EXPECT_NE(panel.result()->note.find("t-SNE (perplexity 20"), std::string::npos) << panel.result()->note;
  EXPECT_TRUE(note_shown("t-SNE"));
  check_picture(panel, "projection_panel_tsne");

  const QJsonObject state = panel.save_state();
  EXPECT_EQ(state["basis"].toString(), "tsne");
  EXPECT_EQ(state["embedding"].toObject()["perplexity"].toDouble(), 20.0);
  EXPECT_EQ(state["embedding"].toObject()["seed"].toDouble(), 4.0);
  // Back to the first UMAP layout: from the projector's cache, the same points.
  QJsonObject back = state;
  back["basis"] = "umap";
  back["embedding"] = QJsonObject{};
  panel.restore_state(back);
  ASSERT_TRUE(settle(panel));
  EXPECT_TRUE(panel.embedding_parameters()->neighbours()->isVisible());
  EXPECT_TRUE(panel.result()->points == first->points);

  // Saving the session puts the fitted layouts beside their layers' markers (MainWindow::save_session does this
  // put); a panel on the saved project draws them without fitting.
  ASSERT_EQ(panel.unsaved_layouts().size(), 3u) << "UMAP 2D and 3D, t-SNE";
  EXPECT_EQ(panel.unsaved_layouts()[0].values.rows(), 240) << "ID and shifted rows";
  auto saved = std::make_shared<store::Project>(*tiny_model_project());
  EXPECT_EQ(store::put_layer_arrays(*saved, panel.unsaved_layouts()), 3);
  panel.set_project(saved);
  EXPECT_TRUE(panel.unsaved_layouts().empty()) << "the project holds them now";
  gui::ProjectionPanel reopened(&jobs);
  reopened.set_project(saved);
  reopened.restore_state(back);
  ASSERT_TRUE(test::show_exposed(reopened, 1100, 650));
  ASSERT_TRUE(settle(reopened));
  EXPECT_TRUE(reopened.result()->layout_stored);
  EXPECT_TRUE(reopened.result()->points == first->points);
  EXPECT_TRUE(reopened.unsaved_layouts().empty());
}

TEST(ProjectionPanel, SavingTheSessionKeepsUmapLayoutsInTheProject) {
  ASSERT_NE(tiny_model_project(), nullptr) << "training the test checkpoints failed";
  const QString path = QString(MS_TEST_OUTPUT_DIR) + "/gui-projection/layouts.msproj";
  ASSERT_TRUE(store::write_project(*tiny_model_project(), path.toStdString()).ok());
  {
    gui::MainWindow window;
    window.resize(1300, 800);
    window.show();
    QSignalSpy loaded(&window, &gui::MainWindow::project_loaded);
    window.open_project(path);
    ASSERT_TRUE(test::wait_for(loaded, 30000));
    gui::ProjectionPanel& panel = *window.projection_panel();
    window.tabs()->setCurrentWidget(&panel);
    panel.set_basis(pipeline::ProjectionBasis::umap);
    ASSERT_TRUE(settle(panel));
    ASSERT_EQ(panel.unsaved_layouts().size(), 1u);
    QSignalSpy saved(&window, &gui::MainWindow::session_saved);
    window.save_session();
    ASSERT_TRUE(test::wait_for(saved, 30000));
    EXPECT_EQ(saved.first().first().toString(), "");
  }
  auto stored = store::read_project(path.toStdString());
  ASSERT_TRUE(stored.ok()) << stored.error();
  int layouts = 0;
  for (const auto& entry : stored->geometry)
    for (const auto& [name, values] : entry.arrays)
      if (name.rfind("umap 2D", 0) == 0) layouts += values.rows() == 120 && values.cols() == 2;
  EXPECT_EQ(layouts, 1);
}

TEST(ProjectionPanel, DISABLED_DocsScreenshots) {
  const QString path = qEnvironmentVariable("MS_DOCS_PROJECT"), out = qEnvironmentVariable("MS_DOCS_OUT");
  const QString a = qEnvironmentVariable("MS_DOCS_A"), b = qEnvironmentVariable("MS_DOCS_B");
  if (path.isEmpty() || out.isEmpty() || a.isEmpty() || b.isEmpty()) GTEST_SKIP() << "MS_DOCS_* not set";
  auto read = store::read_project(path.toStdString());
  ASSERT_TRUE(read.ok()) << read.error();
  auto project = std::make_shared<const store::Project>(std::move(read).value());
  const QString shift = "fashion-mnist:test+fog:3";
  gui::JobRunner jobs;
  {
    gui::ProjectionPanel panel(&jobs);
    panel.set_project(project);
    ASSERT_TRUE(test::show_exposed(panel, 1200, 720));
    panel.select_checkpoint(a);
    panel.set_overlay(shift);
    ASSERT_TRUE(settle(panel, 300000));
    // Hover a shifted point so the side box shows an input, its label and the prediction.
    const QPointF where = panel.view()->sample_position(static_cast<int>(panel.result()->points.rows()) + 3);
    test::hover(panel.view(), where.toPoint());
    QTest::qWait(300);
    ASSERT_TRUE(panel.grab().toImage().save(out + "/projection_2d.png"));
    panel.set_dimensions(3);
    panel.set_basis(pipeline::ProjectionBasis::center_plane);
    panel.set_anchors_shown(true);
    ASSERT_TRUE(settle(panel, 300000));
    QTest::qWait(300);
    ASSERT_TRUE(panel.grab().toImage().save(out + "/projection_3d.png"));
  }
  gui::ComparePanel compare(&jobs);
  compare.set_project(project);
  compare.set_checkpoints(a, b);
  compare.set_overlay(shift);
  ASSERT_TRUE(test::show_exposed(compare, 1500, 900));
  ASSERT_TRUE(wait_until([&] {
    return !compare.panel_a()->busy() && !compare.panel_b()->busy() && compare.panel_a()->result() &&
           compare.panel_b()->result();
  }, 300000));
  QTest::qWait(300);
  ASSERT_TRUE(compare.grab().toImage().save(out + "/compare.png"));
}
#endif

}  // namespace
}  // namespace ms::test
