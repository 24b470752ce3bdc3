// The zoo trainer: grid expansion, and a short real training run on Fashion-MNIST whose checkpoint is reloaded.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/data/idx_reader.h"
#include "core/model/model.h"
#include "core/model/zoo.h"
#include "tests/unit/model/adamw_test_run.h"

namespace ms::model {
namespace {

TEST(ZooPreset, QuickGridHasEveryCombination) {
  Result<ZooPreset> quick = zoo_preset("quick");
  ASSERT_TRUE(quick.ok()) << quick.error();
  std::vector<ZooRun> runs = expand(*quick);
  ASSERT_EQ(runs.size(), 12u);  // 3 architectures x 2 optimizers x 2 learning rates
  EXPECT_EQ(runs.front().name(), "mlp-sgd-lr0.025-wd0.0005-s0");
  EXPECT_EQ(runs.back().name(), "resnet-adamw-lr0.002-wd0.0005-s0");
  Result<ZooPreset> paper = zoo_preset("paper");
  ASSERT_TRUE(paper.ok());
  EXPECT_EQ(expand(*paper).size(), 3u * 2u * 4u * 4u * 3u);  // architectures x optimizers x lr x wd x seeds
  EXPECT_FALSE(zoo_preset("huge").ok());
}

// The first `count` items of a dataset.
data::Dataset head(const data::Dataset& source, int64_t count) {
  data::Dataset out = source;
  out.labels.resize(count);
  out.values.resize(count * source.item_size());
  return out;
}

TEST(ZooTrain, ShortRunLearnsAndItsCheckpointReloads) {
  const std::string root = std::string(MS_DATASETS_DIR) + "/fashion-mnist/";
  if (!std::filesystem::exists(root + "t10k-images-idx3-ubyte.gz")) GTEST_SKIP() << "no Fashion-MNIST in " << root;
  Result<data::Dataset> test = data::read_idx_dataset(root + "t10k-images-idx3-ubyte.gz", root + "t10k-labels-idx1-ubyte.gz");
  ASSERT_TRUE(test.ok()) << test.error();
  // Train on test items 0..1999 and evaluate on 3000..3999: disjoint, and no need to read the 60k file.
  data::Dataset train = head(*test, 2000);
  data::Dataset held_out = *test;
  held_out.labels.assign(test->labels.begin() + 3000, test->labels.begin() + 4000);
  held_out.values.assign(test->values.begin() + 3000 * 784, test->values.begin() + 4000 * 784);

  ZooRun run = testing::adamw_test_run("mlp", 2);
  const std::string out = std::string(MS_TEST_OUTPUT_DIR) + "/zoo";
  NullProgress progress;
  CancelToken cancel;
  Result<ZooResult> result = train_zoo_model(run, train, held_out, out, 2, progress, cancel);
  ASSERT_TRUE(result.ok()) << result.error();
  EXPECT_GT(result->test_accuracy, 0.65);  // chance is 0.1
  EXPECT_LT(result->final_train_loss, 1.2);  // starts near log(10) = 2.3
  EXPECT_EQ(result->checkpoint, out + "/mlp-adamw-lr0.002-wd0.0005-s0.pt");

  Result<Model> model = load_model(result->checkpoint);
  ASSERT_TRUE(model.ok()) << model.error();
  Result<std::vector<LayerInfo>> layers = model->layers({1, 28, 28});
  ASSERT_TRUE(layers.ok()) << layers.error();
  ASSERT_EQ(layers->size(), 6u);
  EXPECT_EQ(describe(layers->at(1)), "fc1:linear [256]");

  std::ifstream sidecar(result->sidecar);
  std::stringstream text;
  text << sidecar.rdbuf();
  EXPECT_NE(text.str().find("\"optimizer\": \"adamw\""), std::string::npos) << text.str();
  EXPECT_NE(text.str().find("\"train_count\": 2000"), std::string::npos) << text.str();

  // The residual architecture trains a step and exposes its blocks' residual adds.
  run.architecture = "resnet";
  run.epochs = 1;
  Result<ZooResult> resnet = train_zoo_model(run, head(train, 128), head(held_out, 64), out, 2, progress, cancel);
  ASSERT_TRUE(resnet.ok()) << resnet.error();
  Result<Model> resnet_model = load_model(resnet->checkpoint);
  ASSERT_TRUE(resnet_model.ok());
  Result<std::vector<LayerInfo>> resnet_layers = resnet_model->layers({1, 28, 28});
  ASSERT_TRUE(resnet_layers.ok()) << resnet_layers.error();
  std::vector<std::string> ids;
  for (const LayerInfo& layer : *resnet_layers) ids.push_back(describe(layer));
  EXPECT_NE(std::find(ids.begin(), ids.end(), "block1:add [16,28,28]"), ids.end());
  EXPECT_NE(std::find(ids.begin(), ids.end(), "block2.downsample:conv2d [32,14,14]"), ids.end());

  run.architecture = "vgg";
  EXPECT_FALSE(train_zoo_model(run, train, held_out, out, 2, progress, cancel).ok());
}

}  // namespace
}  // namespace ms::model
