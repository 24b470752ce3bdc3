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

// One module call on a node's inlined call stack, outermost first.
struct CallLevel {
  std::string path;       // "layer1.0": instance names from the top-level module down to this call
  std::string key;        // path plus the call sites' source positions: tells two calls of one module apart
  bool container = false; // the called module is a torch.nn container (Sequential, ModuleDict)
};

bool is_container(const c10::ClassTypePtr& type) {
  if (!type || !type->name()) return false;
  return type->name()->qualifiedName().find("torch.nn.modules.container.") != std::string::npos;
}

std::vector<CallLevel> call_levels(const Node* node) {
  std::vector<CallLevel> levels;
  auto stack = node->callstack();
  if (!stack) return levels;
  std::string path, key;
  for (const auto& entry : (*stack)->vec()) {
    const auto& instance = std::get<2>(entry);
    const torch::jit::SourceRange& site = std::get<1>(entry);
    key += "@" + std::to_string(site.start()) + ":" + std::to_string(site.end());
    // A free function (F.relu) has no instance; a method calling another method of itself shows up as "SELF".
    if (!instance || instance->instance_name() == "SELF") continue;
    path += (path.empty() ? "" : ".") + instance->instance_name();
    key += "/" + instance->instance_name();
    levels.push_back({path, path + key, is_container(instance->class_type())});
  }
  return levels;
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

// The node of the graph's top-level block that holds `node` (itself, or the If/Loop around it).
const Node* top_level(const Node* node, const torch::jit::Block* top) {
  while (node->owningBlock() != top) node = node->owningBlock()->owningNode();
  return node;
}

// Each top-level node's module calls, numbered: consecutive nodes with the same call key at a depth belong to one
// call (an inlined call's nodes are contiguous), so a module called twice gets two numbers.
std::map<const Node*, std::vector<int>> number_calls(Graph& graph,
                                                     std::map<const Node*, std::vector<CallLevel>>& levels) {
  std::map<const Node*, std::vector<int>> calls;
  std::vector<std::string> open_keys;
  std::vector<int> open_numbers;
  int next = 0;
  for (const Node* node : graph.nodes()) {
    if (node->kind() == c10::prim::Constant) continue;  // constants are pooled at the top, outside any call
    const std::vector<CallLevel>& own = levels[node] = call_levels(node);
    // Nodes without a call stack (top-level ops, and some that inlining left without one, like a torch._assert's
    // If inside a module) neither open nor close calls: the calls around them go on.
    if (own.empty()) {
      calls[node] = {};
      continue;
    }
    size_t same = 0;
    while (same < own.size() && same < open_keys.size() && open_keys[same] == own[same].key) ++same;
    open_keys.resize(same);
    open_numbers.resize(same);
    for (size_t d = same; d < own.size(); ++d) open_keys.push_back(own[d].key), open_numbers.push_back(next++);
    calls[node] = open_numbers;
  }
  return calls;
}

// The modules whose output `value` is: the calls (by depth) it is made in and used outside of, or returned from.
std::vector<size_t> output_depths(const Value* value, const std::vector<int>& own_calls,
                                  const std::map<const Node*, std::vector<int>>& calls, const torch::jit::Block* top) {
  std::vector<bool> leaves(own_calls.size(), false);
  for (const torch::jit::Use& use : value->uses()) {
    const Node* user = top_level(use.user, top);
    auto found = calls.find(user);
    static const std::vector<int> none;  // the graph's return, outside every call
    const std::vector<int>& user_calls = found == calls.end() ? none : found->second;
    for (size_t d = 0; d < own_calls.size(); ++d)
      if (d >= user_calls.size() || user_calls[d] != own_calls[d]) leaves[d] = true;
  }
  std::vector<size_t> depths;
  for (size_t d = 0; d < leaves.size(); ++d)
    if (leaves[d]) depths.push_back(d);
  return depths;
}

// The final classifier's input: the value fed to the last linear (or addmm) op of the graph.
const Node* penultimate_node(Graph& graph) {
  const Node* last_linear = nullptr;
  for (const Node* node : graph.nodes())
    if (node->kind() == c10::aten::linear || node->kind() == c10::aten::addmm) last_linear = node;
  if (!last_linear) return nullptr;
  const Value* features = last_linear->input(last_linear->kind() == c10::aten::addmm ? 1 : 0);
  const Node* producer = features->node();
  if (producer->owningBlock() != graph.block() || producer->kind() == c10::prim::Param) return nullptr;
  return producer;
}

// Sites of the top-level block only: values inside loops or branches are not visible to a method's return. A site
// is a tap op (tap_ops) or any tensor-valued node that is a module's output or the final classifier's input.
std::vector<Site> sites_of(Graph& graph) {
  std::map<const Node*, std::vector<CallLevel>> levels;
  const std::map<const Node*, std::vector<int>> calls = number_calls(graph, levels);
  const Node* penultimate = penultimate_node(graph);
  std::vector<Site> sites;
  std::map<std::string, int> seen;
  for (Node* node : graph.nodes()) {
    if (node->kind() == c10::prim::Constant || node->outputs().size() != 1 || !is_tensor(node->output(0))) continue;
    const std::vector<CallLevel>& own = levels.at(node);
    TapSite tap;
    for (size_t d : output_depths(node->output(0), calls.at(node), calls, graph.block())) {
      tap.module_outputs.push_back(own[d].path);
      // A block: a child of an outermost container (ResNet's layer1.0, MobileNet's features.3, ViT's encoder layers).
      bool outer = d > 0 && own[d - 1].container;
      for (size_t up = 0; outer && up + 1 < d; ++up) outer = !own[up].container;
      tap.block = tap.block || outer;
    }
    tap.penultimate = node == penultimate;
    if (!is_tap(node) && tap.module_outputs.empty() && !tap.penultimate) continue;
    tap.module_path = own.empty() ? "" : own.back().path;
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
