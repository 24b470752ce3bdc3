// bench_extract: what tapping every layer costs over a plain forward pass (core/model/extract_activations.h).
//
//   bench_extract                      mlp, cnn and resnet from the zoo definitions, 5000 Fashion-MNIST test images
//   bench_extract --count N            images (first N of the test set)
//   bench_extract --arch cnn           one architecture
//   bench_extract --keep K             rows per class the sink keeps (default 50, like the analysis' geometry sample)
//   bench_extract --batch B --threads T   (default 500, 2)
//
// The models are the zoo's (core/model/zoo.h) after one training step on 64 images: speed does not depend on the
// weights. All paths see the same N images, batch 500, 2 threads (or as given); warm-up runs once per method:
//   forward s   compute_logits (logits only)
//   taps s      extract_activations of EVERY tappable layer, the sink's rows selected inside the network, into a sink
//               that drops them: the network's share of extraction
//   extract s   the same into a SubsetSink keeping a class-balanced K per class (in dataset order, as the analysis'
//               sample is): taps + copying the kept activations into one column-major matrix per layer
//   kept MB     float32 activations handed to the sink (rows kept x all layers' widths)
// The three run back to back, 7 times; the table shows the fastest run of each (other jobs load the machine), its
// CPU seconds and minor page faults (getrusage), and the overheads as ratios of the fastest runs.
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include "core/data/idx_reader.h"
#include "core/data/sampling.h"
#include "core/model/activation_sink.h"
#include "core/model/compute_logits.h"
#include "core/model/extract_activations.h"
#include "core/model/model.h"
#include "core/model/zoo.h"

using namespace ms;

namespace {

struct Usage {
  double wall = 0, cpu = 0;
  long faults = 0;
};

Usage usage_now() {
  rusage r{};
  getrusage(RUSAGE_SELF, &r);
  Usage u;
  u.wall = std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
  u.cpu = r.ru_utime.tv_sec + r.ru_stime.tv_sec + 1e-6 * (r.ru_utime.tv_usec + r.ru_stime.tv_usec);
  u.faults = r.ru_minflt;
  return u;
}

Usage since(const Usage& start) {
  Usage end = usage_now();
  return {end.wall - start.wall, end.cpu - start.cpu, end.faults - start.faults};
}

// Selects the rows a SubsetSink would keep, then drops their values.
class DroppingSink final : public model::ActivationSink {
 public:
  explicit DroppingSink(std::vector<int64_t> rows) : subset_(std::move(rows)) {}
  void begin(const std::vector<model::LayerInfo>&, int64_t) override {}
  std::vector<int64_t> wanted_rows(int64_t first_row, int64_t count) const override {
    return subset_.wanted_rows(first_row, count);
  }
  void consume(int, const std::vector<int64_t>&, const Eigen::Ref<const model::RowMatrixXf>&) override {}

 private:
  model::SubsetSink subset_;
};

constexpr int kRepeats = 7;

data::Dataset head(const data::Dataset& source, int64_t count) {
  data::Dataset out = source;
  out.labels.resize(count);
  out.values.resize(count * source.item_size());
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  int64_t count = 5000, keep = 50, batch = 500;
  int threads = 2;
  std::vector<std::string> architectures = {"mlp", "cnn", "resnet"};
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--count")) count = std::atoll(argv[i + 1]);
    else if (!std::strcmp(argv[i], "--keep")) keep = std::atoll(argv[i + 1]);
    else if (!std::strcmp(argv[i], "--arch")) architectures = {argv[i + 1]};
    else if (!std::strcmp(argv[i], "--batch")) batch = std::atoll(argv[i + 1]);
    else if (!std::strcmp(argv[i], "--threads")) threads = std::atoi(argv[i + 1]);
    else return std::fprintf(stderr, "unknown option %s\n", argv[i]), 2;
  }
  const std::string root = std::string(MS_DATASETS_DIR) + "/fashion-mnist/";
  auto test = data::read_idx_dataset(root + "t10k-images-idx3-ubyte.gz", root + "t10k-labels-idx1-ubyte.gz");
  if (!test) return std::fprintf(stderr, "%s\n", test.error().c_str()), 1;
  count = std::min<int64_t>(count, test->count());
  const data::Dataset images = head(*test, count);
  auto rows = data::sample_per_class(images.labels, images.num_classes(), {keep, 0, true, 1});
  if (!rows) return std::fprintf(stderr, "%s\n", rows.error().c_str()), 1;
  std::sort(rows->begin(), rows->end());  // dataset order, as the analysis' sample is

