// IDX files (the MNIST / Fashion-MNIST format), raw or gzip-compressed.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/common/result.h"
#include "core/data/dataset.h"

namespace ms::data {

struct IdxArray {
  std::vector<int64_t> dims;  // e.g. {60000, 28, 28} or {60000}
  std::vector<float> values;  // row-major, converted from the stored type
  std::string element_type;   // "uint8", "int8", "int16", "int32", "float32", "float64"
};

// Reads one IDX file. Checks the magic number, the type code, and that the payload holds exactly the declared size.
Result<IdxArray> read_idx_file(const std::string& path);

// Reads an images file [n, h, w] (or [n, c, h, w]) and a labels file [n] into a Dataset.
// class_names may be empty (classes are then numbered); labels must lie in [0, class count).
Result<Dataset> read_idx_dataset(const std::string& images_path, const std::string& labels_path,
                                 std::vector<std::string> class_names = {});

}  // namespace ms::data
