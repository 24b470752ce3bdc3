// Training a zoo grid into one folder, resumable: a re-run trains only what is missing.
//
// A run is done when its sidecar DIR/NAME.json exists (train_zoo_model writes the checkpoint, then the sidecar, each
// atomically, so a killed run leaves no sidecar), or when DIR/NAME.diverged records that its loss diverged (a
// re-run would diverge again: same seed, same data). After every run DIR/zoo.csv is rewritten atomically with one
// row per done run of the grid, read back from the sidecars:
//   name, architecture, optimizer, learning_rate, weight_decay, seed, epochs, schedule, status (trained|diverged),
//   final_train_loss, test_accuracy, test_loss, seconds, checkpoint
// Errors: a run's error (I/O, cancellation) stops the sweep; what was done stays done.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "core/common/progress.h"
#include "core/common/result.h"
#include "core/data/dataset.h"
#include "core/model/zoo.h"

namespace ms::pipeline {

enum class ZooRunState { missing, trained, diverged };
ZooRunState zoo_run_state(const std::string& dir, const model::ZooRun& run);

struct ZooSweepSummary {
  int trained = 0;   // trained in this call
  int skipped = 0;   // already done before it (trained or diverged)
  int diverged = 0;  // diverged in this call
};

// Called after each run trained in this call (for a line of output per run).
using ZooRunFinished = std::function<void(size_t index, const model::ZooRun&, const model::ZooResult&)>;

Result<ZooSweepSummary> train_zoo_sweep(const std::vector<model::ZooRun>& runs, const data::Dataset& train,
                                        const data::Dataset& test, const std::string& dir, int threads,
                                        Progress& progress, CancelToken& cancel, const ZooRunFinished& finished = {});

// DIR/zoo.csv as described above.
Status write_zoo_table(const std::vector<model::ZooRun>& runs, const std::string& dir);

}  // namespace ms::pipeline
