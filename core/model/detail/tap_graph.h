// Internal: layer discovery and the tap method, built on torch/csrc/jit internals (isolated in tap_graph.cpp).
//
// The forward graph is copied, inlined (torch::jit::Inline), constant-propagated and pruned, so that functional ops
// hidden in prim::If branches by scripting become plain nodes and every op carries the module path of its call site.
// The tappable nodes of its top-level block are the aten ops listed in tap_graph.cpp with a Tensor output, and every
// tensor value that is a module's output (what a PyTorch forward hook sees) or the final classifier's input.
// Load the module frozen (model.cpp) so that control flow on module attributes (MobileNet's use_res_connect, `training`
// tests) is folded away first: values inside a remaining If/Loop cannot be returned by a method and are not sites.
#pragma once

#include <string>
#include <vector>

#include "core/model/detail/model_impl.h"

namespace ms::model::detail {

struct TapSite {
  std::string id;           // "layer1.0.conv1:conv2d", unique in the graph
  std::string module_path;  // "layer1.0.conv1"
  std::string op;           // "conv2d"
  std::vector<std::string> module_outputs;  // modules whose output this value is, outermost first: {"layer1", "layer1.1"}
  bool block = false;        // one of them is a block (a child of an outermost torch.nn container)
  bool penultimate = false;  // the final classifier's input
};

// All tappable sites of module's forward, in graph (execution) order.
std::vector<TapSite> enumerate_taps(const torch::jit::Module& module);

// Registers (once per id list and variant) a method returning a tuple with the values of the given sites, in the
// order of ids, and returns its name.
//   select_rows = false  method(x): whole batches; values later overwritten by in-place ops are cloned at their site
//   select_rows = true   method(x, rows): each value's batch rows `rows` (int64 indices, index_select on dim 0),
//                        taken at the site, so the full-batch tensor is freed as soon as the network is done with it;
//                        then, per site, the full tensor's size(0) (run_taps reads both)
// Errors when an id is not a site of the graph.
Result<std::string> install_tap_method(Model::Impl& impl, const std::vector<std::string>& ids, bool select_rows);

}  // namespace ms::model::detail
