// Journal-ready figures (issue 12, item 2): physical sizes and DPI for PNG (pixels = mm / 25.4 x DPI, the DPI in the
// file), SVG pages in mm, PDFs with their fonts embedded and Greek letters as text, the 3D projection as SVG/PDF with
// the scene as an embedded image and the legend as text, and the CLI's size parser. Real windows (xvfb-run).
#include <gtest/gtest.h>

#include <QFile>
#include <QImage>
#include <QRegularExpression>
#include <QTest>
#include <QXmlStreamReader>

#include <cmath>
#include <random>
#include <string>

#include "tests/gui/pdf_tools.h"
#include "tests/gui/view_test_support.h"
#include "views/figure_export.h"
#include "views/layer_profile_view.h"
#include "views/marker_scatter_view.h"
#include "views/palette.h"
#include "views/projection_view.h"

namespace ms {
namespace {

using test::show_and_draw;
QString output_path(const QString& name) { return test::output_path("journal", name); }

// Element names and the texts of <text> elements of an SVG, or the parse error.
struct SvgSummary {
  QString error;
  QStringList texts;
  int images = 0;
  QString width, height, view_box;
};

SvgSummary read_svg(const QString& path) {
  SvgSummary svg;
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) return SvgSummary{"cannot open " + path};
  QXmlStreamReader xml(&file);
  while (!xml.atEnd()) {
    xml.readNext();
    if (!xml.isStartElement()) continue;
    if (xml.name() == QStringLiteral("svg") && svg.width.isEmpty()) {
      svg.width = xml.attributes().value("width").toString();
      svg.height = xml.attributes().value("height").toString();
      svg.view_box = xml.attributes().value("viewBox").toString();
    }
    if (xml.name() == QStringLiteral("image")) ++svg.images;
    if (xml.name() == QStringLiteral("text")) svg.texts << xml.readElementText(QXmlStreamReader::IncludeChildElements).simplified();
  }
  if (xml.hasError()) svg.error = xml.errorString() + " at line " + QString::number(xml.lineNumber());
  return svg;
}

views::ProfileData greek_profile() {
  views::ProfileData data;
  data.marker = "\xCE\xA8_eff";  // Ψ_eff
  data.layers = {"conv1", "relu1", "conv2", "pool", "fc1", "fc2"};
  for (int s = 0; s < 2; ++s) {
    views::ProfileSeries series{"seed " + std::to_string(s), {}};
    for (size_t l = 0; l < data.layers.size(); ++l) series.values.push_back(0.2 + 0.1 * s + 0.05 * std::sin(l + s));
    data.series.push_back(series);
  }
  return data;
}

views::ProjectionData clouds() {
  std::mt19937 rng(3);
  std::normal_distribution<double> noise(0.0, 0.5);
  views::ProjectionData d;
  d.class_names = {"T-shirt/top", "Trouser", "Pullover", "\xCF\x81-class"};  // ρ-class
  const int per = 80;
  d.coords.resize(4 * per, 3);
  d.labels.resize(4 * per);
  for (int c = 0; c < 4; ++c)
    for (int i = 0; i < per; ++i) {
      for (int k = 0; k < 3; ++k) d.coords(c * per + i, k) = (k == c % 3 ? 3.0 : 0.0) * (c == 3 ? -1 : 1) + noise(rng);
      d.labels[c * per + i] = c;
    }
  return d;
}

TEST(JournalExport, SizeAndDpiParserAcceptsPresetsAndExplainsMistakes) {
  const auto single = views::parse_export_size("single", 600);
  ASSERT_TRUE(single.ok());
  EXPECT_DOUBLE_EQ(single->width_mm, 89.0);
  EXPECT_EQ(single->dpi, 600);
  EXPECT_DOUBLE_EQ(views::parse_export_size("double")->width_mm, 183.0);
  EXPECT_DOUBLE_EQ(views::parse_export_size("89mm")->width_mm, 89.0);
  EXPECT_DOUBLE_EQ(views::parse_export_size("183 mm")->width_mm, 183.0);
  const auto both = views::parse_export_size("120x80mm");
  ASSERT_TRUE(both.ok());
  EXPECT_DOUBLE_EQ(both->width_mm, 120.0);
  EXPECT_DOUBLE_EQ(both->height_mm, 80.0);
  EXPECT_DOUBLE_EQ(views::parse_export_size("89mm x 60mm")->height_mm, 60.0);
  EXPECT_EQ(views::parse_export_size("3x")->scale, 3);
  EXPECT_FALSE(views::parse_export_size("window")->physical());
  for (const char* bad : {"huge", "89cm", "5mm", "2000mm", "0x", "9x", "89x"}) {
    const auto parsed = views::parse_export_size(bad);
    ASSERT_FALSE(parsed.ok()) << bad;
    EXPECT_NE(parsed.error().find(bad), std::string::npos) << parsed.error();
  }
  EXPECT_EQ(*views::parse_dpi("300"), 300);
  EXPECT_EQ(*views::parse_dpi(" 1200 "), 1200);
  for (const char* bad : {"71", "1201", "300dpi", ""}) EXPECT_FALSE(views::parse_dpi(bad).ok()) << bad;
  EXPECT_FALSE(views::parse_export_size("single", 50).ok());
  EXPECT_EQ(views::describe(*views::parse_export_size("89x60mm", 600)), "89 x 60 mm at 600 dpi");
  EXPECT_EQ(views::describe(views::ExportSize::window_times(2)), "window x2");
  EXPECT_DOUBLE_EQ(single->text_scale, views::kPrintTextScale) << "column widths get print-sized text";
}

TEST(JournalExport, PngPixelsAreTheSizeTimesTheDpi) {
  views::LayerProfileView view;
  ASSERT_TRUE(view.set_data(greek_profile()).ok());
  show_and_draw(view);
  struct Case {
    double width_mm, height_mm;
    int dpi;
  };
  for (const Case c : {Case{89, 0, 300}, Case{183, 0, 600}, Case{89, 60, 300}}) {
    const QString path = output_path(QString("profile_%1mm_%2dpi.png").arg(c.width_mm).arg(c.dpi));
    QFile::remove(path);
    ASSERT_TRUE(view.save_figure(path.toStdString(), views::ExportSize::physical_mm(c.width_mm, c.dpi, c.height_mm)).ok());
    const QImage image(path);
    const int w = static_cast<int>(std::lround(c.width_mm / 25.4 * c.dpi));
    const int h = c.height_mm > 0 ? static_cast<int>(std::lround(c.height_mm / 25.4 * c.dpi))
                                  : static_cast<int>(std::lround(c.width_mm / 25.4 * c.dpi * 500.0 / 800.0));
    EXPECT_EQ(image.width(), w) << path.toStdString();
    EXPECT_NEAR(image.height(), h, 1) << path.toStdString();
    EXPECT_NEAR(image.dotsPerMeterX() * 0.0254, c.dpi, 0.5) << "the DPI is written in the PNG";
  }
  // The window x scale form is as before.
  const QString scaled = output_path("profile_x2.png");
  ASSERT_TRUE(view.save_figure(scaled.toStdString(), 2).ok());
  EXPECT_EQ(QImage(scaled).size(), 2 * view.grab_frame().size());
  EXPECT_EQ(view.grab_frame().size(), QSize(800, 500)) << "the window is back to its size";
}

TEST(JournalExport, VectorPagesHaveThePhysicalSizeAndGreekText) {
  MS_SKIP_WITHOUT_POPPLER();
  views::LayerProfileView view;
  ASSERT_TRUE(view.set_data(greek_profile()).ok());
  show_and_draw(view);
  const views::ExportSize single = views::ExportSize::physical_mm(views::kSingleColumnMm, 300);
  const QString svg_path = output_path("profile_single.svg"), pdf_path = output_path("profile_single.pdf");
  ASSERT_TRUE(view.save_figure(svg_path.toStdString(), single).ok());
  ASSERT_TRUE(view.save_figure(pdf_path.toStdString(), single).ok());

  const SvgSummary svg = read_svg(svg_path);
  ASSERT_TRUE(svg.error.isEmpty()) << svg.error.toStdString();
  EXPECT_EQ(svg.width, "89mm");
  EXPECT_TRUE(svg.view_box.startsWith("0 0 252 ")) << svg.view_box.toStdString();  // 89 mm = 252 pt
  for (const char* text : {"Layer", "\xCE\xA8_eff", "conv1", "seed 0"}) EXPECT_TRUE(svg.texts.contains(text)) << text;

  test::expect_good_pdf(pdf_path);
  const QString info = test::run_tool("pdfinfo", {pdf_path}).out;
  const QRegularExpressionMatch page = QRegularExpression("Page size:\\s+([\\d.]+) x ([\\d.]+) pts").match(info);
  ASSERT_TRUE(page.hasMatch()) << info.toStdString();
  EXPECT_NEAR(page.captured(1).toDouble(), 252.0, 1.0);
  const QString text = test::pdf_text(pdf_path);
  // (Turned layer names come out of pdftotext letter by letter: the SVG check above covers them.)
  for (const char* label : {"Layer", "\xCE\xA8_eff", "seed 0", "seed 1"})
    EXPECT_TRUE(text.contains(label)) << label << " in " << text.toStdString();
  EXPECT_EQ(view.grab_frame().size(), QSize(800, 500)) << "the window is back to its size";
}

TEST(JournalExport, ScatterAtSingleColumnKeepsRhoAndItsLegendOnThePage) {
  MS_SKIP_WITHOUT_POPPLER();
  views::ScatterData d;
  d.x_title = "\xCE\xA8_eff (penultimate layer)";
  d.y_title = "OOD accuracy";
  d.colour_title = "lr";
  for (int i = 0; i < 12; ++i) {
    d.x.push_back(0.2 + 0.05 * i);
    d.y.push_back(0.3 + 0.04 * i + 0.03 * std::sin(i));
    d.labels.push_back("ckpt-" + std::to_string(i));
    d.groups.push_back(i % 2 == 0 ? "0.01" : "0.1");
  }
  d.statistics.n = 12;
  d.statistics.pearson_r = 0.9, d.statistics.pearson_p = 1e-4;
  d.statistics.spearman_rho = 0.88, d.statistics.spearman_p = 2e-4;
  d.statistics.ci_low = 0.7, d.statistics.ci_high = 0.97;
  views::MarkerScatterView view;
  ASSERT_TRUE(view.set_data(d).ok());
  show_and_draw(view);
  const QString pdf = output_path("scatter_single.pdf"), png = output_path("scatter_single_600.png");
  ASSERT_TRUE(view.save_figure(pdf.toStdString(), views::ExportSize::physical_mm(89, 300)).ok());
  ASSERT_TRUE(view.save_figure(png.toStdString(), views::ExportSize::physical_mm(89, 600)).ok());
  test::expect_good_pdf(pdf);
  const QString text = test::pdf_text(pdf);
  for (const char* want : {"\xCF\x81 = 0.880", "\xCE\xA8_eff (penultimate layer)", "lr = 0.01", "n = 12"})
    EXPECT_TRUE(text.contains(want)) << want << " in " << text.toStdString();
  EXPECT_EQ(QImage(png).width(), static_cast<int>(std::lround(89 / 25.4 * 600)));
}

TEST(JournalExport, ProjectionAsSvgAndPdfHasAnImageAndVectorLegend) {
  MS_SKIP_WITHOUT_POPPLER();
  views::ProjectionView view;
  ASSERT_TRUE(view.set_data(clouds()).ok());
  show_and_draw(view, 700, 500);
  const QString svg_path = output_path("projection.svg"), pdf_path = output_path("projection.pdf");
  const QString png_path = output_path("projection_double_600.png");
  ASSERT_TRUE(view.save_figure(svg_path.toStdString(), views::ExportSize::window_times(1)).ok());
  const views::ExportSize single = views::ExportSize::physical_mm(views::kSingleColumnMm, 300);
  ASSERT_TRUE(view.save_figure(pdf_path.toStdString(), single).ok());
  ASSERT_TRUE(view.save_figure(png_path.toStdString(), views::ExportSize::physical_mm(183, 600)).ok());

  const SvgSummary svg = read_svg(svg_path);
  ASSERT_TRUE(svg.error.isEmpty()) << svg.error.toStdString();
  EXPECT_EQ(svg.images, 1) << "the scene as one embedded image";
  // Qt writes a run of text per script: "ρ-" and "class" may be two <text> elements side by side.
  for (const char* name : {"T-shirt/top", "Trouser", "Pullover", "\xCF\x81-class"})
    EXPECT_TRUE(svg.texts.join("").contains(name)) << name << " as <text>";

  test::expect_good_pdf(pdf_path);
  const QString text = test::pdf_text(pdf_path);
  for (const char* name : {"T-shirt/top", "Trouser", "\xCF\x81-class"}) EXPECT_TRUE(text.contains(name)) << name;
  const QStringList images = test::run_tool("pdfimages", {"-list", pdf_path}).out.split('\n', Qt::SkipEmptyParts);
  EXPECT_EQ(images.size(), 3) << "a header, its rule and one image";
  // The embedded scene: at 300 dpi over most of 89 mm, with points of every class colour.
  const QImage page = test::pdf_page(pdf_path, 150);
  ASSERT_FALSE(page.isNull());
  int coloured = 0;
  for (int c = 0; c < 4; ++c) {
    const views::Rgb rgb = views::class_colour(c);
    const QColor want = QColor::fromRgbF(rgb[0], rgb[1], rgb[2]);
    bool found = false;
    for (int y = 0; y < page.height() && !found; y += 2)
      for (int x = 0; x < page.width() && !found; x += 2) {
        const QColor p = page.pixelColor(x, y);
        found = std::abs(p.red() - want.red()) < 12 && std::abs(p.green() - want.green()) < 12 &&
                std::abs(p.blue() - want.blue()) < 12;
      }
    coloured += found;
  }
  EXPECT_EQ(coloured, 4);

  const QImage png(png_path);
  EXPECT_EQ(png.width(), static_cast<int>(std::lround(183 / 25.4 * 600)));
  EXPECT_NEAR(png.dotsPerMeterX() * 0.0254, 600, 0.5);
  EXPECT_EQ(view.grab_frame().size(), QSize(700, 500)) << "the window is back to its size";
}

TEST(JournalExport, ColourBlindPaletteIsAnOptionAndStandardStaysTheDefault) {
  EXPECT_EQ(views::current_palette(), views::Palette::standard);
  for (int i = 0; i < 8; ++i) EXPECT_EQ(views::class_colour(i), views::okabe_ito()[i]) << i;
  ASSERT_TRUE(views::parse_palette("colour-blind").ok());
  EXPECT_EQ(*views::parse_palette("CVD"), views::Palette::colour_blind);
  EXPECT_EQ(*views::parse_palette("standard"), views::Palette::standard);
  const auto bad = views::parse_palette("rainbow");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().find("rainbow"), std::string::npos);

