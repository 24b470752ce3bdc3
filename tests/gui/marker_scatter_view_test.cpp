// View (c), marker versus OOD, in a real window (run under xvfb-run): twelve checkpoints in three colour groups with
// a fit line, a statistics box and axes; clicking a point; the selection ring; PNG at scale 2 and CSV.
#include <gtest/gtest.h>

#include <QSignalSpy>
#include <QTest>
#include <vtkAxis.h>
#include <vtkChartXY.h>
#include <vtkGenericOpenGLRenderWindow.h>

#include <cmath>
#include <vector>

#include "tests/gui/gui_test_support.h"
#include "tests/gui/view_test_support.h"
#include "views/marker_scatter_view.h"
#include "views/palette.h"

namespace ms {
namespace {

// Made up like a sweep: x = D_eff, y = OOD accuracy rising with it plus a fixed wiggle; groups = learning rates.
views::ScatterData twelve_checkpoints() {
  views::ScatterData data;
  data.x_title = "dimension (penultimate layer)";
  data.y_title = "mean OOD accuracy";
  data.colour_title = "lr";
  const char* rates[] = {"0.1", "0.01", "0.001"};
  for (int i = 0; i < 12; ++i) {
    data.x.push_back(2.0 + 0.5 * i);
    data.y.push_back(0.40 + 0.03 * i + 0.04 * std::sin(1.7 * i));
    data.labels.push_back("ckpt-" + std::to_string(i));
    data.groups.push_back(rates[i % 3]);
  }
  data.statistics.n = 12;
  data.statistics.pearson_r = 0.912;
  data.statistics.pearson_p = 3.6e-5;
  data.statistics.spearman_rho = 0.895;
  data.statistics.spearman_p = 8.4e-5;
  data.statistics.ci_low = 0.71;
  data.statistics.ci_high = 0.98;
  data.missing = 2;
  return data;
}

QString output_path(const QString& name) { return test::output_path("views", name); }
using test::count_near;

// The view shown at 800 by 500 with the twelve points.
struct Shown : test::ShownView<views::MarkerScatterView> {
  Shown() : ShownView(twelve_checkpoints(), 800, 500) {}
};

TEST(MarkerScatterView, DrawsGroupsFitTextAndAxes) {
  Shown shown;
  views::MarkerScatterView& view = shown.view;
  const QImage frame = view.grab_frame();
  const QString shot = test::save_screenshot(frame, "marker_scatter_view");

  // Groups in numeric order: 0.001, 0.01, 0.1 take the first three palette colours; four points of 9 px each plus
  // the legend swatch is well over 150 pixels per group.
  ASSERT_EQ(view.group_order(), (std::vector<std::string>{"0.001", "0.01", "0.1"}));
  for (int g = 0; g < 3; ++g)
    EXPECT_GT(count_near(frame, views::class_colour(g), 30), 150) << "group " << g << ", see " << shot.toStdString();
  const views::Rgb black{0.0, 0.0, 0.0};
  const QRect left(0, 0, frame.width() / 8, frame.height());
  const QRect bottom(0, frame.height() * 7 / 8, frame.width(), frame.height() / 8);
  EXPECT_GT(count_near(frame, black, 100, left), 150) << "y tick labels and title, see " << shot.toStdString();
  EXPECT_GT(count_near(frame, black, 100, bottom), 300) << "x tick labels and title, see " << shot.toStdString();
  // The statistics box sits top-left (the cloud rises): dark text in the upper-left quarter of the plot.
  const QPointF corner = view.point_position(0);
  const QRect box_region(static_cast<int>(corner.x()) - 10, 0, 260, frame.height() / 3);
  EXPECT_GT(count_near(frame, black, 120, box_region), 200) << "statistics text, see " << shot.toStdString();
  EXPECT_GT(test::distinct_colours(frame), 40);

  const std::string text = view.statistics_text();
  EXPECT_NE(text.find("r = 0.912, p = 3.6e-05"), std::string::npos) << text;
  EXPECT_NE(text.find("\xCF\x81 = 0.895"), std::string::npos) << text;
  EXPECT_NE(text.find("95% CI [0.710, 0.980]"), std::string::npos) << text;
  EXPECT_NE(text.find("n = 12 (2 missing)"), std::string::npos) << text;

  // Least squares by the closed form: slope = cov(x, y) / var(x).
  const views::ScatterData& data = view.data();
  double mx = 0, my = 0;
  for (int i = 0; i < 12; ++i) mx += data.x[i] / 12, my += data.y[i] / 12;
  double sxy = 0, sxx = 0;
  for (int i = 0; i < 12; ++i) sxy += (data.x[i] - mx) * (data.y[i] - my), sxx += (data.x[i] - mx) * (data.x[i] - mx);
  EXPECT_NEAR(view.fit_slope(), sxy / sxx, 1e-12);
  EXPECT_NEAR(view.fit_intercept(), my - sxy / sxx * mx, 1e-12);
  EXPECT_EQ(std::string(view.chart()->GetAxis(vtkAxis::BOTTOM)->GetTitle()), "dimension (penultimate layer)");
  EXPECT_EQ(std::string(view.chart()->GetAxis(vtkAxis::LEFT)->GetTitle()), "mean OOD accuracy");
  // Every point inside the plotted range (with a margin).
  vtkAxis* x = view.chart()->GetAxis(vtkAxis::BOTTOM);
  EXPECT_LT(x->GetMinimum(), 2.0);
  EXPECT_GT(x->GetMaximum(), 7.5);
}

TEST(MarkerScatterView, ClickingAPointEmitsItsIndexAndRingsIt) {
  Shown shown;
  views::MarkerScatterView& view = shown.view;
  view.grab_frame();  // lays the chart out
  QSignalSpy clicked(&view, &views::MarkerScatterView::point_clicked);
  for (int index : {7, 0, 11}) {
    const QPointF at = view.point_position(index);
    ASSERT_GT(at.x(), 0.0);
    QTest::mouseClick(&view, Qt::LeftButton, Qt::NoModifier, at.toPoint());
    ASSERT_TRUE(test::wait_for(clicked, 2000)) << "point " << index;
    EXPECT_EQ(clicked.takeFirst().at(0).toInt(), index);
    EXPECT_EQ(view.selected(), index);
  }
  // Empty plot space: no signal.
  QTest::mouseClick(&view, Qt::LeftButton, Qt::NoModifier, QPoint(view.width() - 30, view.height() / 2));
  QTest::qWait(50);
  EXPECT_TRUE(clicked.isEmpty());

  // The ring: dark pixels around the selected point (a 19 px disc under the 9 px point).
  view.set_selected(-1);
  const QImage before = view.grab_frame();
  view.set_selected(5);
  const QImage after = view.grab_frame();
  test::save_screenshot(after, "marker_scatter_view_selected");
  const QPoint p = view.point_position(5).toPoint();
  const QRect around(p.x() - 12, p.y() - 12, 25, 25);
  const views::Rgb ring{0.1, 0.1, 0.1};
  EXPECT_GT(count_near(after, ring, 40, around), count_near(before, ring, 40, around) + 80);
}

TEST(MarkerScatterView, SavesPngAtScaleTwoAndCsv) {
  Shown shown;
  views::MarkerScatterView& view = shown.view;
  const QImage frame = view.grab_frame();
  const QString png = output_path("marker_scatter_x2.png");
  const QImage image = test::export_png(view, png, 2);
  ASSERT_FALSE(image.isNull());
  EXPECT_EQ(image.size(), 2 * frame.size());
  // Twice the resolution, points twice the size: about four times the pixels of each group.
  for (int g = 0; g < 3; ++g)
    EXPECT_GT(count_near(image, views::class_colour(g), 30), 3 * count_near(frame, views::class_colour(g), 30));

  QStringList lines;
  ASSERT_TRUE(test::export_csv(view, output_path("marker_scatter.csv"), &lines));
  ASSERT_EQ(lines.size(), 13);
  EXPECT_EQ(lines[0], "x,y,label,group");
  const views::ScatterData data = twelve_checkpoints();
  for (int i = 0; i < 12; ++i) {
    const QStringList fields = lines[i + 1].split(',');
    ASSERT_EQ(fields.size(), 4);
    EXPECT_DOUBLE_EQ(fields[0].toDouble(), data.x[i]);
    EXPECT_DOUBLE_EQ(fields[1].toDouble(), data.y[i]);
    EXPECT_EQ(fields[2].toStdString(), data.labels[i]);
    EXPECT_EQ(fields[3].toStdString(), data.groups[i]);
  }
}

TEST(MarkerScatterView, RefusesInconsistentOrMissingValues) {
  views::MarkerScatterView view;
  ASSERT_TRUE(view.set_data(twelve_checkpoints()).ok());
  views::ScatterData bad = twelve_checkpoints();
  bad.labels.pop_back();
  EXPECT_FALSE(view.set_data(bad).ok());
  bad = twelve_checkpoints();
  bad.y[4] = std::nan("");
  const ms::Status status = view.set_data(bad);
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.error().find("ckpt-4"), std::string::npos) << status.error();
  EXPECT_EQ(view.data().x.size(), 12u) << "the previous data is kept";
  EXPECT_FALSE(view.save_png(output_path("never_shown_scatter.png").toStdString(), 1).ok());
}

TEST(MarkerScatterView, FallingTrendMovesTheBoxRightAndNoGroupsIsOneColour) {
  views::ScatterData data = twelve_checkpoints();
  for (double& y : data.y) y = 1.0 - y;
  data.groups.clear();
  data.colour_title.clear();
  data.statistics.pearson_r = -0.912;
  views::MarkerScatterView view;
  ASSERT_TRUE(test::shows(view, data, 800, 500));
  const QImage frame = view.grab_frame();
  const QString shot = test::save_screenshot(frame, "marker_scatter_view_falling");
  EXPECT_GT(count_near(frame, views::class_colour(0), 30), 12 * 40) << shot.toStdString();
  EXPECT_LT(count_near(frame, views::class_colour(1), 30), 20) << "one group, one colour";
  // The box is in the top-right corner now: dark text there.
  const QRect top_right(frame.width() / 2, 0, frame.width() / 2, frame.height() / 3);
  EXPECT_GT(count_near(frame, {0.0, 0.0, 0.0}, 120, top_right), 200) << shot.toStdString();
  EXPECT_LT(view.fit_slope(), 0.0);
}

// A cloud that fills the plot's lower corners (three groups and the fit: a four-line legend).
views::ScatterData broad_cloud() {
  views::ScatterData data = twelve_checkpoints();
  data.x.clear(), data.y.clear(), data.labels.clear(), data.groups.clear();
  const char* rates[] = {"0.1", "0.01", "0.001"};
  for (int i = 0; i < 60; ++i) {
    data.x.push_back(0.2 * (i % 20) + 0.05 * (i / 20));
    data.y.push_back(0.3 + 0.005 * i + 0.12 * std::sin(2.3 * i));
    data.labels.push_back("ckpt-" + std::to_string(i));
    data.groups.push_back(rates[i % 3]);
  }
  data.statistics.n = 60;
  return data;
}

// Points drawn inside the legend's rectangle (in widget coordinates of the current frame).
std::vector<int> covered_points(const views::MarkerScatterView& view) {
  std::vector<int> covered;
  const QRectF legend = view.legend_rect();
  for (int i = 0; i < static_cast<int>(view.data().x.size()); ++i)
    if (legend.contains(view.point_position(i))) covered.push_back(i);
  return covered;
}

// Recorded at the end of each frame an export renders at its page width.
struct ExportFrame {
  int frames = 0;
  std::vector<int> covered;
  QRectF legend;
};

TEST(MarkerScatterView, LegendCoversNoPointInTheWindowNorAtSingleColumn) {
  views::MarkerScatterView view;
  ASSERT_TRUE(test::shows(view, broad_cloud(), 800, 500));
  const QImage frame = view.grab_frame();
  const QString shot = test::save_screenshot(frame, "marker_scatter_legend_broad_cloud");
  EXPECT_GT(view.legend_rect().width(), 20.0);
  EXPECT_TRUE(covered_points(view).empty()) << covered_points(view).size() << " points under the legend, see "
                                            << shot.toStdString();

  // What the export draws at the page's width: the points under the legend, and the legend.
  const int page_w = static_cast<int>(std::lround(views::kSingleColumnMm / 25.4 * 300));
  ExportFrame record;
  const QString png = output_path("marker_scatter_legend_89mm.png");
  {
    const test::PageFrameWatch watch(view.render_window(), page_w, [&] {
      ++record.frames;
      record.covered = covered_points(view);
      record.legend = view.legend_rect();
    });
    ASSERT_TRUE(view.save_figure(png.toStdString(), views::ExportSize::physical_mm(views::kSingleColumnMm, 300)).ok());
  }
  ASSERT_GT(record.frames, 0) << "no frame at the page size";
  EXPECT_GT(record.legend.width(), 20.0);
  EXPECT_TRUE(record.covered.empty()) << record.covered.size() << " points under the legend, see " << png.toStdString();
}

}  // namespace
}  // namespace ms
