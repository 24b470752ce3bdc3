// `manifoldscope figures` through the real binary (the suite runs under xvfb-run, so there is a display) on the
// paper's released CIFAR-10 sweep: every figure of the pack in every format, the scatter's CSV holding the table's
// own columns, index.md's r equal to Pearson's r computed here; on a project of two trained quick-zoo checkpoints:
// layer profiles, projections and the compare view of the best and worst; and the clear errors without a display,
// for a marker the results do not have and for a checkpoint whose file is gone.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <unistd.h>

#include "core/stats/csv_table.h"
#include "tests/unit/cli/run_cli.h"

namespace ms {
namespace {

namespace fs = std::filesystem;

const std::string kSweep = std::string(MS_SOURCE_DIR) + "/resources/results/paper-cifar10/cifar10_sweep_markers.csv";

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

double pearson(const std::vector<double>& x, const std::vector<double>& y) {
  const double n = static_cast<double>(x.size());
  double mx = 0, my = 0, sxx = 0, syy = 0, sxy = 0;
  for (size_t i = 0; i < x.size(); ++i) mx += x[i] / n, my += y[i] / n;
  for (size_t i = 0; i < x.size(); ++i)
    sxx += (x[i] - mx) * (x[i] - mx), syy += (y[i] - my) * (y[i] - my), sxy += (x[i] - mx) * (y[i] - my);
  return sxy / std::sqrt(sxx * syy);
}

std::vector<double> column(const stats::CsvTable& table, const std::string& name) {
  std::vector<double> values;
  const long j = table.column_index(name);
  for (const auto& row : table.rows) values.push_back(std::stod(row[static_cast<size_t>(j)]));
  return values;
}

// `figures` on the released sweep into `out` (emptied first), with `options` after the --out.
test::CliRun figures_of_sweep(const fs::path& out, const std::string& options) {
  fs::remove_all(out);
  return test::run_cli("figures '" + kSweep + "' --out '" + out.string() + "' " + options);
}

TEST(FiguresCli, PaperSweepPackWithCsvsAndIndex) {
  const fs::path out = fs::path(MS_TEST_OUTPUT_DIR) / "figures_cli" / "paper";
  const test::CliRun run =
      figures_of_sweep(out, "--y acc_lp_ood --group arch_name --markers dimension,id_accuracy --formats png,svg,pdf");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("written to"), std::string::npos) << run.out;
  EXPECT_NE(run.err.find("[4/4] id_accuracy_vs_acc_lp_ood"), std::string::npos) << run.err;
  for (const std::string stem : {"correlation_heatmap", "correlation_heatmap_by_architecture_acc_lp_ood",
                                 "dimension_vs_acc_lp_ood", "id_accuracy_vs_acc_lp_ood"}) {
    for (const std::string extension : {".png", ".svg", ".pdf", ".csv"})
      EXPECT_GT(fs::exists(out / (stem + extension)) ? fs::file_size(out / (stem + extension)) : 0u, 500u)
          << stem + extension;
    EXPECT_EQ(read_file(out / (stem + ".pdf")).rfind("%PDF", 0), 0u) << stem;
    EXPECT_NE(read_file(out / (stem + ".svg")).find("<text"), std::string::npos) << stem << ": text as text";
  }
  // PNG at scale 2 of the 900 x 650 scatter: the width and height in the IHDR chunk.
  const std::string png = read_file(out / "dimension_vs_acc_lp_ood.png");
  ASSERT_GT(png.size(), 24u);
  const auto be32 = [&png](size_t at) {
    return (static_cast<unsigned char>(png[at]) << 24) | (static_cast<unsigned char>(png[at + 1]) << 16) |
           (static_cast<unsigned char>(png[at + 2]) << 8) | static_cast<unsigned char>(png[at + 3]);
  };
  EXPECT_EQ(be32(16), 1800);
  EXPECT_EQ(be32(20), 1300);

