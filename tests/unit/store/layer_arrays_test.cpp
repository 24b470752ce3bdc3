// Layer arrays (the projection's saved layouts): put beside an existing layer's markers only, found by name, and kept
// through a save and read of the project file with names holding '/', ':', ';', '%' and spaces.
#include "core/store/layer_arrays.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "core/store/project_file.h"

namespace ms::store {
namespace {
namespace fs = std::filesystem;

TEST(LayerArrays, PutBesideExistingLayersAndRoundTripThroughTheFile) {
  Project project;
  project.checkpoints.push_back({"mlp/s0", "/tmp/mlp.pt", "ab", "mlp", {}, {}});
  GeometryEntry entry{"mlp/s0", "fashion-mnist:test", "relu:relu#2", {{"dimension", 3.0}}, {}, {}};
  project.geometry.push_back(entry);
  const std::string name = "umap 2D, 15 neighbours, min_dist 0.1; sample 12/class seed 0; shifted "
                           "fashion-mnist:test+fog:3 / 100% ";
  const Eigen::MatrixXd layout = Eigen::MatrixXd::Random(240, 2);
  const int put = put_layer_arrays(project, {{"mlp/s0", "fashion-mnist:test", "relu:relu#2", name, layout},
                                             {"mlp/s0", "fashion-mnist:test", "fc9:linear", name, layout}});
  EXPECT_EQ(put, 1) << "no entry is made for a layer without markers";
  EXPECT_EQ(project.geometry.size(), 1u);
  EXPECT_EQ(find_layer_array(project, "mlp/s0", "fashion-mnist:test", "fc9:linear", name), nullptr);
  EXPECT_EQ(find_layer_array(project, "mlp/s0", "fashion-mnist:test", "relu:relu#2", "other"), nullptr);

  const fs::path dir = fs::path(MS_TEST_OUTPUT_DIR) / "scratch" / "layer-arrays";
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::string path = (dir / "p.msproj").string();
  ASSERT_TRUE(write_project(project, path).ok());
  auto read = read_project(path);
  ASSERT_TRUE(read.ok()) << read.error();
  const Eigen::MatrixXd* found = find_layer_array(*read, "mlp/s0", "fashion-mnist:test", "relu:relu#2", name);
  ASSERT_NE(found, nullptr);
  EXPECT_TRUE(*found == layout);

  // Replaced by a later put of the same name.
  EXPECT_EQ(put_layer_arrays(*read, {{"mlp/s0", "fashion-mnist:test", "relu:relu#2", name, layout * 2.0}}), 1);
  EXPECT_TRUE(*find_layer_array(*read, "mlp/s0", "fashion-mnist:test", "relu:relu#2", name) == layout * 2.0);
}

}  // namespace
}  // namespace ms::store
