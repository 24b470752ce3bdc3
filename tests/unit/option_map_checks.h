// Checks shared by the tests of stored options (GLUE, baseline and analysis options): each Options type has
// to_map, from_map and validate in its own namespace, found here by argument-dependent lookup.
#pragma once

#include <gtest/gtest.h>

#include <cstddef>
#include <functional>
#include <map>
#include <string>

#include "core/common/result.h"

namespace ms::option_checks {

// to_map(options), checked to hold `size` keys and each key of `expected` with exactly its text.
template <class Options>
std::map<std::string, std::string> checked_map(const Options& options, std::size_t size,
                                               const std::map<std::string, std::string>& expected) {
  const std::map<std::string, std::string> stored = to_map(options);
  EXPECT_EQ(stored.size(), size);
  for (const auto& [key, text] : expected) EXPECT_EQ(stored.at(key), text) << key;
  return stored;
}

// Default options spoiled by `spoil` are refused by validate with an error that contains `expected`.
template <class Options>
void expect_refused(const std::string& expected, const std::function<void(Options&)>& spoil) {
  Options options;
  spoil(options);
  const Status status = validate(options);
  ASSERT_FALSE(status.ok()) << expected;
  EXPECT_NE(status.error().find(expected), std::string::npos) << status.error();
}

}  // namespace ms::option_checks
