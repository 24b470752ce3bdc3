// Checks of exported PDFs with poppler-utils (pdfinfo, pdffonts, pdftotext, pdftoppm), as a reader's viewer sees
// them. packaging/install-deps.sh installs poppler-utils; a test skips, saying so, only when a tool is absent.
#pragma once

#include <gtest/gtest.h>

#include <QFile>
#include <QImage>
#include <QProcess>
#include <QStandardPaths>
#include <QString>
#include <QStringList>

#include <utility>
#include <vector>

namespace ms::test {

inline QString missing_poppler_tool() {
  for (const char* tool : {"pdfinfo", "pdffonts", "pdftotext", "pdftoppm"})
    if (QStandardPaths::findExecutable(tool).isEmpty()) return tool;
  return {};
}

#define MS_SKIP_WITHOUT_POPPLER()                                                                             \
  if (const QString tool = ms::test::missing_poppler_tool(); !tool.isEmpty())                                 \
  GTEST_SKIP() << tool.toStdString() << " is not installed (poppler-utils; packaging/install-deps.sh installs it)"

struct ToolRun {
  int code = -1;
  QString out;
};

inline ToolRun run_tool(const QString& program, const QStringList& arguments) {
  QProcess process;
  process.start(program, arguments);
  ToolRun run;
  if (!process.waitForFinished(60000)) return run;
  run.code = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
  run.out = QString::fromUtf8(process.readAllStandardOutput());
  return run;
}

// The page's text in reading order, runs of white space as one space (pdftotext -raw).
inline QString pdf_text(const QString& path) {
  const ToolRun run = run_tool("pdftotext", {"-raw", "-enc", "UTF-8", path, "-"});
  return run.code == 0 ? run.out.simplified() : QString();
}

// pdffonts' table: (font name, embedded) per font.
inline std::vector<std::pair<QString, bool>> pdf_fonts(const QString& path) {
  std::vector<std::pair<QString, bool>> fonts;
  const QStringList lines = run_tool("pdffonts", {path}).out.split('\n', Qt::SkipEmptyParts);
  for (int i = 2; i < lines.size(); ++i) {  // after the header and its rule
    const QStringList fields = lines[i].split(' ', Qt::SkipEmptyParts);
    // name type... encoding emb sub uni object ID: emb is the 5th field from the end.
    if (fields.size() >= 6) fonts.emplace_back(fields[0], fields[fields.size() - 5] == "yes");
  }
  return fonts;
}

// The first page rasterised at `dpi`; a null image when pdftoppm fails.
inline QImage pdf_page(const QString& path, int dpi = 50) {
  const QString prefix = path + ".page";
  if (run_tool("pdftoppm", {"-png", "-singlefile", "-r", QString::number(dpi), path, prefix}).code != 0) return {};
  QImage page(prefix + ".png");
  QFile::remove(prefix + ".png");
  return page;
}

// The share of pixels that are not (nearly) white.
inline double inked_share(const QImage& image) {
  if (image.isNull()) return 0;
  long inked = 0;
  for (int y = 0; y < image.height(); ++y)
    for (int x = 0; x < image.width(); ++x) {
      const QRgb p = image.pixel(x, y);
      if (qRed(p) < 235 || qGreen(p) < 235 || qBlue(p) < 235) ++inked;
    }
  return static_cast<double>(inked) / (static_cast<double>(image.width()) * image.height());
}

// A PDF a reader can use: pdfinfo reads it, every font is embedded (and there is one: text is text), the page
// rasterises to something not blank.
inline void expect_good_pdf(const QString& path) {
  EXPECT_EQ(run_tool("pdfinfo", {path}).code, 0) << path.toStdString();
  const auto fonts = pdf_fonts(path);
  EXPECT_FALSE(fonts.empty()) << path.toStdString() << ": no fonts (text drawn as shapes?)";
  for (const auto& [name, embedded] : fonts) EXPECT_TRUE(embedded) << name.toStdString() << " is not embedded";
  EXPECT_GT(inked_share(pdf_page(path)), 0.01) << path.toStdString() << " rasterises to a blank page";
}

}  // namespace ms::test
