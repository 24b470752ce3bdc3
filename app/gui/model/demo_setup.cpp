#include "app/gui/model/demo_setup.h"

#include <QFile>
#include <filesystem>
#include <fstream>

#include "app/gui/analysis_settings.h"
#include "core/common/atomic_write.h"
#include "core/data/dataset_registry.h"
#include "core/model/zoo.h"
#include "core/pipeline/zoo_sweep.h"

namespace ms::gui {
namespace fs = std::filesystem;

size_t demo_zoo_size() {
  auto preset = model::zoo_preset("quick");
  return preset ? model::expand(*preset).size() : 0;
}

Status train_demo_zoo(const std::string& dir, Progress& progress, CancelToken& cancel, size_t limit) {
  auto preset = model::zoo_preset("quick");
  if (!preset) return make_error(preset.error());
  std::vector<model::ZooRun> runs = model::expand(*preset);
  if (runs.size() > limit) runs.resize(limit);
  bool all_done = true;
  for (const model::ZooRun& run : runs) all_done = all_done && pipeline::zoo_run_state(dir, run) != pipeline::ZooRunState::missing;
  if (all_done) return Ok{};
  progress.report(0, "reading Fashion-MNIST");
  auto train = data::open_dataset("fashion-mnist:train");
  if (!train) return make_error(train.error());
  auto test = data::open_dataset("fashion-mnist:test");
  if (!test) return make_error(test.error());
  auto summary = pipeline::train_zoo_sweep(runs, *train, *test, dir, 2, progress, cancel);
  if (!summary) return make_error(summary.error());
  progress.report(1, "trained " + std::to_string(summary->trained) + " checkpoints");
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

Result<std::string> write_study_table(const std::string& dir) {
  QFile shipped(":/results/fashion-mnist-study.csv");
  if (!shipped.open(QIODevice::ReadOnly)) return make_error("the study table is missing from this build");
  const QByteArray table = shipped.readAll();
  const std::string path = (fs::path(dir) / "fashion-mnist-study.csv").string();
  std::error_code ignored;
  fs::create_directories(dir, ignored);
  QFile existing(QString::fromStdString(path));
  if (existing.open(QIODevice::ReadOnly) && existing.readAll() == table) return path;
  Status written = write_atomically(path, [&](const std::string& temporary) -> Status {
    std::ofstream out(temporary, std::ios::binary);
    out.write(table.constData(), table.size());
    out.close();
    if (!out) return make_error(temporary + ": could not write the study table");
    return Ok{};
  }, "could not write the study table");
  if (!written) return make_error(written.error());
  return path;
}

}  // namespace ms::gui
