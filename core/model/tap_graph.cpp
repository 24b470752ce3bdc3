// Layer discovery and tap methods on the inlined forward graph. The only file using torch/csrc/jit internals.
#include "core/model/detail/tap_graph.h"

#include <torch/csrc/jit/ir/alias_analysis.h>
#include <torch/csrc/jit/ir/ir.h>
#include <torch/csrc/jit/passes/constant_propagation.h>
#include <torch/csrc/jit/passes/dead_code_elimination.h>
#include <torch/csrc/jit/passes/inliner.h>

#include <map>
#include <set>

namespace ms::model::detail {
namespace {

using torch::jit::Graph;
using torch::jit::Node;
using torch::jit::Value;

// Ops worth looking at: layers, activations, pooling, reshapes, residual adds, normalisations.
const std::set<std::string>& tap_ops() {
  static const std::set<std::string> ops = {
      "conv1d", "conv2d", "conv3d", "_convolution", "conv_transpose1d", "conv_transpose2d", "linear", "addmm",
      "relu", "relu_", "relu6", "gelu", "silu", "silu_", "sigmoid", "sigmoid_", "tanh", "tanh_", "leaky_relu",
      "leaky_relu_", "elu", "elu_", "hardtanh", "hardtanh_", "hardswish", "hardswish_", "softplus", "mish",
      "max_pool1d", "max_pool2d", "max_pool3d", "avg_pool1d", "avg_pool2d", "avg_pool3d", "adaptive_avg_pool1d",
      "adaptive_avg_pool2d", "adaptive_avg_pool3d", "adaptive_max_pool2d",
      "flatten", "view", "reshape", "add", "add_",
      "batch_norm", "layer_norm", "group_norm", "instance_norm"};
  return ops;
}

bool is_tensor(const Value* value) { return value->type()->cast<c10::TensorType>() != nullptr; }

// "relu_" -> "relu", "_convolution" -> "convolution": the op, whether in place or not.
std::string op_name(const Node* node) {
  std::string name = node->kind().toUnqualString();
  while (!name.empty() && name.back() == '_') name.pop_back();
  while (!name.empty() && name.front() == '_') name.erase(0, 1);
  return name;
}

bool is_tap(const Node* node) {
  if (!node->kind().is_aten() || node->outputs().empty() || !is_tensor(node->output(0))) return false;
  if (!tap_ops().count(node->kind().toUnqualString())) return false;
  // Only tensor + tensor adds are residual joins; `x + 1` is arithmetic.
  if (node->kind() == c10::aten::add || node->kind() == c10::aten::add_)
    return node->inputs().size() >= 2 && is_tensor(node->input(0)) && is_tensor(node->input(1));
  return true;
}

// Module instance names along the inlined call stack: "layer1.0.conv1".
std::string module_path(const Node* node) {
  auto stack = node->callstack();
  if (!stack) return "";
  std::string path;
  for (const auto& entry : (*stack)->vec()) {
    const auto& instance = std::get<2>(entry);
    // A free function (F.relu) has no instance; a method calling another method of itself shows up as "SELF".
    if (!instance || instance->instance_name() == "SELF") continue;
    path += (path.empty() ? "" : ".") + instance->instance_name();
  }
  return path;
}

// forward, copied, with calls inlined and constant branches (scripted F.relu's `inplace` test) folded away.
std::shared_ptr<Graph> prepared_graph(const torch::jit::Module& module) {
  std::shared_ptr<Graph> graph = module.get_method("forward").graph()->copy();
  torch::jit::Inline(*graph);
  torch::jit::ConstantPropagation(graph);
  torch::jit::EliminateDeadCode(graph);
  return graph;
}

struct Site {
  Node* node;
  TapSite tap;
};

// Sites of the top-level block only: values inside loops or branches are not visible to a method's return.
std::vector<Site> sites_of(Graph& graph) {
  std::vector<Site> sites;
  std::map<std::string, int> seen;
  for (Node* node : graph.nodes()) {
    if (!is_tap(node)) continue;
    TapSite tap;
    tap.module_path = module_path(node);
    tap.op = op_name(node);
    std::string base = tap.module_path.empty() ? tap.op : tap.module_path + ":" + tap.op;
    int count = ++seen[base];
    tap.id = count == 1 ? base : base + "#" + std::to_string(count);
    sites.push_back({node, std::move(tap)});
  }
  return sites;
}

}  // namespace

std::vector<TapSite> enumerate_taps(const torch::jit::Module& module) {
  std::shared_ptr<Graph> graph = prepared_graph(module);
  std::vector<TapSite> taps;
  for (Site& site : sites_of(*graph)) taps.push_back(std::move(site.tap));
  return taps;
}

Result<std::string> install_tap_method(Model::Impl& impl, const std::vector<std::string>& ids, bool select_rows) {
  std::string key = select_rows ? "rows\n" : "";
  for (const std::string& id : ids) key += id + "\n";
  if (auto known = impl.tap_methods.find(key); known != impl.tap_methods.end()) return known->second;

  torch::jit::Module& module = impl.module;
  std::shared_ptr<Graph> graph = prepared_graph(module);
  std::vector<Site> sites = sites_of(*graph);
  std::map<std::string, Node*> by_id;
  for (const Site& site : sites) by_id[site.tap.id] = site.node;

  std::vector<Node*> chosen;
  for (const std::string& id : ids) {
    auto found = by_id.find(id);
    if (found == by_id.end()) return make_error(impl.path + ": no layer '" + id + "' in the forward graph");
    chosen.push_back(found->second);
  }

  // Each tapped value is taken right at its site: an in-place op downstream (relu_ after add_) would change it before
  // it is returned. index_select copies the wanted rows (and size(0) keeps the full dim 0, to tell a batch dimension
  // from a coincidence), so nothing holds the full tensor past its last use in the network; without selection,
  // values with writers are cloned.
  std::map<Node*, Value*> tapped, site_rows;
  {
    torch::jit::AliasDb aliases(graph);
    Value* rows = select_rows ? graph->addInput("rows")->setType(c10::TensorType::get()) : nullptr;
    for (Node* node : chosen) {
      if (tapped.count(node)) continue;
      Value* value = node->output(0);
      torch::jit::WithInsertPoint after(node->next());
      if (rows) {
        site_rows[node] = graph->insert(c10::aten::size, {value, 0});
        value = graph->insert(c10::aten::index_select, {value, 0, rows});
      } else if (aliases.hasWriters(value)) {
        value = graph->insert(c10::aten::clone, {value});
      }
      tapped[node] = value;
    }
  }
  std::vector<Value*> outputs;
  for (Node* node : chosen) outputs.push_back(tapped[node]);
  if (select_rows)
    for (Node* node : chosen) outputs.push_back(site_rows[node]);

  while (!graph->outputs().empty()) graph->eraseOutput(0);
  Node* tuple = graph->insertNode(graph->createTuple(outputs));
  graph->registerOutput(tuple->output());
  torch::jit::EliminateDeadCode(graph);  // ops after the last tap are no longer computed

  // The class type may be shared with other module objects: pick a method name nobody registered yet.
  std::string name;
  for (size_t n = impl.tap_methods.size();; ++n) {
    name = "__ms_taps_" + std::to_string(n);
    if (!module.find_method(name)) break;
  }
  auto unit = module._ivalue()->compilation_unit();
  c10::QualifiedName qualified(*module.type()->name(), name);
  torch::jit::Function* function = unit->create_function(qualified, graph);
  module.type()->addMethod(function);
  impl.tap_methods[key] = name;
  return name;
}

}  // namespace ms::model::detail
