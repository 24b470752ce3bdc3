// The UCI digits CSV (data/digits_reader.h), gzip or plain.
#include "core/data/digits_reader.h"
#include "tests/fuzz/fuzz_scratch.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  (void)ms::data::read_digits_csv(ms::fuzz::write_scratch("digits.csv.gz", data, size));
  return 0;
}
