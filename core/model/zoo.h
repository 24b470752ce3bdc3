// The demo model zoo: small classifiers trained from C++ over a grid of hyper-parameters, saved as TorchScript
// checkpoints with a JSON sidecar, so that markers can be compared across lr x weight decay x seed x optimizer.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/common/progress.h"
#include "core/common/result.h"
#include "core/data/dataset.h"

namespace ms::model {

// One training run of the grid.
struct ZooRun {
  std::string architecture;  // "mlp", "cnn", "resnet"
  std::string optimizer;     // "sgd" (momentum 0.9) or "adamw"
  double learning_rate = 0;
  double weight_decay = 0;
  uint64_t seed = 0;
  int epochs = 1;
  int64_t batch_size = 128;
  int64_t train_limit = 0;  // use the first class-balanced N training items; 0 = all
  // "constant", or "cosine": linear warm-up over the first warmup_fraction of the steps, then cosine decay to 0.
  std::string schedule = "constant";
  double warmup_fraction = 0.05;

  std::string name() const;  // "cnn-adamw-lr0.002-wd0.0005-s0": the checkpoint's file stem
};

// A grid: every architecture x optimizer x lr scale x weight decay x seed.
// Learning rates are base_lr(optimizer) * scale (sgd 0.05, adamw 0.001).
struct ZooPreset {
  std::vector<std::string> architectures;
  std::vector<std::string> optimizers;
  std::vector<double> lr_scales;
  std::vector<double> weight_decays;
  std::vector<uint64_t> seeds;
  int epochs = 1;
  int64_t batch_size = 128;
  int64_t train_limit = 0;
  std::string schedule = "constant";
};

// "quick" (12 runs, 1 epoch on 10k images: minutes), "study" (converged models for the paper's protocol on one
// workstation: CNN and residual CNN, 4 lr x 3 wd x 2 seeds x both optimizers, 3 epochs on all 60k images with a
// cosine schedule: 96 runs) or "paper" (the paper's grid shape, 4 lr x 4 wd x 3 seeds
// per architecture and optimizer: 288 runs, 5 epochs on 60k: many hours).
inline const char* const kZooPresetNames = "quick, study or paper";
Result<ZooPreset> zoo_preset(const std::string& name);
std::vector<ZooRun> expand(const ZooPreset& preset);

struct ZooResult {
  bool diverged = false;   // the loss became NaN/Inf: no checkpoint was written, the other fields are 0
  std::string checkpoint;  // DIR/NAME.pt
  std::string sidecar;     // DIR/NAME.json
  double final_train_loss = 0;  // mean loss over the last epoch
  double test_accuracy = 0;     // of the saved checkpoint, reloaded through load_model
  double test_loss = 0;
  double seconds = 0;
};

// Trains run on `train` (images, values 0..255, normalised by 1/255), evaluates on `test`, and writes
// out_dir/NAME.pt, then out_dir/NAME.json, each atomically (a killed run leaves no partial file; the sidecar marks a
// finished run). A run whose loss diverges is a result (diverged = true), not an error.
// Errors: unknown architecture/optimizer/schedule, non-image data, I/O, cancellation.
Result<ZooResult> train_zoo_model(const ZooRun& run, const data::Dataset& train, const data::Dataset& test,
                                  const std::string& out_dir, int threads, Progress& progress, CancelToken& cancel);

}  // namespace ms::model
