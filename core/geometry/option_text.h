// The text of one stored option value (a project's geometry options are strings): whole numbers and real numbers
// written and read back exactly, and enum values named through one table per enum, so that an option's name and its
// parser cannot drift apart.
#pragma once

#include <cstddef>
#include <limits>
#include <string>

namespace ms::geometry {

// A whole decimal number that fits `T` (unsigned digits only: no sign, no blanks, no trailing text), or false.
bool parse_whole_number(const std::string& text, unsigned long long max, unsigned long long* out);
template <class T>
bool parse_whole_number(const std::string& text, T* out) {
  unsigned long long value = 0;
  if (!parse_whole_number(text, static_cast<unsigned long long>(std::numeric_limits<T>::max()), &value)) return false;
  *out = static_cast<T>(value);
  return true;
}

// The shortest decimal text that reads back as exactly `value` ("0.0001", "1e-08").
std::string real_text(double value);
// A finite real number written in decimal (as strtod reads it, with nothing after it), or false.
bool parse_real(const std::string& text, double* out);

// One enum value and its stored name.
template <class E>
struct NamedValue {
  E value;
  const char* name;
};

// The name of `value` in `table`, "?" when it is not there.
template <class E, std::size_t N>
const char* name_of(const NamedValue<E> (&table)[N], E value) {
  for (const NamedValue<E>& entry : table)
    if (entry.value == value) return entry.name;
  return "?";
}

// The value named `name` in `table`; false (and *out unchanged) when no entry has that name.
template <class E, std::size_t N>
bool value_named(const NamedValue<E> (&table)[N], const std::string& name, E* out) {
  for (const NamedValue<E>& entry : table)
    if (name == entry.name) return *out = entry.value, true;
  return false;
}

}  // namespace ms::geometry
