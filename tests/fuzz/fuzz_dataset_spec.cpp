// Dataset specs (data/dataset_registry.h): a small CIFAR batch followed by any tail — class subsets "[5,6]", sizes
// "@32x32", shifts "+fog:3" — must open or be refused with a message, and never ask for unbounded memory.
#include <vector>

#include "core/data/dataset_registry.h"
#include "tests/fuzz/fuzz_scratch.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::string batch = [] {
    std::vector<uint8_t> records(4 * 3073);
    for (size_t i = 0; i < records.size(); ++i) records[i] = static_cast<uint8_t>(i % 3073 == 0 ? i / 3073 % 2 : i);
    return ms::fuzz::write_scratch("tiny/data_batch_1.bin", records.data(), records.size());
  }();
  (void)ms::data::open_dataset(batch + std::string(reinterpret_cast<const char*>(data), size));
  return 0;
}
