// View (d), the correlation heat map, in a real window (run under xvfb-run): five markers by four targets with r
// from -1 to +1 and one NaN cell; cell colours on the diverging map, text, labels, colour bar; clicking a cell;
// PNG at scale 2 and CSV.
#include <gtest/gtest.h>

#include <QSignalSpy>
#include <QTest>

#include <cmath>
#include <limits>

#include "core/stats/significance.h"
#include "tests/gui/gui_test_support.h"
#include "tests/gui/view_test_support.h"
#include "views/correlation_heatmap_view.h"

namespace ms {
namespace {

const double kNaN = std::numeric_limits<double>::quiet_NaN();

views::HeatmapData five_by_four() {
  views::HeatmapData data;
  data.title = "Pearson r, penultimate layer, all architectures";
  data.rows = {"dimension", "utility", "radius", "capacity", "participation_ratio"};
  data.columns = {"mean OOD accuracy", "accuracy fog:3", "accuracy contrast:3", "probe accuracy digits"};
  data.r.resize(5, 4);
  data.p.resize(5, 4);
  data.n.resize(5, 4);
  for (int i = 0; i < 5; ++i)
    for (int j = 0; j < 4; ++j) {
      data.r(i, j) = std::clamp(-1.0 + 0.5 * i + 0.1 * j, -1.0, 1.0);  // row 0 blue .. row 4 red
      data.p(i, j) = std::pow(10.0, -0.5 - 4.0 * std::abs(data.r(i, j)));
      data.n(i, j) = 12;
    }
  data.r(2, 3) = kNaN;
  data.p(2, 3) = kNaN;
  data.n(2, 3) = 2;
  data.stars.assign(5, std::vector<std::string>(4));
  for (int i = 0; i < 5; ++i)
    for (int j = 0; j < 4; ++j) data.stars[i][j] = stats::significance_stars(data.p(i, j));
  return data;
}

QString output_path(const QString& name) { return test::output_path("views", name); }
using test::is_near;

struct Shown : test::ShownView<views::CorrelationHeatmapView> {
  Shown() : ShownView(five_by_four(), 900, 520) {}
};

TEST(CorrelationHeatmapView, DivergingColoursEndsAndMiddle) {
  const views::Rgb blue = views::CorrelationHeatmapView::colour_of(-1.0);
  const views::Rgb white = views::CorrelationHeatmapView::colour_of(0.0);
  const views::Rgb red = views::CorrelationHeatmapView::colour_of(1.0);
  EXPECT_GT(blue[2], blue[0] + 0.4);
  EXPECT_GT(red[0], red[2] + 0.4);
  for (double c : white) EXPECT_NEAR(c, 1.0, 1e-3);  // Lab round trip: 255 in 8 bits
  const views::Rgb beyond = views::CorrelationHeatmapView::colour_of(1.7);
  for (int k = 0; k < 3; ++k) EXPECT_DOUBLE_EQ(beyond[k], red[k]) << "clamped";
  const views::Rgb grey = views::CorrelationHeatmapView::colour_of(kNaN);
  EXPECT_DOUBLE_EQ(grey[0], grey[1]);
  EXPECT_DOUBLE_EQ(grey[1], grey[2]);
  EXPECT_LT(grey[0], 0.9);
  // Monotone in between: redder as r grows.
  double previous = -1.0;
  for (double r = -1.0; r <= 1.0; r += 0.25) {
    const views::Rgb c = views::CorrelationHeatmapView::colour_of(r);
    EXPECT_GT(c[0] - c[2], previous - 1e-9) << r;
    previous = c[0] - c[2];
  }
}

TEST(CorrelationHeatmapView, CellsInTheirColoursWithTextLabelsAndBar) {
  Shown shown;
  views::CorrelationHeatmapView& view = shown.view;
  const QImage frame = view.grab_frame().convertToFormat(QImage::Format_RGB32);
  const QString shot = test::save_screenshot(frame, "correlation_heatmap_view");
  const views::HeatmapData& data = view.data();
  // Each cell's colour, sampled off-center (the text sits in the middle).
  for (int i = 0; i < 5; ++i)
    for (int j = 0; j < 4; ++j) {
      const QPointF c = view.cell_position(i, j);
      const QPoint probe(static_cast<int>(c.x()) + 0, static_cast<int>(c.y()) - 12);
      const QRgb pixel = frame.pixel(probe);
      EXPECT_TRUE(is_near(pixel, views::CorrelationHeatmapView::colour_of(data.r(i, j)), 6))
          << "cell " << i << "," << j << " r " << data.r(i, j) << " pixel " << qRed(pixel) << "," << qGreen(pixel)
          << "," << qBlue(pixel) << ", see " << shot.toStdString();
    }
  // Text in the cells: dark (or white, on dark cells) pixels near each center.
  for (int i = 0; i < 5; ++i)
    for (int j = 0; j < 4; ++j) {
      const QPoint c = view.cell_position(i, j).toPoint();
      const views::Rgb background = views::CorrelationHeatmapView::colour_of(data.r(i, j));
      int ink = 0;
      for (int y = c.y() - 5; y <= c.y() + 5; ++y)
        for (int x = c.x() - 20; x <= c.x() + 20; ++x) ink += !is_near(frame.pixel(x, y), background, 40);
      EXPECT_GT(ink, 30) << "text in cell " << i << "," << j << ", see " << shot.toStdString();
    }
  EXPECT_EQ(view.cell_text(4, 3), "1.00****");
  EXPECT_EQ(view.cell_text(1, 0), "-0.50" + stats::significance_stars(data.p(1, 0)));
  EXPECT_EQ(view.cell_text(2, 3), "n/a");
  // Row labels left of the cells, column labels below, the colour bar (blue and red) on the right.
  const QPoint first = view.cell_position(0, 0).toPoint();
  const QPoint last = view.cell_position(4, 3).toPoint();
  int left_ink = 0, bottom_ink = 0, bar_blue = 0, bar_red = 0;
  for (int y = 0; y < frame.height(); ++y)
    for (int x = 0; x < frame.width(); ++x) {
      const QRgb p = frame.pixel(x, y);
      const bool dark = qGray(p) < 100;
      if (dark && x < first.x() - 40) ++left_ink;
      if (dark && y > last.y() + 30) ++bottom_ink;
      if (x > last.x() + 60) {
        bar_blue += is_near(p, views::CorrelationHeatmapView::colour_of(-0.95), 12);
        bar_red += is_near(p, views::CorrelationHeatmapView::colour_of(0.95), 12);
      }
    }
  EXPECT_GT(left_ink, 300) << "row labels, see " << shot.toStdString();
  EXPECT_GT(bottom_ink, 300) << "column labels, see " << shot.toStdString();
  EXPECT_GT(bar_blue, 20) << "colour bar, see " << shot.toStdString();
  EXPECT_GT(bar_red, 20) << "colour bar, see " << shot.toStdString();
  EXPECT_GT(test::distinct_colours(frame), 60);
}

TEST(CorrelationHeatmapView, ClickingACellEmitsRowAndColumn) {
  Shown shown;
  views::CorrelationHeatmapView& view = shown.view;
  view.grab_frame();
  QSignalSpy clicked(&view, &views::CorrelationHeatmapView::cell_clicked);
  for (auto [row, column] : {std::pair{0, 0}, {3, 2}, {4, 3}, {2, 3}}) {
    QTest::mouseClick(&view, Qt::LeftButton, Qt::NoModifier, view.cell_position(row, column).toPoint());
    ASSERT_TRUE(test::wait_for(clicked, 2000)) << row << "," << column;
    const QList<QVariant> args = clicked.takeFirst();
    EXPECT_EQ(args.at(0).toInt(), row);
    EXPECT_EQ(args.at(1).toInt(), column);
  }
  QTest::mouseClick(&view, Qt::LeftButton, Qt::NoModifier, QPoint(5, 5));  // the margin: no cell
  QTest::qWait(50);
  EXPECT_TRUE(clicked.isEmpty());
  EXPECT_EQ(view.cell_at(QPointF(5, 5)), std::make_pair(-1, -1));
}

TEST(CorrelationHeatmapView, SavesPngAtScaleTwoAndCsv) {
  Shown shown;
  views::CorrelationHeatmapView& view = shown.view;
  const QImage frame = view.grab_frame();
  const QString png = output_path("correlation_heatmap_x2.png");
  const QImage image = test::export_png(view, png, 2).convertToFormat(QImage::Format_RGB32);
  ASSERT_FALSE(image.isNull());
  EXPECT_EQ(image.size(), 2 * frame.size());
  // The same layout at twice the size: each cell's colour at twice its on-screen position.
  view.grab_frame();
  const QPointF c = view.cell_position(4, 0);
  const QRgb pixel = image.pixel(static_cast<int>(2 * c.x()), static_cast<int>(2 * (c.y() - 12)));
  EXPECT_TRUE(is_near(pixel, views::CorrelationHeatmapView::colour_of(view.data().r(4, 0)), 8));

  QStringList lines;
  ASSERT_TRUE(test::export_csv(view, output_path("correlation_heatmap.csv"), &lines));
  ASSERT_EQ(lines.size(), 1 + 20);
  EXPECT_EQ(lines[0], "row,column,r,p,n,stars");
  const views::HeatmapData data = five_by_four();
  const QStringList nan_cell = lines[1 + 2 * 4 + 3].split(',');
  ASSERT_EQ(nan_cell.size(), 6);
  EXPECT_EQ(nan_cell[0], "radius");
  EXPECT_EQ(nan_cell[1], "probe accuracy digits");
  EXPECT_TRUE(nan_cell[2].isEmpty()) << "NaN r is an empty field";
  EXPECT_EQ(nan_cell[4].toInt(), 2);
  const QStringList cell = lines[1 + 3 * 4 + 1].split(',');
  EXPECT_EQ(cell[0], "capacity");
  EXPECT_DOUBLE_EQ(cell[2].toDouble(), data.r(3, 1));
  EXPECT_DOUBLE_EQ(cell[3].toDouble(), data.p(3, 1));
  EXPECT_EQ(cell[5].toStdString(), data.stars[3][1]);
}

TEST(CorrelationHeatmapView, RefusesMismatchedShapes) {
  views::CorrelationHeatmapView view;
  ASSERT_TRUE(view.set_data(five_by_four()).ok());
  views::HeatmapData bad = five_by_four();
  bad.p.resize(4, 4);
  EXPECT_FALSE(view.set_data(bad).ok());
  bad = five_by_four();
  bad.stars[1].pop_back();
  EXPECT_FALSE(view.set_data(bad).ok());
  EXPECT_EQ(view.data().rows.size(), 5u) << "the previous data is kept";
}

}  // namespace
}  // namespace ms
