// A small TorchScript CNN written at test time (with a JSON sidecar), shared by the pipeline tests.
#pragma once

#include <filesystem>
#include <string>

namespace ms::pipeline::fixtures {

// dir/name.pt: conv(1->4, 3x3, pad 1) -> relu -> max_pool 2 -> flatten -> linear(784 -> 10), weights from `seed`;
// dir/name.json: architecture "SmallCnn", lr 0.01, the seed, optimizer "AdamW". Returns the .pt path.
std::string write_cnn(const std::filesystem::path& dir, const std::string& name, int seed);

}  // namespace ms::pipeline::fixtures
