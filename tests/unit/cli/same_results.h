// Two projects of the same sweep hold the same results: every marker, option and evaluation equal exactly (the
// GLUE wall time aside). For analyses split over processes (shards, MPI ranks) against one process.
#pragma once

#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <string>

#include "core/store/project.h"

namespace ms::test {

inline std::map<std::string, const store::GeometryEntry*> geometry_by_key(const store::Project& project) {
  std::map<std::string, const store::GeometryEntry*> entries;
  for (const auto& entry : project.geometry) entries[entry.checkpoint + "|" + entry.layer] = &entry;
  return entries;
}

inline std::map<std::string, std::map<std::string, double>> evaluations_by_key(const store::Project& project) {
  std::map<std::string, std::map<std::string, double>> entries;
  for (const auto& entry : project.evaluations) entries[entry.checkpoint + "|" + entry.dataset] = entry.metrics;
  return entries;
}

// Every marker, option and evaluation of `a` equals `b`'s exactly (the timing bookkeeping aside).
inline void expect_same_results(const store::Project& a, const store::Project& b) {
  ASSERT_EQ(a.checkpoints.size(), b.checkpoints.size());
  const auto ga = geometry_by_key(a), gb = geometry_by_key(b);
  ASSERT_EQ(ga.size(), gb.size());
  for (const auto& [key, entry] : ga) {
    ASSERT_TRUE(gb.count(key)) << key;
    EXPECT_EQ(entry->options, gb.at(key)->options) << key;
    for (const auto& [name, value] : entry->markers) {
      if (name == "glue_seconds") continue;  // wall time
      ASSERT_TRUE(gb.at(key)->markers.count(name)) << key << " " << name;
      const double other = gb.at(key)->markers.at(name);
      if (std::isnan(value))
        EXPECT_TRUE(std::isnan(other)) << key << " " << name;
      else
        EXPECT_EQ(value, other) << key << " " << name;
    }
  }
  EXPECT_EQ(evaluations_by_key(a), evaluations_by_key(b));
}

}  // namespace ms::test
