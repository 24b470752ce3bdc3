// The analysis of a sweep: for each checkpoint, ONE pass of a class-balanced ID sample through the model taps every
// layer; each layer gets GLUE and the baseline markers; the full ID set and each OOD set (shifted copies and the
// user's --ood-set datasets, cut to --ood-limit items) give logits (accuracy, loss, logit markers; for OOD sets also
// the accuracy's Wilson 95 % interval and n); the transfer set's penultimate features give a linear-probe accuracy.
// After every checkpoint the project file is saved atomically, so cancelling (or a crash) leaves a valid project with
// what finished, and a re-run skips finished checkpoints (same file hash, same options, every OOD set asked for
// evaluated; a user set whose spec changed is evaluated again). With options.cache_activations the geometry sample's
// activations are kept per checkpoint (activation_cache.h); a checkpoint recomputed because geometry options changed
// then takes them from there ("from cache" in the progress, summary.cache_hits) instead of the tap pass.
#pragma once

#include "core/common/progress.h"
#include "core/common/result.h"
#include "core/pipeline/analyse_options.h"

namespace ms::pipeline {

Result<AnalyseSummary> run_analyse(const AnalyseOptions& options, Progress& progress, CancelToken& cancel);

// The checkpoint files named by `paths` (files as given, folders expanded to their *.pt files in name order).
Result<std::vector<std::string>> expand_checkpoints(const std::vector<std::string>& paths);

}  // namespace ms::pipeline
