// A number as short text for messages, notes and stored names: printf's %g with `digits` significant digits
// (6 by default: "0.1", "30", "1e-06"), the same on every locale-free C++ runtime.
#pragma once

#include <cstdio>
#include <string>

namespace ms {

inline std::string number_text(double value, int digits = 6) {
  char text[40];
  std::snprintf(text, sizeof text, "%.*g", digits, value);
  return text;
}

}  // namespace ms
