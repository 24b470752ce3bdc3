// CIFAR-10 / CIFAR-100 binary batches (data_batch_*.bin, test_batch.bin, train.bin, test.bin).
#pragma once

#include <string>
#include <vector>

#include "core/common/result.h"
#include "core/data/dataset.h"

namespace ms::data {

enum class CifarVariant {
  cifar10,         // records: 1 label byte + 3072 pixel bytes
  cifar100_fine,   // records: coarse byte + fine byte + 3072 pixel bytes; the fine label is used
  cifar100_coarse  // same records; the coarse label is used
};

// Reads and concatenates the given batch files into one 3x32x32 uint8 dataset.
// class_names may be empty (read from batches.meta.txt / fine_label_names.txt beside the first file if present).
Result<Dataset> read_cifar_batches(const std::vector<std::string>& paths, CifarVariant variant,
                                   std::vector<std::string> class_names = {});

}  // namespace ms::data
