#include <cstdio>

#include "core/common/number_text.h"
#include "core/model/zoo.h"

namespace ms::model {
namespace {

double base_learning_rate(const std::string& optimizer) { return optimizer == "sgd" ? 0.05 : 1e-3; }

}  // namespace

std::string ZooRun::name() const {
  return architecture + "-" + optimizer + "-lr" + number_text(learning_rate) + "-wd" + number_text(weight_decay) +
         "-s" + std::to_string(seed);
}

Result<ZooPreset> zoo_preset(const std::string& name) {
  ZooPreset preset;
  preset.architectures = {"mlp", "cnn", "resnet"};
  preset.optimizers = {"sgd", "adamw"};
  if (name == "quick") {
    preset.lr_scales = {0.5, 2.0};
    preset.weight_decays = {5e-4};
    preset.seeds = {0};
    preset.epochs = 1;
    preset.train_limit = 10000;
  } else if (name == "paper") {
    // The paper's grid shape: 4 learning rates x 4 weight decays x 3 seeds per architecture (and optimizer).
    preset.lr_scales = {0.25, 0.5, 1.0, 2.0};
    preset.weight_decays = {0.0, 1e-4, 5e-4, 5e-3};
    preset.seeds = {0, 1, 2};
    preset.epochs = 5;
  } else if (name == "study") {
    // Measured (3 epochs, warm-up + cosine, sgd lr 0.05 / adamw lr 0.001, wd 5e-4): CNN 0.904 (sgd); residual CNN
    // 0.916 (sgd), 0.903 (adamw) test accuracy. One epoch on 60k images on the idle 2-core machine: CNN 16 s (the
    // residual CNN was timed only on a loaded machine so far).
    preset.architectures = {"cnn", "resnet"};
    preset.lr_scales = {0.25, 0.5, 1.0, 2.0};
    preset.weight_decays = {0.0, 5e-4, 5e-3};
    preset.seeds = {0, 1};
    preset.epochs = 3;
    preset.schedule = "cosine";
  } else {
    return make_error("unknown zoo preset '" + name + "' (expected " + kZooPresetNames + ")");
  }
  return preset;
}

std::vector<ZooRun> expand(const ZooPreset& preset) {
  std::vector<ZooRun> runs;
  for (const std::string& architecture : preset.architectures)
    for (const std::string& optimizer : preset.optimizers)
      for (double scale : preset.lr_scales)
        for (double weight_decay : preset.weight_decays)
          for (uint64_t seed : preset.seeds) {
            ZooRun run;
            run.architecture = architecture;
            run.optimizer = optimizer;
            run.learning_rate = base_learning_rate(optimizer) * scale;
            run.weight_decay = weight_decay;
            run.seed = seed;
            run.epochs = preset.epochs;
            run.batch_size = preset.batch_size;
            run.train_limit = preset.train_limit;
            run.schedule = preset.schedule;
            runs.push_back(run);
          }
  return runs;
}

}  // namespace ms::model
