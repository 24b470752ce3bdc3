// `manifoldscope demo`, command A without a window, through the real binary: the tour of the data alone
// (--no-zoo); and the window's demo — two runs of the quick zoo trained and analysed into demo.msproj without a
// display (it says how to draw the figures), then again under the suite's display: nothing recomputed, the figure
// packs of the project and of the shipped study written.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/store/project_file.h"
#include "tests/unit/cli/run_cli.h"

namespace ms {
namespace {
namespace fs = std::filesystem;

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST(DemoCli, TheTourAloneWritesItsResults) {
  const fs::path dir = fs::path(MS_TEST_OUTPUT_DIR) / "cli-demo";
  fs::remove_all(dir);
  auto run = test::run_cli("demo --out '" + dir.string() + "' --per-class 4 --no-zoo");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find(dir.string()), std::string::npos);
  EXPECT_GT(fs::file_size(dir / "samples.png"), 1000u);
  EXPECT_TRUE(fs::exists(dir / "raw-pixels.msproj"));
  EXPECT_TRUE(fs::exists(dir / "summary.txt"));
  EXPECT_FALSE(fs::exists(dir / "demo.msproj")) << "--no-zoo trains nothing";
  // Raw Fashion-MNIST pixels are far from linearly separable as class manifolds: a real, finite GLUE result.
  EXPECT_NE(run.out.find("raw pixels (/255): capacity"), std::string::npos) << run.out;
  EXPECT_EQ(run.out.find("nan"), std::string::npos) << run.out;
}

TEST(DemoCli, TrainsAndAnalysesHeadlessThenDrawsItsFiguresWithADisplay) {
  const fs::path dir = fs::path(MS_TEST_OUTPUT_DIR) / ("cli-demo-zoo-" + std::to_string(getpid()));
  fs::remove_all(dir);
  const std::string command = "demo --out '" + dir.string() + "' --per-class 2 --zoo-runs 2";
  auto headless = test::run_cli(command, {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"});
  ASSERT_EQ(headless.exit_code, 0) << headless.err;
  EXPECT_NE(headless.out.find("quick zoo: 2 checkpoint(s) analysed, 0 already complete, 0 failed"), std::string::npos)
      << headless.out;
  EXPECT_NE(headless.out.find("No display, so no figures: `xvfb-run -a manifoldscope figures"), std::string::npos)
      << headless.out;
  EXPECT_FALSE(fs::exists(dir / "figures"));
  auto project = store::read_project((dir / "demo.msproj").string());
  ASSERT_TRUE(project.ok()) << project.error();
  EXPECT_EQ(project->checkpoints.size(), 2u);

  // Again, with the suite's display: the finished work is kept, the figures are drawn.
  auto drawn = test::run_cli(command);
  ASSERT_EQ(drawn.exit_code, 0) << drawn.err;
  EXPECT_NE(drawn.out.find("0 checkpoint(s) analysed, 2 already complete"), std::string::npos) << drawn.out;
  const std::string index = read_file(dir / "figures" / "index.md");
  for (const char* section : {"## correlation_heatmap", "## dimension_vs_mean_ood_accuracy", "## profile_dimension",
                              "## projection_", "## compare_"})
    EXPECT_NE(index.find(section), std::string::npos) << section << " in\n" << index;
  EXPECT_NE(read_file(dir / "figures-study" / "index.md").find("## profile_dimension"), std::string::npos);
  EXPECT_TRUE(fs::exists(dir / "fashion-mnist-study.csv"));
}

}  // namespace
}  // namespace ms
