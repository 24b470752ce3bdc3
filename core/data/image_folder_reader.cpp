#include "core/data/image_folder_reader.h"

#include "third_party/stb/stb_image.h"

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <memory>

namespace ms::data {
namespace fs = std::filesystem;
namespace {

bool is_image_file(const fs::path& path) {
  std::string ext = path.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
  return ext == ".png" || ext == ".jpg" || ext == ".jpeg";
}

std::vector<fs::path> sorted_entries(const fs::path& dir, bool directories) {
  std::vector<fs::path> entries;
  for (const auto& entry : fs::directory_iterator(dir))
    if (directories ? entry.is_directory() : (entry.is_regular_file() && is_image_file(entry.path())))
      entries.push_back(entry.path());
  std::sort(entries.begin(), entries.end());
  return entries;
}

struct StbFree {
  void operator()(unsigned char* pixels) const { stbi_image_free(pixels); }
};

}  // namespace

bool looks_like_image_folder(const std::string& root) {
  std::error_code ec;
  if (!fs::is_directory(root, ec)) return false;
  for (const auto& cls : sorted_entries(root, true))
    if (!sorted_entries(cls, false).empty()) return true;
  return false;
}

Result<Dataset> read_image_folder(const std::string& root) {
  std::error_code ec;
  if (!fs::is_directory(root, ec)) return make_error(root + ": not a folder");
  Dataset dataset;
  dataset.name = root;
  dataset.source = root;
  dataset.element_type = "uint8";
  int width = 0, height = 0, channels = 0;
  for (const fs::path& class_dir : sorted_entries(root, true)) {
    auto files = sorted_entries(class_dir, false);
    if (files.empty()) continue;  // stray folders without images are not classes
    const auto label = static_cast<int32_t>(dataset.class_names.size());
    dataset.class_names.push_back(class_dir.filename().string());
    for (const fs::path& file : files) {
      int w = 0, h = 0, file_channels = 0;
      if (!stbi_info(file.c_str(), &w, &h, &file_channels))
        return make_error(file.string() + ": not a readable PNG/JPEG image (" + stbi_failure_reason() + ")");
      // A header may claim any size, and decoding allocates what it claims.
      if (static_cast<int64_t>(w) * h > kMaxImagePixels)
        return make_error(file.string() + ": image header declares " + std::to_string(h) + "x" + std::to_string(w) +
                          " pixels, beyond the 16-megapixel limit for a dataset image");
      const int wanted = file_channels >= 3 ? 3 : 1;
      if (channels == 0) {
        width = w, height = h, channels = wanted;
      } else if (w != width || h != height || wanted != channels) {
        return make_error(file.string() + ": image is " + std::to_string(wanted) + "x" + std::to_string(h) + "x" +
                          std::to_string(w) + " but earlier images are " + std::to_string(channels) + "x" +
                          std::to_string(height) + "x" + std::to_string(width));
      }
      std::unique_ptr<unsigned char, StbFree> pixels(stbi_load(file.c_str(), &w, &h, &file_channels, channels));
      if (!pixels) return make_error(file.string() + ": cannot decode image (" + stbi_failure_reason() + ")");
      // stb gives interleaved HWC; datasets are channel-major CHW like the model input.
      const size_t plane = static_cast<size_t>(w) * h;
      const size_t offset = dataset.values.size();
      dataset.values.resize(offset + plane * channels);
      for (int c = 0; c < channels; ++c)
        for (size_t p = 0; p < plane; ++p) dataset.values[offset + c * plane + p] = pixels.get()[p * channels + c];
      dataset.labels.push_back(label);
    }
  }
  if (dataset.labels.empty()) return make_error(root + ": no class folders with PNG/JPEG images");
  dataset.item_shape = {channels, height, width};
  return dataset;
}

}  // namespace ms::data
