#include "core/geometry/glue_options.h"

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

}  // namespace ms::geometry
