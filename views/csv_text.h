// The text a view's "Save data…" writes: CSV fields and numbers, and the file they go into.
#pragma once

#include <string>

#include "core/common/csv_field.h"
#include "core/common/result.h"

namespace ms::views {

// One CSV field: quoted (with doubled quotes) when it holds a comma, quote or line break (core/common/csv_field.h).
using ms::csv_field;

// A number that reads back exactly (17 significant digits); NaN (a missing value) is an empty field.
std::string csv_number(double value);

// Writes `text` to `path` through a temporary file renamed over it (core/common/atomic_write.h): a failed write
// leaves an earlier file as it was. Ok or an error naming the file.
ms::Status write_text_file(const std::string& path, const std::string& text);

}  // namespace ms::views
