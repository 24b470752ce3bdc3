// NumPy .npy arrays (data/npy_reader.h) and the dataset made of one with its labels (data/npy_dataset.h).
#include <algorithm>

#include "core/data/npy_dataset.h"
#include "core/data/npy_reader.h"
#include "tests/fuzz/fuzz_scratch.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string path = ms::fuzz::write_scratch("fog.npy", data, size);
  if (auto header = ms::data::read_npy_header(path)) {
    // read_npy_header checked the file holds the declared data, so reading it may allocate at most that much.
    const int64_t rows = std::min<int64_t>(header->rows(), 64);
    (void)ms::data::read_npy_rows(*header, 0, rows);
    (void)ms::data::read_npy_rows(*header, header->rows() - 1, 2);  // past the end: an error
  }
  // The same file as its own labels (fog_labels.npy): shapes that do not match must be errors.
  ms::fuzz::write_scratch("fog_labels.npy", data, size);
  for (int severity : {0, 3}) (void)ms::data::read_npy_dataset(path, severity);
  return 0;
}
