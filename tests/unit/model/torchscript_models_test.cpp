// Loading, layer discovery and one-pass extraction on TorchScript models defined in C++ (scripted with
// torch::jit::Module::define), saved to MS_TEST_OUTPUT_DIR and loaded back through load_model.
#include <gtest/gtest.h>
#include <torch/torch.h>

#include <fstream>
#include <random>

#include "core/model/activation_sink.h"
#include "core/model/compute_logits.h"
#include "core/model/extract_activations.h"
#include "core/model/model.h"
#ifdef MS_BINARY
#include "tests/unit/cli/run_cli.h"
#endif

namespace ms::model {
namespace {

using torch::jit::Module;

std::string output_path(const std::string& name) { return std::string(MS_TEST_OUTPUT_DIR) + "/" + name; }

void add_parameter(Module& m, const std::string& name, const torch::Tensor& value) {
  m.register_parameter(name, value.clone().requires_grad_(false), false);
}

Module linear_module(const std::string& type, int64_t in, int64_t out) {
  Module m(type);
  add_parameter(m, "weight", torch::randn({out, in}) / std::sqrt(double(in)));
  add_parameter(m, "bias", torch::randn({out}) * 0.1);
  m.define("def forward(self, x):\n  return torch.linear(x, self.weight, self.bias)\n");
  return m;
}

Module conv_module(const std::string& type, int64_t in, int64_t out) {
  Module m(type);
  add_parameter(m, "weight", torch::randn({out, in, 3, 3}) / std::sqrt(9.0 * double(in)));
  add_parameter(m, "bias", torch::randn({out}) * 0.1);
  m.define("def forward(self, x):\n  return torch.conv2d(x, self.weight, self.bias, [1, 1], [1, 1])\n");
  return m;
}

Module batch_norm_module(const std::string& type, int64_t channels) {
  Module m(type);
  add_parameter(m, "weight", torch::rand({channels}) + 0.5);
  add_parameter(m, "bias", torch::randn({channels}) * 0.1);
  m.register_buffer("running_mean", torch::randn({channels}) * 0.1);
  m.register_buffer("running_var", torch::rand({channels}) + 0.5);
  m.define(
      "def forward(self, x):\n"
      "  return torch.batch_norm(x, self.weight, self.bias, self.running_mean, self.running_var, False, 0.1, 1e-5, "
      "False)\n");
  return m;
}

// A ReLU whose scripted body hides the op in a branch on a constant argument, like F.relu(x, inplace=False).
Module relu_module(const std::string& type) {
  Module m(type);
  m.define(
      "def act(self, x, inplace: bool):\n"
      "  if inplace:\n"
      "    return torch.relu_(x)\n"
      "  else:\n"
      "    return torch.relu(x)\n"
      "def forward(self, x):\n"
      "  return self.act(x, False)\n");
  return m;
}

// Sequential-like MLP: flatten -> fc1 -> act -> fc2 (input 1x4x4).
Module make_mlp() {
  Module m("Mlp");
  m.register_module("fc1", linear_module("MlpFc1", 16, 8));
  m.register_module("act", relu_module("MlpAct"));
  m.register_module("fc2", linear_module("MlpFc2", 8, 3));
  m.define(
      "def forward(self, x):\n"
      "  x = torch.flatten(x, 1)\n"
      "  return self.fc2.forward(self.act.forward(self.fc1.forward(x)))\n");
  return m;
}

// Non-Sequential CNN with functional relu/pool/flatten in its own forward (input 2x8x8).
Module make_cnn() {
  Module m("Cnn");
  m.register_module("conv1", conv_module("CnnConv1", 2, 4));
  m.register_module("conv2", conv_module("CnnConv2", 4, 6));
  m.register_module("bn", batch_norm_module("CnnBn", 6));
  m.register_module("fc", linear_module("CnnFc", 6 * 4 * 4, 5));
  m.define(
      "def forward(self, x):\n"
      "  x = torch.relu(self.conv1.forward(x))\n"
      "  x = torch.max_pool2d(x, [2, 2])\n"
      "  x = torch.relu(self.bn.forward(self.conv2.forward(x)))\n"
      "  x = torch.flatten(x, 1)\n"
      "  return self.fc.forward(x)\n");
  return m;
}

// Residual block with a reused relu and an in-place residual add that the parent then overwrites in place.
Module make_resnet() {
  Module block("ResBlock");
  block.register_module("conv1", conv_module("ResConv1", 3, 3));
  block.register_module("conv2", conv_module("ResConv2", 3, 3));
  block.register_module("relu", relu_module("ResRelu"));
  block.define(
      "def forward(self, x):\n"
      "  out = self.relu.forward(self.conv1.forward(x))\n"
      "  out = self.relu.forward(self.conv2.forward(out))\n"
      "  out += x\n"
      "  return out\n");
  Module m("ResNet");
  m.register_module("stem", conv_module("ResStem", 1, 3));
  m.register_module("block", block);
  m.register_module("fc", linear_module("ResFc", 3, 4));
  m.define(
      "def forward(self, x):\n"
      "  x = self.block.forward(self.stem.forward(x))\n"
      "  x = torch.relu_(x)\n"
      "  x = torch.adaptive_avg_pool2d(x, [1, 1])\n"
      "  x = torch.flatten(x, 1)\n"
      "  return self.fc.forward(x)\n");
  return m;
}

struct Fixture {
  std::string path;
  Module module;  // the in-memory original, for reference computations
};

Fixture save(Module module, const std::string& name) {
  Fixture fixture{output_path(name), module};
  module.eval();
  module.save(fixture.path);
  return fixture;
}

torch::Tensor call(Module& parent, const std::string& child, const torch::Tensor& x) {
  return parent.attr(child).toModule().forward({x}).toTensor();
}

RowMatrixXf random_inputs(int64_t n, int64_t d, unsigned seed) {
  std::mt19937 random(seed);
  std::normal_distribution<float> normal;
  RowMatrixXf X(n, d);
  for (Eigen::Index i = 0; i < X.size(); ++i) X.data()[i] = normal(random);
  return X;
}

torch::Tensor as_tensor(const RowMatrixXf& X, std::vector<int64_t> item_shape) {
  item_shape.insert(item_shape.begin(), X.rows());
  return torch::from_blob(const_cast<float*>(X.data()), item_shape, torch::kFloat32).clone();
}

// Every chosen layer for all rows, through a SubsetSink holding every row.
std::vector<RowMatrixXf> extract_all(Model& model, const RowMatrixXf& X, const std::vector<int64_t>& shape,
                                         const std::vector<std::string>& ids, BatchOptions options = {}) {
  std::vector<int64_t> rows(X.rows());
  for (int64_t i = 0; i < X.rows(); ++i) rows[i] = i;
  SubsetSink sink(rows);
  NullProgress progress;
  CancelToken cancel;
  Status status = extract_activations(model, X, shape, ids, options, sink, progress, cancel);
  EXPECT_TRUE(status.ok()) << (status.ok() ? "" : status.error());
  return sink.take();
}

// max |a - b| between an extracted matrix and a reference tensor flattened per item.
double max_difference(const RowMatrixXf& extracted, const torch::Tensor& reference) {
  torch::Tensor flat = reference.reshape({reference.size(0), -1}).contiguous();
  EXPECT_EQ(extracted.rows(), flat.size(0));
  EXPECT_EQ(extracted.cols(), flat.size(1));
  if (extracted.rows() != flat.size(0) || extracted.cols() != flat.size(1)) return 1e30;
  Eigen::Map<const RowMatrixXf> expected(flat.data_ptr<float>(), flat.size(0), flat.size(1));
  return (extracted - expected).cwiseAbs().maxCoeff();
}

std::vector<std::string> ids_of(const std::vector<LayerInfo>& layers) {
  std::vector<std::string> ids;
  for (const LayerInfo& layer : layers) ids.push_back(layer.id);
  return ids;
}

class TorchScriptModels : public ::testing::Test {
 protected:
  void SetUp() override {
    torch::manual_seed(7);
    torch::NoGradGuard no_grad;
  }
};

TEST_F(TorchScriptModels, MlpLayersAndActivations) {
  Fixture fixture = save(make_mlp(), "mlp.pt");
  Result<Model> model = load_model(fixture.path);
  ASSERT_TRUE(model.ok()) << model.error();
  Result<std::vector<LayerInfo>> layers = model->layers({1, 4, 4});
  ASSERT_TRUE(layers.ok()) << layers.error();
  std::vector<std::string> described;
  for (const LayerInfo& layer : *layers) described.push_back(describe(layer));
  EXPECT_EQ(described, (std::vector<std::string>{"flatten [16]", "fc1:linear [8]", "act:relu [8]", "fc2:linear [3]"}));
  EXPECT_EQ((*layers)[1].module_path, "fc1");
  EXPECT_EQ((*layers)[1].op, "linear");
  EXPECT_EQ((*layers)[1].size(), 8);

  const RowMatrixXf X = random_inputs(23, 16, 1);
  std::vector<RowMatrixXf> acts = extract_all(*model, X, {1, 4, 4}, ids_of(*layers), {7, 2, 1, {}});
  ASSERT_EQ(acts.size(), 4u);
  torch::NoGradGuard no_grad;
  torch::Tensor x = as_tensor(X, {1, 4, 4});
  torch::Tensor flat = x.flatten(1);
  torch::Tensor fc1 = call(fixture.module, "fc1", flat);
  torch::Tensor fc1_by_hand = torch::matmul(flat, fixture.module.attr("fc1").toModule().attr("weight").toTensor().t()) +
                              fixture.module.attr("fc1").toModule().attr("bias").toTensor();
  torch::Tensor act = torch::relu(fc1);
  torch::Tensor fc2 = call(fixture.module, "fc2", act);
  EXPECT_LT(max_difference(acts[0], flat), 1e-5);
  EXPECT_LT(max_difference(acts[1], fc1), 1e-5);
  EXPECT_LT(max_difference(acts[1], fc1_by_hand), 1e-5);
  EXPECT_LT(max_difference(acts[2], act), 1e-5);
  EXPECT_LT(max_difference(acts[3], fc2), 1e-5);
  EXPECT_GT(acts[2].maxCoeff(), 0.1f);  // not all zero
  EXPECT_EQ(acts[2].minCoeff(), 0.0f);  // relu clipped something
}

TEST_F(TorchScriptModels, CnnWithFunctionalOps) {
  Fixture fixture = save(make_cnn(), "cnn.pt");
  Result<Model> model = load_model(fixture.path);
  ASSERT_TRUE(model.ok()) << model.error();
  Result<std::vector<LayerInfo>> layers = model->layers({2, 8, 8});
  ASSERT_TRUE(layers.ok()) << layers.error();
  std::vector<std::string> described;
  for (const LayerInfo& layer : *layers) described.push_back(describe(layer));
  EXPECT_EQ(described, (std::vector<std::string>{"conv1:conv2d [4,8,8]", "relu [4,8,8]", "max_pool2d [4,4,4]",
                                                 "conv2:conv2d [6,4,4]", "bn:batch_norm [6,4,4]", "relu#2 [6,4,4]",
                                                 "flatten [96]", "fc:linear [5]"}));

  const RowMatrixXf X = random_inputs(11, 2 * 8 * 8, 2);
  // Ask for a subset in a different order than the graph's.
  std::vector<std::string> ids = {"fc:linear", "conv1:conv2d", "bn:batch_norm", "max_pool2d"};
  std::vector<RowMatrixXf> acts = extract_all(*model, X, {2, 8, 8}, ids, {4, 1, 0, {}});
  ASSERT_EQ(acts.size(), 4u);
  torch::NoGradGuard no_grad;
  Module& m = fixture.module;
  torch::Tensor conv1 = call(m, "conv1", as_tensor(X, {2, 8, 8}));
  torch::Tensor pool = torch::max_pool2d(torch::relu(conv1), {2, 2});
  torch::Tensor bn = call(m, "bn", call(m, "conv2", pool));
  Module bn_module = m.attr("bn").toModule();
  torch::Tensor bn_by_hand =
      (call(m, "conv2", pool) - bn_module.attr("running_mean").toTensor().view({1, -1, 1, 1})) /
          torch::sqrt(bn_module.attr("running_var").toTensor().view({1, -1, 1, 1}) + 1e-5) *
          bn_module.attr("weight").toTensor().view({1, -1, 1, 1}) +
      bn_module.attr("bias").toTensor().view({1, -1, 1, 1});
  torch::Tensor fc = call(m, "fc", torch::relu(bn).flatten(1));
  EXPECT_LT(max_difference(acts[0], fc), 1e-5);
  EXPECT_LT(max_difference(acts[1], conv1), 1e-5);
  EXPECT_LT(max_difference(acts[2], bn), 1e-5);
  EXPECT_LT(max_difference(acts[2], bn_by_hand), 1e-5);
  EXPECT_LT(max_difference(acts[3], pool), 1e-5);
}

TEST_F(TorchScriptModels, ResidualBlockWithReusedModuleAndInPlaceOps) {
  Fixture fixture = save(make_resnet(), "resnet.pt");
  Result<Model> model = load_model(fixture.path);
  ASSERT_TRUE(model.ok()) << model.error();
  Result<std::vector<LayerInfo>> layers = model->layers({1, 6, 6});
  ASSERT_TRUE(layers.ok()) << layers.error();
  EXPECT_EQ(ids_of(*layers),
            (std::vector<std::string>{"stem:conv2d", "block.conv1:conv2d", "block.relu:relu", "block.conv2:conv2d",
                                      "block.relu:relu#2", "block:add", "relu", "adaptive_avg_pool2d", "flatten", "fc:linear"}));
  EXPECT_EQ((*layers)[5].module_path, "block");
  EXPECT_EQ((*layers)[4].module_path, "block.relu");
  EXPECT_EQ((*layers)[5].shape, (std::vector<int64_t>{3, 6, 6}));

  const RowMatrixXf X = random_inputs(9, 36, 3);
  std::vector<RowMatrixXf> acts = extract_all(*model, X, {1, 6, 6}, ids_of(*layers), {5, 1, 1, {}});
  ASSERT_EQ(acts.size(), 10u);
  torch::NoGradGuard no_grad;
  Module& m = fixture.module;
  Module block = m.attr("block").toModule();
  torch::Tensor stem = call(m, "stem", as_tensor(X, {1, 6, 6}));
  torch::Tensor conv1 = call(block, "conv1", stem);
  torch::Tensor relu1 = torch::relu(conv1);
  torch::Tensor conv2 = call(block, "conv2", relu1);
  torch::Tensor relu2 = torch::relu(conv2);
  torch::Tensor sum = relu2 + stem;
  torch::Tensor relu3 = torch::relu(sum);
  torch::Tensor pooled = relu3.mean({2, 3}, true);
  torch::Tensor logits = call(m, "fc", pooled.flatten(1));
  const std::vector<torch::Tensor> expected = {stem,  conv1,  relu1,  conv2, relu2,
                                                     sum,   relu3,  pooled, pooled, logits};
  for (size_t l = 0; l < expected.size(); ++l)
    EXPECT_LT(max_difference(acts[l], expected[l]), 1e-5) << (*layers)[l].id;
  // The tapped residual sum is taken before the parent's in-place relu_: it keeps its negative values.
  EXPECT_LT(acts[5].minCoeff(), -0.01f);
  // The whole model's output agrees with the reference too.
  EXPECT_LT(max_difference(acts[9], m.forward({as_tensor(X, {1, 6, 6})}).toTensor()), 1e-5);

  // Rows selected inside the network (batches of 3): {7, 0, 1, 2, 7} keeps the first batch whole, skips the second
  // and selects one row of the third, twice; {8} selects nothing from the first batch, whose shapes still begin the
  // sink. The selected values are taken before the in-place relu_ too.
  for (const std::vector<int64_t>& rows : {std::vector<int64_t>{7, 0, 1, 2, 7}, std::vector<int64_t>{8}}) {
    SubsetSink sink(rows);
    NullProgress progress;
    CancelToken cancel;
    ASSERT_TRUE(extract_activations(*model, X, {1, 6, 6}, ids_of(*layers), {3, 1, 1, {}}, sink, progress, cancel).ok());
    ASSERT_EQ(sink.matrices().size(), 10u);
    for (size_t l = 0; l < expected.size(); ++l) {
      EXPECT_EQ(sink.layers()[l].shape, (*layers)[l].shape) << (*layers)[l].id;
      ASSERT_EQ(sink.matrices()[l].rows(), static_cast<Eigen::Index>(rows.size()));
      for (size_t i = 0; i < rows.size(); ++i)
        EXPECT_LT((sink.matrices()[l].row(i) - acts[l].row(rows[i])).cwiseAbs().maxCoeff(), 1e-6)
            << (*layers)[l].id << ", row " << rows[i];
    }
  }
}

TEST_F(TorchScriptModels, SubsetSinkKeepsChosenRowsAcrossBatches) {
  Fixture fixture = save(make_cnn(), "cnn_subset.pt");
  Result<Model> model = load_model(fixture.path);
  ASSERT_TRUE(model.ok()) << model.error();
  const RowMatrixXf X = random_inputs(37, 128, 4);
  const std::vector<int64_t> rows = {36, 0, 9, 17, 8, 31};
  SubsetSink sink(rows);
  NullProgress progress;
  CancelToken cancel;
  BatchOptions options;
  options.batch_size = 8;  // 5 batches, the last one partial
  ASSERT_TRUE(extract_activations(*model, X, {2, 8, 8}, {"relu#2", "conv1:conv2d"}, options, sink, progress, cancel).ok());
  ASSERT_EQ(sink.layers().size(), 2u);
  EXPECT_EQ(sink.layers()[0].id, "relu#2");
  EXPECT_EQ(sink.layers()[0].shape, (std::vector<int64_t>{6, 4, 4}));
  EXPECT_EQ(sink.matrices()[0].rows(), 6);
  EXPECT_EQ(sink.matrices()[0].cols(), 96);
  std::vector<RowMatrixXf> all = extract_all(*model, X, {2, 8, 8}, {"relu#2", "conv1:conv2d"});
  for (size_t i = 0; i < rows.size(); ++i)
    for (int l = 0; l < 2; ++l)
      EXPECT_LT((sink.matrices()[l].row(i) - all[l].row(rows[i])).cwiseAbs().maxCoeff(), 1e-6) << i;
}

TEST_F(TorchScriptModels, NormalizationIsAppliedPerChannel) {
  Fixture fixture = save(make_cnn(), "cnn_norm.pt");
  Result<Model> model = load_model(fixture.path);
  ASSERT_TRUE(model.ok()) << model.error();
  RowMatrixXf X = random_inputs(6, 128, 5);
  X = (X.array() * 40.0f + 128.0f).matrix();  // like 0..255 pixels
  BatchOptions options;
  options.normalization = {1.0f / 255.0f, {0.5f, 0.25f}, {0.2f, 0.4f}};
  std::vector<RowMatrixXf> acts = extract_all(*model, X, {2, 8, 8}, {"conv1:conv2d"}, options);
  torch::NoGradGuard no_grad;
  torch::Tensor x = as_tensor(X, {2, 8, 8}) / 255.0;
  x = (x - torch::tensor({0.5f, 0.25f}).view({1, 2, 1, 1})) / torch::tensor({0.2f, 0.4f}).view({1, 2, 1, 1});
  EXPECT_LT(max_difference(acts[0], call(fixture.module, "conv1", x)), 1e-5);
}

TEST_F(TorchScriptModels, LogitsEqualForward) {
  Fixture fixture = save(make_cnn(), "cnn_logits.pt");
  Result<Model> model = load_model(fixture.path);
  ASSERT_TRUE(model.ok()) << model.error();
  const RowMatrixXf X = random_inputs(13, 128, 6);
  NullProgress progress;
  CancelToken cancel;
  BatchOptions options;
  options.batch_size = 5;
  Result<Eigen::MatrixXf> logits = compute_logits(*model, X, {2, 8, 8}, options, progress, cancel);
  ASSERT_TRUE(logits.ok()) << logits.error();
  torch::NoGradGuard no_grad;
  EXPECT_LT(max_difference(*logits, fixture.module.forward({as_tensor(X, {2, 8, 8})}).toTensor()), 1e-5);
}

// Progress that keeps the notes (what the user is told once, such as which module ran the logits).
struct NoteRecorder final : Progress {
  void report(double, const std::string&) override {}
  void note(const std::string& message) override { notes.push_back(message); }
  std::vector<std::string> notes;
};

// Logits run through a frozen, inference-optimised copy (batch norm folded into the convolution, oneDNN kernels):
// the same numbers as the model as loaded, to float rounding; with inference_copy = false the model itself.
TEST_F(TorchScriptModels, InferenceCopyGivesTheModelsLogits) {
  Fixture fixture = save(make_cnn(), "cnn_inference_copy.pt");
  const RowMatrixXf X = random_inputs(64, 128, 9);
  torch::NoGradGuard no_grad;
  const torch::Tensor expected = fixture.module.forward({as_tensor(X, {2, 8, 8})}).toTensor();
  for (bool copy : {true, false}) {
    Result<Model> model = load_model(fixture.path);
    ASSERT_TRUE(model.ok()) << model.error();
    NoteRecorder progress;
    CancelToken cancel;
    BatchOptions options;
    options.batch_size = 16;
    options.inference_copy = copy;
    Result<Eigen::MatrixXf> logits = compute_logits(*model, X, {2, 8, 8}, options, progress, cancel);
    ASSERT_TRUE(logits.ok()) << logits.error();
    EXPECT_LT(max_difference(*logits, expected), 1e-5) << "inference copy " << copy;
    EXPECT_TRUE(progress.notes.empty()) << progress.notes.front();
  }
}

// A model whose forward is not a function of its input (noise added on every call, as a dropout left on would):
// the copy cannot be checked against it, so the logits come from the model as loaded and the user is told why.
TEST_F(TorchScriptModels, InferenceCopyThatDisagreesIsRefused) {
  Module noisy("Noisy");
  noisy.register_module("fc", linear_module("NoisyFc", 16, 3));
  noisy.define(
      "def forward(self, x):\n"
      "  y = self.fc.forward(torch.flatten(x, 1))\n"
      "  return y + torch.rand_like(y)\n");
  Fixture fixture = save(noisy, "noisy.pt");
  Result<Model> model = load_model(fixture.path);
  ASSERT_TRUE(model.ok()) << model.error();
  NoteRecorder progress;
  CancelToken cancel;
  const RowMatrixXf X = random_inputs(20, 16, 10);
  Result<Eigen::MatrixXf> logits = compute_logits(*model, X, {1, 4, 4}, {}, progress, cancel);
  ASSERT_TRUE(logits.ok()) << logits.error();
  EXPECT_EQ(logits->rows(), 20);
  ASSERT_EQ(progress.notes.size(), 1u);
  EXPECT_NE(progress.notes[0].find("inference-optimised copy disagrees on the first batch"), std::string::npos)
      << progress.notes[0];
  // Once refused, later calls on the same model use the model as loaded without a second note.
  ASSERT_TRUE(compute_logits(*model, X, {1, 4, 4}, {}, progress, cancel).ok());
  EXPECT_EQ(progress.notes.size(), 1u);
}

// The device of the forward passes: "cpu" (explicitly) gives the same logits; a misspelt device is refused; CUDA
// works where this LibTorch has it and is otherwise a clear error (Debian's libtorch-dev is CPU-only).
TEST_F(TorchScriptModels, DevicesAreCheckedAndCpuIsTheDefault) {
  Fixture fixture = save(make_cnn(), "cnn_device.pt");
  Result<Model> model = load_model(fixture.path, "cpu");
  ASSERT_TRUE(model.ok()) << model.error();
  const RowMatrixXf X = random_inputs(7, 128, 8);
  NullProgress progress;
  CancelToken cancel;
  Result<Eigen::MatrixXf> logits = compute_logits(*model, X, {2, 8, 8}, {}, progress, cancel);
  ASSERT_TRUE(logits.ok()) << logits.error();
  torch::NoGradGuard no_grad;
  EXPECT_LT(max_difference(*logits, fixture.module.forward({as_tensor(X, {2, 8, 8})}).toTensor()), 1e-5);

  EXPECT_TRUE(check_device("cpu").ok());
  EXPECT_EQ(available_devices().front(), "cpu");
  for (const char* bad : {"gpu", "cuda:", "cuda:x", "CPU", "cuda:1234"}) {
    Status refused = check_device(bad);
    ASSERT_FALSE(refused.ok()) << bad;
    EXPECT_NE(refused.error().find("expected cpu, cuda or cuda:N"), std::string::npos) << refused.error();
  }
  Result<Model> on_gpu = load_model(fixture.path, "cuda");
  if (torch::cuda::is_available()) {
    ASSERT_TRUE(on_gpu.ok()) << on_gpu.error();
    Result<Eigen::MatrixXf> gpu_logits = compute_logits(*on_gpu, X, {2, 8, 8}, {}, progress, cancel);
    ASSERT_TRUE(gpu_logits.ok()) << gpu_logits.error();
    EXPECT_LT((*gpu_logits - *logits).cwiseAbs().maxCoeff(), 1e-4);
  } else {
    ASSERT_FALSE(on_gpu.ok());
    EXPECT_NE(on_gpu.error().find("this LibTorch has no CUDA"), std::string::npos) << on_gpu.error();
    EXPECT_EQ(available_devices().size(), 1u);
  }
}

TEST_F(TorchScriptModels, ErrorsAreValues) {
  Result<Model> missing = load_model(output_path("does_not_exist.pt"));
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.error().find("does_not_exist.pt"), std::string::npos);
  EXPECT_NE(missing.error().find("no such file"), std::string::npos);

