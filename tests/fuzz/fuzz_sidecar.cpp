// A checkpoint's JSON sidecar (pipeline/checkpoint_info.h): model.pt -> model.json, written by users by hand.
#include "core/pipeline/checkpoint_info.h"
#include "tests/fuzz/fuzz_scratch.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::string checkpoint = ms::fuzz::write_scratch("model.pt", "not read by the sidecar parser");
  ms::fuzz::write_scratch("model.json", data, size);
  (void)ms::pipeline::read_sidecar(checkpoint);
  (void)ms::pipeline::describe_checkpoint(checkpoint);
  (void)ms::pipeline::sidecar_normalization(checkpoint);
  return 0;
}
