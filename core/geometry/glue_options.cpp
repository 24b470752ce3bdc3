#include "core/geometry/glue_options.h"

#include "core/geometry/option_text.h"

namespace ms::geometry {

namespace {

// The stored names of the enums (the command line's too).
constexpr NamedValue<Dichotomies> kDichotomies[] = {
    {Dichotomies::random, "random"}, {Dichotomies::one_vs_rest, "one_vs_rest"}, {Dichotomies::all, "all"}};
constexpr NamedValue<InactivePolicy> kInactive[] = {{InactivePolicy::zero_row, "zero_row"},
                                                    {InactivePolicy::zero_axis, "zero_axis"},
                                                    {InactivePolicy::active_only, "active_only"}};
constexpr NamedValue<InactivePolicy> kInactiveLetters[] = {
    {InactivePolicy::zero_row, "A"}, {InactivePolicy::zero_axis, "B"}, {InactivePolicy::active_only, "C"}};
constexpr NamedValue<Preprocess> kPreprocess[] = {{Preprocess::none, "none"}, {Preprocess::center, "center"}};

}  // namespace

const char* to_string(Dichotomies value) { return name_of(kDichotomies, value); }
const char* to_string(InactivePolicy value) { return name_of(kInactive, value); }
const char* to_string(Preprocess value) { return name_of(kPreprocess, value); }

bool parse_dichotomies(const std::string& name, Dichotomies* out) { return value_named(kDichotomies, name, out); }

bool parse_inactive_policy(const std::string& name, InactivePolicy* out) {
  return value_named(kInactive, name, out) || value_named(kInactiveLetters, name, out);
}

bool parse_preprocess(const std::string& name, Preprocess* out) { return value_named(kPreprocess, name, out); }

std::map<std::string, std::string> to_map(const GlueOptions& options) {
  return {{"points_per_manifold", std::to_string(options.points_per_manifold)},
          {"n_t", std::to_string(options.n_t)},
          {"dichotomies", to_string(options.dichotomies)},
          {"inactive", to_string(options.inactive)},
          {"preprocess", to_string(options.preprocess)},
          {"repeats", std::to_string(options.repeats)},
          {"glue_seed", std::to_string(options.seed)}};
}

Status from_map(const std::map<std::string, std::string>& map, GlueOptions& options) {
  using G = GlueOptions;
  return read_fields<G>(map, "GLUE option",
                        {whole_field("points_per_manifold", &G::points_per_manifold), whole_field("n_t", &G::n_t),
                         named_field("dichotomies", &G::dichotomies, parse_dichotomies),
                         named_field("inactive", &G::inactive, parse_inactive_policy),
                         named_field("preprocess", &G::preprocess, parse_preprocess),
                         whole_field("repeats", &G::repeats), whole_field("glue_seed", &G::seed)},
                        options);
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
