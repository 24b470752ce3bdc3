#include "views/csv_text.h"

#include <cmath>
#include <cstdio>
#include <fstream>

#include "core/common/atomic_write.h"

namespace ms::views {

std::string csv_number(double value) {
  if (std::isnan(value)) return {};
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "%.17g", value);
  return buffer;
}

ms::Status write_text_file(const std::string& path, const std::string& text) {
  return ms::write_atomically(path, [&](const std::string& temporary) -> ms::Status {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    if (!out) return ms::make_error("cannot open " + path + " for writing");
    out << text;
    out.close();
    if (!out) return ms::make_error("cannot write " + path);
    return ms::Ok{};
  });
}

}  // namespace ms::views
