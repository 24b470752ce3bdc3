// Analyses split over processes (shards, MPI ranks) against one process: a quick-zoo sweep analysed once as the
// reference, and the comparison of two projects of the same sweep — every marker, option and evaluation equal
// exactly (the GLUE wall time aside).
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <map>
#include <string>

#include "core/store/project.h"
#include "tests/unit/cli/run_cli.h"

namespace ms::test {

// The analysis options every split run of the quick sweep uses (two layers, a small GLUE, one shift).
inline const char* const kSplitRunOptions =
    " --layers penultimate,fc1 --points-per-manifold 10 --n-t 20 --ood fog:3 --ood-limit 200";

struct QuickSweep {
  std::filesystem::path dir;  // MS_TEST_OUTPUT_DIR/NAME-PID, emptied
  std::string zoo;            // three quick-zoo checkpoints
  std::string single;         // their analysis by one process (kSplitRunOptions)
};

// Trains the zoo and analyses it once; use with ASSERT_NO_FATAL_FAILURE.
inline void prepare_quick_sweep(const std::string& name, QuickSweep* sweep) {
  sweep->dir = std::filesystem::path(MS_TEST_OUTPUT_DIR) / (name + "-" + std::to_string(getpid()));
  std::filesystem::remove_all(sweep->dir);
  std::filesystem::create_directories(sweep->dir);
  sweep->zoo = (sweep->dir / "zoo").string();
  auto zoo = run_cli("zoo train --preset quick --runs 3 --out " + sweep->zoo);
  ASSERT_EQ(zoo.exit_code, 0) << zoo.err;
  sweep->single = (sweep->dir / "single.msproj").string();
  auto single = run_cli("analyze " + sweep->zoo + " --project " + sweep->single + kSplitRunOptions);
  ASSERT_EQ(single.exit_code, 0) << single.err;
  EXPECT_NE(single.out.find("3 checkpoint(s) analysed"), std::string::npos) << single.out;
}

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
