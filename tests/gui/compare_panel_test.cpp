// The compare tab on two real checkpoints (the MLPs of projection_panel_test.cpp): one layer slider drives both
// sides, the table's B−A are the project's numbers, the cameras stay linked both ways, Save Data/Save Image write
// the table and both views side by side, and the session state round-trips.
#include <gtest/gtest.h>

#include <QFile>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTest>
#include <cmath>

#include "tests/gui/gui_test_support.h"
#include "tests/gui/pdf_tools.h"

#ifdef MS_HAVE_MODEL
#include "app/gui/job_runner.h"
#include "app/gui/model/compare_panel.h"
#include "app/gui/model/projection_panel.h"
#include "app/gui/project_profile.h"
#include "core/store/project.h"
#include "views/projection_view.h"
#endif

namespace ms::test {

#ifdef MS_HAVE_MODEL
std::shared_ptr<const store::Project> tiny_model_project();  // projection_panel_test.cpp
int classes_on_screen(const QImage& frame, int pixels);

namespace {

bool settled(const gui::ComparePanel& panel) {
  return !panel.panel_a()->busy() && !panel.panel_b()->busy() && panel.panel_a()->result() && panel.panel_b()->result();
}

bool wait_settled(const gui::ComparePanel& panel, int timeout_ms = 60000) {
  QElapsedTimer clock;
  clock.start();
  while (!settled(panel) && clock.elapsed() < timeout_ms) QTest::qWait(20);
  return settled(panel);
}

double project_marker(const store::Project& project, const std::string& checkpoint, const std::string& layer,
                      const std::string& marker) {
  for (const auto& g : project.geometry)
    if (g.checkpoint == checkpoint && g.layer == layer) return g.markers.at(marker);
  return std::nan("");
}

// Every row's B−A (and A, B) against the project's numbers for the layers on show.
void check_table(const gui::ComparePanel& panel, const store::Project& project) {
  const std::string a = panel.panel_a()->checkpoint().toStdString(), b = panel.panel_b()->checkpoint().toStdString();
  const std::string la = panel.panel_a()->layers()[panel.panel_a()->layer()].id;
  const std::string lb = panel.panel_b()->layers()[panel.panel_b()->layer()].id;
  QTableWidget* table = panel.table();
  const auto markers = gui::profile_markers(project, "fashion-mnist:test");
  ASSERT_EQ(table->rowCount(), static_cast<int>(markers.size()));
  for (int row = 0; row < table->rowCount(); ++row) {
    const std::string marker = table->item(row, 0)->text().toStdString();
    const double va = project_marker(project, a, la, marker), vb = project_marker(project, b, lb, marker);
    EXPECT_DOUBLE_EQ(table->item(row, 1)->data(Qt::UserRole).toDouble(), va) << marker;
    EXPECT_DOUBLE_EQ(table->item(row, 2)->data(Qt::UserRole).toDouble(), vb) << marker;
    EXPECT_NEAR(table->item(row, 3)->data(Qt::UserRole).toDouble(), vb - va, 1e-12) << marker;
    EXPECT_NE(vb - va, 0.0) << marker << ": the made-up markers differ between the checkpoints";
  }
}

// Restores `panel` from `state` on the tiny project, shows it at `size` and waits (a minute at most) until both
// sides settled; true when they did.
bool restore_and_settle(gui::ComparePanel& panel, const QJsonObject& state, QSize size) {
  panel.restore_state(state);
  panel.set_project(tiny_model_project());
  panel.resize(size);
  panel.show();
  return wait_settled(panel);
}

double distance(const std::array<double, 3>& p, const std::array<double, 3>& q) {
  return std::sqrt((p[0] - q[0]) * (p[0] - q[0]) + (p[1] - q[1]) * (p[1] - q[1]) + (p[2] - q[2]) * (p[2] - q[2]));
}

void drag(QWidget* view, QPoint from, QPoint by) {
  QTest::mousePress(view, Qt::LeftButton, Qt::NoModifier, from);
  for (int step = 1; step <= 4; ++step) QTest::mouseMove(view, from + by * step / 4);
  QTest::mouseRelease(view, Qt::LeftButton, Qt::NoModifier, from + by);
}

TEST(ComparePanel, OneSliderLinkedCamerasAndTheMarkerDifferences) {
  ASSERT_NE(tiny_model_project(), nullptr) << "training the test checkpoints failed";
  const store::Project& project = *tiny_model_project();
  gui::JobRunner jobs;
  gui::ComparePanel panel(&jobs);
  panel.set_project(tiny_model_project());
  panel.set_checkpoints(QString::fromStdString(project.checkpoints[0].id), QString::fromStdString(project.checkpoints[1].id));
  ASSERT_TRUE(test::show_exposed(panel, 1500, 900));
  ASSERT_TRUE(wait_settled(panel));
  EXPECT_EQ(panel.panel_a()->checkpoint(), QString::fromStdString(project.checkpoints[0].id));
  EXPECT_EQ(panel.panel_b()->checkpoint(), QString::fromStdString(project.checkpoints[1].id));
  EXPECT_EQ(panel.layer(), 4);
  check_table(panel, project);

  panel.select_layer(1);
  ASSERT_TRUE(wait_settled(panel));
  EXPECT_EQ(panel.panel_a()->layer(), 1);
  EXPECT_EQ(panel.panel_b()->layer(), 1);
  EXPECT_EQ(panel.layer(), 1);
  check_table(panel, project);

  panel.set_dimensions(3);
  panel.set_overlay("fashion-mnist:test+fog:3");
  ASSERT_TRUE(wait_settled(panel));
  EXPECT_EQ(panel.panel_b()->view()->data().overlay.rows(), 120);
  views::ProjectionView* a = panel.panel_a()->view();
  views::ProjectionView* b = panel.panel_b()->view();
  const views::CameraState before = b->camera();
  drag(a, QPoint(a->width() / 2, a->height() / 2), QPoint(90, -30));
  const views::CameraState after = b->camera();
  EXPECT_GT(distance(before.position, after.position), 1e-3) << "B followed A's drag";
  EXPECT_LT(distance(a->camera().position, after.position), 1e-9);
  EXPECT_LT(distance(a->camera().view_up, after.view_up), 1e-9);
  drag(b, QPoint(b->width() / 2, b->height() / 2), QPoint(-60, 40));
  EXPECT_LT(distance(a->camera().position, b->camera().position), 1e-9) << "and A follows B";
  QTest::qWait(100);
  const QImage shot = panel.grab().toImage();
  save_screenshot(shot, "compare_panel");
  for (views::ProjectionView* view : {a, b}) {
    const QImage frame = view->grab_frame();
    EXPECT_GT(distinct_colours(frame), 20);
    EXPECT_GE(classes_on_screen(frame, 30), 6);
  }

  // Save Data: the table as CSV; Save Image: both views side by side under a title strip.
  const QString csv = QString(MS_TEST_OUTPUT_DIR) + "/screenshots/compare_table.csv";
  ASSERT_TRUE(panel.save_csv(csv.toStdString()).ok());
  QFile file(csv);
  ASSERT_TRUE(file.open(QIODevice::ReadOnly | QIODevice::Text));
  const QStringList lines = QString::fromUtf8(file.readAll()).split('\n', Qt::SkipEmptyParts);
  ASSERT_EQ(lines.size(), 1 + panel.table()->rowCount());
  EXPECT_EQ(lines[0], "marker,checkpoint_a,layer_a,a,checkpoint_b,layer_b,b,b_minus_a");
  const QStringList first = lines[1].split(',');
  EXPECT_DOUBLE_EQ(first[7].toDouble(), panel.table()->item(0, 3)->data(Qt::UserRole).toDouble());
  const QString png = QString(MS_TEST_OUTPUT_DIR) + "/screenshots/compare_saved.png";
  ASSERT_TRUE(panel.save_png(png.toStdString(), 1).ok());
  const QImage saved(png);
  ASSERT_FALSE(saved.isNull());
  const QImage left = a->grab_frame(), right = b->grab_frame();
  EXPECT_EQ(saved.width(), left.width() + right.width());
  EXPECT_GT(saved.height(), left.height());
  EXPECT_GE(classes_on_screen(saved.copy(0, 0, left.width(), saved.height()), 30), 6);
  EXPECT_GE(classes_on_screen(saved.copy(left.width(), 0, right.width(), saved.height()), 30), 6);

  // SVG and PDF: each side's points an embedded image, the titles and class names as text.
  MS_SKIP_WITHOUT_POPPLER();
  const QString svg = QString(MS_TEST_OUTPUT_DIR) + "/screenshots/compare_saved.svg";
  const QString pdf = QString(MS_TEST_OUTPUT_DIR) + "/screenshots/compare_saved.pdf";
  ASSERT_TRUE(panel.save_figure(svg.toStdString(), views::ExportSize::window_times(1)).ok());
  ASSERT_TRUE(panel.save_figure(pdf.toStdString(), views::ExportSize::physical_mm(views::kDoubleColumnMm, 300)).ok());
  QFile svg_file(svg);
  ASSERT_TRUE(svg_file.open(QIODevice::ReadOnly));
  const QString svg_text = QString::fromUtf8(svg_file.readAll());
  EXPECT_EQ(svg_text.count("<image"), 2) << "one image per side";
  const QString class_name = QString::fromStdString(a->data().class_names.at(0));
  EXPECT_GE(svg_text.count(">" + class_name + "</text>"), 2) << "each legend names the classes as text";
  EXPECT_TRUE(svg_text.contains(">A: " + panel.panel_a()->checkpoint())) << "the titles as text";
  expect_good_pdf(pdf);
  const QString words = pdf_text(pdf);
  EXPECT_TRUE(words.contains("A: " + panel.panel_a()->checkpoint())) << words.toStdString();
  EXPECT_TRUE(words.contains("B: " + panel.panel_b()->checkpoint())) << words.toStdString();
  EXPECT_TRUE(words.contains(class_name)) << words.toStdString();
  EXPECT_EQ(run_tool("pdfimages", {"-list", pdf}).out.split('\n', Qt::SkipEmptyParts).size(), 4)
      << "a header, its rule and one image per side";
}

TEST(ComparePanel, SessionStateRoundTrips) {
  ASSERT_NE(tiny_model_project(), nullptr);
  const store::Project& project = *tiny_model_project();
  gui::JobRunner jobs;
  QJsonObject state;
  {
    gui::ComparePanel panel(&jobs);
    panel.set_project(tiny_model_project());
    panel.set_checkpoints(QString::fromStdString(project.checkpoints[1].id), QString::fromStdString(project.checkpoints[0].id));
    panel.select_layer(3);
    panel.set_basis(pipeline::ProjectionBasis::center_plane);
    panel.resize(1200, 800);
    panel.show();
    ASSERT_TRUE(wait_settled(panel));
    ASSERT_EQ(panel.panel_a()->layer(), 3);
    state = panel.save_state();
  }
  EXPECT_EQ(state["a"].toString(), QString::fromStdString(project.checkpoints[1].id));
  EXPECT_EQ(state["layer_index"].toInt(), 3);
  gui::ComparePanel restored(&jobs);
  ASSERT_TRUE(restore_and_settle(restored, state, QSize(1200, 800)));
  EXPECT_EQ(restored.panel_a()->checkpoint(), QString::fromStdString(project.checkpoints[1].id));
  EXPECT_EQ(restored.panel_b()->checkpoint(), QString::fromStdString(project.checkpoints[0].id));
  EXPECT_EQ(restored.panel_a()->layer(), 3);
  EXPECT_EQ(restored.panel_b()->layer(), 3);
  EXPECT_EQ(restored.layer(), 3);
  EXPECT_EQ(restored.save_state()["basis"].toString(), "center_plane");
  check_table(restored, project);
}

// UMAP in the compare tab: the parameter row appears, drives both sides (each fitted on its own points), and the
// method and parameters round-trip through the session.
TEST(ComparePanel, UmapDrivesBothSidesFromOneParameterRow) {
  ASSERT_NE(tiny_model_project(), nullptr);
  const store::Project& project = *tiny_model_project();
  gui::JobRunner jobs;
  gui::ComparePanel panel(&jobs);
  panel.set_project(tiny_model_project());
  panel.set_checkpoints(QString::fromStdString(project.checkpoints[0].id), QString::fromStdString(project.checkpoints[1].id));
  geometry::EmbeddingOptions options;
  options.neighbours = 7;
  options.seed = 4;
  panel.set_embedding_options(options);
  panel.set_basis(pipeline::ProjectionBasis::umap);
  panel.resize(1400, 800);
  panel.show();
  ASSERT_TRUE(wait_settled(panel));
  for (gui::ProjectionPanel* side : {panel.panel_a(), panel.panel_b()}) {
    EXPECT_NE(side->result()->note.find("UMAP (7 neighbours"), std::string::npos) << side->result()->note;
    EXPECT_GT(side->view()->data().coords.rows(), 0);
  }
  const QJsonObject state = panel.save_state();
  EXPECT_EQ(state["basis"].toString(), "umap");
  EXPECT_EQ(state["embedding"].toObject()["neighbours"].toInt(), 7);
  save_screenshot(panel.grab().toImage(), "compare_panel_umap");

  gui::ComparePanel restored(&jobs);
  ASSERT_TRUE(restore_and_settle(restored, state, QSize(1400, 800)));
  EXPECT_NE(restored.panel_b()->result()->note.find("UMAP (7 neighbours"), std::string::npos)
      << restored.panel_b()->result()->note;
}

}  // namespace
#endif

}  // namespace ms::test
