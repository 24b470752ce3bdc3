// Merging the parts of a sharded analysis: the union of the checkpoints with their entries, sorted, taken once;
// idempotent; refused with both parts named when data, options or checkpoint files differ.
#include <gtest/gtest.h>

#include "core/store/project_merge.h"

namespace ms::store {
namespace {

const std::map<std::string, std::string> kOptions{{"n_t", "200"}, {"points_per_manifold", "50"}};

// A part holding `ids`, analysed on fashion-mnist:test (+fog:3).
Project part(const std::vector<std::string>& ids, bool finished = true) {
  Project project;
  project.datasets.push_back({"fashion-mnist:test", "known", "", "", 0, {"a", "b"}, {0, 1, 1}});
  project.datasets.push_back({"fashion-mnist:test+fog:3", "known", "", "fog", 3, {"a", "b"}, {0, 1, 1}});
  for (const std::string& id : ids) {
    project.checkpoints.push_back({id, "/ckpt/" + id + ".pt", "sha-" + id, "cnn", {{"lr", "0.1"}}, {}});
    GeometryEntry entry{id, "fashion-mnist:test", "fc1", {{"dimension", 1.0 + id.size()}}, kOptions, {}};
    project.geometry.push_back(entry);
    EvaluationEntry evaluation{id, "fashion-mnist:test", {{"accuracy", 0.9}}};
    if (finished) evaluation.metrics["analysis_complete"] = 1;
    project.evaluations.push_back(evaluation);
    project.evaluations.push_back({id, "fashion-mnist:test+fog:3", {{"accuracy", 0.5}}});
  }
  return project;
}

std::vector<std::string> ids_of(const Project& project) {
  std::vector<std::string> ids;
  for (const CheckpointEntry& checkpoint : project.checkpoints) ids.push_back(checkpoint.id);
  return ids;
}

TEST(ProjectMerge, JoinsShardsSortedAndIsIdempotent) {
  auto merged = merge_projects({part({"net-c", "net-a"}), part({"net-b"}), part({})}, {"p0", "p1", "p2"});
  ASSERT_TRUE(merged.ok()) << merged.error();
  EXPECT_EQ(ids_of(*merged), (std::vector<std::string>{"net-a", "net-b", "net-c"}));
  EXPECT_EQ(merged->geometry.size(), 3u);
  EXPECT_EQ(merged->evaluations.size(), 6u);
  EXPECT_EQ(merged->datasets.size(), 2u);
  // Again, with the result and a part already in it: nothing changes.
  auto again = merge_projects({*merged, part({"net-b"})}, {"out", "p1"});
  ASSERT_TRUE(again.ok()) << again.error();
  EXPECT_EQ(ids_of(*again), ids_of(*merged));
  EXPECT_EQ(again->geometry.size(), 3u);
  EXPECT_EQ(again->evaluations.size(), 6u);
}

TEST(ProjectMerge, AFinishedCopyOfACheckpointWinsOverAnUnfinishedOne) {
  Project unfinished = part({"net-a"}, false);
  unfinished.geometry.front().markers["dimension"] = -1.0;
  auto merged = merge_projects({unfinished, part({"net-a"})}, {"cancelled", "rerun"});
  ASSERT_TRUE(merged.ok()) << merged.error();
  ASSERT_EQ(merged->geometry.size(), 1u);
  EXPECT_EQ(merged->geometry.front().markers.at("dimension"), 6.0);
}

TEST(ProjectMerge, OtherDataOptionsOrFilesAreRefusedNamingBothParts) {
  Project other_options = part({"net-b"});
  other_options.geometry.front().options["n_t"] = "100";
  auto options = merge_projects({part({"net-a"}), other_options}, {"p0.msproj", "p1.msproj"});
  ASSERT_FALSE(options.ok());
  EXPECT_NE(options.error().find("cannot merge p0.msproj and p1.msproj: they were analysed with other options"),
            std::string::npos)
      << options.error();
  EXPECT_NE(options.error().find("n_t=100"), std::string::npos) << options.error();

  Project other_labels = part({"net-b"});
  other_labels.datasets.front().labels = {1, 1, 0};
  auto data = merge_projects({part({"net-a"}), other_labels}, {"p0", "p1"});
  ASSERT_FALSE(data.ok());
  EXPECT_NE(data.error().find("their dataset 'fashion-mnist:test' differs"), std::string::npos) << data.error();

  Project other_sets = part({"net-b"});
  other_sets.datasets.pop_back();
  auto sets = merge_projects({part({"net-a"}), other_sets}, {"p0", "p1"});
  ASSERT_FALSE(sets.ok());
  EXPECT_NE(sets.error().find("'fashion-mnist:test+fog:3' only in p0"), std::string::npos) << sets.error();

  Project other_file = part({"net-a"});
  other_file.checkpoints.front().sha256 = "retrained";
  auto file = merge_projects({part({"net-a"}), other_file}, {"p0", "p1"});
  ASSERT_FALSE(file.ok());
  EXPECT_NE(file.error().find("checkpoint 'net-a' is a different file in each"), std::string::npos) << file.error();
  EXPECT_FALSE(merge_projects({}, {}).ok());
}

}  // namespace
}  // namespace ms::store
