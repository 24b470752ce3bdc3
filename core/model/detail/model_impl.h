// Internal: the torch side of Model. Included only by core/model's torch translation units.
#pragma once

#include <torch/script.h>

#include <exception>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/model/model.h"

namespace ms::model {

struct Model::Impl {
  std::string path;
  torch::jit::Module module;
  torch::Device device{torch::kCPU};  // where the module's parameters live and batches are sent
  // Tap methods already registered on module's class, keyed by their layer-id list joined with '\n'.
  std::map<std::string, std::string> tap_methods;
  // Methods that have run their warm-up: later calls (the next dataset through the same model) skip it.
  std::set<std::string> warmed;
  // The frozen, inference-optimised copy logits run through (run_batches.cpp): built and checked against `module`
  // on the first batch that asks for it; refused (and `module` used) when it cannot be built or disagrees.
  struct InferenceCopy {
    enum class State { untried, ready, refused } state = State::untried;
    torch::jit::Module module;
  } inference;
};

namespace detail {

// The short reason in a torch/jit exception: the last "RuntimeError: ..." line or the first line.
std::string short_message(const std::exception& error);

// What a tap method gave for one batch, in tap order: the tensors, and each site's full dim 0 (for a whole-batch
// method the tensor's own; -1 for a scalar), which equals the batch size exactly when the site has a batch dimension.
struct TapOutputs {
  std::vector<torch::Tensor> values;
  std::vector<int64_t> site_rows;
};

// Runs a tap method on one batch; `rows` (int64 batch indices) only for a row-selecting method.
TapOutputs run_taps(Model::Impl& impl, const std::string& method, const torch::Tensor& batch,
                    const torch::Tensor& rows = {});

}  // namespace detail
}  // namespace ms::model
