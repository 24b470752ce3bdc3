// The one short training run the model tests make a real checkpoint with: AdamW, learning rate 2e-3, weight decay
// 5e-4, batches of 64 (severity_test.cpp, zoo_test.cpp).
#pragma once

#include <string>

#include "core/model/zoo.h"

namespace ms::model::testing {

// That run for `architecture` ("mlp", "cnn") over `epochs` epochs; the other ZooRun fields keep their defaults.
inline ZooRun adamw_test_run(const std::string& architecture, int epochs) {
  ZooRun run;
  run.architecture = architecture;
  run.optimizer = "adamw";
  run.learning_rate = 2e-3;
  run.weight_decay = 5e-4;
  run.epochs = epochs;
  run.batch_size = 64;
  return run;
}

}  // namespace ms::model::testing
