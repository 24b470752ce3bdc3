// A sharded analysis through the real binary, as a Slurm array would run it: three quick-zoo checkpoints analysed
// in one process, and again as shards 0/2 and 1/2 (each its own project) joined by `merge`. The merged project
// equals the single-process one value for value; merging again changes nothing; parts with other options are
// refused.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "core/store/project_file.h"
#include "tests/unit/cli/run_cli.h"
#include "tests/unit/cli/split_runs.h"

namespace ms {
namespace {
namespace fs = std::filesystem;

const char* const kOptions = test::kSplitRunOptions;

TEST(AnalyzeShards, ShardsMergedEqualOneProcessValueForValue) {
  test::QuickSweep sweep;
  ASSERT_NO_FATAL_FAILURE(test::prepare_quick_sweep("cli-shards", &sweep));
  const fs::path dir = sweep.dir;
  const std::string zoo_dir = sweep.zoo;
  for (int shard = 0; shard < 2; ++shard) {
    auto part = test::run_cli("analyze " + zoo_dir + " --project " + (dir / ("part" + std::to_string(shard) +
                                                                              ".msproj")).string() +
                              kOptions + " --shard " + std::to_string(shard) + "/2");
    ASSERT_EQ(part.exit_code, 0) << part.err;
    EXPECT_NE(part.out.find(shard == 0 ? "2 checkpoint(s) analysed" : "1 checkpoint(s) analysed"), std::string::npos)
        << part.out;
  }
  const std::string merged_path = (dir / "merged.msproj").string();
  auto merge = test::run_cli("merge " + merged_path + " " + (dir / "part0.msproj").string() + " " +
                             (dir / "part1.msproj").string());
  ASSERT_EQ(merge.exit_code, 0) << merge.err;
  EXPECT_NE(merge.out.find("3 checkpoint(s) from 2 part(s)"), std::string::npos) << merge.out;
  EXPECT_TRUE(fs::exists(dir / "merged.csv"));

  auto one = store::read_project((dir / "single.msproj").string());
  auto joined = store::read_project(merged_path);
  ASSERT_TRUE(one.ok() && joined.ok());
  test::expect_same_results(*one, *joined);

  // Merging the result with a part again: the same project.
  auto again = test::run_cli("merge " + merged_path + " " + merged_path + " " + (dir / "part1.msproj").string());
  ASSERT_EQ(again.exit_code, 0) << again.err;
  auto rejoined = store::read_project(merged_path);
  ASSERT_TRUE(rejoined.ok());
  test::expect_same_results(*joined, *rejoined);

  // A part analysed with other options is refused, and the merged project stays.
  auto other = test::run_cli("analyze " + zoo_dir + " --project " + (dir / "other.msproj").string() +
                             " --layers penultimate --points-per-manifold 12 --n-t 20 --ood fog:3 --ood-limit 200"
                             " --shard 1/2");
  ASSERT_EQ(other.exit_code, 0) << other.err;
  auto refused = test::run_cli("merge " + merged_path + " " + (dir / "part0.msproj").string() + " " +
                               (dir / "other.msproj").string());
  EXPECT_TRUE(test::refused_with(refused, 1, "analysed with other options"));
  EXPECT_NE(refused.err.find("points_per_manifold=12"), std::string::npos) << refused.err;
  auto kept = store::read_project(merged_path);
  ASSERT_TRUE(kept.ok());
  EXPECT_EQ(kept->checkpoints.size(), 3u);

  auto bad = test::run_cli("analyze " + zoo_dir + " --project " + (dir / "x.msproj").string() + " --shard 2/2");
  EXPECT_TRUE(test::refused_with(bad, 2, "expected I/N with 0 <= I < N"));
}

}  // namespace
}  // namespace ms