  // Colour-blind: 16 distinct safe colours, yellow (hard to see on white) after the other Okabe-Ito hues, then the
  // same colours darker, never a new hue.
  const views::Rgb yellow = views::okabe_ito()[3];
  for (int i = 0; i < 6; ++i) EXPECT_NE(views::class_colour(i, views::Palette::colour_blind), yellow) << i;
  for (int i = 0; i < 16; ++i)
    for (int j = 0; j < i; ++j)
      EXPECT_NE(views::class_colour(i, views::Palette::colour_blind), views::class_colour(j, views::Palette::colour_blind));
  for (int i = 16; i < 32; ++i) {
    const views::Rgb base = views::class_colour(i - 16, views::Palette::colour_blind);
    const views::Rgb dark = views::class_colour(i, views::Palette::colour_blind);
    for (int k = 0; k < 3; ++k) EXPECT_NEAR(dark[k], 0.6 * base[k], 1e-12) << i;
  }

  // A view drawn after the switch uses it (and the SVG says so).
  views::set_palette(views::Palette::colour_blind);
  views::LayerProfileView view;
  views::ProfileData data = greek_profile();
  for (int s = 2; s < 5; ++s) data.series.push_back({"seed " + std::to_string(s), data.series[0].values});
  ASSERT_TRUE(view.set_data(data).ok());
  show_and_draw(view);
  const QString path = output_path("profile_colour_blind.svg");
  const ms::Status saved = view.save_figure(path.toStdString(), 1);
  views::set_palette(views::Palette::standard);
  ASSERT_TRUE(saved.ok()) << saved.error();
  QFile file(path);
  ASSERT_TRUE(file.open(QIODevice::ReadOnly));
  const QString svg = QString::fromUtf8(file.readAll());
  const views::Rgb fourth = views::class_colour(3, views::Palette::colour_blind);
  const QString hex = QColor::fromRgbF(fourth[0], fourth[1], fourth[2]).name();
  EXPECT_TRUE(svg.contains("stroke=\"" + hex + "\"")) << hex.toStdString() << ": the fourth series in the colour-blind palette";
  EXPECT_FALSE(svg.contains("stroke=\"#f0e442\"")) << "no yellow among the first six";
}

}  // namespace
}  // namespace ms
