// View (a), the manifold projection, in a real window (run under xvfb-run): three Gaussian class clouds with
// centers and anchors, drawn in their class colours; a drag rotates the 3D camera and pans the 2D one; hovering a
// known point reports its index; PNG at scale 2 and CSV exports.
#include <gtest/gtest.h>

#include <QApplication>
#include <QFile>
#include <QSignalSpy>
#include <QTest>
#include <QWheelEvent>
#include <vtkCamera.h>
#include <vtkRenderer.h>

#include <array>
#include <cmath>
#include <random>
#include <utility>

#include "tests/gui/gui_test_support.h"
#include "tests/gui/view_test_support.h"
#include "tests/gui/scripted_answers.h"
#include "views/palette.h"
#include "views/projection_view.h"

namespace ms {
namespace {

constexpr int kPerClass = 120;
constexpr int kOutlier = 3 * kPerClass;  // index of a lone sample of class 2, far from every cloud

// Three isotropic clouds (seeded) around (-3,0,0), (3,0,0), (0,3,1.5), an outlier, class means as centers and
// four anchors per class.
views::ProjectionData three_clouds(int columns) {
  std::mt19937 rng(7);
  std::normal_distribution<double> noise(0.0, 0.6);
  const double means[3][3] = {{-3.0, 0.0, 0.0}, {3.0, 0.0, 0.0}, {0.0, 3.0, 1.5}};
  views::ProjectionData d;
  d.class_names = {"T-shirt/top", "Trouser", "Pullover"};
  d.coords.resize(3 * kPerClass + 1, columns);
  d.labels.resize(3 * kPerClass + 1);
  for (int c = 0; c < 3; ++c)
    for (int i = 0; i < kPerClass; ++i) {
      for (int k = 0; k < columns; ++k) d.coords(c * kPerClass + i, k) = means[c][k] + noise(rng);
      d.labels[c * kPerClass + i] = c;
    }
  const double outlier[3] = {4.5, 4.5, -2.5};
  for (int k = 0; k < columns; ++k) d.coords(kOutlier, k) = outlier[k];
  d.labels[kOutlier] = 2;
  d.centers.resize(3, columns);
  for (int c = 0; c < 3; ++c)
    for (int k = 0; k < columns; ++k) d.centers(c, k) = means[c][k];
  d.anchors.resize(12, columns);
  d.anchor_labels.resize(12);
  for (int a = 0; a < 12; ++a) {
    d.anchor_labels[a] = a / 4;
    for (int k = 0; k < columns; ++k) d.anchors(a, k) = means[a / 4][k] + 2.0 * noise(rng);
  }
  return d;
}

// Of the frame's non-white pixels, the fraction that `big` (an integer multiple in size) has alike at the same
// relative place.
double fraction_alike(const QImage& frame, const QImage& big) {
  const QImage down = big.scaled(frame.size(), Qt::IgnoreAspectRatio, Qt::FastTransformation);
  int drawn = 0, alike = 0;
  for (int y = 0; y < frame.height(); ++y)
    for (int x = 0; x < frame.width(); ++x) {
      const QRgb a = frame.pixel(x, y), b = down.pixel(x, y);
      if (qRed(a) > 235 && qGreen(a) > 235 && qBlue(a) > 235) continue;
      ++drawn;
      if (std::abs(qRed(a) - qRed(b)) <= 48 && std::abs(qGreen(a) - qGreen(b)) <= 48 &&
          std::abs(qBlue(a) - qBlue(b)) <= 48)
        ++alike;
    }
  return drawn > 0 ? static_cast<double>(alike) / drawn : 0.0;
}

QString output_path(const QString& name) { return test::output_path("views", name); }
using test::count_near;

void show(views::ProjectionView& view, int w = 700, int h = 500) { ASSERT_TRUE(test::show_exposed(view, w, h)); }

// The legend never covers data: in a view as narrow as a Compare tab's half, with ten classes, every point (the
// outlier in the top-right corner included) is drawn left of the legend's box, which keeps to the right edge; in
// 2D and in 3D.
TEST(ProjectionView, TheLegendNeverCoversPoints) {
  for (int columns : {2, 3}) {
    views::ProjectionData data = three_clouds(columns);
    data.class_names = {"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                        "Sandal",      "Shirt",   "Sneaker",  "Bag",   "Ankle boot"};
    data.centers.resize(0, columns);  // centers are per class: three would not fit ten names
    views::ProjectionView view;
    ASSERT_TRUE(view.set_data(data).ok());
    show(view, 320, 340);
    view.reset_camera();  // framed at the shown size, as the panels' data arrives in a laid-out view
    const QRect legend = view.legend_rect();
    ASSERT_FALSE(legend.isEmpty());
    EXPECT_GE(legend.right(), view.width() - 12) << "at the right edge";
    EXPECT_GE(legend.height(), 10 * 18) << "ten entries";
    for (int i = 0; i < static_cast<int>(data.coords.rows()); ++i) {
      const QPointF at = view.sample_position(i);
      EXPECT_FALSE(legend.adjusted(-3, -3, 3, 3).contains(at.toPoint())) << "point " << i << " at " << at.x() << ","
                                                                         << at.y() << " under the legend";
      EXPECT_GE(at.x(), 0.0);
    }
    // The hover still finds the points in the narrowed plot area.
    const QPointF outlier = view.sample_position(kOutlier);
    EXPECT_EQ(view.sample_at(outlier), kOutlier);
    test::save_screenshot(view.grab_frame(), columns == 2 ? "projection_legend_strip_2d" : "projection_legend_strip_3d");
  }
}

TEST(ProjectionView, DrawsEachClassInItsColourWithALegend) {
  views::ProjectionView view;
  ASSERT_TRUE(view.set_data(three_clouds(3)).ok());
  EXPECT_EQ(view.mode(), views::ProjectionView::Mode::Orbit3D);
  show(view);
  const QImage frame = view.grab_frame();
  const QString shot = test::save_screenshot(frame, "projection_view_3d");
  // 120 flat 7 px discs per class: well over a thousand pixels of the exact class colour each.
  for (int c = 0; c < 3; ++c)
    EXPECT_GT(count_near(frame, views::class_colour(c), 12), 1000) << "class " << c << ", see " << shot.toStdString();
  // Anchors are lighter versions of the class colours.
  const views::Rgb anchor = views::lighten(views::class_colour(0), views::ProjectionView::kAnchorLightening);
  EXPECT_GT(count_near(frame, anchor, 12), 20) << shot.toStdString();
  // The legend (class names in black) sits in the top-right corner.
  const QRect legend(frame.width() * 3 / 4, 0, frame.width() / 4, frame.height() / 4);
  EXPECT_GT(count_near(frame, {0.0, 0.0, 0.0}, 90, legend), 60) << "legend text, see " << shot.toStdString();

  ASSERT_TRUE(view.set_data(three_clouds(2)).ok());
  EXPECT_EQ(view.mode(), views::ProjectionView::Mode::Flat2D);
  const QImage flat = view.grab_frame();
  test::save_screenshot(flat, "projection_view_2d");
  for (int c = 0; c < 3; ++c) EXPECT_GT(count_near(flat, views::class_colour(c), 12), 1000) << "class " << c;

  // Twelve classes on a ring (beyond Okabe-Ito's eight): every class colour is on screen.
  views::ProjectionData ring;
  ring.coords.resize(12 * 20, 2);
  ring.labels.resize(12 * 20);
  for (int c = 0; c < 12; ++c) {
    ring.class_names.push_back("class " + std::to_string(c));
    for (int i = 0; i < 20; ++i) {
      const double angle = 2.0 * M_PI * c / 12.0 + 0.02 * i;
      ring.coords.row(c * 20 + i) << std::cos(angle) * (1.0 + 0.01 * i), std::sin(angle) * (1.0 + 0.01 * i);
      ring.labels[c * 20 + i] = c;
    }
  }
  ASSERT_TRUE(view.set_data(ring).ok());
  const QImage twelve = view.grab_frame();
  const QString ring_shot = test::save_screenshot(twelve, "projection_view_12_classes");
  // All twelve names in black, not only the first ones: dark text right of the legend symbols, below entry 3.
  const QRect names(twelve.width() - 75, 75, 70, 180);
  EXPECT_GT(count_near(twelve, {0.0, 0.0, 0.0}, 90, names), 250) << "legend names, see " << ring_shot.toStdString();
  for (int c = 0; c < 12; ++c)
    EXPECT_GT(count_near(twelve, views::class_colour(c), 6), 150)
        << "class " << c << ", see " << ring_shot.toStdString();
}

TEST(Palette, OkabeItoFirstThenDistinctColours) {
  // The published Okabe-Ito values (Wong 2011), black last.
  const int hex[8] = {0xE69F00, 0x56B4E9, 0x009E73, 0xF0E442, 0x0072B2, 0xD55E00, 0xCC79A7, 0x000000};
  for (int i = 0; i < 8; ++i)
    for (int k = 0; k < 3; ++k)
      EXPECT_EQ(std::lround(views::class_colour(i)[k] * 255), (hex[i] >> (16 - 8 * k)) & 0xFF) << i;
  // The first 30 colours stay apart (RGB distance), are valid, and do not depend on anything but the index.
  for (int i = 0; i < 30; ++i) {
    for (int k = 0; k < 3; ++k) {
      EXPECT_GE(views::class_colour(i)[k], 0.0);
      EXPECT_LE(views::class_colour(i)[k], 1.0);
    }
    for (int j = 0; j < i; ++j) {
      const views::Rgb a = views::class_colour(i), b = views::class_colour(j);
      const double d =
          std::sqrt((a[0] - b[0]) * (a[0] - b[0]) + (a[1] - b[1]) * (a[1] - b[1]) + (a[2] - b[2]) * (a[2] - b[2]));
      EXPECT_GT(d, 0.12) << i << " vs " << j;
    }
  }
  EXPECT_EQ(views::class_colour(40), views::class_colour(40));
  const views::Rgb light = views::lighten({0.0, 0.5, 1.0}, 0.5);
  EXPECT_DOUBLE_EQ(light[0], 0.5);
  EXPECT_DOUBLE_EQ(light[1], 0.75);
  EXPECT_DOUBLE_EQ(light[2], 1.0);
}

double distance(const std::array<double, 3>& a, const std::array<double, 3>& b) {
  return std::sqrt((a[0] - b[0]) * (a[0] - b[0]) + (a[1] - b[1]) * (a[1] - b[1]) + (a[2] - b[2]) * (a[2] - b[2]));
}

TEST(ProjectionView, ADragRotatesIn3DAndPansIn2D) {
  views::ProjectionView view;
  ASSERT_TRUE(view.set_data(three_clouds(3)).ok());
  show(view);
  {
    const views::CameraState before = view.camera();
    const QImage frame_before = view.grab_frame();
    QTest::mousePress(&view, Qt::LeftButton, Qt::NoModifier, QPoint(300, 250));
    for (int step = 1; step <= 5; ++step) QTest::mouseMove(&view, QPoint(300 + 20 * step, 250 - 8 * step));
    QTest::mouseRelease(&view, Qt::LeftButton, Qt::NoModifier, QPoint(400, 210));
    const views::CameraState after = view.camera();
    const double radius = distance(before.position, before.focal_point);
    EXPECT_GT(distance(before.position, after.position), 0.2 * radius) << "the camera moved";
    EXPECT_NEAR(distance(after.position, after.focal_point), radius, 1e-6 * radius) << "a rotation about the focus";
    EXPECT_NEAR(distance(before.focal_point, after.focal_point), 0.0, 1e-9 * radius);
    const QImage frame_after = view.grab_frame();
    test::save_screenshot(frame_after, "projection_view_3d_rotated");
    EXPECT_NE(frame_before, frame_after) << "the picture follows the camera";
  }

  ASSERT_TRUE(view.set_data(three_clouds(2)).ok());
  view.grab_frame();
  const views::CameraState before = view.camera();
  EXPECT_TRUE(before.parallel);
  QTest::mousePress(&view, Qt::LeftButton, Qt::NoModifier, QPoint(300, 250));
  for (int step = 1; step <= 4; ++step) QTest::mouseMove(&view, QPoint(300 + 25 * step, 250));
  QTest::mouseRelease(&view, Qt::LeftButton, Qt::NoModifier, QPoint(400, 250));
  const views::CameraState panned = view.camera();
  // Dragging right by 100 px moves the view left: focal point x decreases, nothing turns or zooms.
  EXPECT_LT(panned.focal_point[0], before.focal_point[0] - 0.1);
  EXPECT_NEAR(panned.focal_point[1], before.focal_point[1], 1e-9);
  EXPECT_NEAR(panned.position[2] - panned.focal_point[2], before.position[2] - before.focal_point[2], 1e-9);
  EXPECT_NEAR(panned.view_up[1], 1.0, 1e-12);
  EXPECT_DOUBLE_EQ(panned.parallel_scale, before.parallel_scale);

  const QPointF at(350, 250);
  QWheelEvent wheel(at, view.mapToGlobal(at), QPoint(), QPoint(0, 120), Qt::NoButton, Qt::NoModifier,
                    Qt::NoScrollPhase, false);
  QApplication::sendEvent(&view, &wheel);
  EXPECT_LT(view.camera().parallel_scale, panned.parallel_scale) << "wheel forward zooms in";
}

TEST(ProjectionView, HoveringAPointReportsItsIndex) {
  for (int columns : {3, 2}) {
    SCOPED_TRACE(columns);
    views::ProjectionView view;
    ASSERT_TRUE(view.set_data(three_clouds(columns)).ok());
    show(view);
    const QImage frame = view.grab_frame();
    const QPointF where = view.sample_position(kOutlier);
    ASSERT_TRUE(view.rect().contains(where.toPoint())) << where.x() << ", " << where.y();
    // Independent of the picking code: the frame really shows the outlier's class colour there.
    const QPoint pixel = (where * view.devicePixelRatioF()).toPoint();
    const views::Rgb green = views::class_colour(2);
    EXPECT_GT(count_near(frame, green, 12, QRect(pixel - QPoint(1, 1), QSize(3, 3))), 6);

    QSignalSpy hovered(&view, &views::ProjectionView::point_hovered);
    test::hover(&view, where.toPoint() + QPoint(2, -1));
    ASSERT_TRUE(test::wait_for(hovered, 2000));
    EXPECT_EQ(hovered.last().at(0).toInt(), kOutlier);
    test::hover(&view, QPoint(4, view.height() - 4));  // an empty corner
    for (int wait = 0; wait < 100 && hovered.size() < 2; ++wait) QTest::qWait(20);  // moves may arrive queued
    ASSERT_EQ(hovered.size(), 2);
    EXPECT_EQ(hovered.last().at(0).toInt(), -1);
  }
}

TEST(ProjectionView, SavesPngAtScaleTwoAndTheNumbersAsCsv) {
  views::ProjectionView view;
  const views::ProjectionData data = three_clouds(3);
  ASSERT_TRUE(view.set_data(data).ok());
  show(view, 500, 400);
  const QImage frame = view.grab_frame();
  const QString png = output_path("projection_x2.png");
  const QImage image = test::export_png(view, png, 2);
  ASSERT_FALSE(image.isNull());
  EXPECT_EQ(image.size(), 2 * frame.size());
  // The same picture at twice the resolution (point sizes scaled too, legend in place): sampled back down, the
  // export matches the frame wherever the frame is not background.
  EXPECT_GT(fraction_alike(frame, image), 0.85);
  for (int c = 0; c < 3; ++c)
    EXPECT_GT(count_near(image, views::class_colour(c), 12), 2 * count_near(frame, views::class_colour(c), 12))
        << "class " << c;

  QStringList lines;
  ASSERT_TRUE(test::export_csv(view, output_path("projection.csv"), &lines));
  ASSERT_EQ(lines.size(), 1 + data.coords.rows() + 3 + 12);
  EXPECT_EQ(lines[0], "kind,index,class_id,class,x,y,z");
  // A class name with a slash stays one field; coordinates read back to full precision.
  const QStringList first = lines[1].split(',');
  ASSERT_EQ(first.size(), 7);
  EXPECT_EQ(first[0], "sample");
  EXPECT_EQ(first[3], "T-shirt/top");
  for (int k = 0; k < 3; ++k) EXPECT_DOUBLE_EQ(first[4 + k].toDouble(), data.coords(0, k));
  const QStringList center = lines[1 + data.coords.rows() + 1].split(',');
  EXPECT_EQ(center[0], "center");
  EXPECT_EQ(center[2].toInt(), 1);
  EXPECT_DOUBLE_EQ(center[4].toDouble(), 3.0);
  const QStringList anchor = lines.last().split(',');
  EXPECT_EQ(anchor[0], "anchor");
  EXPECT_EQ(anchor[2].toInt(), 2);
  EXPECT_DOUBLE_EQ(anchor[6].toDouble(), data.anchors(11, 2));
}

TEST(ProjectionView, SaveImageAndSaveDataActionsAskForAFileAndASize) {
  views::ProjectionView view;
  ASSERT_TRUE(view.set_data(three_clouds(2)).ok());
  show(view, 400, 300);
  const QImage frame = view.grab_frame();
  ASSERT_NE(view.save_image_action(), nullptr);
  EXPECT_EQ(view.save_image_action()->text(), "Save image…");
  EXPECT_EQ(view.save_data_action()->text(), "Save data…");

  const QString png = output_path("projection_from_action.png");
  QFile::remove(png);  // no overwrite question
  {
    test::ScriptedAnswers answers;
    answers.then_file(png).then_choices({"window x 4"});
    view.save_image_action()->trigger();
    EXPECT_TRUE(answers.all_used()) << "a file question, then the size";
    ASSERT_EQ(answers.choices_asked.size(), 1u);
    EXPECT_EQ(answers.choices_asked[0].chosen, QStringList{"window x 2"}) << "the size starts at twice the window";
    EXPECT_EQ(answers.files_asked[0].filters, (QStringList{"PNG (*.png)", "SVG (*.svg)", "PDF (*.pdf)"}));
    EXPECT_TRUE(answers.warnings.isEmpty()) << answers.warnings.join("; ").toStdString();
  }
  const QImage image(png);
  ASSERT_FALSE(image.isNull());
  EXPECT_EQ(image.size(), 4 * frame.size());

  const QString csv = output_path("projection_from_action.csv");
  QFile::remove(csv);
  {
    test::ScriptedAnswers answers;
    answers.then_file(csv);
    view.save_data_action()->trigger();
    EXPECT_TRUE(answers.all_used());
    EXPECT_EQ(answers.answered(), 1);
    ASSERT_EQ(answers.files_asked.size(), 1u);
    EXPECT_EQ(answers.files_asked[0].default_suffix, "csv");
    EXPECT_TRUE(answers.warnings.isEmpty()) << answers.warnings.join("; ").toStdString();
  }
  QFile file(csv);
  ASSERT_TRUE(file.open(QIODevice::ReadOnly | QIODevice::Text));
  EXPECT_EQ(QString::fromUtf8(file.readLine()).trimmed(), "kind,index,class_id,class,x,y");
}

// The same clouds moved by a shift, overlaid as lighter squares with a legend entry; hovering an overlay point
// reports n + its row, and the CSV lists the overlay rows.
TEST(ProjectionView, OverlayDrawsShiftedPointsInLighterSquaresWithALegendEntry) {
  for (int columns : {2, 3}) {
    SCOPED_TRACE(columns);
    views::ProjectionData data = three_clouds(columns);
    const Eigen::Index n = data.coords.rows();
    data.overlay = data.coords;
    data.overlay.col(1).array() -= 2.5;  // the shift moves everything down
    data.overlay_labels = data.labels;
    data.overlay_name = "shifted: fog:3";
    views::ProjectionView view;
    ASSERT_TRUE(view.set_data(data).ok());
    show(view);
    const QImage frame = view.grab_frame();
    const QString shot = test::save_screenshot(frame, QString("projection_view_overlay_%1d").arg(columns));
    for (int c = 0; c < 3; ++c) {
      EXPECT_GT(count_near(frame, views::class_colour(c), 12), 600) << "class " << c << ", see " << shot.toStdString();
      const views::Rgb light = views::lighten(views::class_colour(c), views::ProjectionView::kOverlayLightening);
      EXPECT_GT(count_near(frame, light, 10), 600) << "overlay of class " << c << ", see " << shot.toStdString();
    }
    // Four legend entries: the fourth (the overlay's grey square and its name) below the three classes.
    const QRect fourth(frame.width() * 3 / 4, 60, frame.width() / 4, 30);
    const views::Rgb grey = views::lighten({0.35, 0.35, 0.35}, views::ProjectionView::kOverlayLightening);
    EXPECT_GT(count_near(frame, grey, 10, fourth), 15) << "overlay legend symbol, see " << shot.toStdString();
    EXPECT_GT(count_near(frame, {0.0, 0.0, 0.0}, 90, fourth), 30) << "overlay legend name, see " << shot.toStdString();

    // The outlier's shifted copy: index n + kOutlier.
    const QPointF where = view.sample_position(static_cast<int>(n) + kOutlier);
    ASSERT_TRUE(view.rect().contains(where.toPoint())) << where.x() << ", " << where.y();
    QSignalSpy hovered(&view, &views::ProjectionView::point_hovered);
    test::hover(&view, where.toPoint());
    ASSERT_TRUE(test::wait_for(hovered, 2000));
    EXPECT_EQ(hovered.last().at(0).toInt(), n + kOutlier);
    EXPECT_EQ(view.sample_at(view.sample_position(kOutlier)), kOutlier) << "the ID outlier is still index " << kOutlier;
  }
  views::ProjectionView view;
  views::ProjectionData data = three_clouds(2);
  data.overlay = data.coords.topRows(5);
  data.overlay_labels = data.labels.head(5);
  ASSERT_TRUE(view.set_data(data).ok());
  QStringList lines;
  ASSERT_TRUE(test::export_csv(view, output_path("projection_overlay.csv"), &lines));
  ASSERT_EQ(lines.size(), 1 + data.coords.rows() + 5 + 3 + 12);
  const QStringList overlay = lines[1 + data.coords.rows() + 4].split(',');
  EXPECT_EQ(overlay[0], "overlay");
  EXPECT_EQ(overlay[1].toInt(), 4);
  EXPECT_DOUBLE_EQ(overlay[5].toDouble(), data.coords(4, 1));
  data.overlay_labels[2] = 7;
  const ms::Status refused = view.set_data(data);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().find("overlay point 2"), std::string::npos) << refused.error();
}

// camera_changed comes from the user's drags and wheel steps only, so views can be linked through set_camera.
TEST(ProjectionView, CameraChangedOnlyForTheUsersMoves) {
  views::ProjectionView view;
  ASSERT_TRUE(view.set_data(three_clouds(3)).ok());
  show(view);
  QSignalSpy moved(&view, &views::ProjectionView::camera_changed);
  view.reset_camera();
  view.set_camera(view.camera());
  ASSERT_TRUE(view.set_data(three_clouds(3)).ok());
  EXPECT_EQ(moved.size(), 0);
  QTest::mousePress(&view, Qt::LeftButton, Qt::NoModifier, QPoint(300, 250));
  for (int step = 1; step <= 3; ++step) QTest::mouseMove(&view, QPoint(300 + 20 * step, 250));
  QTest::mouseRelease(&view, Qt::LeftButton, Qt::NoModifier, QPoint(360, 250));
  EXPECT_GE(moved.size(), 2);
  const int after_drag = moved.size();
  const QPointF at(350, 250);
  QWheelEvent wheel(at, view.mapToGlobal(at), QPoint(), QPoint(0, 120), Qt::NoButton, Qt::NoModifier,
                    Qt::NoScrollPhase, false);
  QApplication::sendEvent(&view, &wheel);
  EXPECT_GT(moved.size(), after_drag) << "a wheel step";
}

TEST(ProjectionView, RefusesInconsistentData) {
  views::ProjectionView view;
  views::ProjectionData data = three_clouds(3);
  data.labels[5] = 3;  // only 3 class names
  ms::Status status = view.set_data(data);
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.error().find("point 5"), std::string::npos) << status.error();
  data = three_clouds(3);
  data.centers.conservativeResize(2, 3);
  EXPECT_FALSE(view.set_data(data).ok());
  data = three_clouds(3);
  data.coords.conservativeResize(Eigen::NoChange, 4);
  EXPECT_FALSE(view.set_data(data).ok());
  EXPECT_EQ(view.data().coords.rows(), 0) << "nothing was taken";
}

}  // namespace
}  // namespace ms
