// The demo that command A opens: at once, the shipped results of the Fashion-MNIST study (converged models,
// docs/results/fashion-mnist-study.md); in the background, the quick model zoo trained on Fashion-MNIST into a
// folder, then analysed with the paper's six shifts at severity 3 (and the UCI digits transfer set when Debian's copy
// is present) into DIR/demo.msproj. Checkpoints already in the folder are kept, so a second launch only completes the
// project.
#pragma once

#include <cstdint>
#include <string>

#include "core/common/progress.h"
#include "core/common/result.h"
#include "core/pipeline/analyse_options.h"

namespace ms::gui {

// Trains the quick zoo's checkpoints that `dir` does not have yet (a checkpoint counts when both NAME.pt and its
// NAME.json sidecar exist): the first `limit` runs of its grid (all by default). Progress runs over those runs;
// cancelling keeps the finished checkpoints.
Status train_demo_zoo(const std::string& dir, Progress& progress, CancelToken& cancel, size_t limit = SIZE_MAX);

// How many runs the quick zoo's grid has.
size_t demo_zoo_size();

// What the demo analyses: every checkpoint of `dir` on fashion-mnist:test, six shifts, transfer when available.
pipeline::AnalyseOptions demo_analysis(const std::string& dir);

// DIR/demo.msproj
std::string demo_project_path(const std::string& dir);

// The study table built into the binary (resources/results/fashion-mnist-study/study.csv) written to
// DIR/fashion-mnist-study.csv, a file the user can also open, correlate or copy; an identical copy is kept as it is.
// Returns its path, or why it could not be written.
Result<std::string> write_study_table(const std::string& dir);

}  // namespace ms::gui
