#include "core/data/sampling.h"

#include <algorithm>
#include <random>
#include <string>

namespace ms::data {
namespace {

// std::uniform_int_distribution differs between standard libraries; this draw is the same everywhere.
uint64_t uniform_below(std::mt19937_64& rng, uint64_t bound) {
  const uint64_t limit = UINT64_MAX - UINT64_MAX % bound;
  uint64_t draw;
  do draw = rng(); while (draw >= limit);
  return draw % bound;
}

}  // namespace

Result<std::vector<int64_t>> sample_per_class(const std::vector<int32_t>& labels, int num_classes,
                                              const SamplingOptions& options) {
  std::vector<std::vector<int64_t>> members(num_classes);
  for (size_t i = 0; i < labels.size(); ++i) {
    if (labels[i] < 0 || labels[i] >= num_classes)
      return make_error("label " + std::to_string(labels[i]) + " at index " + std::to_string(i) +
                        " is outside [0, " + std::to_string(num_classes) + ")");
    members[labels[i]].push_back(static_cast<int64_t>(i));
  }
  std::vector<int64_t> chosen;
  for (int c = 0; c < num_classes; ++c) {
    auto& pool = members[c];
    const auto have = static_cast<int64_t>(pool.size());
    if (have < options.min_per_class || (!options.allow_fewer && have < options.per_class))
      return make_error("class " + std::to_string(c) + " has " + std::to_string(have) + " items, " +
                        std::to_string(options.allow_fewer ? options.min_per_class : options.per_class) +
                        " needed");
    // One stream per class, so a class's sample does not depend on the other classes' sizes.
    std::mt19937_64 rng(options.seed * 0x9E3779B97F4A7C15ull + static_cast<uint64_t>(c));
    const int64_t take = std::min(have, options.per_class);
    for (int64_t i = 0; i < take; ++i)  // partial Fisher-Yates: the first `take` slots are the sample
      std::swap(pool[i], pool[i + static_cast<int64_t>(uniform_below(rng, static_cast<uint64_t>(have - i)))]);
    std::sort(pool.begin(), pool.begin() + take);
    chosen.insert(chosen.end(), pool.begin(), pool.begin() + take);
  }
  return chosen;
}

}  // namespace ms::data
