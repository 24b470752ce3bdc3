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
  // Tap methods already registered on module's class, keyed by their layer-id list joined with '\n'.
  std::map<std::string, std::string> tap_methods;
  // Methods that have run their warm-up: later calls (the next dataset through the same model) skip it.
  std::set<std::string> warmed;
};

namespace detail {

// The short reason in a torch/jit exception: the last "RuntimeError: ..." line or the first line.
std::string short_message(const std::exception& error);

// Runs a tap method on one batch and returns its tensors in tap order.
std::vector<torch::Tensor> run_taps(Model::Impl& impl, const std::string& method, const torch::Tensor& batch);

}  // namespace detail
}  // namespace ms::model
