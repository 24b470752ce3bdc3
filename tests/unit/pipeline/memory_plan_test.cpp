// Layer groups that fit a memory budget (core/pipeline/memory_plan.h), and an analysis in several passes over the
// sample that gives the same markers as one pass.
#include "core/pipeline/memory_plan.h"

#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>

#include "core/pipeline/analyse_job.h"
#include "core/store/project_file.h"
#include "tests/unit/pipeline/test_cnn.h"

namespace ms::pipeline {
namespace {
namespace fs = std::filesystem;

TEST(MemoryPlan, LayersArePackedInOrderIntoGroupsUnderTheBudget) {
  // 100 rows; widths 1000, 1000, 3000, 10: kept bytes 400 kB, 400 kB, 1.2 MB, 4 kB.
  const std::vector<PlannedLayer> layers{{"a", 1000, 1000}, {"b", 1000, 1000}, {"c", 3000, 3000}, {"d", 10, 10}};
  // One group when everything fits: peak = max(2 x 2.004 MB, 2.004 MB + 24 x 300000) = 9.204 MB.
  auto roomy = plan_layer_groups(layers, 100, 100, 0, 100'000'000);
  ASSERT_TRUE(roomy.ok()) << roomy.error();
  ASSERT_EQ(roomy->groups.size(), 1u);
  EXPECT_EQ(roomy->peak_bytes, 2'004'000 + 24 * 300'000);
  EXPECT_EQ(roomy->total_kept_bytes, 2'004'000);
  // A budget of 8 MB: c alone needs 1.2 MB + 7.2 MB = 8.4 MB: refused up front, naming it and its estimate.
  auto tight = plan_layer_groups(layers, 100, 100, 0, 8'000'000);
  ASSERT_FALSE(tight.ok());
  EXPECT_NE(tight.error().find("layer c needs about 8.0 MiB for its 100 x 3000 sample"), std::string::npos)
      << tight.error();
  // 9 MB: a and b share a pass (0.8 + 2.4 MB); c and d another (1.2 + 0.004 + 7.2 MB).
  auto split = plan_layer_groups(layers, 100, 100, 0, 9'000'000);
  ASSERT_TRUE(split.ok()) << split.error();
  ASSERT_EQ(split->groups.size(), 2u);
  EXPECT_EQ(split->groups[0], (std::vector<size_t>{0, 1}));
  EXPECT_EQ(split->groups[1], (std::vector<size_t>{2, 3}));
  EXPECT_LE(split->peak_bytes, 9'000'000);

  // Projected to 100 features, c keeps 40 kB and needs 1.2 MB only while it is extracted: all four fit 3 MB.
  const std::vector<PlannedLayer> projected{{"a", 1000, 100}, {"b", 1000, 100}, {"c", 3000, 100}, {"d", 10, 10}};
  auto small = plan_layer_groups(projected, 100, 100, 0, 3'000'000);
  ASSERT_TRUE(small.ok()) << small.error();
  EXPECT_EQ(small->groups.size(), 1u);
  EXPECT_EQ(small->peak_bytes, 4 * 100 * 5010 + 4 * 100 * 310);
}

// The network's own tensors count too: a ResNet-50 at 224x224 (widest layer 802 816 features) under a 4 GiB budget
// runs its forward passes in batches of 4 GiB / 2 / (4 B x 3 x 802 816) = 222 rows, and the plan includes them.
TEST(MemoryPlan, TheForwardPassOfTheWidestLayerBoundsTheBatch) {
  const int64_t widest = 802'816, budget = int64_t{4} << 30;
  EXPECT_EQ(fitting_batch(500, widest, budget), 222);
  EXPECT_EQ(fitting_batch(100, widest, budget), 100) << "never more than asked";
  EXPECT_EQ(fitting_batch(500, int64_t{1} << 40, budget), 1) << "at least one row";
  const std::vector<PlannedLayer> block{{"layer1.0", widest, 1000}};
  auto plan = plan_layer_groups(block, 500, 222, widest, budget);
  ASSERT_TRUE(plan.ok()) << plan.error();
  // forward 4 x 3 x 222 x 802816 + one batch of the tapped layer 4 x 222 x 802816 + the kept 4 x 500 x 1000.
  EXPECT_EQ(plan->peak_bytes, int64_t{4} * 3 * 222 * widest + int64_t{4} * 222 * widest + 4 * 500 * 1000);
  EXPECT_LE(plan->peak_bytes, budget);
}

TEST(MemoryPlan, SizesParseAndPrint) {
  EXPECT_EQ(*parse_bytes("512M"), int64_t{512} << 20);
  EXPECT_EQ(*parse_bytes("4G"), int64_t{4} << 30);
  EXPECT_EQ(*parse_bytes("2.5GiB"), int64_t{5} << 29);
  EXPECT_EQ(*parse_bytes("1500"), 1500);
  EXPECT_EQ(*parse_bytes("1kb"), 1024);
  for (const char* bad : {"", "G", "-1G", "4X", "0", "1e40"}) EXPECT_FALSE(parse_bytes(bad).ok()) << bad;
  EXPECT_EQ(format_bytes(3'700'000'000), "3.4 GiB");
  EXPECT_EQ(format_bytes(512), "512 B");
  EXPECT_GE(default_memory_budget(), int64_t{1} << 30);
}

// The same sweep with a budget that forces one pass per layer (and the activation cache filled group by group)
// equals the single-pass analysis in every marker, bit for bit.
TEST(MemoryPlan, AnAnalysisInGroupsEqualsTheSinglePassOne) {
  const fs::path dir = fixtures::fresh_dir_with_cnn("memory-plan", 1);
  auto options_for = [&](const std::string& name, int64_t budget) {
    AnalyseOptions options;
    options.checkpoints = {(dir / "checkpoints").string()};
    options.glue.points_per_manifold = 10;
    options.glue.n_t = 20;
    options.project_path = (dir / (name + ".msproj")).string();
    options.memory_budget_bytes = budget;
    options.cache_activations = true;
    return options;
  };
  NullProgress progress;
  CancelToken cancel;
  ASSERT_TRUE(run_analyse(options_for("one", int64_t{1} << 30), progress, cancel).ok());
  // The CNN's conv and relu layers (4 x 28 x 28 = 3136 features, 100 rows) need 1.25 + 7.5 MB each to analyse:
  // under 10 MB they go in separate passes.
  struct Messages final : Progress {
    void report(double, const std::string&) override {}
    void note(const std::string& message) override { seen += message + "\n"; }
    std::string seen;
  } messages;
  auto grouped = run_analyse(options_for("groups", 10'000'000), messages, cancel);
  ASSERT_TRUE(grouped.ok()) << grouped.error();
  ASSERT_TRUE(grouped->failures.empty()) << grouped->failures.front();
  EXPECT_NE(messages.seen.find("5 layers in 2 pass(es) over the sample"), std::string::npos) << messages.seen;

  auto one = store::read_project((dir / "one.msproj").string());
  auto groups = store::read_project((dir / "groups.msproj").string());
  ASSERT_TRUE(one.ok() && groups.ok());
  ASSERT_EQ(one->geometry.size(), groups->geometry.size());
  for (size_t i = 0; i < one->geometry.size(); ++i) {
    EXPECT_EQ(one->geometry[i].layer, groups->geometry[i].layer);
    for (const auto& [marker, value] : one->geometry[i].markers) {
      if (marker == "glue_seconds") continue;  // a timing
      EXPECT_EQ(groups->geometry[i].markers.at(marker), value) << one->geometry[i].layer << " " << marker;
    }
  }
  // A re-run of the grouped project with other GLUE settings reads every layer from the cache the groups filled.
  AnalyseOptions rerun = options_for("groups-rerun", 10'000'000);
  rerun.project_path = (dir / "groups-rerun.msproj").string();
  fs::copy(dir / "groups.msproj.activations", dir / "groups-rerun.msproj.activations", fs::copy_options::recursive);
  rerun.glue.n_t = 30;
  auto cached = run_analyse(rerun, progress, cancel);
  ASSERT_TRUE(cached.ok()) << cached.error();
  EXPECT_EQ(cached->cache_hits, 1);
}

}  // namespace
}  // namespace ms::pipeline
