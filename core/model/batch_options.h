// How inputs are normalised and batched on their way through a model (shared by activations and logits).
#pragma once

#include <cstdint>
#include <vector>

#include <Eigen/Core>

namespace ms::model {

// n by (c*h*w) inputs, one row per item, item-major like ms::data::Dataset::values.
using RowMatrixXf = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

// x' = (x * scale - mean[c]) / std[c]; mean/std empty = none, one value = every channel, else one per channel.
// For images stored as 0..255 and a model trained on 0..1: scale = 1/255.
struct Normalization {
  float scale = 1.0f;
  std::vector<float> mean;
  std::vector<float> std;
};

struct BatchOptions {
  int64_t batch_size = 500;  // 500-1000 is fastest for small CNNs on 2 threads
  int threads = 2;           // torch::set_num_threads; 0 leaves torch's setting (which defaults to 1 here)
  int warmup = 1;            // extra forward calls on the first batch, once per model and method: the profiling
                             // executor settles first
  Normalization normalization;
  // Logits through a frozen, inference-optimised copy of the model (torch::jit::optimize_for_inference: batch norm
  // folded into convolutions, oneDNN kernels), used only when it agrees with the model on the first batch
  // (|difference| <= 1e-3 |logit| + 1e-4 max|logit|); false = the model as loaded. Activations always come from the
  // model as loaded (its layers are what is tapped).
  bool inference_copy = true;
};

}  // namespace ms::model
