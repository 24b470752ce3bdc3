// One CSV field as RFC 4180 writes it: quoted (with doubled quotes) when it holds a comma, quote or line break, else
// as it is. Used by every CSV the project writes (the results table, the views' "Save data…").
#pragma once

#include <string>

namespace ms {

inline std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\n\r") == std::string::npos) return text;
  std::string quoted = "\"";
  for (char c : text) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + '"';
}

}  // namespace ms
