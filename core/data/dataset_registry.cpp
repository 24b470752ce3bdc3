#include "core/data/dataset_registry.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <filesystem>

#include "core/data/cifar_reader.h"
#include "core/data/corruptions.h"
#include "core/data/digits_reader.h"
#include "core/data/hdf5_array_reader.h"
#include "core/data/idx_reader.h"
#include "core/data/image_folder_reader.h"
#include "core/data/npy_dataset.h"
#include "core/data/transfer_sets.h"

namespace ms::data {
namespace fs = std::filesystem;
namespace {

std::string datasets_root() {
  // The environment variable lets a user (or a test) point at another copy of the dataset-* packages.
  const char* env = std::getenv("MANIFOLDSCOPE_DATASETS_DIR");
  return env && *env ? env : MS_DATASETS_DIR;
}

const char* const kDigitsCsv = "/usr/lib/python3/dist-packages/sklearn/datasets/data/digits.csv.gz";

std::vector<std::string> fashion_mnist_classes() {
  return {"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"};
}

bool ends_with(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

Result<Dataset> open_known(const KnownDataset& known, const std::string& split) {
  if (!known.available)
    return make_error(known.name + ": not installed (expected at " + known.location + "; install the Debian package " +
                      known.package + ")");
  Result<Dataset> loaded = make_error("");
  if (known.name == "fashion-mnist") {
    const std::string prefix = known.location + "/" + (split == "train" ? "train" : "t10k");
    loaded = read_idx_dataset(prefix + "-images-idx3-ubyte.gz", prefix + "-labels-idx1-ubyte.gz",
                              fashion_mnist_classes());
  } else {
    loaded = read_digits_csv(known.location);
  }
  if (loaded) loaded->name = known.name + ":" + split;
  return loaded;
}

// "x.h5:/group/values:/labels" -> file and optional dataset paths.
Result<Dataset> open_hdf5(const std::string& spec) {
  std::string file = spec, values, labels = "labels";
  for (const char* ext : {".h5:", ".hdf5:"}) {
    auto at = spec.find(ext);
    if (at == std::string::npos) continue;
    file = spec.substr(0, at + std::string(ext).size() - 1);
    std::string rest = spec.substr(file.size() + 1);
    auto colon = rest.find(':');
    values = rest.substr(0, colon);
    if (colon != std::string::npos) labels = rest.substr(colon + 1);
  }
  if (values.empty()) {
    auto with_images = read_hdf5_arrays(file, "images", labels);
    if (with_images || with_images.error().find("no dataset at 'images'") == std::string::npos) return with_images;
    values = "features";
  }
  return read_hdf5_arrays(file, values, labels);
}

// "x.npy" (the whole array) or "x.npy:S" (severity S = 1..5 of a CIFAR-10-C-layout file). False for other specs.
bool open_npy(const std::string& spec, Result<Dataset>* out) {
  if (ends_with(spec, ".npy")) return *out = read_npy_dataset(spec), true;
  const auto at = spec.rfind(".npy:");
  if (at == std::string::npos || spec.find('/', at) != std::string::npos) return false;
  const std::string file = spec.substr(0, at + 4), severity = spec.substr(at + 5);
  if (severity.size() != 1 || severity[0] < '1' || severity[0] > '5')
    return *out = make_error(spec + ": severity '" + severity + "' is not 1..5 (the CIFAR-10-C block of " + file + ")"),
           true;
  *out = read_npy_dataset(file, severity[0] - '0');
  return true;
}

Result<Dataset> open_cifar_folder(const fs::path& dir) {
  std::vector<std::string> batches;
  for (const auto& entry : fs::directory_iterator(dir))
    if (entry.path().extension() == ".bin") batches.push_back(entry.path().string());
  std::sort(batches.begin(), batches.end());
  return read_cifar_batches(batches, CifarVariant::cifar10);
}

}  // namespace

std::vector<KnownDataset> known_datasets() {
  std::vector<KnownDataset> all;
  KnownDataset fashion{"fashion-mnist", "Zalando's article images, 28x28 grey, 10 classes", "dataset-fashion-mnist",
                       {"train", "test"}, datasets_root() + "/fashion-mnist"};
  fashion.available = fs::exists(fashion.location + "/t10k-images-idx3-ubyte.gz");
  all.push_back(fashion);
  KnownDataset digits{"uci-digits", "UCI handwritten digits, 8x8 grey (0..16), 10 classes", "python3-sklearn",
                      {"all"}, kDigitsCsv};
  digits.available = fs::exists(digits.location);
  all.push_back(digits);
  return all;
}

std::vector<std::string> expand_splits(const std::string& spec) {
  for (const KnownDataset& known : known_datasets()) {
    if (spec != known.name) continue;
    std::vector<std::string> specs;
    for (const std::string& split : known.splits) specs.push_back(known.name + ":" + split);
    return specs;
  }
  return {spec};
}

// "BASE[3,4,5]" keeps those classes (relabelled 0..); "BASE@28x28" resizes images (to uint8 units).
// Returns false when `spec` has neither suffix.
static bool open_transformed(const std::string& spec, Result<Dataset>* out) {
  std::error_code ec;
  if (fs::exists(spec, ec)) return false;
  if (!spec.empty() && spec.back() == ']') {
    const auto open = spec.rfind('[');
    if (open == std::string::npos || open == 0) return false;
    std::vector<int> classes;
    std::stringstream list(spec.substr(open + 1, spec.size() - open - 2));
    for (std::string item; std::getline(list, item, ',');) {
      char* end = nullptr;
      const long value = std::strtol(item.c_str(), &end, 10);
      if (item.empty() || *end != '\0') return *out = make_error(spec + ": class list must be numbers, e.g. [0,1,2]"), true;
      classes.push_back(static_cast<int>(value));
    }
    auto base = open_dataset(spec.substr(0, open));
    *out = base ? select_classes(*base, classes) : base;
    return true;
  }
  const auto at = spec.rfind('@');
  int height = 0, width = 0;
  char tail = 0;
  if (at != std::string::npos && at > 0 &&
      std::sscanf(spec.c_str() + at + 1, "%dx%d%c", &height, &width, &tail) == 2) {
    // The same bound as an image file's: a typo must not ask for gigabytes.
    if (height < 1 || width < 1 || int64_t{height} * width > kMaxImagePixels)
      return *out = make_error(spec + ": image size must be at least 1x1 and at most 16 megapixels (4096x4096)"), true;
    auto base = open_dataset(spec.substr(0, at));
    if (base) {
      // Every image is held as floats: refuse up front what cannot be held (a bad_alloc would end the program).
      const int64_t channels = base->item_shape.size() == 3 ? base->item_shape[0] : 1;
      const double gigabytes = 4.0 * base->count() * channels * height * width / 1e9;
      if (gigabytes > 8.0)
        return *out = make_error(spec + ": resizing " + std::to_string(base->count()) + " images to " +
                                 std::to_string(height) + "x" + std::to_string(width) + " needs " +
                                 std::to_string(static_cast<int64_t>(gigabytes)) + " GB; at most 8 GB are allowed"),
               true;
    }
    *out = base ? resize_images(*base, height, width, 255.0f) : base;
    if (*out) (*out)->name = spec;
    return true;
  }
  return false;
}

Result<Dataset> open_dataset(const std::string& spec) {
  // "BASE+corruption:severity" is a shifted copy of BASE (seed 0, so the same spec always means the same images).
  if (auto plus = spec.rfind('+'); plus != std::string::npos && plus > 0) {
    auto shift = parse_shift(spec.substr(plus + 1));
    std::error_code ec;
    if (!shift && !fs::exists(spec, ec)) return make_error(spec + ": " + shift.error());
    if (shift) {
      auto base = open_dataset(spec.substr(0, plus));
      if (!base) return base;
      return apply_shift(*base, *shift, 0);
    }
  }
  if (Result<Dataset> transformed = make_error(""); open_transformed(spec, &transformed)) return transformed;
  for (const KnownDataset& known : known_datasets()) {
    if (spec == known.name) return open_known(known, known.splits.front());
    if (spec.rfind(known.name + ":", 0) == 0) {
      std::string split = spec.substr(known.name.size() + 1);
      if (std::find(known.splits.begin(), known.splits.end(), split) == known.splits.end())
        return make_error(known.name + ": no split '" + split + "'");
      return open_known(known, split);
    }
  }
  if (Result<Dataset> npy = make_error(""); open_npy(spec, &npy)) return npy;
  if (spec.find(".h5") != std::string::npos || spec.find(".hdf5") != std::string::npos) return open_hdf5(spec);

  std::error_code ec;
  if (fs::is_directory(spec, ec)) {
    if (looks_like_image_folder(spec)) return read_image_folder(spec);
    for (const auto& entry : fs::directory_iterator(spec))
      if (entry.path().extension() == ".bin") return open_cifar_folder(spec);
    return make_error(spec + ": folder holds neither class sub-folders of images nor CIFAR .bin batches");
  }
  if (!fs::exists(spec, ec))
    return make_error(spec + ": no such file, folder or known dataset (see `manifoldscope datasets`)");
  if (spec.find("idx3-ubyte") != std::string::npos) {
    std::string labels = spec;
    labels.replace(labels.find("idx3-ubyte"), 10, "idx1-ubyte");
    if (auto at = labels.rfind("images"); at != std::string::npos) labels.replace(at, 6, "labels");
    return read_idx_dataset(spec, labels);
  }
  if (ends_with(spec, ".bin")) {
    const std::string name = fs::path(spec).filename().string();
    bool cifar100 = name == "train.bin" || name == "test.bin";
    return read_cifar_batches({spec}, cifar100 ? CifarVariant::cifar100_fine : CifarVariant::cifar10);
  }
  if (ends_with(spec, ".csv.gz")) return read_digits_csv(spec);
  return make_error(spec + ": unknown dataset format (expected IDX, CIFAR .bin, .npy, an image folder or HDF5)");
}

}  // namespace ms::data
