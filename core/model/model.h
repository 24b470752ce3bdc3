// A TorchScript checkpoint (scripted or traced) and the layers one can tap in its forward pass.
// Torch-free on purpose: app/ and pipeline code include this without pulling in ATen (pimpl).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/common/result.h"

namespace ms::model {

// One tappable value of the inlined forward graph: an op's output.
struct LayerInfo {
  std::string id;           // unique: "layer1.0.conv1:conv2d"; repeats get "#2", "#3" ("relu:relu#2")
  std::string module_path;  // "layer1.0.conv1", "" for ops written in the top-level forward
  std::string op;           // aten op without namespace: "conv2d", "linear", "relu", "add", "flatten", ...
  std::vector<int64_t> shape;  // output shape of one sample (batch dim dropped): {64, 14, 14}
  // The modules whose forward returns this value, as a PyTorch forward hook names them, outermost first:
  // ResNet's last ReLU of layer1.1 is {"layer1", "layer1.1"}. Empty for an op inside a module.
  std::vector<std::string> module_outputs;
  bool block = false;        // the output of a building block: a child of an outermost Sequential/ModuleDict
  bool penultimate = false;  // the input of the final classifier (the last linear layer)

  int64_t size() const;  // product of shape: the feature count of one flattened sample
};

class Model {
 public:
  struct Impl;  // defined in core/model/detail/model_impl.h (torch inside)

  explicit Model(std::unique_ptr<Impl> impl);
  Model(Model&&) noexcept;
  Model& operator=(Model&&) noexcept;
  ~Model();

  const std::string& path() const;

  // Discovers the tappable layers in graph order and their output shapes by running one dummy batch of
  // zeros shaped {2, input_shape...}. Ops whose output has no batch dimension (parameter arithmetic) are left out.
  // Inputs:
  //   input_shape  shape of one sample, e.g. {1, 28, 28}
  // Errors name the file and the reason (e.g. the forward fails for that input shape).
  Result<std::vector<LayerInfo>> layers(const std::vector<int64_t>& input_shape) const;

  Impl& impl() { return *impl_; }
  const Impl& impl() const { return *impl_; }

 private:
  std::unique_ptr<Impl> impl_;
};

// Loads a TorchScript archive (torch.jit.script or torch.jit.trace, saved with .save()), in eval mode on `device`,
// frozen (torch::jit::freeze_module: attributes become constants, so scripted control flow on them folds away and the
// modules inside it become tappable); a module that cannot be frozen is used as loaded. Inputs go to the device
// batch by batch and every output (activations, logits) comes back to the CPU.
// Errors as values naming the file: missing, not a TorchScript archive, no forward method; a device check_device
// refuses.
Result<Model> load_model(const std::string& path, const std::string& device = "cpu");

// Where forward passes run: "cpu", "cuda" (the first GPU) or "cuda:N". Errors: another spelling; a CUDA device with
// a LibTorch built without CUDA (Debian's libtorch-dev is CPU-only: build against a CUDA LibTorch with
// -DTorch_DIR=…, see the README) or with fewer GPUs.
Status check_device(const std::string& device);

// "cpu", then "cuda:0" … for every GPU this LibTorch sees.
std::vector<std::string> available_devices();

// "layer1.0.conv1:conv2d [64,14,14]", the one-line form the CLI prints.
std::string describe(const LayerInfo& layer);

}  // namespace ms::model
