// The checkpoint sidecar (model.pt -> model.json) is read in one place: every field, and every defect named.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "core/pipeline/checkpoint_info.h"

namespace ms::pipeline {
namespace {
namespace fs = std::filesystem;

// A checkpoint path whose sidecar holds `json` (the .pt itself is not needed to read the sidecar).
std::string with_sidecar(const std::string& name, const std::string& json) {
  const fs::path dir = fs::path(MS_TEST_OUTPUT_DIR) / ("sidecar-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / (name + ".json")) << json;
  return (dir / (name + ".pt")).string();
}

TEST(Sidecar, EveryFieldIsRead) {
  const std::string path = with_sidecar("full", R"({"architecture": "resnet18", "input_shape": [3, 32, 32],
      "normalization": {"scale": 0.5, "mean": [0.4, 0.5, 0.6], "std": [0.2, 0.2, 0.3]},
      "class_names": ["cat", "dog"], "hyper_parameters": {"lr": 0.1, "optimizer": "SGD"}, "seed": 7})");
  Result<Sidecar> sidecar = read_sidecar(path);
  ASSERT_TRUE(sidecar.ok()) << sidecar.error();
  EXPECT_EQ(sidecar->architecture, "resnet18");
  EXPECT_EQ(sidecar->input_shape, (std::vector<int64_t>{3, 32, 32}));
  ASSERT_TRUE(sidecar->normalization.has_value());
  EXPECT_EQ(sidecar->normalization->scale, 0.5f);
  EXPECT_EQ(sidecar->normalization->std, (std::vector<float>{0.2f, 0.2f, 0.3f}));
  EXPECT_EQ(sidecar->class_names, (std::vector<std::string>{"cat", "dog"}));
  EXPECT_EQ(sidecar->hyper_parameters.at("lr"), "0.1");
  EXPECT_EQ(sidecar->hyper_parameters.at("optimizer"), "SGD");
  EXPECT_EQ(sidecar->hyper_parameters.at("seed"), "7");
  EXPECT_EQ(sidecar->file, path.substr(0, path.size() - 3) + ".json");
}

TEST(Sidecar, NoSidecarIsAnEmptyDescription) {
  Result<Sidecar> none = read_sidecar((fs::path(MS_TEST_OUTPUT_DIR) / "no-such-model.pt").string());
  ASSERT_TRUE(none.ok()) << none.error();
  EXPECT_TRUE(none->file.empty());
  EXPECT_TRUE(none->input_shape.empty());
  EXPECT_FALSE(none->normalization.has_value());
}

TEST(Sidecar, EveryDefectIsAnErrorNamingTheFileAndTheField) {
  const std::vector<std::pair<std::string, std::string>> cases{
      {"{not json", "not a JSON object"},
      {"[1, 2]", "not a JSON object"},
      {R"({"input_shape": "3x32x32"})", "\"input_shape\" is not a list"},
      {R"({"input_shape": []})", "\"input_shape\" is not a list"},
      {R"({"input_shape": [3, -32, 32]})", "\"input_shape\" holds -32"},
      {R"({"input_shape": [3, 32.5, 32]})", "\"input_shape\" holds 32.5"},
      {R"({"class_names": "cat,dog"})", "\"class_names\" is not a list"},
      {R"({"normalization": {"mean": "zero"}})", "bad \"normalization\""},
      {R"({"normalization": {"scale": [1]}})", "bad \"normalization\""}};
  int k = 0;
  for (const auto& [json, reason] : cases) {
    const std::string path = with_sidecar("bad" + std::to_string(k++), json);
    Result<Sidecar> sidecar = read_sidecar(path);
    ASSERT_FALSE(sidecar.ok()) << json;
    EXPECT_NE(sidecar.error().find(path.substr(0, path.size() - 3) + ".json"), std::string::npos) << sidecar.error();
    EXPECT_NE(sidecar.error().find(reason), std::string::npos) << json << " -> " << sidecar.error();
  }
}

}  // namespace
}  // namespace ms::pipeline
