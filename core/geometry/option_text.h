// The text of one stored option value (a project's geometry options are strings): whole numbers and real numbers
// written and read back exactly, and enum values named through one table per enum, so that an option's name and its
// parser cannot drift apart.
#pragma once

#include <cstddef>
#include <functional>
#include <initializer_list>
#include <limits>
#include <map>
#include <string>

#include "core/common/result.h"

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

// One stored option of `Options`: its key and how its text is read into the options being filled (false: not valid).
template <class Options>
struct OptionField {
  const char* key;
  std::function<bool(const std::string& text, Options& into)> read;
};

// A field read as a whole number (parse_whole_number).
template <class Options, class T>
OptionField<Options> whole_field(const char* key, T Options::*member) {
  return {key, [member](const std::string& text, Options& into) { return parse_whole_number(text, &(into.*member)); }};
}

// A field read as a real number (parse_real).
template <class Options>
OptionField<Options> real_field(const char* key, double Options::*member) {
  return {key, [member](const std::string& text, Options& into) { return parse_real(text, &(into.*member)); }};
}

// A field read by `parse` (an enum's parser: true and *out set, or false).
template <class Options, class T>
OptionField<Options> named_field(const char* key, T Options::*member, bool (*parse)(const std::string&, T*)) {
  return {key, [member, parse](const std::string& text, Options& into) { return parse(text, &(into.*member)); }};
}

// Reads every key of `map` that `fields` names into `options`; keys no field names are ignored. Takes a copy first,
// so on an invalid text `options` is unchanged and the error is "<what> <key>: '<text>' is not a valid value" (the
// first such key in map order).
template <class Options>
Status read_fields(const std::map<std::string, std::string>& map, const std::string& what,
                   std::initializer_list<OptionField<Options>> fields, Options& options) {
  Options read = options;
  for (const auto& [key, text] : map)
    for (const OptionField<Options>& field : fields)
      if (key == field.key && !field.read(text, read))
        return make_error(what + " " + key + ": '" + text + "' is not a valid value");
  options = std::move(read);
  return Ok{};
}

}  // namespace ms::geometry
