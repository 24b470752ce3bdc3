#include "core/data/cifar_reader.h"

#include <filesystem>
#include <fstream>

#include "core/data/label_checks.h"

namespace ms::data {
namespace {

constexpr int kSide = 32;
constexpr int kPixels = 3 * kSide * kSide;

std::vector<std::string> read_name_list(const std::filesystem::path& path) {
  std::vector<std::string> names;
  std::ifstream in(path);
  for (std::string line; std::getline(in, line);)
    if (!line.empty() && line != "\r") names.push_back(line.back() == '\r' ? line.substr(0, line.size() - 1) : line);
  return names;
}

std::vector<std::string> names_beside(const std::string& first_batch, CifarVariant variant) {
  auto dir = std::filesystem::path(first_batch).parent_path();
  const char* file = variant == CifarVariant::cifar10         ? "batches.meta.txt"
                     : variant == CifarVariant::cifar100_fine ? "fine_label_names.txt"
                                                              : "coarse_label_names.txt";
  return std::filesystem::exists(dir / file) ? read_name_list(dir / file) : std::vector<std::string>{};
}

}  // namespace

Result<Dataset> read_cifar_batches(const std::vector<std::string>& paths, CifarVariant variant,
                                   std::vector<std::string> class_names) {
  if (paths.empty()) return make_error("CIFAR: no batch files given");
  const int label_bytes = variant == CifarVariant::cifar10 ? 1 : 2;
  const int label_offset = variant == CifarVariant::cifar100_fine ? 1 : 0;
  const int record = label_bytes + kPixels;
  const int declared_classes = variant == CifarVariant::cifar10 ? 10 : variant == CifarVariant::cifar100_fine ? 100 : 20;
  if (class_names.empty()) class_names = names_beside(paths.front(), variant);
  if (!class_names.empty() && static_cast<int>(class_names.size()) != declared_classes)
    return make_error(paths.front() + ": class-name list has " + std::to_string(class_names.size()) +
                      " entries, expected " + std::to_string(declared_classes));
  if (class_names.empty()) class_names = numbered_class_names(declared_classes);

  Dataset dataset;
  dataset.name = paths.front();
  dataset.source = paths.front();
  dataset.element_type = "uint8";
  dataset.item_shape = {3, kSide, kSide};
  std::vector<float> raw_labels;
  for (const std::string& path : paths) {
    std::error_code ec;
    auto size = std::filesystem::file_size(path, ec);
    if (ec) return make_error(path + ": cannot open (" + ec.message() + ")");
    if (size == 0 || size % record != 0)
      return make_error(path + ": size " + std::to_string(size) + " bytes is not a whole number of " +
                        std::to_string(record) + "-byte CIFAR records (truncated or wrong variant)");
    std::ifstream in(path, std::ios::binary);
    std::vector<unsigned char> bytes(size);
    if (!in.read(reinterpret_cast<char*>(bytes.data()), static_cast<std::streamsize>(size)))
      return make_error(path + ": read failed");
    const size_t records = size / record;
    dataset.values.reserve(dataset.values.size() + records * kPixels);
    for (size_t r = 0; r < records; ++r) {
      const unsigned char* rec = bytes.data() + r * record;
      raw_labels.push_back(rec[label_offset]);
      dataset.values.insert(dataset.values.end(), rec + label_bytes, rec + record);
    }
  }
  auto checked = check_labels(raw_labels, paths.front(), std::move(class_names));
  if (!checked) return make_error(checked.error());
  dataset.labels = std::move(checked->labels);
  dataset.class_names = std::move(checked->class_names);
  return dataset;
}

}  // namespace ms::data
