// IDX images/labels files, raw or gzip (data/idx_reader.h): any bytes give an IdxArray or an error, never a crash.
#include "core/data/idx_reader.h"
#include "tests/fuzz/fuzz_scratch.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string path = ms::fuzz::write_scratch("images-idx3-ubyte", data, size);
  if (auto array = ms::data::read_idx_file(path)) {
    size_t expected = 1;
    for (int64_t dim : array->dims) expected *= static_cast<size_t>(dim);
    if (array->values.size() != expected) __builtin_trap();  // the header's promise must hold
  }
  // The same bytes as both files of a dataset: the label checks see every shape.
  (void)ms::data::read_idx_dataset(path, path);
  return 0;
}