  // The scatter's numbers are the table's columns; index.md's r is theirs.
  Result<stats::CsvTable> sweep = stats::read_csv_table(kSweep);
  ASSERT_TRUE(sweep.ok()) << sweep.error();
  const std::vector<double> x = column(*sweep, "dimension_id"), y = column(*sweep, "acc_lp_ood");
  Result<stats::CsvTable> points = stats::read_csv_table((out / "dimension_vs_acc_lp_ood.csv").string());
  ASSERT_TRUE(points.ok()) << points.error();
  ASSERT_EQ(points->rows.size(), x.size());
  const std::vector<double> px = column(*points, "x"), py = column(*points, "y");
  for (size_t i = 0; i < x.size(); ++i) {
    EXPECT_DOUBLE_EQ(px[i], x[i]);
    EXPECT_DOUBLE_EQ(py[i], y[i]);
  }
  const std::string index = read_file(out / "index.md");
  const size_t section = index.find("## dimension_vs_acc_lp_ood");
  ASSERT_NE(section, std::string::npos) << index;
  const size_t at = index.find("Pearson r = ", section);
  ASSERT_NE(at, std::string::npos) << index;
  EXPECT_NEAR(std::strtod(index.c_str() + at + 12, nullptr), pearson(x, y), 0.0005);
  EXPECT_NE(index.find("n = 224", section), std::string::npos) << index;
  EXPECT_NE(index.find("coloured by architecture", section), std::string::npos);
  // A table has one layer per checkpoint and no model files: index.md says why there are no profiles, projections.
  EXPECT_NE(index.find("## Layer profiles\n\nNone: these results have one layer per checkpoint"), std::string::npos);
  EXPECT_NE(index.find("## Projections\n\nNone: these results have no checkpoint files"), std::string::npos);
}

// The per-architecture heat map the pack draws from the released sweep carries, in its CSV, the paper's published
// Pearson r (published_correlations.csv, the AdamW rows: the released sweep is the AdamW sweep) to 1e-6. The
// EfficientNetB0 column is left out: the released file has one checkpoint more than the published numbers used
// (tests/unit/stats/published_correlations_test.cpp says which).
TEST(FiguresCli, TheHeatMapCsvCarriesThePublishedCorrelations) {
  const fs::path out = fs::path(MS_TEST_OUTPUT_DIR) / "figures_cli" / "published";
  const test::CliRun run = figures_of_sweep(out, "--y acc_lp_ood --group arch_name --markers dimension --formats png");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  Result<stats::CsvTable> published = stats::read_csv_table(
      std::string(MS_SOURCE_DIR) + "/resources/results/paper-cifar10/published_correlations.csv");
  ASSERT_TRUE(published.ok()) << published.error();
  std::map<std::pair<std::string, std::string>, double> paper;  // (property, architecture) -> r
  const std::map<std::string, std::string> architecture = {{"ResNet18 (AdamW)", "ResNet18"},
                                                           {"DenseNet121 (AdamW)", "DenseNet121"},
                                                           {"MobileNet (AdamW)", "MobileNet"},
                                                           {"VGG19 (AdamW)", "VGG"}};
  for (const auto& row : published->rows)
    if (row[0] == "id_markers_vs_ood_lp" && architecture.count(row[3]))
      paper[{row[4], architecture.at(row[3])}] = std::stod(row[1]);
  Result<stats::CsvTable> heatmap =
      stats::read_csv_table((out / "correlation_heatmap_by_architecture_acc_lp_ood.csv").string());
  ASSERT_TRUE(heatmap.ok()) << heatmap.error();
  int compared = 0;
  for (const auto& row : heatmap->rows) {
    // The heat map names markers of the ID set without the table's _id suffix, and ID accuracy as the table does.
    for (const std::string& property : {row[0] + "_id", row[0] == "id_accuracy" ? std::string("acc_test") : row[0]}) {
      const auto it = paper.find({property, row[1]});
      if (it == paper.end()) continue;
      EXPECT_NEAR(std::stod(row[2]), it->second, 1e-6) << row[0] << " x " << row[1];
      ++compared;
      break;
    }
  }
  EXPECT_GE(compared, 60) << "of the 4 x 18 published values";
}

// Two quick-zoo checkpoints trained and analysed at every layer with one shifted set: the pack adds a profile per
// marker, the penultimate projection of both (the higher and lower OOD accuracy) and their compare view.
TEST(FiguresCli, ProjectPackHasProfilesProjectionsAndTheCompareView) {
  const fs::path dir = fs::path(MS_TEST_OUTPUT_DIR) / ("figures_cli_project-" + std::to_string(getpid()));
  fs::remove_all(dir);
  const test::CliRun zoo = test::run_cli("zoo train --preset quick --runs 2 --out '" + (dir / "zoo").string() + "'");
  ASSERT_EQ(zoo.exit_code, 0) << zoo.err;
  const std::string project = (dir / "p.msproj").string();
  const test::CliRun analysed = test::run_cli("analyze '" + (dir / "zoo").string() + "' --project '" + project +
                                              "' --points-per-manifold 10 --n-t 20 --ood fog:3 --ood-limit 200");
  ASSERT_EQ(analysed.exit_code, 0) << analysed.err;
  const fs::path out = dir / "figures";
  const test::CliRun run = test::run_cli("figures '" + project + "' --out '" + out.string() + "' --formats png,svg");
  ASSERT_EQ(run.exit_code, 0) << run.err;

  std::vector<std::string> projections, compares;
  for (const auto& entry : fs::directory_iterator(out)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind("projection_", 0) == 0 && entry.path().extension() == ".png") projections.push_back(name);
    if (name.rfind("compare_", 0) == 0 && entry.path().extension() == ".csv") compares.push_back(name);
  }
  EXPECT_EQ(projections.size(), 2u) << "the penultimate layer of each checkpoint";
  ASSERT_EQ(compares.size(), 1u);
  for (const std::string stem : {"profile_dimension", "profile_utility"}) {
    EXPECT_GT(fs::exists(out / (stem + ".svg")) ? fs::file_size(out / (stem + ".svg")) : 0u, 500u) << stem;
    Result<stats::CsvTable> profile = stats::read_csv_table((out / (stem + ".csv")).string());
    ASSERT_TRUE(profile.ok()) << profile.error();
    EXPECT_GE(profile->rows.size(), 3u) << stem << ": one row per layer";
    EXPECT_EQ(profile->header.size(), 4u) << stem << ": layer_index, layer and one column per checkpoint";
  }
  // The projection's CSV: one sample row per drawn point (10 classes x 10), with class names.
  Result<stats::CsvTable> points = stats::read_csv_table((out / (projections[0].substr(0, projections[0].size() - 4) +
                                                                 ".csv")).string());
  ASSERT_TRUE(points.ok()) << points.error();
  EXPECT_GE(points->rows.size(), 100u);
  // The compare view's CSV: markers of both checkpoints at one layer and B - A.
  Result<stats::CsvTable> compared = stats::read_csv_table((out / compares[0]).string());
  ASSERT_TRUE(compared.ok()) << compared.error();
  ASSERT_GE(compared->rows.size(), 5u);
  EXPECT_EQ(compared->header.back(), "b_minus_a");
  const std::string index = read_file(out / "index.md");
  EXPECT_NE(index.find("the highest and the lowest mean OOD accuracy"), std::string::npos) << index;
  EXPECT_NE(index.find("## profile_dimension"), std::string::npos);

