// The UCI handwritten digits as shipped by Debian's python3-sklearn: digits.csv.gz, rows of 64 pixels (0..16) + label.
#pragma once

#include <string>

#include "core/common/result.h"
#include "core/data/dataset.h"

namespace ms::data {

Result<Dataset> read_digits_csv(const std::string& path);

}  // namespace ms::data
