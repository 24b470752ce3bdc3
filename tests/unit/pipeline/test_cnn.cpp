#include "tests/unit/pipeline/test_cnn.h"

#include <torch/script.h>
#include <unistd.h>

#include <fstream>

namespace ms::pipeline::fixtures {

torch::jit::Module small_cnn(int seed, bool hidden_layer) {
  torch::manual_seed(seed);
  torch::jit::Module m("SmallCnn");
  m.register_parameter("conv_w", torch::randn({4, 1, 3, 3}) / 3.0, false);
  m.register_parameter("conv_b", torch::zeros({4}), false);
  std::string head;  // what follows the flatten
  if (hidden_layer) {
    m.register_parameter("fc1_w", torch::randn({32, 784}) / 28.0, false);
    m.register_parameter("fc1_b", torch::zeros({32}), false);
    m.register_parameter("fc2_w", torch::randn({10, 32}) / 5.6, false);
    m.register_parameter("fc2_b", torch::zeros({10}), false);
    head = R"(
    h = torch.relu(torch.linear(h, self.fc1_w, self.fc1_b))
    return torch.linear(h, self.fc2_w, self.fc2_b)
)";
  } else {
    m.register_parameter("fc_w", torch::randn({10, 784}) / 28.0, false);
    m.register_parameter("fc_b", torch::zeros({10}), false);
    head = R"(
    return torch.linear(h, self.fc_w, self.fc_b)
)";
  }
  m.define(R"(
def forward(self, x):
    h = torch.conv2d(x, self.conv_w, self.conv_b, [1, 1], [1, 1])
    h = torch.relu(h)
    h = torch.max_pool2d(h, [2, 2])
    h = torch.flatten(h, 1))" + head);
  return m;
}

std::string write_cnn(const std::filesystem::path& dir, const std::string& name, int seed) {
  torch::jit::Module m = small_cnn(seed, false);
  const std::filesystem::path path = dir / (name + ".pt");
  m.save(path.string());
  std::ofstream(dir / (name + ".json")) << R"({"architecture": "SmallCnn", "lr": 0.01, "seed": )" << seed
                                        << R"(, "optimizer": "AdamW"})";
  return path.string();
}

std::filesystem::path fresh_dir_with_cnn(const std::string& name, int seed) {
  const std::filesystem::path dir =
      std::filesystem::path(MS_TEST_OUTPUT_DIR) / (name + "-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir / "checkpoints");
  write_cnn(dir / "checkpoints", "cnn", seed);
  return dir;
}

}  // namespace ms::pipeline::fixtures
