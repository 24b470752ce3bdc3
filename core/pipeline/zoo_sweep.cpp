#include "core/pipeline/zoo_sweep.h"

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "core/store/results_table.h"

namespace ms::pipeline {
namespace fs = std::filesystem;

namespace {

fs::path file_of(const std::string& dir, const model::ZooRun& run, const char* extension) {
  return fs::path(dir) / (run.name() + extension);
}

nlohmann::json read_json(const fs::path& file) {
  std::ifstream in(file);
  const nlohmann::json json = nlohmann::json::parse(in, nullptr, false);
  return json.is_object() ? json : nlohmann::json::object();
}

// A sidecar field as CSV text ("" when absent).
std::string field(const nlohmann::json& sidecar, const char* key) {
  if (!sidecar.contains(key)) return "";
  const nlohmann::json& value = sidecar[key];
  return value.is_string() ? value.get<std::string>() : value.dump();
}

std::vector<std::string> trained_row(const std::string& dir, const model::ZooRun& run) {
  const nlohmann::json json = read_json(file_of(dir, run, ".json"));
  return {run.name(), run.architecture, run.optimizer, field(json, "learning_rate"), field(json, "weight_decay"),
          field(json, "seed"), field(json, "epochs"), field(json, "schedule"), "trained",
          field(json, "final_train_loss"), field(json, "test_accuracy"), field(json, "test_loss"),
          field(json, "seconds"), fs::absolute(file_of(dir, run, ".pt")).string()};
}

// A done run must have been trained as this grid asks: a folder of 1-epoch runs is not resumed as a 3-epoch sweep.
Status check_trained_like(const std::string& dir, const model::ZooRun& run) {
  const fs::path sidecar = file_of(dir, run, ".json");
  const nlohmann::json json = read_json(sidecar);
  const std::string epochs = field(json, "epochs"), schedule = field(json, "schedule");
  const std::string wanted_schedule = run.schedule == "constant" && schedule.empty() ? "" : run.schedule;
  if (epochs == std::to_string(run.epochs) && schedule == wanted_schedule) return Ok{};
  return make_error(sidecar.string() + ": trained with " + (epochs.empty() ? "?" : epochs) + " epochs (" +
                    (schedule.empty() ? "constant" : schedule) + " schedule), but this grid asks for " +
                    std::to_string(run.epochs) + " (" + run.schedule + "); use another output folder");
}

}  // namespace

ZooRunState zoo_run_state(const std::string& dir, const model::ZooRun& run) {
  std::error_code ec;
  if (fs::exists(file_of(dir, run, ".json"), ec) && fs::exists(file_of(dir, run, ".pt"), ec))
    return ZooRunState::trained;
  if (fs::exists(file_of(dir, run, ".diverged"), ec)) return ZooRunState::diverged;
  return ZooRunState::missing;
}

Status write_zoo_table(const std::vector<model::ZooRun>& runs, const std::string& dir) {
  store::Table table;
  table.columns = {"name", "architecture", "optimizer", "learning_rate", "weight_decay", "seed", "epochs",
                   "schedule", "status", "final_train_loss", "test_accuracy", "test_loss", "seconds", "checkpoint"};
  for (const model::ZooRun& run : runs) {
    switch (zoo_run_state(dir, run)) {
      case ZooRunState::trained:
        table.rows.push_back(trained_row(dir, run));
        break;
      case ZooRunState::diverged: {
        std::vector<std::string> row(table.columns.size());
        row[0] = run.name(), row[1] = run.architecture, row[2] = run.optimizer, row[8] = "diverged";
        table.rows.push_back(std::move(row));
        break;
      }
      case ZooRunState::missing:
        break;
    }
  }
  return store::write_csv(table, (fs::path(dir) / "zoo.csv").string());
}

Result<ZooSweepSummary> train_zoo_sweep(const std::vector<model::ZooRun>& runs, const data::Dataset& train,
                                        const data::Dataset& test, const std::string& dir, int threads,
                                        Progress& progress, CancelToken& cancel, const ZooRunFinished& finished) {
  ZooSweepSummary summary;
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return make_error(dir + ": cannot create folder (" + ec.message() + ")");
  std::vector<size_t> missing;
  for (size_t i = 0; i < runs.size(); ++i) {
    const ZooRunState state = zoo_run_state(dir, runs[i]);
    if (state == ZooRunState::missing) missing.push_back(i);
    if (state == ZooRunState::trained)
      if (Status same = check_trained_like(dir, runs[i]); !same) return make_error(same.error());
  }
  summary.skipped = static_cast<int>(runs.size() - missing.size());
  if (summary.skipped > 0)
    progress.note(std::to_string(summary.skipped) + " of " + std::to_string(runs.size()) +
                  " runs are already done in " + dir + "; training the other " + std::to_string(missing.size()));
  for (size_t k = 0; k < missing.size(); ++k) {
    const model::ZooRun& run = runs[missing[k]];
    const double count = static_cast<double>(missing.size());
    SliceProgress run_progress(progress, k / count, (k + 1) / count,
                               "training " + std::to_string(k + 1) + "/" + std::to_string(missing.size()) + " ");
    Result<model::ZooResult> result = model::train_zoo_model(run, train, test, dir, threads, run_progress, cancel);
    if (!result) return make_error(result.error());
    ++(result->diverged ? summary.diverged : summary.trained);
    if (Status table = write_zoo_table(runs, dir); !table) return make_error(table.error());
    if (finished) finished(missing[k], run, *result);
  }
  if (missing.empty())
    if (Status table = write_zoo_table(runs, dir); !table) return make_error(table.error());
  return summary;
}

}  // namespace ms::pipeline
