// View (b), the layer profile, in a real window (run under xvfb-run): three checkpoints over eight layers drawn in
// their Okabe-Ito colours with axes and text, exported as PNG at scale 2 and as CSV.
#include <gtest/gtest.h>

#include <QTest>
#include <vtkAxis.h>
#include <vtkChartXY.h>
#include <vtkTextProperty.h>
#include <vtkDoubleArray.h>
#include <vtkGenericOpenGLRenderWindow.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "tests/gui/gui_test_support.h"
#include "tests/gui/sample_plot_data.h"
#include "tests/gui/view_test_support.h"
#include "views/layer_profile_view.h"
#include "views/palette.h"

namespace ms {
namespace {

const double kNaN = std::numeric_limits<double>::quiet_NaN();

// The shared three-checkpoint profile with one missing layer.
views::ProfileData three_checkpoints() {
  views::ProfileData data = test::three_checkpoint_profile();
  data.series[1].values[5] = kNaN;  // one missing layer
  return data;
}

QString output_path(const QString& name) { return test::output_path("views", name); }
using test::count_near;

TEST(LayerProfileView, DrawsEverySeriesInItsColourWithAxesAndText) {
  views::LayerProfileView view;
  ASSERT_TRUE(test::shows(view, three_checkpoints(), 800, 500));
  const QImage frame = view.grab_frame();
  const QString shot = test::save_screenshot(frame, "layer_profile_view");

  // Each series: a 2 px line plus 8 markers of 7 px is several hundred pixels of its colour.
  for (int s = 0; s < 3; ++s)
    EXPECT_GT(count_near(frame, views::class_colour(s), 40), 300) << "series " << s << ", see " << shot.toStdString();
  // Axes, tick labels and titles: dark pixels along the left and bottom edges of the chart.
  const QRect left(0, 0, frame.width() / 8, frame.height());
  const QRect bottom(0, frame.height() * 7 / 8, frame.width(), frame.height() / 8);
  const views::Rgb black{0.0, 0.0, 0.0};
  EXPECT_GT(count_near(frame, black, 100, left), 150) << "y tick labels and title, see " << shot.toStdString();
  EXPECT_GT(count_near(frame, black, 100, bottom), 300) << "layer names and x title, see " << shot.toStdString();
  EXPECT_GT(test::distinct_colours(frame), 30);

  // The data range with a small margin on both sides (extreme markers are not cut by the frame).
  const views::ProfileData& data = view.data();
  double lo = 1e300, hi = -1e300;
  for (const auto& s : data.series)
    for (double v : s.values)
      if (!std::isnan(v)) lo = std::min(lo, v), hi = std::max(hi, v);
  vtkAxis* y = view.chart()->GetAxis(vtkAxis::LEFT);
  EXPECT_LT(y->GetMinimum(), lo - 0.02 * (hi - lo));
  EXPECT_GT(y->GetMaximum(), hi + 0.02 * (hi - lo));
  EXPECT_LT(y->GetMaximum() - y->GetMinimum(), 1.5 * (hi - lo)) << "the range hugs the data";
  vtkAxis* x = view.chart()->GetAxis(vtkAxis::BOTTOM);
  EXPECT_DOUBLE_EQ(x->GetMinimum(), -0.5);
  EXPECT_DOUBLE_EQ(x->GetMaximum(), 7.5);
  EXPECT_EQ(x->GetLabelProperties()->GetOrientation(), 0.0) << "eight short names fit side by side";
  EXPECT_EQ(std::string(y->GetTitle()), "D_eff");
  EXPECT_EQ(view.chart()->GetNumberOfPlots(), 3);
}

TEST(LayerProfileView, ManyLongLayerNamesTurnToFit) {
  views::ProfileData data;
  data.marker = "Psi_eff";
  for (int block = 1; block <= 4; ++block)
    for (int unit = 0; unit < 2; ++unit)
      for (const char* op : {"conv1", "conv2", "relu"})
        data.layers.push_back("layer" + std::to_string(block) + "." + std::to_string(unit) + "." + op);
  views::ProfileSeries series{"resnet", {}};
  for (size_t l = 0; l < data.layers.size(); ++l) series.values.push_back(0.1 + 0.02 * l);
  data.series.push_back(series);
  views::LayerProfileView view;
  ASSERT_TRUE(test::shows(view, data, 800, 500));
  const QImage frame = view.grab_frame();
  const QString shot = test::save_screenshot(frame, "layer_profile_view_24_layers");
  vtkAxis* x = view.chart()->GetAxis(vtkAxis::BOTTOM);
  EXPECT_EQ(x->GetLabelProperties()->GetOrientation(), 45.0) << "24 names of 14 characters in 690 px";
  const QRect bottom(0, frame.height() * 3 / 4, frame.width(), frame.height() / 4);
  EXPECT_GT(count_near(frame, {0.0, 0.0, 0.0}, 100, bottom), 1000) << "24 names drawn, see " << shot.toStdString();

  view.resize(3000, 500);  // wide enough: upright again
  QTest::qWait(50);
  EXPECT_EQ(x->GetLabelProperties()->GetOrientation(), 0.0);
}

TEST(LayerProfileView, SavesPngAtScaleTwoAndTheNumbersAsCsv) {
  views::LayerProfileView view;
  const views::ProfileData data = three_checkpoints();
  ASSERT_TRUE(test::shows(view, data, 640, 400));
  const QImage frame = view.grab_frame();

  const QString png = output_path("layer_profile_x2.png");
  const QImage image = test::export_png(view, png, 2);
  ASSERT_FALSE(image.isNull());
  EXPECT_EQ(image.width(), 2 * frame.width());
  EXPECT_EQ(image.height(), 2 * frame.height());
  // Twice the resolution with lines and markers twice as thick: about four times the pixels of each series.
  // (Chart margins and legend padding stay in pixels, so the layout is not an exact upscale.)
  for (int s = 0; s < 3; ++s)
    EXPECT_GT(count_near(image, views::class_colour(s), 40), 3 * count_near(frame, views::class_colour(s), 40))
        << "series " << s << " in the export";
  // The view is back to its on-screen look after the export.
  const QImage after = view.grab_frame();
  EXPECT_EQ(after.size(), frame.size());
  EXPECT_NEAR(count_near(after, views::class_colour(0), 40), count_near(frame, views::class_colour(0), 40), 30);

  QStringList lines;
  ASSERT_TRUE(test::export_csv(view, output_path("layer_profile.csv"), &lines));
  ASSERT_EQ(lines.size(), 9);
  EXPECT_EQ(lines[0], "layer_index,layer,checkpoint 1,checkpoint 2,checkpoint 3");
  for (int l = 0; l < 8; ++l) {
    const QStringList fields = lines[l + 1].split(',');
    ASSERT_EQ(fields.size(), 5);
    EXPECT_EQ(fields[0].toInt(), l);
    EXPECT_EQ(fields[1].toStdString(), data.layers[l]);
    for (int s = 0; s < 3; ++s) {
      const double expected = data.series[s].values[l];
      if (std::isnan(expected)) {
        EXPECT_TRUE(fields[2 + s].isEmpty()) << "a missing value is an empty field";
      } else {
        EXPECT_NEAR(fields[2 + s].toDouble(), expected, 1e-12 * std::abs(expected));
      }
    }
  }
}

TEST(LayerProfileView, RefusesASeriesOfTheWrongLength) {
  views::LayerProfileView view;
  ASSERT_TRUE(view.set_data(three_checkpoints()).ok());
  views::ProfileData bad = three_checkpoints();
  bad.series[2].values.pop_back();
  const ms::Status status = view.set_data(bad);
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.error().find("checkpoint 3"), std::string::npos) << status.error();
  EXPECT_EQ(view.data().series[2].values.size(), 8u) << "the previous data is kept";
  const QString png = output_path("never_shown.png");
  EXPECT_FALSE(view.save_png(png.toStdString(), 1).ok()) << "a view never shown has nothing to export";
}

// ResNet-like depth: 200 layers with long names. The drawn labels (every k-th, first and last) must not overlap:
// their extents come from VTK's own text measure and the axis's drawn end points (tolerance: none, 0 px overlap).
TEST(LayerProfileView, TwoHundredLayersThinTheLabelsSoNoneOverlap) {
  views::ProfileData data;
  data.marker = "D_eff";
  views::ProfileSeries series{"resnet", {}};
  for (int l = 0; l < 200; ++l) {
    data.layers.push_back("layer" + std::to_string(l / 50 + 1) + "." + std::to_string(l % 50) + ".conv");
    series.values.push_back(20.0 + 10.0 * std::sin(0.05 * l));
  }
  data.series.push_back(series);
  views::LayerProfileView view;
  view.resize(1100, 520);
  ASSERT_TRUE(view.set_data(data).ok());
  view.show();
  ASSERT_TRUE(QTest::qWaitForWindowExposed(&view));
  const QImage frame = view.grab_frame();
  test::save_screenshot(frame, "layer_profile_200_layers");
  const std::vector<size_t> drawn = view.drawn_labels();
  ASSERT_GE(drawn.size(), 3u);
  EXPECT_LT(drawn.size(), 200u);
  EXPECT_EQ(drawn.front(), 0u);
  EXPECT_EQ(drawn.back(), 199u);
  vtkAxis* x = view.chart()->GetAxis(vtkAxis::BOTTOM);
  EXPECT_EQ(x->GetTickPositions()->GetNumberOfTuples(), static_cast<vtkIdType>(drawn.size()));
  const double pixels_per_layer = (x->GetPoint2()[0] - x->GetPoint1()[0]) / (x->GetMaximum() - x->GetMinimum());
  const double angle = x->GetLabelProperties()->GetOrientation() * M_PI / 180.0;
  for (size_t i = 1; i < drawn.size(); ++i) {
    const auto a = view.label_size(data.layers[drawn[i - 1]]), b = view.label_size(data.layers[drawn[i]]);
    const double spacing = (drawn[i] - drawn[i - 1]) * pixels_per_layer;
    if (angle == 0.0)  // side by side, centred on their ticks
      EXPECT_GE(spacing, (a[0] + b[0]) / 2.0) << "labels " << drawn[i - 1] << " and " << drawn[i] << " overlap";
    else  // parallel rotated lines: their distance across the text must hold one text height
      EXPECT_GE(spacing * std::sin(angle), std::max(a[1], b[1])) << "labels " << drawn[i - 1] << " and " << drawn[i];
  }
  // Every layer is named on hover, drawn label or not.
  const int x_of_7 = static_cast<int>(std::lround((x->GetPoint1()[0] + (7 - x->GetMinimum()) * pixels_per_layer) /
                                                  view.devicePixelRatioF()));
  EXPECT_EQ(view.layer_at(QPoint(x_of_7, 10)), 7);
}

// Long checkpoint names at a column width: the legend goes under the plot, which keeps most of the width.
TEST(LayerProfileView, LongNamesAtSingleColumnPutTheLegendBelowThePlot) {
  views::ProfileData data = three_checkpoints();
  data.series[0].name = "mlp-sgd-lr0.025-wd0.0005-s0";
  data.series[1].name = "mlp-sgd-lr0.1-wd0.0005-s0";
  data.series[2].name = "mlp-adam-lr0.001-wd0.0005-s1";
  views::LayerProfileView view;
  ASSERT_TRUE(test::shows(view, data, 900, 650));
  view.grab_frame();
  EXPECT_TRUE(view.legend_beside()) << "900 px leave room beside the plot";

  const views::ExportSize column = views::ExportSize::physical_mm(views::kSingleColumnMm, 300);
  // The plot's width in the frame the export draws at the page's width.
  const int page_w = static_cast<int>(std::lround(views::kSingleColumnMm / 25.4 * 300));
  int plot_w = -1, window_w = 0;
  const QString png = output_path("layer_profile_long_names_89mm.png");
  {
    const test::PageFrameWatch watch(view.render_window(), page_w, [&] {
      window_w = page_w;
      plot_w = view.chart()->GetPoint2()[0] - view.chart()->GetPoint1()[0];
    });
    ASSERT_TRUE(view.save_figure(png.toStdString(), column).ok());
  }
  ASSERT_EQ(window_w, page_w) << "no frame at the page size";
  EXPECT_GE(plot_w * 2, page_w) << "plot " << plot_w << " of " << page_w << " px, see " << png.toStdString();

  // The window at a narrow width follows the same rule.
  view.resize(340, 400);
  QTest::qWait(50);
  const QImage frame = view.grab_frame();
  EXPECT_FALSE(view.legend_beside());
  EXPECT_GE((view.chart()->GetPoint2()[0] - view.chart()->GetPoint1()[0]) * 2, frame.width())
      << "see " << test::save_screenshot(frame, "layer_profile_long_names_narrow").toStdString();
}

}  // namespace
}  // namespace ms
