// Training the demo zoo from C++ (torch TU): the three architectures, written as TorchScript with
// torch::jit::Module::define so that checkpoints are ordinary TorchScript files, and the training loop.
// Architectures and loop share this file to keep the number of (slow) torch translation units small.
#include <torch/torch.h>

#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <numeric>
#include <optional>
#include <sstream>

#include "core/common/atomic_write.h"
#include "core/data/sampling.h"
#include "core/model/compute_logits.h"
#include "core/model/detail/model_impl.h"
#include "core/model/evaluate_logits.h"
#include "core/model/tune_allocator.h"
#include "core/model/zoo.h"

namespace ms::model {
namespace {

using torch::jit::Module;

// He-uniform weights (the nets use ReLU), zero biases. The third argument of register_parameter is is_buffer.
void add_weights(Module& m, std::vector<int64_t> shape, int64_t fan_in) {
  const double bound = std::sqrt(6.0 / double(fan_in));
  m.register_parameter("weight", ((torch::rand(shape) * 2 - 1) * bound).requires_grad_(true), false);
  m.register_parameter("bias", torch::zeros({shape[0]}).requires_grad_(true), false);
}

Module linear(const std::string& type, int64_t in, int64_t out) {
  Module m(type);
  add_weights(m, {out, in}, in);
  m.define("def forward(self, x):\n  return torch.linear(x, self.weight, self.bias)\n");
  return m;
}

Module conv(const std::string& type, int64_t in, int64_t out, int64_t kernel, int64_t stride) {
  Module m(type);
  add_weights(m, {out, in, kernel, kernel}, in * kernel * kernel);
  const std::string s = std::to_string(stride), p = std::to_string(kernel / 2);
  m.define("def forward(self, x):\n  return torch.conv2d(x, self.weight, self.bias, [" + s + ", " + s + "], [" + p +
           ", " + p + "])\n");
  return m;
}

// flatten -> 256 -> relu -> 128 -> relu -> classes
Module make_mlp(int64_t inputs, int64_t classes) {
  Module m("ZooMlp");
  m.register_module("fc1", linear("ZooMlpFc1", inputs, 256));
  m.register_module("fc2", linear("ZooMlpFc2", 256, 128));
  m.register_module("fc3", linear("ZooMlpFc3", 128, classes));
  m.define(
      "def forward(self, x):\n"
      "  x = torch.flatten(x, 1)\n"
      "  x = torch.relu(self.fc1.forward(x))\n"
      "  x = torch.relu(self.fc2.forward(x))\n"
      "  return self.fc3.forward(x)\n");
  return m;
}

// conv16 -> relu -> pool -> conv32 -> relu -> pool -> flatten -> 128 -> relu -> classes
Module make_cnn(int64_t channels, int64_t height, int64_t width, int64_t classes) {
  Module m("ZooCnn");
  m.register_module("conv1", conv("ZooCnnConv1", channels, 16, 3, 1));
  m.register_module("conv2", conv("ZooCnnConv2", 16, 32, 3, 1));
  m.register_module("fc1", linear("ZooCnnFc1", 32 * (height / 4) * (width / 4), 128));
  m.register_module("fc2", linear("ZooCnnFc2", 128, classes));
  m.define(
      "def forward(self, x):\n"
      "  x = torch.max_pool2d(torch.relu(self.conv1.forward(x)), [2, 2])\n"
      "  x = torch.max_pool2d(torch.relu(self.conv2.forward(x)), [2, 2])\n"
      "  x = torch.flatten(x, 1)\n"
      "  x = torch.relu(self.fc1.forward(x))\n"
      "  return self.fc2.forward(x)\n");
  return m;
}

// Basic residual block: relu(conv2(relu(conv1(x))) + shortcut(x)); the shortcut is a strided 1x1 conv when the
// shape changes.
Module residual_block(const std::string& type, int64_t in, int64_t out, int64_t stride) {
  Module m(type);
  m.register_module("conv1", conv(type + "Conv1", in, out, 3, stride));
  m.register_module("conv2", conv(type + "Conv2", out, out, 3, 1));
  if (in != out || stride != 1) {
    m.register_module("downsample", conv(type + "Down", in, out, 1, stride));
    m.define(
        "def forward(self, x):\n"
        "  out = self.conv2.forward(torch.relu(self.conv1.forward(x)))\n"
        "  return torch.relu(out + self.downsample.forward(x))\n");
  } else {
    m.define(
        "def forward(self, x):\n"
        "  out = self.conv2.forward(torch.relu(self.conv1.forward(x)))\n"
        "  return torch.relu(out + x)\n");
  }
  return m;
}

// stem conv16 -> block(16) -> max pool -> block(16->32) -> max pool -> flatten -> 128 -> relu -> classes: the CNN's
// shape with residual blocks. (A global-average-pool head on this shallow net underfits: 0.81-0.87 test accuracy on
// Fashion-MNIST after 3 epochs, where the CNN reaches 0.90.)
Module make_resnet(int64_t channels, int64_t height, int64_t width, int64_t classes) {
  Module m("ZooResNet");
  m.register_module("stem", conv("ZooResStem", channels, 16, 3, 1));
  m.register_module("block1", residual_block("ZooResBlock1", 16, 16, 1));
  m.register_module("block2", residual_block("ZooResBlock2", 16, 32, 1));
  m.register_module("fc1", linear("ZooResFc1", 32 * (height / 4) * (width / 4), 128));
  m.register_module("fc2", linear("ZooResFc2", 128, classes));
  m.define(
      "def forward(self, x):\n"
      "  x = torch.relu(self.stem.forward(x))\n"
      "  x = torch.max_pool2d(self.block1.forward(x), [2, 2])\n"
      "  x = torch.max_pool2d(self.block2.forward(x), [2, 2])\n"
      "  x = torch.relu(self.fc1.forward(torch.flatten(x, 1)))\n"
      "  return self.fc2.forward(x)\n");
  return m;
}

Result<Module> make_architecture(const std::string& name, const data::Dataset& data) {
  const int64_t c = data.item_shape[0], h = data.item_shape[1], w = data.item_shape[2], k = data.num_classes();
  if (name == "mlp") return make_mlp(c * h * w, k);
  if (name == "cnn") return make_cnn(c, h, w, k);
  if (name == "resnet") return make_resnet(c, h, w, k);
  return make_error("unknown zoo architecture '" + name + "' (expected mlp, cnn or resnet)");
}

std::string json_escape(const std::string& text) {
  std::string out;
  for (char ch : text) {
    if (ch == '"' || ch == '\\') out += '\\';
    out += ch;
  }
  return out;
}

std::string sidecar_json(const ZooRun& run, const data::Dataset& train, int64_t train_count,
                         const data::Dataset& test, const ZooResult& result) {
  std::ostringstream json;
  json.precision(10);
  json << "{\n  \"name\": \"" << json_escape(run.name()) << "\",\n  \"architecture\": \"" << run.architecture
       << "\",\n  \"optimizer\": \"" << run.optimizer << "\",\n  \"learning_rate\": " << run.learning_rate
       << ",\n  \"weight_decay\": " << run.weight_decay << ",\n  \"seed\": " << run.seed
       << ",\n  \"epochs\": " << run.epochs << ",\n  \"schedule\": \"" << run.schedule
       << "\",\n  \"batch_size\": " << run.batch_size
       << ",\n  \"train_dataset\": \"" << json_escape(train.name) << "\",\n  \"train_count\": " << train_count
       << ",\n  \"test_dataset\": \"" << json_escape(test.name) << "\",\n  \"input_shape\": [" << train.item_shape[0]
       << ", " << train.item_shape[1] << ", " << train.item_shape[2] << "],\n  \"normalization\": {\"scale\": "
       << 1.0 / 255.0 << "},\n  \"final_train_loss\": " << result.final_train_loss
       << ",\n  \"test_accuracy\": " << result.test_accuracy << ",\n  \"test_loss\": " << result.test_loss
       << ",\n  \"seconds\": " << result.seconds << "\n}\n";
  return json.str();
}

// The learning rate of step `step` (0-based) of `total` under run.schedule.
double scheduled_rate(const ZooRun& run, int64_t step, int64_t total) {
  if (run.schedule != "cosine") return run.learning_rate;
  const double warmup = std::max(1.0, run.warmup_fraction * double(total));
  if (double(step) < warmup) return run.learning_rate * double(step + 1) / warmup;
  const double t = (double(step) - warmup) / std::max(1.0, double(total) - warmup);
  return run.learning_rate * 0.5 * (1.0 + std::cos(M_PI * t));
}

Status write_text_atomically(const std::string& path, const std::string& text) {
  return write_atomically(path, [&](const std::string& temporary) -> Status {
    std::ofstream out(temporary);
    out << text;
    out.close();
    if (!out) return make_error(path + ": cannot write");
    return Ok{};
  });
}

// n items as a {n, c, h, w} tensor scaled by 1/255.
torch::Tensor images_of(const data::Dataset& data, const std::vector<int64_t>& rows) {
  const int64_t d = data.item_size();
  torch::Tensor images = torch::empty({static_cast<int64_t>(rows.size()), d});
  float* out = images.data_ptr<float>();
  for (size_t i = 0; i < rows.size(); ++i) std::copy_n(data.item(rows[i]), d, out + i * d);
  return (images / 255.0f).view({images.size(0), data.item_shape[0], data.item_shape[1], data.item_shape[2]});
}

Status check_run(const ZooRun& run, const data::Dataset& train, const data::Dataset& test) {
  if (!train.is_image() || !test.is_image() || train.item_shape != test.item_shape)
    return make_error("the zoo trains on images of one shape (train " + data::shape_string(train.item_shape) +
                      ", test " + data::shape_string(test.item_shape) + ")");
  if (run.optimizer != "sgd" && run.optimizer != "adamw")
    return make_error("unknown optimizer '" + run.optimizer + "' (expected sgd or adamw)");
  if (run.schedule != "constant" && run.schedule != "cosine")
    return make_error("unknown learning-rate schedule '" + run.schedule + "' (expected constant or cosine)");
  if (run.epochs <= 0 || run.batch_size <= 0) return make_error("epochs and batch size must be positive");
  return Ok{};
}

// The training items: all, or a class-balanced subset that is the same for every run (seed 0), so runs differ only
// in what the grid varies.
Result<std::vector<int64_t>> training_rows(const ZooRun& run, const data::Dataset& train) {
  if (run.train_limit > 0 && run.train_limit < train.count()) {
    data::SamplingOptions sampling;
    sampling.per_class = std::max<int64_t>(1, run.train_limit / std::max(1, train.num_classes()));
    return data::sample_per_class(train.labels, train.num_classes(), sampling);
  }
  std::vector<int64_t> rows(static_cast<size_t>(train.count()));
  std::iota(rows.begin(), rows.end(), int64_t{0});
  return rows;
}

std::unique_ptr<torch::optim::Optimizer> make_optimizer(const ZooRun& run, const Module& module) {
  std::vector<torch::Tensor> parameters;
  for (const torch::Tensor& parameter : module.parameters()) parameters.push_back(parameter);
  if (run.optimizer == "sgd")
    return std::make_unique<torch::optim::SGD>(
        parameters, torch::optim::SGDOptions(run.learning_rate).momentum(0.9).weight_decay(run.weight_decay));
  return std::make_unique<torch::optim::AdamW>(
      parameters, torch::optim::AdamWOptions(run.learning_rate).weight_decay(run.weight_decay));
}

// The training loop. Returns the mean loss of the last epoch, or nothing when the loss diverged (then `stem`.diverged
// says where). Errors: cancellation, I/O.
Result<std::optional<double>> fit(Module& module, const ZooRun& run, const torch::Tensor& images,
                                  const torch::Tensor& labels, const std::string& stem, Progress& progress,
                                  CancelToken& cancel) {
  std::unique_ptr<torch::optim::Optimizer> optimizer = make_optimizer(run, module);
  const int64_t n = images.size(0), batches = (n + run.batch_size - 1) / run.batch_size;
  const int64_t total_steps = batches * run.epochs;
  double mean_loss = 0;
  module.train();
  for (int epoch = 0; epoch < run.epochs; ++epoch) {
    const torch::Tensor order = torch::randperm(n, torch::kLong);
    double loss_sum = 0;
    for (int64_t b = 0; b < batches; ++b) {
      if (cancel.cancelled()) return make_cancelled(run.name() + ": training");
      const torch::Tensor index = order.slice(0, b * run.batch_size, std::min(n, (b + 1) * run.batch_size));
      for (auto& group : optimizer->param_groups())
        group.options().set_lr(scheduled_rate(run, epoch * batches + b, total_steps));
      torch::Tensor logits = module.forward({images.index_select(0, index)}).toTensor();
      torch::Tensor loss = torch::nn::functional::cross_entropy(logits, labels.index_select(0, index));
      optimizer->zero_grad();
      loss.backward();
      optimizer->step();
      const double value = loss.item<double>();
      if (!std::isfinite(value)) {
        Status marked = write_text_atomically(stem + ".diverged", "loss " + std::to_string(value) + " at epoch " +
                                                                       std::to_string(epoch + 1) + ", batch " +
                                                                       std::to_string(b + 1) + "\n");
        if (!marked) return make_error(marked.error());
        return std::optional<double>{};
      }
      loss_sum += value * double(index.size(0));
      progress.report((epoch + double(b + 1) / double(batches)) / (run.epochs + 1.0),
                      run.name() + ": epoch " + std::to_string(epoch + 1) + "/" + std::to_string(run.epochs));
    }
    mean_loss = loss_sum / double(n);
  }
  module.eval();
  return std::optional<double>{mean_loss};
}

// Test accuracy and loss of the checkpoint as written, reloaded like any other.
Status evaluate_checkpoint(ZooResult& result, const data::Dataset& test, int threads, CancelToken& cancel) {
  Result<Model> saved = load_model(result.checkpoint);
  if (!saved) return make_error(saved.error());
  BatchOptions options;
  options.threads = threads;
  options.warmup = 0;
  options.normalization.scale = 1.0f / 255.0f;
  Eigen::Map<const RowMatrixXf> X(test.values.data(), test.count(), test.item_size());
  NullProgress quiet;
  Result<Eigen::MatrixXf> logits = compute_logits(*saved, X, test.item_shape, options, quiet, cancel);
  if (!logits) return make_error(logits.error());
  Result<Evaluation> evaluation = evaluate_logits(*logits, test.labels);
  if (!evaluation) return make_error(evaluation.error());
  result.test_accuracy = evaluation->accuracy;
  result.test_loss = evaluation->loss;
  return Ok{};
}

}  // namespace

Result<ZooResult> train_zoo_model(const ZooRun& run, const data::Dataset& train, const data::Dataset& test,
                                  const std::string& out_dir, int threads, Progress& progress, CancelToken& cancel) {
  const auto start = std::chrono::steady_clock::now();
  if (Status valid = check_run(run, train, test); !valid) return make_error(valid.error());
  std::error_code io;
  std::filesystem::create_directories(out_dir, io);
  if (io) return make_error(out_dir + ": cannot create folder (" + io.message() + ")");
  Result<std::vector<int64_t>> rows = training_rows(run, train);
  if (!rows) return make_error(rows.error());

  tune_allocator();
  ZooResult result;
  const std::string stem = (std::filesystem::path(out_dir) / run.name()).string();
  result.checkpoint = stem + ".pt";
  result.sidecar = stem + ".json";
  try {
    if (threads > 0) at::set_num_threads(threads);
    torch::manual_seed(run.seed);
    Result<Module> built = make_architecture(run.architecture, train);
    if (!built) return make_error(built.error());
    Module module = *built;
    std::vector<int64_t> label_values;
    for (int64_t row : *rows) label_values.push_back(train.labels[row]);
    Result<std::optional<double>> loss = fit(module, run, images_of(train, *rows),
                                             torch::tensor(label_values, torch::kLong), stem, progress, cancel);
    if (!loss) return make_error(loss.error());
    if (!loss->has_value()) {
      ZooResult diverged;
      diverged.diverged = true;
      return diverged;
    }
    result.final_train_loss = **loss;
    Status saved = write_atomically(result.checkpoint, [&](const std::string& temporary) -> Status {
      module.save(temporary);
      return Ok{};
    });
    if (!saved) return make_error(saved.error());
  } catch (const std::exception& error) {
    return make_error(run.name() + ": " + detail::short_message(error));
  }
  if (Status evaluated = evaluate_checkpoint(result, test, threads, cancel); !evaluated)
    return make_error(evaluated.error());
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  // Written last: its presence marks a finished run (pipeline/zoo_sweep.h).
  const std::string sidecar_text = sidecar_json(run, train, static_cast<int64_t>(rows->size()), test, result);
  if (Status sidecar = write_text_atomically(result.sidecar, sidecar_text); !sidecar) return make_error(sidecar.error());
  progress.report(1.0, run.name() + ": done");
  return result;
}

}  // namespace ms::model