  const std::string garbage = output_path("garbage.pt");
  std::ofstream(garbage) << "this is not a zip archive, let alone TorchScript\n";
  Result<Model> bad = load_model(garbage);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().find("garbage.pt"), std::string::npos);
  EXPECT_NE(bad.error().find("not a TorchScript archive"), std::string::npos);

  Fixture fixture = save(make_mlp(), "mlp_errors.pt");
  Result<Model> model = load_model(fixture.path);
  ASSERT_TRUE(model.ok()) << model.error();
  Result<std::vector<LayerInfo>> wrong = model->layers({1, 5, 5});  // fc1 expects 16 inputs
  ASSERT_FALSE(wrong.ok());
  EXPECT_NE(wrong.error().find("mlp_errors.pt"), std::string::npos);
  EXPECT_NE(wrong.error().find("1x5x5"), std::string::npos);

  NullProgress progress;
  CancelToken cancel;
  SubsetSink sink({0});
  const RowMatrixXf X25 = random_inputs(3, 25, 7);
  Status bad_forward = extract_activations(*model, X25, {1, 5, 5}, {"fc1:linear"}, {}, sink, progress, cancel);
  ASSERT_FALSE(bad_forward.ok());
  EXPECT_NE(bad_forward.error().find("forward failed"), std::string::npos) << bad_forward.error();
  Status mismatch = extract_activations(*model, X25, {1, 4, 4}, {"fc1:linear"}, {}, sink, progress, cancel);
  ASSERT_FALSE(mismatch.ok());
  EXPECT_NE(mismatch.error().find("does not match"), std::string::npos) << mismatch.error();
  const RowMatrixXf X16 = random_inputs(3, 16, 7);
  Status unknown = extract_activations(*model, X16, {1, 4, 4}, {"fc9:linear"}, {}, sink, progress, cancel);
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(unknown.error().find("fc9:linear"), std::string::npos);
  cancel.cancel();
  Status cancelled = extract_activations(*model, X16, {1, 4, 4}, {"fc1:linear"}, {}, sink, progress, cancel);
  ASSERT_FALSE(cancelled.ok());
  EXPECT_NE(cancelled.error().find("cancelled"), std::string::npos);
}

