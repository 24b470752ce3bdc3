// bench_extract: what tapping every layer costs over a plain forward pass (core/model/extract_activations.h), and
// how it compares with the route users have today, PyTorch forward hooks in Python, on the same model in the same run.
//
//   bench_extract                      mlp, cnn, resnet (zoo) on 5000 Fashion-MNIST test images, then resnet18_cifar
//   bench_extract --count N            images for the zoo rows (first N of the test set)
//   bench_extract --arch cnn           one architecture (mlp, cnn, resnet or resnet18_cifar)
//   bench_extract --keep K             rows per class the sink keeps (default 50, like the analysis' geometry sample)
//   bench_extract --batch B --threads T   (default 500, 2; both sides of the Python comparison too)
//   bench_extract --tv-count N --tv-keep K --tv-repeats R   the resnet18_cifar row (default 1000 images, 10 per
//                                      class, fastest of 5 rounds)
//   bench_extract --no-python          resnet18_cifar without the Python timings (Python still exports the model)
//   bench_extract --python-keep-freed  Python with glibc's mmap/trim thresholds at 1 GB/4 GB (environment variables):
//                                      freed activation buffers are reused, not faulted in afresh every batch
//
// Zoo rows: the zoo's models (core/model/zoo.h) after one training step on 64 images: speed does not depend on the
// weights. All paths see the same N images, batch 500, 2 threads (or as given); warm-up runs once per method:
//   forward s   compute_logits (logits only)
//   taps s      extract_activations of EVERY tappable layer, the sink's rows selected inside the network, into a sink
//               that drops them: the network's share of extraction
//   extract s   the same into a SubsetSink keeping a class-balanced K per class (in dataset order, as the analysis'
//               sample is): taps + copying the kept activations into one row-major matrix per layer
//   kept MB     float32 activations handed to the sink (rows kept x all layers' widths)
// The three run back to back, 7 times; the table shows the fastest run of each (other jobs load the machine), its
// CPU seconds and minor page faults (getrusage), and the overheads as ratios of the fastest runs.
//
// resnet18_cifar row: tests/bench/bench_extract_hooks.py (run with /usr/bin/python3, when it has torch and
// torchvision) builds torchvision's ResNet18 with a CIFAR stem (seed 0), exports it traced for our side and times,
// on the same eager model, a plain forward and one with register_forward_hook on every leaf module copying the kept
// rows. Our side taps exactly the tensors those hooks see (mapped by module name and call), into a SubsetSink with
// the same rows (taps: into a sink that drops them), and also every layer. Inputs: the first N Fashion-MNIST test
// images padded to 32x32, grey repeated to 3 channels. Rounds alternate between one Python process (one run of
// each method after its warm-up) and one run of each of ours; fastest of each over the rounds. The per-layer sums of
// |kept values| of both sides are compared: same rows, same tensors.
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <nlohmann/json.hpp>
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

