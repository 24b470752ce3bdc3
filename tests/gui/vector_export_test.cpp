// Vector figure export (SVG and PDF) of the three plot views in real windows (run under xvfb-run): each file is
// checked for what a paper needs — the SVG parses as XML, its titles and labels are <text> elements, its curves and
// markers are polylines and <use> symbols in the series colours; the PDF is whole (%PDF- … %%EOF), poppler reads it,
// its fonts are embedded, it rasterises to a non-blank page and pdftotext finds the axis titles (ρ included). Also: the Save image dialog offers SVG/PDF without the
// scale question, and a failed export leaves an earlier file as it was.
#include <gtest/gtest.h>

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QTest>
#include <QRegularExpression>
#include <QXmlStreamReader>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <map>
#include <string>
#include <type_traits>
#include <vector>

#include "tests/gui/pdf_tools.h"
#include "tests/gui/sample_plot_data.h"
#include "tests/gui/view_test_support.h"
#include "tests/gui/scripted_answers.h"
#include "core/common/atomic_write.h"
#include "views/correlation_heatmap_view.h"
#include "views/figure_export.h"
#include "views/layer_profile_view.h"
#include "views/marker_scatter_view.h"
#include "views/palette.h"

namespace ms {
namespace {

using test::show_and_draw;
QString output_path(const QString& name) { return test::output_path("vector", name); }

QByteArray read_all(const QString& path) {
  QFile file(path);
  return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

std::string hex(const views::Rgb& colour) {
  char text[8];
  std::snprintf(text, sizeof text, "#%02x%02x%02x", static_cast<int>(std::lround(colour[0] * 255)),
                static_cast<int>(std::lround(colour[1] * 255)), static_cast<int>(std::lround(colour[2] * 255)));
  return text;
}

// What an SVG holds: its texts (trimmed), and per colour the polylines (with their vertex counts) and the marker
// symbols (<use>, coloured by their enclosing group's fill).
struct Svg {
  QString error;  // empty when the XML parsed
  std::vector<std::string> texts;
  std::vector<std::string> text_transforms;
  std::map<std::string, std::vector<int>> polylines;  // stroke colour -> vertex count of each
  std::map<std::string, int> markers;                 // fill colour -> <use> count
  std::map<std::string, int> filled_paths;            // opaque fill colour -> <path> count
  int elements = 0;
};

Svg parse_svg(const QString& path) {
  Svg svg;
  QXmlStreamReader xml(read_all(path));
  std::vector<std::string> fills{""};
  while (!xml.atEnd()) {
    xml.readNext();
    if (xml.isEndElement() && xml.name() == QStringLiteral("g")) fills.pop_back();
    if (!xml.isStartElement()) continue;
    ++svg.elements;
    const QXmlStreamAttributes a = xml.attributes();
    const std::string name = xml.name().toString().toStdString();
    if (name == "g") fills.push_back(a.hasAttribute("fill") ? a.value("fill").toString().toStdString() : fills.back());
    if (name == "polyline") {
      const QStringList points = a.value("points").toString().split(QRegularExpression("\\s+"), Qt::SkipEmptyParts);
      svg.polylines[a.value("stroke").toString().toStdString()].push_back(static_cast<int>(points.size()));
    }
    if (name == "use") ++svg.markers[fills.back()];
    if (name == "path" && a.hasAttribute("fill") && a.value("fill-opacity") != QStringLiteral("0"))
      ++svg.filled_paths[a.value("fill").toString().toStdString()];
    if (name == "text") {
      svg.text_transforms.push_back(a.value("transform").toString().toStdString());
      svg.texts.push_back(xml.readElementText().trimmed().toStdString());
    }
  }
  if (xml.hasError()) svg.error = xml.errorString() + " at line " + QString::number(xml.lineNumber());
  return svg;
}

// How many entries of `by_colour` are within one unit per channel of `colour` (VTK truncates some colours to
// bytes and rounds others).
template <class Value>
int near(const std::map<std::string, Value>& by_colour, const views::Rgb& colour) {
  int total = 0;
  for (const auto& [key, value] : by_colour) {
    unsigned r = 0, g = 0, b = 0;
    if (std::sscanf(key.c_str(), "#%02x%02x%02x", &r, &g, &b) != 3) continue;
    const double want[3] = {colour[0] * 255, colour[1] * 255, colour[2] * 255};
    if (std::abs(r - want[0]) <= 1.01 && std::abs(g - want[1]) <= 1.01 && std::abs(b - want[2]) <= 1.01) {
      if constexpr (std::is_same_v<Value, int>) total += value;
      else total += static_cast<int>(value.size());
    }
  }
  return total;
}

bool has_text(const Svg& svg, const std::string& text) {
  return std::find(svg.texts.begin(), svg.texts.end(), text) != svg.texts.end();
}

// A PDF as a reader's tools see it (tests/gui/pdf_tools.h): whole, and its text as pdftotext extracts it.
struct Pdf {
  bool whole = false;  // starts with %PDF- and ends with %%EOF
  QString text;
};

Pdf parse_pdf(const QString& path) {
  Pdf pdf;
  const QByteArray bytes = read_all(path);
  pdf.whole = bytes.startsWith("%PDF-") && bytes.trimmed().endsWith("%%EOF");
  pdf.text = test::pdf_text(path);
  return pdf;
}

bool shows(const Pdf& pdf, const std::string& text) { return pdf.text.contains(QString::fromStdString(text)); }

views::ScatterData twelve_points() {
  views::ScatterData d;
  d.x_title = "dimension (penultimate layer)";
  d.y_title = "mean OOD accuracy";
  d.colour_title = "lr";
  for (int i = 0; i < 12; ++i) {
    d.x.push_back(2.0 + 0.5 * i);
    d.y.push_back(0.3 + 0.04 * i + 0.03 * std::sin(i));
    d.labels.push_back("ckpt-" + std::to_string(i));
    d.groups.push_back(i % 3 == 0 ? "0.001" : i % 3 == 1 ? "0.01" : "0.1");
  }
  d.statistics.n = 12;
  d.statistics.pearson_r = 0.91, d.statistics.pearson_p = 3e-5;
  d.statistics.spearman_rho = 0.89, d.statistics.spearman_p = 1e-4;
  d.statistics.ci_low = 0.70, d.statistics.ci_high = 0.98;
  return d;
}

// Long column names, so the column labels turn 45 degrees.
views::HeatmapData four_by_five() {
  views::HeatmapData h;
  h.title = "Pearson r, penultimate layer";
  h.rows = {"dimension", "utility", "radius", "capacity"};
  h.columns = {"mnist_rotated_30deg", "fashion_gaussian_noise", "uci_digits_8x8", "svhn_grayscale", "cifar10_gray"};
  h.r.resize(4, 5), h.p.resize(4, 5), h.n.resize(4, 5);
  for (int i = 0; i < 4; ++i)
    for (int j = 0; j < 5; ++j) h.r(i, j) = std::sin(1.0 + i * 1.7 + j * 0.9), h.p(i, j) = 0.004, h.n(i, j) = 30;
  h.r(2, 3) = std::nan("");
  h.stars.assign(4, std::vector<std::string>(5, "**"));
  return h;
}

// Saves `view` at scale 1 as STEM.svg and STEM.pdf in the output folder, earlier files removed first (a stale one
// never passes); true when both were written.
template <class View>
bool save_svg_and_pdf(View& view, const QString& stem) {
  const QString svg = output_path(stem + ".svg"), pdf = output_path(stem + ".pdf");
  QFile::remove(svg), QFile::remove(pdf);
  return view.save_figure(svg.toStdString(), 1).ok() && view.save_figure(pdf.toStdString(), 1).ok();
}

TEST(VectorExport, LayerProfileAsSvgAndPdf) {
  views::LayerProfileView view;
  const views::ProfileData data = test::three_checkpoint_profile();
  ASSERT_TRUE(view.set_data(data).ok());
  show_and_draw(view);
  ASSERT_TRUE(save_svg_and_pdf(view, "layer_profile"));
  const QString svg_path = output_path("layer_profile.svg"), pdf_path = output_path("layer_profile.pdf");

  const Svg svg = parse_svg(svg_path);
  ASSERT_TRUE(svg.error.isEmpty()) << svg.error.toStdString();
  for (const std::string text : {"Layer", "D_eff", "checkpoint 1", "checkpoint 2", "checkpoint 3"})
    EXPECT_TRUE(has_text(svg, text)) << text;
  for (const auto& layer : data.layers) EXPECT_TRUE(has_text(svg, layer)) << layer;
  // Each series: one polyline through its 8 layers (plus the legend's short sample) and 8 markers + 1 in the legend.
  for (int s = 0; s < 3; ++s) {
    const std::string colour = hex(views::class_colour(s));
    ASSERT_EQ(svg.polylines.count(colour), 1u) << colour;
    const std::vector<int>& lines = svg.polylines.at(colour);
    EXPECT_EQ(std::count(lines.begin(), lines.end(), 8), 1) << colour;
    EXPECT_EQ(svg.markers.count(colour) ? svg.markers.at(colour) : 0, 9) << colour;
  }
  // The y title turns counter-clockwise (reads upwards), as on screen.
  const auto title = std::find(svg.texts.begin(), svg.texts.end(), "D_eff") - svg.texts.begin();
  EXPECT_NE(svg.text_transforms[title].find("rotate(-90)"), std::string::npos) << svg.text_transforms[title];

  MS_SKIP_WITHOUT_POPPLER();
  const Pdf pdf = parse_pdf(pdf_path);
  EXPECT_TRUE(pdf.whole);
  test::expect_good_pdf(pdf_path);
  for (const std::string text : {"Layer", "D_eff", "checkpoint 1", "conv1", "fc2"}) EXPECT_TRUE(shows(pdf, text)) << text;
}

TEST(VectorExport, TurnedLayerNamesStayOnThePage) {
  views::ProfileData data;
  data.marker = "Psi_eff";
  for (int block = 1; block <= 4; ++block)
    for (const char* op : {"conv1", "conv2", "relu"}) data.layers.push_back("layer" + std::to_string(block) + ".0." + op);
  views::ProfileSeries series{"resnet", {}};
  for (size_t l = 0; l < data.layers.size(); ++l) series.values.push_back(0.1 + 0.02 * l);
  data.series.push_back(series);
  views::LayerProfileView view;
  ASSERT_TRUE(view.set_data(data).ok());
  show_and_draw(view, 500, 400);
  const QString path = output_path("layer_profile_turned.svg");
  ASSERT_TRUE(view.save_figure(path.toStdString(), 1).ok());
  const Svg svg = parse_svg(path);
  ASSERT_TRUE(svg.error.isEmpty()) << svg.error.toStdString();
  // Each name turned 45 degrees with its end at its tick, hanging down to the left: the tick (the translation) must
  // leave room below for the name's height, about (width + height) / sqrt 2 of an 11 px font (6 px per character).
  int turned = 0;
  for (size_t t = 0; t < svg.texts.size(); ++t) {
    if (svg.texts[t].rfind("layer", 0) != 0) continue;
    ++turned;
    EXPECT_NE(svg.text_transforms[t].find("rotate(-45)"), std::string::npos) << svg.text_transforms[t];
    float x = 0, y = 0;
    ASSERT_EQ(std::sscanf(svg.text_transforms[t].c_str(), "translate(%f,%f)", &x, &y), 2) << svg.text_transforms[t];
    const double drop = (6.0 * svg.texts[t].size() + 11.0) * 0.7071;
    EXPECT_LT(y + 0.8 * drop, 400.0) << svg.texts[t] << " at y " << y;
  }
  EXPECT_EQ(turned, static_cast<int>(view.drawn_labels().size())) << "every drawn name turned";
  EXPECT_GE(turned, 6) << "the legend beside the plot leaves room for every other name at least";
  // The curve is clipped to the plot area, which must hold all of it: its 12 vertices lie inside the clip rectangle.
  ASSERT_TRUE(view.save_figure(output_path("layer_profile_turned.pdf").toStdString(), 1).ok());
  const QByteArray text = read_all(path);
  const QRegularExpression clip("<clipPath[^>]*>\\s*<rect[^>]* x=\"([\\d.]+)\" y=\"([\\d.]+)\" width=\"([\\d.]+)\" height=\"([\\d.]+)\"");
  const QRegularExpressionMatch rect = clip.match(QString::fromUtf8(text));
  ASSERT_TRUE(rect.hasMatch());
  const double cx = rect.captured(1).toDouble(), cy = rect.captured(2).toDouble();
  const double cw = rect.captured(3).toDouble(), ch = rect.captured(4).toDouble();
  const QRegularExpression curve("<polyline stroke=\"#e69f00\"[^>]*points=\"([^\"]*)\"");
  bool found = false;
  for (auto it = curve.globalMatch(QString::fromUtf8(text)); it.hasNext();) {
    const QStringList points = it.next().captured(1).split(QRegularExpression("\\s+"), Qt::SkipEmptyParts);
    if (points.size() != 12) continue;
    found = true;
    for (const QString& point : points) {
      const double px = point.section(',', 0, 0).toDouble(), py = point.section(',', 1, 1).toDouble();
      EXPECT_TRUE(px >= cx && px <= cx + cw && py >= cy && py <= cy + ch)
          << point.toStdString() << " outside the clip " << cx << "," << cy << " " << cw << "x" << ch;
    }
  }
  EXPECT_TRUE(found) << "the curve through 12 layers";
}

TEST(VectorExport, MarkerScatterAsSvgAndPdfWithItsStatisticsBox) {
  views::MarkerScatterView view;
  ASSERT_TRUE(view.set_data(twelve_points()).ok());
  show_and_draw(view);
  view.set_selected(3);
  ASSERT_TRUE(save_svg_and_pdf(view, "marker_scatter"));
  const QString svg_path = output_path("marker_scatter.svg"), pdf_path = output_path("marker_scatter.pdf");

  const Svg svg = parse_svg(svg_path);
  ASSERT_TRUE(svg.error.isEmpty()) << svg.error.toStdString();
  for (const std::string text : {"dimension (penultimate layer)", "mean OOD accuracy", "lr = 0.001", "lr = 0.1",
                                 "least-squares fit", "r = 0.910, p = 3.0e-05", "\xCF\x81 = 0.890, p = 1.0e-04",
                                 "95% CI [0.700, 0.980]", "n = 12"})
    EXPECT_TRUE(has_text(svg, text)) << text;
  // Four points per group plus its legend marker; the ring of the selected point; the dashed fit line.
  for (int g = 0; g < 3; ++g) {
    const std::string colour = hex(views::class_colour(g));
    EXPECT_EQ(svg.markers.count(colour) ? svg.markers.at(colour) : 0, 5) << colour;
  }
  EXPECT_EQ(near(svg.markers, {0.1, 0.1, 0.1}), 1) << "the selection ring";
  EXPECT_EQ(near(svg.polylines, {0.3, 0.3, 0.3}), 2) << "the fit line and its legend sample";

  // The PDF embeds a font with Greek: ρ stays ρ.
  MS_SKIP_WITHOUT_POPPLER();
  const Pdf pdf = parse_pdf(pdf_path);
  EXPECT_TRUE(pdf.whole);
  test::expect_good_pdf(pdf_path);
  for (const std::string text : {"dimension (penultimate layer)", "mean OOD accuracy", "\xCF\x81 = 0.890, p = 1.0e-04",
                                 "95% CI [0.700, 0.980]", "lr = 0.01", "least-squares fit"})
    EXPECT_TRUE(shows(pdf, text)) << text << " in " << pdf.text.toStdString();
  EXPECT_FALSE(shows(pdf, "rho"));
}

TEST(VectorExport, CorrelationHeatmapAsSvgAndPdfWithCellTexts) {
  views::CorrelationHeatmapView view;
  const views::HeatmapData data = four_by_five();
  ASSERT_TRUE(view.set_data(data).ok());
  show_and_draw(view);
  ASSERT_TRUE(save_svg_and_pdf(view, "correlation_heatmap"));
  const QString svg_path = output_path("correlation_heatmap.svg"), pdf_path = output_path("correlation_heatmap.pdf");

  MS_SKIP_WITHOUT_POPPLER();
  const Svg svg = parse_svg(svg_path);
  const Pdf pdf = parse_pdf(pdf_path);
  ASSERT_TRUE(svg.error.isEmpty()) << svg.error.toStdString();
  EXPECT_TRUE(pdf.whole);
  test::expect_good_pdf(pdf_path);
  std::vector<std::string> expected{data.title, "Pearson r", "-1.0", "0.0", "1.0"};
  for (const auto& row : data.rows) expected.push_back(row);
  for (int i = 0; i < 4; ++i)
    for (int j = 0; j < 5; ++j) expected.push_back(view.cell_text(i, j));
  for (const auto& text : expected) {
    EXPECT_TRUE(has_text(svg, text)) << "SVG: " << text;
    EXPECT_TRUE(shows(pdf, text)) << "PDF: " << text;
  }
  // The column names turn 45 degrees: pdftotext splits turned text, so they are checked in the SVG only.
  for (const auto& column : data.columns) EXPECT_TRUE(has_text(svg, column)) << "SVG: " << column;
  // Every cell is a filled rectangle in its colour (some colours repeat: count them all).
  for (int i = 0; i < 4; ++i)
    for (int j = 0; j < 5; ++j) {
      const views::Rgb colour = views::CorrelationHeatmapView::colour_of(data.r(i, j));
      EXPECT_GE(near(svg.filled_paths, colour), 1) << "cell " << i << ", " << j << " " << hex(colour);
    }
  // The long column names turn 45 degrees counter-clockwise, as on screen.
  const auto column = std::find(svg.texts.begin(), svg.texts.end(), data.columns[1]) - svg.texts.begin();
  EXPECT_NE(svg.text_transforms[column].find("rotate(-45)"), std::string::npos) << svg.text_transforms[column];
}

TEST(VectorExport, SaveImageActionOffersEveryFormatAndASize) {
  views::MarkerScatterView view;
  ASSERT_TRUE(view.set_data(twelve_points()).ok());
  show_and_draw(view);
  for (const QString name : {"scatter_from_action.svg", "scatter_from_action.pdf"}) {
    const QString path = output_path(name);
    QFile::remove(path);
    test::ScriptedAnswers answers;
    answers.then_file(path).then_accept_choices();
    view.save_image_action()->trigger();
    EXPECT_TRUE(answers.all_used()) << "the file and size questions came";
    EXPECT_TRUE(answers.numbers_asked.empty()) << "no scale for a vector file";
    ASSERT_EQ(answers.files_asked.size(), 1u);
    EXPECT_EQ(answers.files_asked[0].filters, (QStringList{"PNG (*.png)", "SVG (*.svg)", "PDF (*.pdf)"}));
    ASSERT_EQ(answers.choices_asked.size(), 1u);
    EXPECT_EQ(answers.choices_asked[0].choices,
              (QStringList{"window size", "single column (89 mm)", "double column (183 mm)"}));
    EXPECT_TRUE(answers.warnings.isEmpty()) << answers.warnings.join("; ").toStdString();
    EXPECT_GT(QFile(path).size(), 1000) << name.toStdString();
  }
  const QString png = output_path("scatter_from_action.png");
  QFile::remove(png);
  test::ScriptedAnswers answers;
  answers.then_file(png).then_choices({"window x 2"});
  view.save_image_action()->trigger();
  EXPECT_TRUE(answers.all_used()) << "a PNG asks for the file and then the size";
  EXPECT_EQ(answers.answered(), 2);
  EXPECT_TRUE(answers.warnings.isEmpty()) << answers.warnings.join("; ").toStdString();
  EXPECT_EQ(QImage(png).size(), 2 * view.grab_frame().size());

  // A column width asks for the DPI: 89 mm at 600 dpi is 2102 pixels wide.
  QFile::remove(png);
  test::ScriptedAnswers column;
  column.then_file(png).then_choices({"single column (89 mm)"}).then_choices({"600"});
  view.save_image_action()->trigger();
  EXPECT_TRUE(column.all_used());
  EXPECT_TRUE(column.warnings.isEmpty()) << column.warnings.join("; ").toStdString();
  EXPECT_EQ(QImage(png).width(), 2102);
}

TEST(VectorExport, AFailedExportLeavesTheEarlierFileAndNoTemporaryFile) {
  const QString dir = output_path("atomic");
  QDir(dir).removeRecursively();
  QDir().mkpath(dir);
  const QString path = dir + "/figure.svg";
  ASSERT_TRUE(views::write_text_file(path.toStdString(), "<svg>earlier</svg>").ok());

  // A writer that gets half way and fails: the earlier file stays, the half file goes.
  const ms::Status failed = ms::write_atomically(path.toStdString(), [](const std::string& part) {
    EXPECT_NE(part, std::string()) << "a temporary name";
    EXPECT_TRUE(views::write_text_file(part, "<svg><g").ok());
    return ms::Status(ms::make_error("stopped half way"));
  });
  EXPECT_FALSE(failed.ok());
  EXPECT_EQ(read_all(path), QByteArray("<svg>earlier</svg>"));
  EXPECT_EQ(QDir(dir).entryList(QDir::Files), QStringList{"figure.svg"});

  // A view not shown yet, a folder that does not exist, an unknown type: errors that name the file.
  views::LayerProfileView hidden;
  ASSERT_TRUE(hidden.set_data(test::three_checkpoint_profile()).ok());
  const ms::Status not_shown = hidden.save_figure(path.toStdString(), 1);
  ASSERT_FALSE(not_shown.ok());
  EXPECT_NE(not_shown.error().find(path.toStdString()), std::string::npos) << not_shown.error();
  EXPECT_EQ(read_all(path), QByteArray("<svg>earlier</svg>"));

  views::LayerProfileView view;
  ASSERT_TRUE(view.set_data(test::three_checkpoint_profile()).ok());
  show_and_draw(view);
  for (const QString& bad : {dir + "/no/such/folder/figure.pdf", dir + "/figure.eps"}) {
    const ms::Status status = view.save_figure(bad.toStdString(), 1);
    ASSERT_FALSE(status.ok()) << bad.toStdString();
    EXPECT_NE(status.error().find(bad.toStdString()), std::string::npos) << status.error();
  }
  // And a good export replaces the earlier file whole.
  ASSERT_TRUE(view.save_figure(path.toStdString(), 1).ok());
  EXPECT_TRUE(parse_svg(path).error.isEmpty());
  EXPECT_TRUE(has_text(parse_svg(path), "D_eff"));
  EXPECT_EQ(QDir(dir).entryList(QDir::Files), QStringList{"figure.svg"});
}

}  // namespace
}  // namespace ms
