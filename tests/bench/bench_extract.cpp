// bench_extract: what tapping every layer costs over a plain forward pass (core/model/extract_activations.h).
//
//   bench_extract                      mlp, cnn and resnet from the zoo definitions, 5000 Fashion-MNIST test images
//   bench_extract --count N            images (first N of the test set)
//   bench_extract --arch cnn           one architecture
//   bench_extract --keep K             rows per class the sink keeps (default 50, like the analysis' geometry sample)
//   bench_extract --batch B --threads T   (default 500, 2)
//
// The models are the zoo's (core/model/zoo.h) after one training step on 64 images: speed does not depend on the
// weights. Both paths see the same N images, batch 500, 2 threads (or as given), one warm-up batch:
//   forward s   compute_logits (logits only)
//   extract s   extract_activations of EVERY tappable layer into a SubsetSink keeping a class-balanced K per class
// Each is run 3 times, alternating; the table shows the fastest run of each (other jobs load the machine) and its
// CPU seconds and minor page faults (getrusage).
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

  model::BatchOptions options;
  options.normalization.scale = 1.0f / 255.0f;
  options.batch_size = batch;
  options.threads = threads;
  Eigen::Map<const model::RowMatrixXf> X(images.values.data(), images.count(), images.item_size());
  const std::string out_dir = (std::filesystem::temp_directory_path() / "ms-bench-extract").string();

  std::printf("%lld Fashion-MNIST test images, batch %lld, %d threads, sink keeps %zu rows\n\n",
              static_cast<long long>(count), static_cast<long long>(options.batch_size), options.threads, rows->size());
  std::printf("| model | layers | forward s | extract s | overhead | forward cpu s | extract cpu s | forward faults | extract faults |\n");
  std::printf("|---|---|---|---|---|---|---|---|---|\n");
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

    Usage best_forward{1e9, 0, 0}, best_extract{1e9, 0, 0};
    for (int repeat = 0; repeat < 3; ++repeat) {
      Usage start = usage_now();
      auto logits = model::compute_logits(*net, X, images.item_shape, options, quiet, cancel);
      Usage forward = since(start);
      if (!logits) return std::fprintf(stderr, "%s\n", logits.error().c_str()), 1;
      if (forward.wall < best_forward.wall) best_forward = forward;

      model::SubsetSink sink(*rows);
      start = usage_now();
      Status status = model::extract_activations(*net, X, images.item_shape, ids, options, sink, quiet, cancel);
      Usage extract = since(start);
      if (!status) return std::fprintf(stderr, "%s\n", status.error().c_str()), 1;
      if (extract.wall < best_extract.wall) best_extract = extract;
    }
    std::printf("| %s | %zu | %.3f | %.3f | %+.0f %% | %.2f | %.2f | %ld | %ld |\n", architecture.c_str(), ids.size(),
                best_forward.wall, best_extract.wall, 100.0 * (best_extract.wall / best_forward.wall - 1.0),
                best_forward.cpu, best_extract.cpu, best_forward.faults, best_extract.faults);
    std::fflush(stdout);
  }
  return 0;
}