// Noise from other jobs only adds time: the fastest run is the estimate.
void keep_fastest(const Usage& run, Usage& best) {
  if (run.wall < best.wall) best = run;
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
constexpr const char* kTorchvision = "resnet18_cifar";
constexpr const char* kPython = "/usr/bin/python3";  // Debian's, where python3-torch installs (PATH's may be a shim)

struct Options {
  int64_t count = 5000, keep = 50, batch = 500;
  int threads = 2;
  std::vector<std::string> architectures = {"mlp", "cnn", "resnet", kTorchvision};
  int64_t tv_count = 1000, tv_keep = 10;
  int tv_repeats = 5;
  bool python = true;
  bool python_keep_freed = false;
};

bool parse(int argc, char** argv, Options& o) {
  for (int i = 1; i < argc; ++i) {
    const bool has_value = i + 1 < argc;
    if (!std::strcmp(argv[i], "--no-python")) o.python = false;
    else if (!std::strcmp(argv[i], "--python-keep-freed")) o.python_keep_freed = true;
    else if (has_value && !std::strcmp(argv[i], "--count")) o.count = std::atoll(argv[++i]);
    else if (has_value && !std::strcmp(argv[i], "--keep")) o.keep = std::atoll(argv[++i]);
    else if (has_value && !std::strcmp(argv[i], "--arch")) o.architectures = {argv[++i]};
    else if (has_value && !std::strcmp(argv[i], "--batch")) o.batch = std::atoll(argv[++i]);
    else if (has_value && !std::strcmp(argv[i], "--threads")) o.threads = std::atoi(argv[++i]);
    else if (has_value && !std::strcmp(argv[i], "--tv-count")) o.tv_count = std::atoll(argv[++i]);
    else if (has_value && !std::strcmp(argv[i], "--tv-keep")) o.tv_keep = std::atoll(argv[++i]);
    else if (has_value && !std::strcmp(argv[i], "--tv-repeats")) o.tv_repeats = std::atoi(argv[++i]);
    else return std::fprintf(stderr, "unknown option %s\n", argv[i]), false;
  }
  return true;
}

data::Dataset head(const data::Dataset& source, int64_t count) {
  data::Dataset out = source;
  out.labels.resize(count);
  out.values.resize(count * source.item_size());
  return out;
}

// K per class, in dataset order (as the analysis' sample is).
Result<std::vector<int64_t>> kept_rows(const data::Dataset& images, int64_t keep) {
  auto rows = data::sample_per_class(images.labels, images.num_classes(), {keep, 0, true, 1});
  if (rows) std::sort(rows->begin(), rows->end());
  return rows;
}

Eigen::Map<const model::RowMatrixXf> as_matrix(const data::Dataset& images) {
  return {images.values.data(), images.count(), images.item_size()};
}

bool run_extract(model::Model& net, const data::Dataset& images, const std::vector<std::string>& ids,
                 const model::BatchOptions& options, model::ActivationSink& sink, Usage& used) {
  NullProgress quiet;
  CancelToken cancel;
  const Usage start = usage_now();
  Status status =
      model::extract_activations(net, as_matrix(images), images.item_shape, ids, options, sink, quiet, cancel);
  used = since(start);
  if (!status) return std::fprintf(stderr, "%s\n", status.error().c_str()), false;
  return true;
}

bool run_forward(model::Model& net, const data::Dataset& images, const model::BatchOptions& options, Usage& used) {
  NullProgress quiet;
  CancelToken cancel;
  const Usage start = usage_now();
  auto logits = model::compute_logits(net, as_matrix(images), images.item_shape, options, quiet, cancel);
  used = since(start);
  if (!logits) return std::fprintf(stderr, "%s\n", logits.error().c_str()), false;
  return true;
}

// ---- zoo rows ----

void print_zoo_header(const data::Dataset& images, const model::BatchOptions& options, size_t kept) {
  std::printf("%lld Fashion-MNIST test images, batch %lld, %d threads, sink keeps %zu rows\n\n",
              static_cast<long long>(images.count()), static_cast<long long>(options.batch_size), options.threads,
              kept);
  std::printf("| model | layers | kept MB | forward s | taps s | taps overhead | extract s | extract overhead | "
              "forward cpu s | taps cpu s | extract cpu s | extract faults |\n");
  std::printf("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
}

bool bench_zoo(const std::string& architecture, const data::Dataset& test, const data::Dataset& images,
               const std::vector<int64_t>& rows, const model::BatchOptions& options) {
  model::ZooRun run;
  run.architecture = architecture;
  run.optimizer = "adamw";
  run.learning_rate = 1e-3;
  run.batch_size = 64;
  NullProgress quiet;
  CancelToken cancel;
  const std::string out_dir = (std::filesystem::temp_directory_path() / "ms-bench-extract").string();
  auto trained = model::train_zoo_model(run, head(test, 64), head(test, 64), out_dir, 2, quiet, cancel);
  if (!trained) return std::fprintf(stderr, "%s\n", trained.error().c_str()), false;
  auto net = model::load_model(trained->checkpoint);
  if (!net) return std::fprintf(stderr, "%s\n", net.error().c_str()), false;
  auto layers = net->layers(images.item_shape);
  if (!layers) return std::fprintf(stderr, "%s\n", layers.error().c_str()), false;
  std::vector<std::string> ids;
  double kept_values = 0;
  for (const model::LayerInfo& layer : *layers) {
    ids.push_back(layer.id);
    kept_values += static_cast<double>(layer.size()) * rows.size();
  }
  // The three back to back, kRepeats times, so that load from other jobs hits them alike.
  Usage best_forward{1e9, 0, 0}, best_taps{1e9, 0, 0}, best_extract{1e9, 0, 0};
  for (int repeat = 0; repeat < kRepeats; ++repeat) {
    Usage forward, taps, extract;
    DroppingSink dropped(rows);
    model::SubsetSink kept(rows);
    if (!run_forward(*net, images, options, forward) || !run_extract(*net, images, ids, options, dropped, taps) ||
        !run_extract(*net, images, ids, options, kept, extract))
      return false;
    keep_fastest(forward, best_forward);
    keep_fastest(taps, best_taps);
    keep_fastest(extract, best_extract);
  }
  std::printf("| %s | %zu | %.0f | %.3f | %.3f | %+.0f %% | %.3f | %+.0f %% | %.2f | %.2f | %.2f | %ld |\n",
              architecture.c_str(), ids.size(), kept_values * 4 / 1e6, best_forward.wall, best_taps.wall,
              100.0 * (best_taps.wall / best_forward.wall - 1.0), best_extract.wall,
              100.0 * (best_extract.wall / best_forward.wall - 1.0), best_forward.cpu, best_taps.cpu, best_extract.cpu,
              best_extract.faults);
  std::fflush(stdout);
  return true;
}

// ---- resnet18_cifar: ours vs forward hooks in Python ----

// Fashion-MNIST as CIFAR-shaped images: 28x28 centred in 32x32 zeros, the grey channel repeated 3 times.
data::Dataset cifar_shaped(const data::Dataset& fashion) {
  data::Dataset out = fashion;
  out.item_shape = {3, 32, 32};
  out.values.assign(static_cast<size_t>(fashion.count()) * 3 * 32 * 32, 0.0f);
  for (int64_t i = 0; i < fashion.count(); ++i)
    for (int c = 0; c < 3; ++c)
      for (int y = 0; y < 28; ++y)
        for (int x = 0; x < 28; ++x)
          out.values[((i * 3 + c) * 32 + y + 2) * 32 + x + 2] = fashion.item(i)[y * 28 + x];
  return out;
}

// images.u8 (values are 0..255 integers in the file's units) and rows.i64, what bench_extract_hooks.py reads.
bool write_inputs(const std::string& dir, const data::Dataset& images, const std::vector<int64_t>& rows) {
  const std::vector<uint8_t> bytes(images.values.begin(), images.values.end());
  std::ofstream pixels(dir + "/images.u8", std::ios::binary);
  pixels.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
  std::ofstream kept(dir + "/rows.i64", std::ios::binary);
  kept.write(reinterpret_cast<const char*>(rows.data()), static_cast<std::streamsize>(rows.size() * sizeof(int64_t)));
  return pixels && kept;
}

bool python_has_torchvision() {
  return std::system((std::string(kPython) + " -c 'import torch, torchvision' > /dev/null 2>&1").c_str()) == 0;
}

// Runs bench_extract_hooks.py: the export always, one timed run of each Python method when `timed` is set.
// Returns its hooks.json.
Result<nlohmann::json> run_python(const std::string& dir, const Options& o, bool timed) {
  const std::string log = dir + "/python.log";
  const std::string environment =
      o.python_keep_freed ? "MALLOC_MMAP_THRESHOLD_=1000000000 MALLOC_TRIM_THRESHOLD_=4000000000 " : "";
  const std::string command = environment + kPython + " '" + MS_BENCH_DIR + "/bench_extract_hooks.py' '" + dir + "'" +
                              (timed ? " --time" : "") + " --batch " + std::to_string(o.batch) + " --threads " +
                              std::to_string(o.threads) + " --repeats 1 > '" + log + "' 2>&1";
  if (std::system(command.c_str()) != 0) return make_error("bench_extract_hooks.py failed, see " + log);
  std::ifstream in(dir + "/hooks.json");
  nlohmann::json report = nlohmann::json::parse(in, nullptr, false);
  if (report.is_discarded() || !report.contains("outputs")) return make_error("unreadable " + dir + "/hooks.json");
  return report;
}

// The `call`-th layer, in graph order, that module `module` returns (as a hook names it), or -1.
int layer_of(const std::vector<model::LayerInfo>& layers, const std::string& module, int call) {
  int seen = 0;
  for (size_t i = 0; i < layers.size(); ++i)
    for (const std::string& name : layers[i].module_outputs)
      if (name == module && seen++ == call) return static_cast<int>(i);
  return -1;
}

// Our layers holding what the Python hooks keep, in hook order.
Result<std::vector<size_t>> hooked_layers(const std::vector<model::LayerInfo>& layers, const nlohmann::json& report) {
  std::vector<size_t> out;
  for (const auto& hooked : report["outputs"]) {
    const std::string module = hooked["module"].get<std::string>();
    const int index = layer_of(layers, module, hooked["call"].get<int>());
    if (index < 0) return make_error("no layer for hooked module " + module);
    if (layers[index].size() != hooked["features"].get<int64_t>()) return make_error("width differs at " + module);
    out.push_back(static_cast<size_t>(index));
  }
  return out;
}

// Largest relative difference between our per-layer sums of |kept values| and Python's.
double max_sum_difference(const std::vector<model::RowMatrixXf>& ours, const nlohmann::json& sums) {
  double worst = 0;
  for (size_t k = 0; k < ours.size(); ++k) {
    const double mine = ours[k].cast<double>().cwiseAbs().sum(), theirs = sums[k].get<double>();
    worst = std::max(worst, std::abs(mine - theirs) / std::max(1e-30, std::abs(theirs)));
  }
  return worst;
}

struct OursBest {
  Usage forward{1e9, 0, 0}, taps{1e9, 0, 0}, hooked{1e9, 0, 0}, every{1e9, 0, 0};
  std::vector<model::RowMatrixXf> kept;  // the hooked set's matrices of the last run
};

// One round of our paths back to back: forward, the hooked set's taps (rows selected, values dropped) and extract,
// and the extract of every layer.
bool time_ours(model::Model& net, const data::Dataset& images, const std::vector<int64_t>& rows,
               const std::vector<std::string>& hooked_ids, const std::vector<std::string>& every_id,
               const model::BatchOptions& options, OursBest& best) {
  Usage forward, taps, hooked, every;
  DroppingSink dropped(rows);
  model::SubsetSink kept(rows);
  if (!run_forward(net, images, options, forward) || !run_extract(net, images, hooked_ids, options, dropped, taps) ||
      !run_extract(net, images, hooked_ids, options, kept, hooked))
    return false;
  best.kept = kept.take();
  model::SubsetSink all(rows);
  if (!run_extract(net, images, every_id, options, all, every)) return false;
  keep_fastest(forward, best.forward);
  keep_fastest(taps, best.taps);
  keep_fastest(hooked, best.hooked);
  keep_fastest(every, best.every);
  return true;
}

// The fastest Python run of each method over the rounds; `report` is the last round's hooks.json.
struct PythonBest {
  nlohmann::json report;
  Usage forward{1e9, 0, 0}, hooks{1e9, 0, 0};

  void add(const nlohmann::json& round) {
    report = round;
    if (!round.contains("hooks_s")) return;  // --no-python: the export only
    for (auto [method, best] : {std::pair{"forward", &forward}, {"hooks", &hooks}}) {
      const std::string name = method;
      keep_fastest({round[name + "_s"].get<double>(), round[name + "_cpu_s"].get<double>(),
                    round[name + "_faults"].get<long>()},
                   *best);
    }
  }
  bool timed() const { return report.contains("hooks_s"); }
};

// The exported model on our side and the layer lists: what the hooks see, and every layer.
struct Torchvision {
  model::Model net;
  std::vector<std::string> hooked_ids, every_id;
  double hooked_floats = 0, every_floats = 0;
};

Result<Torchvision> load_torchvision(const std::string& dir, const data::Dataset& images,
                                     const nlohmann::json& report) {
  auto net = model::load_model(dir + "/" + kTorchvision + "_traced.pt");
  if (!net) return make_error(net.error());
  auto layers = net->layers(images.item_shape);
  if (!layers) return make_error(layers.error());
  auto hooked = hooked_layers(*layers, report);
  if (!hooked) return make_error(hooked.error());
  Torchvision out{std::move(*net), {}, {}};
  for (size_t index : *hooked) {
    out.hooked_ids.push_back((*layers)[index].id);
    out.hooked_floats += static_cast<double>((*layers)[index].size());
  }
  for (const model::LayerInfo& layer : *layers) {
    out.every_id.push_back(layer.id);
    out.every_floats += static_cast<double>(layer.size());
  }
  return out;
}

void print_torchvision_header(const data::Dataset& images, const model::BatchOptions& options, size_t kept,
                              const Options& o, const nlohmann::json& report) {
  std::printf("\n%s: %lld Fashion-MNIST test images padded to 3x32x32, batch %lld, %d threads, %zu kept rows, "
              "fastest of %d rounds; PyTorch %s, torchvision %s%s\n\n",
              kTorchvision, static_cast<long long>(images.count()), static_cast<long long>(options.batch_size),
              options.threads, kept, o.tv_repeats, report["torch"].get<std::string>().c_str(),
              report["torchvision"].get<std::string>().c_str(),
              o.python_keep_freed ? "; Python with MALLOC_MMAP_THRESHOLD_=1e9 MALLOC_TRIM_THRESHOLD_=4e9" : "");
  std::printf("| model | layers: hooked = ours (all) | floats per image: hooked = ours (all) | ours forward s (cpu) | "
              "python forward s (cpu) | python / ours forward | ours extract s (cpu) | python hooks s (cpu) | "
              "python hooks / ours extract | ours taps s | ours extract, all layers s | "
              "page faults ours / python: forward, extract | kept sums max rel diff |\n");
  std::printf("|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
}

template <class... Args>
std::string format(const char* pattern, Args... args) {
  char text[96];
  std::snprintf(text, sizeof text, pattern, args...);
  return text;
}

void print_torchvision_row(const Torchvision& tv, const OursBest& ours, const PythonBest& python) {
  std::string forward = "-", forward_ratio = "-", hooks = "-", hooks_ratio = "-", difference = "-";
  std::string faults = format("%ld / -, %ld / -", ours.forward.faults, ours.hooked.faults);
  if (python.timed()) {
    forward = format("%.2f (%.2f)", python.forward.wall, python.forward.cpu);
    forward_ratio = format("%.2fx", python.forward.wall / ours.forward.wall);
    hooks = format("%.2f (%.2f)", python.hooks.wall, python.hooks.cpu);
    hooks_ratio = format("%.2fx", python.hooks.wall / ours.hooked.wall);
    faults = format("%ld / %ld, %ld / %ld", ours.forward.faults, python.forward.faults, ours.hooked.faults,
                    python.hooks.faults);
    difference = format("%.1e", max_sum_difference(ours.kept, python.report["sums"]));
  }
  std::printf("| %s | %zu (%zu) | %.0f (%.0f) | %.2f (%.2f) | %s | %s | %.2f (%.2f) | %s | %s | %.2f | %.2f | %s | "
              "%s |\n",
              kTorchvision, tv.hooked_ids.size(), tv.every_id.size(), tv.hooked_floats, tv.every_floats,
              ours.forward.wall, ours.forward.cpu, forward.c_str(), forward_ratio.c_str(), ours.hooked.wall,
              ours.hooked.cpu, hooks.c_str(), hooks_ratio.c_str(), ours.taps.wall, ours.every.wall, faults.c_str(),
              difference.c_str());
}

bool bench_torchvision(const data::Dataset& test, const Options& o, const model::BatchOptions& options) {
  if (!python_has_torchvision()) {  // it also exports the model: without it there is no row
    std::printf("\n%s: skipped, %s has no torch/torchvision (packaging/install-deps.sh)\n", kTorchvision, kPython);
    return true;
  }
  const std::string dir = (std::filesystem::temp_directory_path() / "ms-bench-extract" / kTorchvision).string();
  std::filesystem::create_directories(dir);
  const data::Dataset images = cifar_shaped(head(test, std::min<int64_t>(o.tv_count, test.count())));
  auto rows = kept_rows(images, o.tv_keep);
  if (!rows) return std::fprintf(stderr, "%s\n", rows.error().c_str()), false;
  if (!write_inputs(dir, images, *rows)) return std::fprintf(stderr, "cannot write to %s\n", dir.c_str()), false;
  // Rounds alternate between a Python process (one run of each of its methods) and our side, so that load from
  // other jobs hits both alike; the first Python run also writes the model our side loads.
  PythonBest python;
  OursBest ours;
  std::optional<Torchvision> tv;
  for (int round = 0; round < o.tv_repeats; ++round) {
    if (round == 0 || o.python) {
      auto report = run_python(dir, o, o.python);
      if (!report) return std::fprintf(stderr, "%s\n", report.error().c_str()), false;
      python.add(*report);
    }
    if (!tv) {
      auto loaded = load_torchvision(dir, images, python.report);
      if (!loaded) return std::fprintf(stderr, "%s\n", loaded.error().c_str()), false;
      tv.emplace(std::move(*loaded));
    }
    if (!time_ours(tv->net, images, *rows, tv->hooked_ids, tv->every_id, options, ours)) return false;
  }
  print_torchvision_header(images, options, rows->size(), o, python.report);
  print_torchvision_row(*tv, ours, python);
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  if (!parse(argc, argv, o)) return 2;
  const std::string root = std::string(MS_DATASETS_DIR) + "/fashion-mnist/";
  auto test = data::read_idx_dataset(root + "t10k-images-idx3-ubyte.gz", root + "t10k-labels-idx1-ubyte.gz");
  if (!test) return std::fprintf(stderr, "%s\n", test.error().c_str()), 1;
  model::BatchOptions options;
  options.normalization.scale = 1.0f / 255.0f;
  options.batch_size = o.batch;
  options.threads = o.threads;

  const data::Dataset images = head(*test, std::min<int64_t>(o.count, test->count()));
  auto rows = kept_rows(images, o.keep);
  if (!rows) return std::fprintf(stderr, "%s\n", rows.error().c_str()), 1;
  bool header = false;
  for (const std::string& architecture : o.architectures) {
    if (architecture == kTorchvision) {
      if (!bench_torchvision(*test, o, options)) return 1;
      continue;
    }
    if (!header) print_zoo_header(images, options, rows->size());
    header = true;
    if (!bench_zoo(architecture, *test, images, *rows, options)) return 1;
  }
  return 0;
}
