// Arrays in an HDF5 file: images or features [n, ...] plus integer labels [n].
#pragma once

#include <string>

#include "core/common/result.h"
#include "core/data/dataset.h"

namespace ms::data {

// values_path: dataset of shape [n, d] (features), [n, h, w] (grey images) or [n, c, h, w] (images), any numeric type.
// labels_path: integer (or whole-valued float) dataset of shape [n] with class ids >= 0.
Result<Dataset> read_hdf5_arrays(const std::string& file, const std::string& values_path,
                                 const std::string& labels_path);

}  // namespace ms::data
