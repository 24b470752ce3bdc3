// Items [first, first + count) of a dataset, for tests that train or evaluate on a small part of a real set.
#pragma once

#include <cstdint>

#include "core/data/dataset.h"

namespace ms::test {

inline data::Dataset slice(const data::Dataset& source, int64_t first, int64_t count) {
  data::Dataset out = source;
  out.labels.assign(source.labels.begin() + first, source.labels.begin() + first + count);
  out.values.assign(source.values.begin() + first * source.item_size(),
                    source.values.begin() + (first + count) * source.item_size());
  return out;
}

}  // namespace ms::test
