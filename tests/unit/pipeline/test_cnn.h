// A small TorchScript CNN written at test time (with a JSON sidecar), shared by the pipeline tests.
#pragma once

#include <torch/script.h>

#include <filesystem>
#include <string>

namespace ms::pipeline::fixtures {

// conv(1->4, 3x3, pad 1) -> relu -> max_pool 2 -> flatten -> linear(784 -> 10), or with `hidden_layer`
// ... -> flatten -> linear(784 -> 32) -> relu -> linear(32 -> 10); weights drawn from `seed`, biases zero.
torch::jit::Module small_cnn(int seed, bool hidden_layer);

// dir/name.pt: small_cnn(seed, false);
// dir/name.json: architecture "SmallCnn", lr 0.01, the seed, optimizer "AdamW". Returns the .pt path.
std::string write_cnn(const std::filesystem::path& dir, const std::string& name, int seed);

// <test-output>/NAME-<pid> (CTest runs cases as parallel processes), emptied, holding checkpoints/cnn.pt and .json
// (write_cnn with `seed`): the folder's path, for an analysis with options.checkpoints = {dir / "checkpoints"}.
std::filesystem::path fresh_dir_with_cnn(const std::string& name, int seed);

}  // namespace ms::pipeline::fixtures
