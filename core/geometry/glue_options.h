// GlueOptions: the settings of a GLUE run (spec glue.md sections 1-3). Defaults are the spec's defaults.
#pragma once

#include "core/geometry/nnls_gram.h"

#include <cstdint>
#include <map>
#include <string>

#include "core/common/result.h"

namespace ms::geometry {

// Which dichotomies y in {+-1}^P the samples use (spec 2.1).
enum class Dichotomies {
  random,       // uniform on {+-1}^P, drawn per sample
  one_vs_rest,  // sample k labels class (k mod P) +1, all others -1
  all,          // every dichotomy in turn when n_t >= 2^P, else n_t distinct ones drawn without replacement
};

// How an inactive manifold (no support point in a sample) enters centers and axes (spec 3). alpha is the same.
enum class InactivePolicy {
  zero_row,     // A: anchor row 0, centre averages over all samples, axis row = -centre
  zero_axis,    // B: as A but the axis row is 0
  active_only,  // C: centre averages over active samples only, axis row 0
};

enum class Preprocess {
  none,    // activations as they are (the paper's protocol)
  center,  // subtract the mean of the subsampled points (all classes together)
};

struct GlueOptions {
  int points_per_manifold = 50;  // per class, subsampled without replacement; a smaller class uses all its points
  int n_t = 200;                 // Gaussian probes t_k ~ N(0, I_N), one dichotomy each
  Dichotomies dichotomies = Dichotomies::random;
  InactivePolicy inactive = InactivePolicy::zero_row;
  Preprocess preprocess = Preprocess::none;
  int repeats = 1;               // independent subsamplings; measures are reported as mean and std over them
  uint64_t seed = 0;
  int threads = 0;               // worker threads for the samples; 0 = all hardware threads
  int anchor_samples = 16;       // how many samples' anchors the result keeps for drawing (first repeat)
  NnlsSettings nnls;             // the anchor solver's settings (tests pin nnls.max_entering = 1 as the reference)
};

// Names as used on the command line and in stored attributes ("random", "zero_row", "center", ...).
const char* to_string(Dichotomies value);
const char* to_string(InactivePolicy value);
const char* to_string(Preprocess value);
// Parse those names (also "A"/"B"/"C" for the inactive policy); false when the name is unknown.
bool parse_dichotomies(const std::string& name, Dichotomies* out);
bool parse_inactive_policy(const std::string& name, InactivePolicy* out);
bool parse_preprocess(const std::string& name, Preprocess* out);

// The options that decide a GLUE result, as the text stored beside it (a project's geometry options): keys
// points_per_manifold, n_t, dichotomies, inactive, preprocess, repeats and glue_seed (named apart from an analysis'
// sample_seed). Threads, the anchors kept for drawing and the solver settings change no marker and are not stored.
std::map<std::string, std::string> to_map(const GlueOptions& options);
// Reads those keys back into `options`; an absent key keeps its value. Errors name the key and its text.
Status from_map(const std::map<std::string, std::string>& map, GlueOptions& options);
// What no run accepts: points_per_manifold < 2, n_t < 1, repeats < 1. Errors name the option.
Status validate(const GlueOptions& options);

}  // namespace ms::geometry
