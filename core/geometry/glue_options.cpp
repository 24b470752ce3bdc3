#include "core/geometry/glue_options.h"

#include <cerrno>
#include <cstdlib>
#include <limits>

namespace ms::geometry {

const char* to_string(Dichotomies value) {
  switch (value) {
    case Dichotomies::random: return "random";
    case Dichotomies::one_vs_rest: return "one_vs_rest";
    case Dichotomies::all: return "all";
  }
  return "?";
}

const char* to_string(InactivePolicy value) {
  switch (value) {
    case InactivePolicy::zero_row: return "zero_row";
    case InactivePolicy::zero_axis: return "zero_axis";
    case InactivePolicy::active_only: return "active_only";
  }
  return "?";
}

const char* to_string(Preprocess value) {
  switch (value) {
    case Preprocess::none: return "none";
    case Preprocess::center: return "center";
  }
  return "?";
}

bool parse_dichotomies(const std::string& name, Dichotomies* out) {
  for (Dichotomies v : {Dichotomies::random, Dichotomies::one_vs_rest, Dichotomies::all})
    if (name == to_string(v)) return *out = v, true;
  return false;
}

bool parse_inactive_policy(const std::string& name, InactivePolicy* out) {
  const char* letters[] = {"A", "B", "C"};
  int i = 0;
  for (InactivePolicy v : {InactivePolicy::zero_row, InactivePolicy::zero_axis, InactivePolicy::active_only}) {
    if (name == to_string(v) || name == letters[i]) return *out = v, true;
    ++i;
  }
  return false;
}

bool parse_preprocess(const std::string& name, Preprocess* out) {
  for (Preprocess v : {Preprocess::none, Preprocess::center})
    if (name == to_string(v)) return *out = v, true;
  return false;
}

std::map<std::string, std::string> to_map(const GlueOptions& options) {
  return {{"points_per_manifold", std::to_string(options.points_per_manifold)},
          {"n_t", std::to_string(options.n_t)},
          {"dichotomies", to_string(options.dichotomies)},
          {"inactive", to_string(options.inactive)},
          {"preprocess", to_string(options.preprocess)},
          {"repeats", std::to_string(options.repeats)},
          {"glue_seed", std::to_string(options.seed)}};
}

namespace {

// A whole decimal number of `T`, or false (trailing text, a sign where none fits, or out of range).
template <class T>
bool parse_number(const std::string& text, T* out) {
  if (text.empty() || text.size() > 20 || text.find_first_not_of("0123456789") != std::string::npos) return false;
  errno = 0;
  const unsigned long long value = std::strtoull(text.c_str(), nullptr, 10);  // 20 digits may exceed 2^64
  if (errno == ERANGE || value > static_cast<unsigned long long>(std::numeric_limits<T>::max())) return false;
  *out = static_cast<T>(value);
  return true;
}

}  // namespace

Status from_map(const std::map<std::string, std::string>& map, GlueOptions& options) {
  GlueOptions read = options;
  for (const auto& [key, text] : map) {
    bool ok = true;
    if (key == "points_per_manifold") ok = parse_number(text, &read.points_per_manifold);
    else if (key == "n_t") ok = parse_number(text, &read.n_t);
    else if (key == "dichotomies") ok = parse_dichotomies(text, &read.dichotomies);
    else if (key == "inactive") ok = parse_inactive_policy(text, &read.inactive);
    else if (key == "preprocess") ok = parse_preprocess(text, &read.preprocess);
    else if (key == "repeats") ok = parse_number(text, &read.repeats);
    else if (key == "glue_seed") ok = parse_number(text, &read.seed);
    if (!ok) return make_error("GLUE option " + key + ": '" + text + "' is not a valid value");
  }
  options = read;
  return Ok{};
}

Status validate(const GlueOptions& options) {
  if (options.points_per_manifold < 2)
    return make_error("GLUE needs at least 2 points per manifold (points_per_manifold = " +
                      std::to_string(options.points_per_manifold) + ")");
  if (options.n_t < 1) return make_error("GLUE needs at least one sample (n_t = " + std::to_string(options.n_t) + ")");
  if (options.repeats < 1)
    return make_error("GLUE needs at least one repeat (repeats = " + std::to_string(options.repeats) + ")");
  return Ok{};
}

}  // namespace ms::geometry
