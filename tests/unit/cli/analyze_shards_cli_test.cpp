// A sharded analysis through the real binary, as a Slurm array would run it: three quick-zoo checkpoints analysed
// in one process, and again as shards 0/2 and 1/2 (each its own project) joined by `merge`. The merged project
// equals the single-process one value for value; merging again changes nothing; parts with other options are
// refused.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "core/store/project_file.h"
#include "tests/unit/cli/run_cli.h"

namespace ms {
namespace {
namespace fs = std::filesystem;

const char* const kOptions = " --layers penultimate,fc1 --points-per-manifold 10 --n-t 20 --ood fog:3 --ood-limit 200";

std::map<std::string, const store::GeometryEntry*> geometry_by_key(const store::Project& project) {
  std::map<std::string, const store::GeometryEntry*> entries;
  for (const auto& entry : project.geometry) entries[entry.checkpoint + "|" + entry.layer] = &entry;
  return entries;
}

std::map<std::string, std::map<std::string, double>> evaluations_by_key(const store::Project& project) {
  std::map<std::string, std::map<std::string, double>> entries;
  for (const auto& entry : project.evaluations) entries[entry.checkpoint + "|" + entry.dataset] = entry.metrics;
  return entries;
}

// Every marker, option and evaluation of `a` equals `b`'s exactly (the timing bookkeeping aside).
void expect_same_results(const store::Project& a, const store::Project& b) {
  ASSERT_EQ(a.checkpoints.size(), b.checkpoints.size());
  const auto ga = geometry_by_key(a), gb = geometry_by_key(b);
  ASSERT_EQ(ga.size(), gb.size());
  for (const auto& [key, entry] : ga) {
    ASSERT_TRUE(gb.count(key)) << key;
    EXPECT_EQ(entry->options, gb.at(key)->options) << key;
    for (const auto& [name, value] : entry->markers) {
      if (name == "glue_seconds") continue;  // wall time
      ASSERT_TRUE(gb.at(key)->markers.count(name)) << key << " " << name;
      const double other = gb.at(key)->markers.at(name);
      if (std::isnan(value))
        EXPECT_TRUE(std::isnan(other)) << key << " " << name;
      else
        EXPECT_EQ(value, other) << key << " " << name;
    }
  }
  EXPECT_EQ(evaluations_by_key(a), evaluations_by_key(b));
}

TEST(AnalyzeShards, ShardsMergedEqualOneProcessValueForValue) {
  const fs::path dir = fs::path(MS_TEST_OUTPUT_DIR) / ("cli-shards-" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  auto zoo = test::run_cli("zoo train --preset quick --runs 3 --out " + (dir / "zoo").string());
  ASSERT_EQ(zoo.exit_code, 0) << zoo.err;
  const std::string zoo_dir = (dir / "zoo").string();

  auto single = test::run_cli("analyze " + zoo_dir + " --project " + (dir / "single.msproj").string() + kOptions);
  ASSERT_EQ(single.exit_code, 0) << single.err;
  EXPECT_NE(single.out.find("3 checkpoint(s) analysed"), std::string::npos) << single.out;
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
  expect_same_results(*one, *joined);

  // Merging the result with a part again: the same project.
  auto again = test::run_cli("merge " + merged_path + " " + merged_path + " " + (dir / "part1.msproj").string());
  ASSERT_EQ(again.exit_code, 0) << again.err;
  auto rejoined = store::read_project(merged_path);
  ASSERT_TRUE(rejoined.ok());
  expect_same_results(*joined, *rejoined);

  // A part analysed with other options is refused, and the merged project stays.
  auto other = test::run_cli("analyze " + zoo_dir + " --project " + (dir / "other.msproj").string() +
                             " --layers penultimate --points-per-manifold 12 --n-t 20 --ood fog:3 --ood-limit 200"
                             " --shard 1/2");
  ASSERT_EQ(other.exit_code, 0) << other.err;
  auto refused = test::run_cli("merge " + merged_path + " " + (dir / "part0.msproj").string() + " " +
                               (dir / "other.msproj").string());
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_NE(refused.err.find("analysed with other options"), std::string::npos) << refused.err;
  EXPECT_NE(refused.err.find("points_per_manifold=12"), std::string::npos) << refused.err;
  auto kept = store::read_project(merged_path);
  ASSERT_TRUE(kept.ok());
  EXPECT_EQ(kept->checkpoints.size(), 3u);

  auto bad = test::run_cli("analyze " + zoo_dir + " --project " + (dir / "x.msproj").string() + " --shard 2/2");
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("expected I/N with 0 <= I < N"), std::string::npos) << bad.err;
}

}  // namespace
}  // namespace ms
