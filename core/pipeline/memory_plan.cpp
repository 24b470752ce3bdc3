#include "core/pipeline/memory_plan.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <fstream>

namespace ms::pipeline {
namespace {

constexpr int64_t kFloatBytes = 4;
constexpr int64_t kForwardTensors = 3;         // tensors of the widest layer alive at once in a forward pass
constexpr int64_t kWorkingBytesPerValue = 24;  // double copy + centred copy + GLUE's double view

struct GroupCost {
  int64_t forward = 0;    // the network's own tensors for one batch
  int64_t extracted = 0;  // float32 bytes the network hands over per batch for the group
  int64_t kept = 0;       // float32 bytes the group keeps
  int64_t largest = 0;    // n d' of its widest kept layer
  int64_t peak() const { return std::max(forward + extracted + kept, kept + kWorkingBytesPerValue * largest); }
};

}  // namespace

int64_t fitting_batch(int64_t wanted, int64_t widest, int64_t budget_bytes) {
  const int64_t per_row = kFloatBytes * kForwardTensors * std::max<int64_t>(widest, 1);
  return std::max<int64_t>(1, std::min(wanted, budget_bytes / 2 / per_row));
}

Result<MemoryPlan> plan_layer_groups(const std::vector<PlannedLayer>& layers, int64_t rows, int64_t batch_rows,
                                     int64_t widest, int64_t budget_bytes) {
  MemoryPlan plan;
  const int64_t batch = std::min(rows, batch_rows);
  const int64_t forward = kFloatBytes * kForwardTensors * batch * widest;
  GroupCost group;
  for (size_t l = 0; l < layers.size(); ++l) {
    const int64_t kept_values = rows * layers[l].kept;
    const GroupCost alone{forward, kFloatBytes * batch * layers[l].extracted, kFloatBytes * kept_values, kept_values};
    if (alone.peak() > budget_bytes)
      return make_error("layer " + layers[l].name + " needs about " + format_bytes(alone.peak()) + " for its " +
                        std::to_string(rows) + " x " + std::to_string(layers[l].kept) +
                        " sample, over the memory budget of " + format_bytes(budget_bytes) +
                        " (raise --memory-budget, project it with --project-dim, or take fewer points per class)");
    const GroupCost grown{forward, group.extracted + alone.extracted, group.kept + alone.kept,
                          std::max(group.largest, kept_values)};
    if (!plan.groups.empty() && grown.peak() <= budget_bytes) {
      plan.groups.back().push_back(l);
      group = grown;
    } else {
      plan.groups.push_back({l});
      group = alone;
    }
    plan.peak_bytes = std::max(plan.peak_bytes, group.peak());
    plan.total_kept_bytes += alone.kept;
  }
  return plan;
}

int64_t default_memory_budget() {
  std::ifstream meminfo("/proc/meminfo");
  std::string key;
  int64_t kib = 0;
  std::string unit;
  while (meminfo >> key >> kib >> unit)
    if (key == "MemAvailable:") return std::max<int64_t>(int64_t{1} << 30, kib * 1024 / 2);
  return int64_t{4} << 30;
}

Result<int64_t> parse_bytes(const std::string& text) {
  size_t end = 0;
  double number = 0;
  try {
    number = std::stod(text, &end);
  } catch (const std::exception&) {
    return make_error("'" + text + "' is not a size like 512M or 4G");
  }
  std::string unit = text.substr(end);
  std::transform(unit.begin(), unit.end(), unit.begin(), [](unsigned char c) { return std::toupper(c); });
  if (unit.size() > 1 && unit.back() == 'B') unit.pop_back();
  if (unit.size() > 1 && unit.back() == 'I') unit.pop_back();
  const std::string units = "KMGT";
  double scale = 1;
  if (!unit.empty()) {
    const size_t power = units.find(unit);
    if (unit.size() != 1 || power == std::string::npos) return make_error("'" + text + "': unknown unit (use K, M, G or T)");
    scale = std::pow(1024.0, static_cast<double>(power + 1));
  }
  if (!(number > 0) || !std::isfinite(number * scale) || number * scale > 9e18)
    return make_error("'" + text + "' is not a positive size");
  return static_cast<int64_t>(number * scale);
}

std::string format_bytes(int64_t bytes) {
  const char* units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
  double value = static_cast<double>(bytes);
  int unit = 0;
  while (value >= 1024 && unit < 4) value /= 1024, ++unit;
  char text[32];
  std::snprintf(text, sizeof text, unit == 0 ? "%.0f %s" : "%.1f %s", value, units[unit]);
  return text;
}

}  // namespace ms::pipeline
