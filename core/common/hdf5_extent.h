// How many elements an HDF5 dataset really holds, checked before a reader allocates for them. A dataset may declare
// any extent (a damaged or hand-made file: 2^40 elements in a file of kilobytes), and reading it allocates what it
// declares. HDF5 stores every element written to a dataset, compressed by deflate at most ~1000:1, so a dataset
// declaring far more than its stored bytes could hold was never written or is damaged: it is refused, not read.
// Header-only; the includer links HDF5 (core/data, core/store, core/pipeline do).
#pragma once

#include <H5Cpp.h>

#include <cstdint>
#include <string>
#include <vector>

#include "core/common/result.h"

namespace ms {

// The dataset's element count, or an error naming `where`: an extent product that overflows, or more declared
// bytes (at `value_bytes` each, as the reader will hold them) than 1100 x the stored bytes + 1 MiB.
inline Result<uint64_t> stored_element_count(const H5::DataSet& dataset, const std::string& where,
                                             uint64_t value_bytes) {
  const H5::DataSpace space = dataset.getSpace();
  std::vector<hsize_t> dims(static_cast<size_t>(space.getSimpleExtentNdims()));
  if (!dims.empty()) space.getSimpleExtentDims(dims.data());
  uint64_t count = 1;
  constexpr uint64_t kMaxCount = uint64_t{1} << 48;
  for (hsize_t extent : dims) {
    if (extent != 0 && count > kMaxCount / extent) return make_error(where + ": declared shape is implausibly large");
    count *= extent;
  }
  const uint64_t stored = dataset.getStorageSize();
  constexpr uint64_t kRatio = 1100, kSlack = uint64_t{1} << 20;
  if (count > (kMaxCount / value_bytes) || count * value_bytes > kRatio * stored + kSlack)
    return make_error(where + ": declares " + std::to_string(count) + " values but the file stores only " +
                      std::to_string(stored) + " bytes for them (never written, or damaged)");
  return count;
}

}  // namespace ms