  // UMAP layouts with their parameters, in the captions.
  const test::CliRun umap = test::run_cli("figures '" + project + "' --out '" + (dir / "umap").string() +
                                          "' --formats png --no-profiles --basis umap --neighbours 8 --layout-seed 3");
  ASSERT_EQ(umap.exit_code, 0) << umap.err;
  const std::string umap_index = read_file(dir / "umap" / "index.md");
  EXPECT_NE(umap_index.find("laid out by UMAP (8 neighbours, min_dist 0.10, default iterations, seed 3)"),
            std::string::npos)
      << umap_index;
  EXPECT_NE(umap_index.find("## compare_"), std::string::npos);
  const test::CliRun bad = test::run_cli("figures '" + project + "' --out '" + (dir / "bad").string() +
                                         "' --basis umap --neighbours 1");
  EXPECT_TRUE(test::refused_with(bad, 1, "UMAP: "));

  // The first checkpoint's file gone: the charts and index.md are still written, the error names the file.
  const fs::path moved = dir / "moved";
  fs::rename(dir / "zoo", moved);
  const test::CliRun gone =
      test::run_cli("figures '" + project + "' --out '" + (dir / "figures-2").string() + "' --formats png");
  EXPECT_TRUE(test::refused_with(gone, 1, ".pt"));
  EXPECT_NE(gone.err.find("the other figures and index.md are written"), std::string::npos) << gone.err;
  EXPECT_TRUE(fs::exists(dir / "figures-2" / "profile_dimension.png"));
  EXPECT_NE(read_file(dir / "figures-2" / "index.md").find("## Projections\n\nStopped: "), std::string::npos);
}

