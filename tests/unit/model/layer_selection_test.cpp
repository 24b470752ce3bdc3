// Choosing layers by module path, glob and keyword (core/model/layer_selection.h), on a ResNet-like layer list.
#include <gtest/gtest.h>

#include "core/model/layer_selection.h"

namespace ms::model {
namespace {

LayerInfo layer(std::string id, std::string module, std::vector<std::string> outputs, bool block = false,
                bool penultimate = false) {
  LayerInfo info;
  info.id = std::move(id);
  info.module_path = std::move(module);
  info.op = info.id.substr(info.id.find(':') + 1);
  info.module_outputs = std::move(outputs);
  info.block = block;
  info.penultimate = penultimate;
  return info;
}

// conv1, then two blocks of layer1, one of layer2, pooling, flatten (the classifier's input), fc.
std::vector<LayerInfo> resnet_like() {
  return {layer("conv1:conv2d", "conv1", {"conv1"}),
          layer("layer1.0.conv1:conv2d", "layer1.0.conv1", {"layer1.0.conv1"}),
          layer("layer1.0:add", "layer1.0", {}),
          layer("layer1.0.relu:relu#2", "layer1.0.relu", {"layer1.0", "layer1.0.relu"}, true),
          layer("layer1.1:add", "layer1.1", {}),
          layer("layer1.1.relu:relu#2", "layer1.1.relu", {"layer1", "layer1.1", "layer1.1.relu"}, true),
          layer("layer2.0.relu:relu#2", "layer2.0.relu", {"layer2", "layer2.0", "layer2.0.relu"}, true),
          layer("avgpool:adaptive_avg_pool2d", "avgpool", {"avgpool"}),
          layer("flatten", "", {}, false, true),
          layer("fc:linear", "fc", {"fc"})};
}

std::vector<size_t> chosen(const std::vector<std::string>& terms) {
  Result<std::vector<size_t>> result = select_layers(resnet_like(), terms);
  EXPECT_TRUE(result.ok()) << result.error();
  return result.ok() ? *result : std::vector<size_t>{};
}

TEST(LayerSelection, GlobStarStaysInsideOneDottedPart) {
  EXPECT_TRUE(glob_match("layer*", "layer1"));
  EXPECT_FALSE(glob_match("layer*", "layer1.0"));
  EXPECT_TRUE(glob_match("features.*", "features.17"));
  EXPECT_FALSE(glob_match("features.*", "features.17.conv.0"));
  EXPECT_TRUE(glob_match("features.**", "features.17.conv.0"));
  EXPECT_TRUE(glob_match("**:relu#?", "layer1.0.relu:relu#2"));
  EXPECT_TRUE(glob_match("layer?.0", "layer3.0"));
  EXPECT_FALSE(glob_match("layer?.0", "layer10.0"));
  EXPECT_TRUE(glob_match("*", "fc"));
  EXPECT_FALSE(glob_match("fc*", "conv1"));
}

TEST(LayerSelection, ModuleNamesPickTheValueTheModuleReturns) {
  // "layer1" is the output of its last block, not every op inside it; "layer1.0" its block output, not its add.
  EXPECT_EQ(chosen({"layer1"}), (std::vector<size_t>{5}));
  EXPECT_EQ(chosen({"layer1.0"}), (std::vector<size_t>{3}));
  EXPECT_EQ(chosen({"layer1", "layer2", "fc"}), (std::vector<size_t>{5, 6, 9}));
  // Ids still work, and a module without an output of its own gives its ops (the old behaviour).
  EXPECT_EQ(chosen({"layer1.0:add"}), (std::vector<size_t>{2}));
}

TEST(LayerSelection, GlobsKeywordsAndTheirUnionInGraphOrderWithoutRepeats) {
  EXPECT_EQ(chosen({"layer*"}), (std::vector<size_t>{5, 6}));
  EXPECT_EQ(chosen({"layer1.*"}), (std::vector<size_t>{3, 5}));
  EXPECT_EQ(chosen({"**:add"}), (std::vector<size_t>{2, 4})) << "a pattern with ':' is over ids";
  EXPECT_EQ(chosen({"blocks"}), (std::vector<size_t>{3, 5, 6}));
  EXPECT_EQ(chosen({"penultimate"}), (std::vector<size_t>{8}));
  EXPECT_EQ(chosen({"penultimate", "blocks", "layer1"}), (std::vector<size_t>{3, 5, 6, 8}));
  EXPECT_EQ(chosen({"all"}).size(), resnet_like().size());
}

TEST(LayerSelection, ATermThatMatchesNothingIsAnErrorWithNearNames) {
  Result<std::vector<size_t>> missing = select_layers(resnet_like(), {"layer1", "layer5"});
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.error().find("no layer matches 'layer5'"), std::string::npos) << missing.error();
  EXPECT_NE(missing.error().find("near: layer1"), std::string::npos) << missing.error();
  EXPECT_NE(missing.error().find("layer2"), std::string::npos) << missing.error();

  EXPECT_FALSE(select_layers(resnet_like(), {"classifier.*"}).ok());
  EXPECT_FALSE(select_layers(resnet_like(), {}).ok());
  std::vector<LayerInfo> flat = {layer("conv:conv2d", "conv", {"conv"})};
  Result<std::vector<size_t>> no_blocks = select_layers(flat, {"blocks"});
  ASSERT_FALSE(no_blocks.ok());
  EXPECT_NE(no_blocks.error().find("no 'blocks'"), std::string::npos) << no_blocks.error();
}

TEST(LayerSelection, CommaSeparatedTermsAreTrimmed) {
  EXPECT_EQ(split_layer_terms(" layer1, layer2 ,,penultimate "),
            (std::vector<std::string>{"layer1", "layer2", "penultimate"}));
  EXPECT_TRUE(split_layer_terms("").empty());
}

}  // namespace
}  // namespace ms::model
