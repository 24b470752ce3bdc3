// bench_analyze: one whole analysis (core/pipeline/analyse_job.h) of one quick-zoo checkpoint, with its stage times.
//
//   bench_analyze                     trains the quick zoo's cnn-adamw-lr0.002 run (1 epoch on 10k images), then
//                                     analyses it
//   bench_analyze --arch resnet       another quick-zoo architecture (mlp, cnn, resnet)
//   bench_analyze --checkpoint F.pt   an existing checkpoint instead (its sidecar gives the normalisation)
//   bench_analyze --threads T         (default 2)
//
// The analysis is the CLI's default: Fashion-MNIST test (10 000 images), every layer, GLUE (50 points per class,
// n_t = 200) and every baseline marker, the six corruptions gaussian_noise fog brightness contrast pixelate
// jpeg_compression at severity 3, and the uci-digits@28x28 transfer probe when that dataset is present.
// Stage times come from the job's progress messages: the time from one message to the next is charged to the stage
// the first one names (it announces the work), except that a "batch i/n" message reports work just done and takes
// the time before it. Extraction includes loading the checkpoint and discovering its layers. Wall and CPU seconds
// (getrusage, both threads): compare CPU when other jobs load the machine.
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <map>
#include <string>

#include "core/data/dataset_registry.h"
#include "core/model/zoo.h"
#include "core/pipeline/analyse_job.h"
#include "tests/bench/bench_clock.h"

using namespace ms;
namespace fs = std::filesystem;

namespace {

using ms::bench::cpu_seconds;
using ms::bench::now;

class StageClock final : public Progress {
 public:
  void report(double, const std::string& message) override {
    const double t = now(), c = cpu_seconds();
    const std::string next = stage_of(message);
    const std::string& charged = message.find(": batch ") != std::string::npos ? next : stage_;
    if (!charged.empty()) {
      seconds[charged] += t - last_;
      cpu[charged] += c - last_cpu_;
    }
    stage_ = next;
    last_ = t;
    last_cpu_ = c;
  }
  void finish() { report(1.0, "done"); }
  std::map<std::string, double> seconds, cpu;

 private:
  static std::string stage_of(const std::string& m) {
    auto has = [&](const char* part) { return m.find(part) != std::string::npos; };
    if (has("transfer probe")) return "5 transfer probe (penultimate features + fit)";
    if (has("logits on") && has("+")) return "4 OOD logits (6 shifted sets)";
    if (has("logits on")) return "3 ID logits";
    if (has("baseline markers")) return "2b baselines";
    if (has("GLUE")) return "2a GLUE";
    if (has("activations") || has("loading")) return "1 extraction (geometry sample, all layers)";
    if (has("corrupting")) return "0b corrupting the ID set";
    if (has("reading")) return "0a reading data";
    if (has("done")) return "";
    return "other (model load, layer discovery, saving)";
  }
  std::string stage_;
  double last_ = 0, last_cpu_ = 0;
};

}  // namespace

int main(int argc, char** argv) {
  std::string architecture = "cnn", checkpoint;
  int threads = 2;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--arch")) architecture = argv[i + 1];
    else if (!std::strcmp(argv[i], "--checkpoint")) checkpoint = argv[i + 1];
    else if (!std::strcmp(argv[i], "--threads")) threads = std::atoi(argv[i + 1]);
    else return std::fprintf(stderr, "unknown option %s\n", argv[i]), 2;
  }
  const fs::path dir = fs::temp_directory_path() / "ms-bench-analyze";
  fs::remove_all(dir);
  fs::create_directories(dir);
  NullProgress quiet;
  CancelToken cancel;
  if (checkpoint.empty()) {
    auto train = data::open_dataset("fashion-mnist:train");
    auto test = data::open_dataset("fashion-mnist:test");
    if (!train || !test) return std::fprintf(stderr, "no Fashion-MNIST\n"), 1;
    model::ZooRun run;  // the quick preset's run: 1 epoch on a class-balanced 10k
    run.architecture = architecture;
    run.optimizer = "adamw";
    run.learning_rate = 0.002;
    run.weight_decay = 0.0005;
    run.train_limit = 10000;
    const double start = now();
    auto trained = model::train_zoo_model(run, *train, *test, dir.string(), threads, quiet, cancel);
    if (!trained) return std::fprintf(stderr, "%s\n", trained.error().c_str()), 1;
    std::printf("trained %s in %.1f s (test accuracy %.3f)\n", run.name().c_str(), now() - start,
                trained->test_accuracy);
    checkpoint = trained->checkpoint;
  }

  pipeline::AnalyseOptions options;
  options.checkpoints = {checkpoint};
  for (const char* name : {"gaussian_noise", "fog", "brightness", "contrast", "pixelate", "jpeg_compression"})
    options.shifts.push_back({name, 3});
  const bool digits = data::open_dataset("uci-digits").ok();
  if (digits) options.transfer_dataset = "uci-digits@28x28";
  options.glue.threads = threads;
  options.batch.threads = threads;
  options.project_path = (dir / "bench.msproj").string();

  StageClock clock;
  const double start = now(), start_cpu = cpu_seconds();
  auto summary = pipeline::run_analyse(options, clock, cancel);
  clock.finish();
  const double total = now() - start, total_cpu = cpu_seconds() - start_cpu;
  if (!summary) return std::fprintf(stderr, "%s\n", summary.error().c_str()), 1;
  if (!summary->failures.empty()) return std::fprintf(stderr, "%s\n", summary->failures[0].c_str()), 1;
  std::printf("run_analyse of %s: %.1f s on %d threads%s\n\n| stage | s | cpu s |\n|---|---|---|\n",
              fs::path(checkpoint).filename().c_str(), total, threads, digits ? "" : " (no uci-digits: no probe)");
  for (const auto& [stage, seconds] : clock.seconds)
    std::printf("| %s | %.2f | %.2f |\n", stage.c_str(), seconds, clock.cpu[stage]);
  std::printf("| **total** | **%.2f** | **%.2f** |\n", total, total_cpu);
  return 0;
}
