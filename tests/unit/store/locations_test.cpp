// Locations relative to the project: splitting dataset specs into their file part and the rest, rebasing, folder
// mappings, and resolving in order (relative, absolute, moved) on real files in a scratch folder.
#include "core/store/locations.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "core/store/project_file.h"

namespace ms::store {
namespace {
namespace fs = std::filesystem;

std::string scratch(const std::string& name) {
  auto dir = fs::path(MS_TEST_OUTPUT_DIR) / "scratch" / ("locations-" + name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir.string();
}

void touch(const fs::path& path) {
  fs::create_directories(path.parent_path());
  std::ofstream(path) << "x";
}

TEST(Locations, SplitsTheFilePartOfCompositeSpecs) {
  EXPECT_EQ(split_location("DIR/fog.npy:3").path, "DIR/fog.npy");
  EXPECT_EQ(split_location("DIR/fog.npy:3").tail, ":3");
  EXPECT_EQ(split_location("test_batch.bin+fog:3").path, "test_batch.bin");
  EXPECT_EQ(split_location("test_batch.bin+fog:3").tail, "+fog:3");
  EXPECT_EQ(split_location("x.h5:features:labels").path, "x.h5");
  EXPECT_EQ(split_location("x.h5:features:labels").tail, ":features:labels");
  EXPECT_EQ(split_location("out/cifar/test_batch.bin[3,5]@32x32").path, "out/cifar/test_batch.bin");
  EXPECT_EQ(split_location("/data/ImageNet-C/fog/3").path, "/data/ImageNet-C/fog/3");
  EXPECT_EQ(split_location("./cifar").path, "./cifar");
  // Known dataset names are not paths.
  for (const char* name : {"fashion-mnist:test", "fashion-mnist:test[5,6]@32x32", "uci-digits", "fashion-mnist:test+fog:3"}) {
    EXPECT_EQ(split_location(name).path, "") << name;
    EXPECT_EQ(split_location(name).tail, name);
  }
}

TEST(Locations, RebasesOnlyTheFilePart) {
  EXPECT_EQ(absolute_location("out/cifar/test_batch.bin+fog:3", "/home/a/sweep"), "/home/a/sweep/out/cifar/test_batch.bin+fog:3");
  EXPECT_EQ(absolute_location("../data/x.h5:features:labels", "/home/a/sweep"), "/home/a/data/x.h5:features:labels");
  EXPECT_EQ(absolute_location("/abs/fog.npy:3", "/home/a"), "/abs/fog.npy:3");
  EXPECT_EQ(absolute_location("fashion-mnist:test[5,6]@32x32", "/home/a"), "fashion-mnist:test[5,6]@32x32");
  EXPECT_EQ(relative_location("/home/a/sweep/out/fog.npy:3", "/home/a/sweep"), "out/fog.npy:3");
  EXPECT_EQ(relative_location("/home/a/ckpt/run1.pt", "/home/a/sweep"), "../ckpt/run1.pt");
  EXPECT_EQ(relative_location("/data/far/away/x.pt", "/home/a/sweep/deep"), "/data/far/away/x.pt")
      << "more than two levels up stays absolute";
  EXPECT_EQ(relative_location("fashion-mnist:test", "/home/a"), "fashion-mnist:test");
}

TEST(Locations, RelocatesUnderTheDeepestMovedFolder) {
  const Relocations moved{{"/old/sweep", "/new/sweep"}, {"/old/sweep/ckpts", "/elsewhere/ckpts"}};
  EXPECT_EQ(relocate("/old/sweep/data/fog.npy:3", moved), "/new/sweep/data/fog.npy:3");
  EXPECT_EQ(relocate("/old/sweep/ckpts/run2.pt", moved), "/elsewhere/ckpts/run2.pt");
  EXPECT_EQ(relocate("/old/sweeping/x.pt", moved), "/old/sweeping/x.pt") << "a folder name prefix is no folder";
  EXPECT_EQ(relocate("fashion-mnist:test", moved), "fashion-mnist:test");
  EXPECT_EQ(relocation_for("/old/sweep/ckpts/run1.pt", "/new/ckpts/"),
            (std::pair<std::string, std::string>{"/old/sweep/ckpts", "/new/ckpts"}));
}

TEST(Locations, ResolvesRelativeThenAbsoluteThenMoved) {
  const std::string root = scratch("resolve");
  touch(fs::path(root) / "project" / "ckpts" / "a.pt");
  touch(fs::path(root) / "old" / "b.pt");
  touch(fs::path(root) / "new" / "c.pt");
  const std::string project = root + "/project";
  // Relative against the project folder wins over a stale absolute path.
  auto a = resolve_location({"ckpts/a.pt", "/nowhere/ckpts/a.pt"}, project, {});
  ASSERT_TRUE(a.ok()) << a.error();
  EXPECT_EQ(*a, project + "/ckpts/a.pt");
  // The absolute fallback (older projects have no relative path).
  auto b = resolve_location({"", root + "/old/b.pt"}, project, {});
  ASSERT_TRUE(b.ok()) << b.error();
  EXPECT_EQ(*b, root + "/old/b.pt");
  // Missing at both: an error naming it; a mapping finds it.
  auto c = resolve_location({"gone/c.pt", root + "/old/c.pt"}, project, {});
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.error().find("c.pt: no such file"), std::string::npos) << c.error();
  auto moved = resolve_location({"gone/c.pt", root + "/old/c.pt"}, project, {{root + "/old", root + "/new"}});
  ASSERT_TRUE(moved.ok()) << moved.error();
  EXPECT_EQ(*moved, root + "/new/c.pt");
  // A known dataset needs no file.
  auto known = resolve_location({"", "fashion-mnist:test+fog:3"}, project, {});
  ASSERT_TRUE(known.ok());
  EXPECT_EQ(*known, "fashion-mnist:test+fog:3");
}

TEST(Locations, ProjectFileKeepsRelativePathsAndMovedFoldersAndReadsOldProjects) {
  const std::string root = scratch("project");
  Project project;
  project.checkpoints.push_back({"run1", root + "/ckpts/run1.pt", "", "mlp", {}, {}});
  DatasetEntry data{"data/x.npy:3", "dataset", "data/x.npy", "", 0, {}, {}};
  data.location = root + "/data/x.npy:3";
  project.datasets.push_back(data);
  project.datasets.push_back({"fashion-mnist:test", "dataset", "", "", 0, {}, {}});  // saved before: no location
  project.relocations = {{"/old/ckpts", root + "/ckpts"}};
  ASSERT_TRUE(write_project(project, root + "/p.msproj").ok());
  auto read = read_project(root + "/p.msproj");
  ASSERT_TRUE(read.ok()) << read.error();
  EXPECT_EQ(read->checkpoints[0].relative_path, "ckpts/run1.pt");
  EXPECT_EQ(read->checkpoints[0].path, root + "/ckpts/run1.pt");
  for (const DatasetEntry& d : read->datasets) {
    if (d.id == "data/x.npy:3") {
      EXPECT_EQ(d.relative_location, "data/x.npy:3");
    }
    if (d.id == "fashion-mnist:test") {
      EXPECT_EQ(d.location, "");
    }
  }
  EXPECT_EQ(read->relocations, project.relocations);
  // Saved again from a moved place, the relative path read is kept (not recomputed from the stale absolute one).
  fs::create_directories(root + "/moved");
  ASSERT_TRUE(write_project(*read, root + "/moved/p.msproj").ok());
  auto again = read_project(root + "/moved/p.msproj");
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->checkpoints[0].relative_path, "ckpts/run1.pt");
}

}  // namespace
}  // namespace ms::store
