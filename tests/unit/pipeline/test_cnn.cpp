#include "tests/unit/pipeline/test_cnn.h"

#include <torch/script.h>

#include <fstream>

namespace ms::pipeline::fixtures {

std::string write_cnn(const std::filesystem::path& dir, const std::string& name, int seed) {
  torch::manual_seed(seed);
  torch::jit::Module m("SmallCnn");
  m.register_parameter("conv_w", torch::randn({4, 1, 3, 3}) / 3.0, false);
  m.register_parameter("conv_b", torch::zeros({4}), false);
  m.register_parameter("fc_w", torch::randn({10, 784}) / 28.0, false);
  m.register_parameter("fc_b", torch::zeros({10}), false);
  m.define(R"(
def forward(self, x):
    h = torch.conv2d(x, self.conv_w, self.conv_b, [1, 1], [1, 1])
    h = torch.relu(h)
    h = torch.max_pool2d(h, [2, 2])
    h = torch.flatten(h, 1)
    return torch.linear(h, self.fc_w, self.fc_b)
)");
  const std::filesystem::path path = dir / (name + ".pt");
  m.save(path.string());
  std::ofstream(dir / (name + ".json")) << R"({"architecture": "SmallCnn", "lr": 0.01, "seed": )" << seed
                                        << R"(, "optimizer": "AdamW"})";
  return path.string();
}

}  // namespace ms::pipeline::fixtures
