// CIFAR-10/100 binary batches (data/cifar_reader.h).
#include "core/data/cifar_reader.h"
#include "tests/fuzz/fuzz_scratch.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string path = ms::fuzz::write_scratch("data_batch_1.bin", data, size);
  for (auto variant : {ms::data::CifarVariant::cifar10, ms::data::CifarVariant::cifar100_fine,
                       ms::data::CifarVariant::cifar100_coarse})
    (void)ms::data::read_cifar_batches({path}, variant);
  return 0;
}