#ifdef MS_BINARY
// `manifoldscope layers` on a saved model: text, JSON and an error as an exit code.
TEST_F(TorchScriptModels, LayersCommand) {
  Fixture fixture = save(make_cnn(), "cnn_cli.pt");
  test::CliRun text = test::run_cli("layers '" + fixture.path + "' --input-shape 2x8x8");
  if (text.err.find("no model support") != std::string::npos)
    GTEST_SKIP() << "the manifoldscope binary is built without core/model: " << text.err;
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_NE(text.out.find("8 layers"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("conv1:conv2d [4,8,8]"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("relu#2 [6,4,4]"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("fc:linear [5]"), std::string::npos) << text.out;

  test::CliRun json = test::run_cli("layers '" + fixture.path + "' --input-shape 2x8x8 --json");
  ASSERT_EQ(json.exit_code, 0) << json.err;
  EXPECT_NE(json.out.find("\"id\": \"bn:batch_norm\""), std::string::npos) << json.out;
  EXPECT_NE(json.out.find("\"features\": 96"), std::string::npos) << json.out;

  test::CliRun wrong = test::run_cli("layers '" + fixture.path + "' --input-shape 1x28x28");
  EXPECT_EQ(wrong.exit_code, 1);
  EXPECT_NE(wrong.err.find("forward failed for input shape 1x28x28"), std::string::npos) << wrong.err;
  test::CliRun missing = test::run_cli("layers '" + output_path("nothing_here.pt") + "'");
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.err.find("no such file"), std::string::npos) << missing.err;
}
#endif

}  // namespace
}  // namespace ms::model
