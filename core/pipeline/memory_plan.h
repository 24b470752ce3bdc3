// Keeping an analysis' memory bounded whatever the model: the geometry sample's activations of the chosen layers are
// extracted in groups that fit a budget (one tapped pass over the sample per group, so a group costs a pass over a
// few hundred images, not over the data set), and each layer is analysed and freed before the next group.
//
// Estimated bytes for a layer the network gives with d features, kept with d' (= d, or k when projected:
// projecting_sink.h) on an n-row sample passed through the network in batches of b rows, in float32:
//   the forward pass itself   4 b w x 3, w the widest layer of the whole network (a few of its tensors live at once)
//   extracting a group        + 4 b d (the network's selected rows of one batch) + 4 n d' (the sink's copy, kept)
//   analysing one layer       4 n d' kept + 24 n d' (the baseline markers' double copy and centred copy, GLUE's
//                             double view); Gram matrices are n x n and small next to these
// A group's estimate is the larger of the two phases over its layers; the plan's peak is the largest group's.
// fitting_batch chooses b so that the forward pass takes at most half the budget (every forward pass of the
// analysis — the sample's, the logits of the ID and OOD sets, the transfer probe — runs in such batches).
//
// plan_layer_groups(layers, rows, batch_rows, widest, budget_bytes)
//   layers      the chosen layers in graph order
//   batch_rows  b (at most n); widest: w
//   Result: layers packed in order into as few groups as fit the budget.
//   Errors: a layer that alone needs more than the budget (refused up front, with its estimate and what to do).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/common/result.h"

namespace ms::pipeline {

struct PlannedLayer {
  std::string name;   // for the messages
  int64_t extracted;  // d: features the network gives
  int64_t kept;       // d': features kept for the geometry
};

struct MemoryPlan {
  std::vector<std::vector<size_t>> groups;  // indices into the layer list, graph order
  int64_t peak_bytes = 0;                   // estimated, the largest group's
  int64_t total_kept_bytes = 0;             // every layer's sample at once: what one group would need to keep
};

Result<MemoryPlan> plan_layer_groups(const std::vector<PlannedLayer>& layers, int64_t rows, int64_t batch_rows,
                                     int64_t widest, int64_t budget_bytes);

// The largest batch of at most `wanted` rows (and at least 1) whose forward pass fits half of `budget_bytes`.
int64_t fitting_batch(int64_t wanted, int64_t widest, int64_t budget_bytes);

// Half of the memory the machine has available now (MemAvailable), at least 1 GiB; 4 GiB when unknown.
int64_t default_memory_budget();

// "512M", "4G", "2.5GB", "1500000000" -> bytes (K, M, G, T are powers of 1024; a trailing B or iB is allowed).
Result<int64_t> parse_bytes(const std::string& text);

// 3.7e9 -> "3.4 GiB", with the unit that keeps the number under 1024.
std::string format_bytes(int64_t bytes);

}  // namespace ms::pipeline
