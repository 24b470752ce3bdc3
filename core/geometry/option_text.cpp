#include "core/geometry/option_text.h"

#include <cerrno>
#include <charconv>
#include <cmath>
#include <cctype>
#include <cstdlib>

namespace ms::geometry {

bool parse_whole_number(const std::string& text, unsigned long long max, unsigned long long* out) {
  if (text.empty() || text.size() > 20 || text.find_first_not_of("0123456789") != std::string::npos) return false;
  errno = 0;
  const unsigned long long value = std::strtoull(text.c_str(), nullptr, 10);  // 20 digits may exceed 2^64
  if (errno == ERANGE || value > max) return false;
  *out = value;
  return true;
}

std::string real_text(double value) {
  char buffer[64];
  const auto written = std::to_chars(buffer, buffer + sizeof buffer, value);  // shortest round trip
  return std::string(buffer, written.ptr);
}

bool parse_real(const std::string& text, double* out) {
  if (text.empty() || std::isspace(static_cast<unsigned char>(text.front()))) return false;
  char* end = nullptr;
  errno = 0;
  const double value = std::strtod(text.c_str(), &end);
  if (end != text.c_str() + text.size() || errno == ERANGE || !std::isfinite(value)) return false;
  *out = value;
  return true;
}

}  // namespace ms::geometry