// --style paper: single column (89 mm = 252 pt) at 600 DPI, PNG + SVG + PDF, the PDF's font embedded.
TEST(FiguresCli, PaperStyleIsAColumnWideAtSixHundredDpi) {
  const fs::path out = fs::path(MS_TEST_OUTPUT_DIR) / "figures_cli" / "paper-style";
  const test::CliRun run = figures_of_sweep(out, "--y acc_lp_ood --markers dimension --style paper");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const std::string png = read_file(out / "dimension_vs_acc_lp_ood.png");
  ASSERT_GT(png.size(), 24u);
  const long width = (static_cast<unsigned char>(png[18]) << 8) | static_cast<unsigned char>(png[19]);
  EXPECT_EQ(width, std::lround(89.0 / 25.4 * 600)) << "89 mm at 600 DPI";
  const std::string pdf = (out / "dimension_vs_acc_lp_ood.pdf").string();
  const test::CliRun info = test::run_command("pdfinfo '" + pdf + "'");
  ASSERT_EQ(info.exit_code, 0) << info.err;
  EXPECT_NE(info.out.find("Page size:       252 x "), std::string::npos) << info.out;
  const test::CliRun fonts = test::run_command("pdffonts '" + pdf + "'");
  EXPECT_NE(fonts.out.find("DejaVuSans"), std::string::npos) << fonts.out;
  // Every font line's "emb" column (the fifth field from the end) says yes.
  std::istringstream lines(fonts.out);
  int font_lines = 0;
  for (std::string line; std::getline(lines, line);) {
    std::istringstream words(line);
    std::vector<std::string> fields;
    for (std::string word; words >> word;) fields.push_back(word);
    if (++font_lines <= 2 || fields.size() < 5) continue;  // the header and its rule
    EXPECT_EQ(fields[fields.size() - 5], "yes") << line;
  }
  EXPECT_GE(font_lines, 3) << fonts.out;
  EXPECT_NE(read_file(out / "index.md").find("figures at 89 mm at 600 dpi"), std::string::npos);
}

TEST(FiguresCli, ClearErrors) {
  const std::string out = std::string(MS_TEST_OUTPUT_DIR) + "/figures_cli/errors";
  const test::CliRun headless =
      test::run_cli("figures '" + kSweep + "' --out '" + out + "'", {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"});
  EXPECT_TRUE(test::refused_with(headless, 2, "needs a display"));
  EXPECT_NE(headless.err.find("xvfb-run -a manifoldscope figures"), std::string::npos) << headless.err;
  const test::CliRun marker = test::run_cli("figures '" + kSweep + "' --out '" + out + "' --markers dimensions");
  EXPECT_EQ(marker.exit_code, 1);
  EXPECT_NE(marker.err.find("no marker 'dimensions' in these results; they have: dimension, utility"),
            std::string::npos)
      << marker.err;
  const test::CliRun missing = test::run_cli("figures '" + out + "/none.csv' --out '" + out + "'");
  EXPECT_TRUE(test::refused_with(missing, 1, "none.csv"));
}

}  // namespace
}  // namespace ms
