#include "core/data/sampling.h"

#include <algorithm>
#include <numeric>
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

// Item indices of each class; an error names the first label outside [0, num_classes).
Result<std::vector<std::vector<int64_t>>> members_of(const std::vector<int32_t>& labels, int num_classes) {
  std::vector<std::vector<int64_t>> members(static_cast<size_t>(std::max(num_classes, 0)));
  for (size_t i = 0; i < labels.size(); ++i) {
    if (labels[i] < 0 || labels[i] >= num_classes)
      return make_error("label " + std::to_string(labels[i]) + " at index " + std::to_string(i) +
                        " is outside [0, " + std::to_string(num_classes) + ")");
    members[labels[i]].push_back(static_cast<int64_t>(i));
  }
  return members;
}

// Appends `take` items of class `c`'s pool to `chosen`, in ascending order.
void draw_from_class(std::vector<int64_t>& pool, int c, int64_t take, uint64_t seed, std::vector<int64_t>& chosen) {
  const auto have = static_cast<int64_t>(pool.size());
  take = std::min(take, have);
  // One stream per class, so a class's sample does not depend on the other classes' sizes.
  std::mt19937_64 rng(seed * 0x9E3779B97F4A7C15ull + static_cast<uint64_t>(c));
  for (int64_t i = 0; i < take; ++i)  // partial Fisher-Yates: the first `take` slots are the sample
    std::swap(pool[i], pool[i + static_cast<int64_t>(uniform_below(rng, static_cast<uint64_t>(have - i)))]);
  std::sort(pool.begin(), pool.begin() + take);
  chosen.insert(chosen.end(), pool.begin(), pool.begin() + take);
}

// How many items each class gives to a stratified sample of `total` (see sample_stratified).
std::vector<int64_t> stratified_quotas(const std::vector<std::vector<int64_t>>& members, int64_t total, uint64_t seed) {
  const size_t classes = members.size();
  std::vector<size_t> by_size(classes);
  std::iota(by_size.begin(), by_size.end(), 0);
  std::stable_sort(by_size.begin(), by_size.end(),
                   [&](size_t a, size_t b) { return members[a].size() < members[b].size(); });
  std::vector<int64_t> quota(classes, 0);
  int64_t left = total;
  size_t k = 0;
  // Classes no larger than an equal share of what is left give everything.
  for (; k < classes; ++k) {
    const auto size = static_cast<int64_t>(members[by_size[k]].size());
    if (size * static_cast<int64_t>(classes - k) > left) break;
    quota[by_size[k]] = size;
    left -= size;
  }
  if (k == classes) return quota;
  std::vector<size_t> rest(by_size.begin() + static_cast<std::ptrdiff_t>(k), by_size.end());
  std::sort(rest.begin(), rest.end());
  const auto share = left / static_cast<int64_t>(rest.size());
  auto extra = left % static_cast<int64_t>(rest.size());
  for (size_t c : rest) quota[c] = share;
  // Which classes get one more: a seeded shuffle, on a stream apart from the classes' own.
  std::mt19937_64 rng(seed * 0x9E3779B97F4A7C15ull ^ 0xD1B54A32D192ED03ull);
  for (size_t i = rest.size(); i > 1; --i) std::swap(rest[i - 1], rest[uniform_below(rng, i)]);
  for (size_t i = 0; extra > 0; ++i, --extra) ++quota[rest[i]];
  return quota;
}

}  // namespace

Result<std::vector<int64_t>> sample_per_class(const std::vector<int32_t>& labels, int num_classes,
                                              const SamplingOptions& options) {
  auto members = members_of(labels, num_classes);
  if (!members) return make_error(members.error());
  std::vector<int64_t> chosen;
  for (int c = 0; c < num_classes; ++c) {
    auto& pool = (*members)[c];
    const auto have = static_cast<int64_t>(pool.size());
    if (have < options.min_per_class || (!options.allow_fewer && have < options.per_class))
      return make_error("class " + std::to_string(c) + " has " + std::to_string(have) + " items, " +
                        std::to_string(options.allow_fewer ? options.min_per_class : options.per_class) +
                        " needed");
    draw_from_class(pool, c, options.per_class, options.seed, chosen);
  }
  return chosen;
}

Result<std::vector<int64_t>> sample_stratified(const std::vector<int32_t>& labels, int num_classes, int64_t total,
                                               uint64_t seed) {
  if (total < 0) return make_error("a sample of " + std::to_string(total) + " items");
  auto members = members_of(labels, num_classes);
  if (!members) return make_error(members.error());
  const std::vector<int64_t> quota = stratified_quotas(*members, total, seed);
  std::vector<int64_t> chosen;
  for (int c = 0; c < num_classes; ++c) draw_from_class((*members)[c], c, quota[c], seed, chosen);
  return chosen;
}

}  // namespace ms::data
