#include "app/gui/model/demo_setup.h"

#include <filesystem>

#include "app/gui/analysis_settings.h"
#include "core/data/dataset_registry.h"
#include "core/model/zoo.h"

namespace ms::gui {
namespace fs = std::filesystem;

namespace {

bool trained(const fs::path& dir, const model::ZooRun& run) {
  return fs::exists(dir / (run.name() + ".pt")) && fs::exists(dir / (run.name() + ".json"));
}

}  // namespace

Status train_demo_zoo(const std::string& dir, Progress& progress, CancelToken& cancel) {
  auto preset = model::zoo_preset("quick");
  if (!preset) return make_error(preset.error());
  const std::vector<model::ZooRun> runs = model::expand(*preset);
  std::vector<model::ZooRun> missing;
  for (const model::ZooRun& run : runs)
    if (!trained(dir, run)) missing.push_back(run);
  if (missing.empty()) return Ok{};
  std::error_code error;
  fs::create_directories(dir, error);
  if (error) return make_error(dir + ": cannot create folder (" + error.message() + ")");
  progress.report(0, "reading Fashion-MNIST");
  auto train = data::open_dataset("fashion-mnist:train");
  if (!train) return make_error(train.error());
  auto test = data::open_dataset("fashion-mnist:test");
  if (!test) return make_error(test.error());
  for (size_t i = 0; i < missing.size(); ++i) {
    if (cancel.cancelled()) return make_error("cancelled");
    const double count = static_cast<double>(missing.size());
    SliceProgress run_progress(progress, i / count, (i + 1) / count,
                               "training " + missing[i].name() + " (" + std::to_string(i + 1) + "/" +
                                   std::to_string(missing.size()) + "): ");
    auto result = model::train_zoo_model(missing[i], *train, *test, dir, 2, run_progress, cancel);
    if (!result) return make_error(result.error());
  }
  progress.report(1, "trained " + std::to_string(missing.size()) + " checkpoints");
  return Ok{};
}

pipeline::AnalyseOptions demo_analysis(const std::string& dir) {
  pipeline::AnalyseOptions options;
  options.checkpoints = {dir};
  options.id_dataset = data::kDefaultDataset;
  for (const char* shift : {"gaussian_noise", "fog", "brightness", "contrast", "pixelate", "jpeg_compression"})
    options.shifts.push_back({shift, 3});
  for (const data::KnownDataset& known : data::known_datasets())
    if (known.name == "uci-digits" && known.available) options.transfer_dataset = "uci-digits@28x28";
  options.project_path = demo_project_path(dir);
  // The demo's data and GLUE sizes are fixed (comparable runs); the machine's share is the user's setting.
  const int threads = AnalysisSettings::load().effective_threads();
  options.glue.threads = options.baselines.threads = options.batch.threads = threads;
  return options;
}

std::string demo_project_path(const std::string& dir) { return (fs::path(dir) / "demo.msproj").string(); }

}  // namespace ms::gui