  model::BatchOptions options;
  options.normalization.scale = 1.0f / 255.0f;
  options.batch_size = batch;
  options.threads = threads;
  Eigen::Map<const model::RowMatrixXf> X(images.values.data(), images.count(), images.item_size());
  const std::string out_dir = (std::filesystem::temp_directory_path() / "ms-bench-extract").string();

  std::printf("%lld Fashion-MNIST test images, batch %lld, %d threads, sink keeps %zu rows\n\n",
              static_cast<long long>(count), static_cast<long long>(options.batch_size), options.threads, rows->size());
  std::printf("| model | layers | kept MB | forward s | taps s | taps overhead | extract s | extract overhead | "
              "forward cpu s | taps cpu s | extract cpu s | extract faults |\n");
  std::printf("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
  for (const std::string& architecture : architectures) {
    model::ZooRun run;
    run.architecture = architecture;
    run.optimizer = "adamw";
    run.learning_rate = 1e-3;
    run.batch_size = 64;
    NullProgress quiet;
    CancelToken cancel;
    auto trained = model::train_zoo_model(run, head(*test, 64), head(*test, 64), out_dir, 2, quiet, cancel);
    if (!trained) return std::fprintf(stderr, "%s\n", trained.error().c_str()), 1;
    auto net = model::load_model(trained->checkpoint);
    if (!net) return std::fprintf(stderr, "%s\n", net.error().c_str()), 1;
    auto layers = net->layers(images.item_shape);
    if (!layers) return std::fprintf(stderr, "%s\n", layers.error().c_str()), 1;
    std::vector<std::string> ids;
    for (const model::LayerInfo& layer : *layers) ids.push_back(layer.id);

    double kept_values = 0;
    for (const model::LayerInfo& layer : *layers) kept_values += static_cast<double>(layer.size()) * rows->size();

    auto run_extract = [&](model::ActivationSink& sink, Usage& used) -> bool {
      const Usage start = usage_now();
      Status status = model::extract_activations(*net, X, images.item_shape, ids, options, sink, quiet, cancel);
      used = since(start);
      if (!status) return std::fprintf(stderr, "%s\n", status.error().c_str()), false;
      return true;
    };
    // The three back to back, kRepeats times; noise from other jobs only adds time, so the fastest run of each is
    // the estimate and the overheads are ratios of fastest runs.
    Usage best_forward{1e9, 0, 0}, best_taps{1e9, 0, 0}, best_extract{1e9, 0, 0};
    for (int repeat = 0; repeat < kRepeats; ++repeat) {
      Usage start = usage_now();
      auto logits = model::compute_logits(*net, X, images.item_shape, options, quiet, cancel);
      Usage forward = since(start);
      if (!logits) return std::fprintf(stderr, "%s\n", logits.error().c_str()), 1;

      DroppingSink dropped(*rows);
      model::SubsetSink kept(*rows);
      Usage taps, extract;
      if (!run_extract(dropped, taps) || !run_extract(kept, extract)) return 1;
      for (auto [run, best] : {std::pair{&forward, &best_forward}, {&taps, &best_taps}, {&extract, &best_extract}})
        if (run->wall < best->wall) *best = *run;
    }
    std::printf("| %s | %zu | %.0f | %.3f | %.3f | %+.0f %% | %.3f | %+.0f %% | %.2f | %.2f | %.2f | %ld |\n",
                architecture.c_str(), ids.size(), kept_values * 4 / 1e6, best_forward.wall, best_taps.wall,
                100.0 * (best_taps.wall / best_forward.wall - 1.0), best_extract.wall,
                100.0 * (best_extract.wall / best_forward.wall - 1.0), best_forward.cpu, best_taps.cpu,
                best_extract.cpu, best_extract.faults);
    std::fflush(stdout);
  }
  return 0;
}
