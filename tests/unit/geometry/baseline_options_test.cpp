// The baselines' stored options (baseline_options.h): only what changes a marker and differs from the default is
// stored, every stored value reads back exactly, and each option no run accepts is refused by name.
#include "core/geometry/baseline_options.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <map>
#include <string>

#include "tests/unit/option_map_checks.h"

namespace ms::geometry {
namespace {

TEST(BaselineOptions, DefaultsStoreNothing) {
  EXPECT_TRUE(to_map(BaselineOptions{}).empty()) << "projects analysed before these were stored must still match";
  BaselineOptions unstored;  // block, threads and the cache order change no marker
  unstored.block = 17;
  unstored.threads = 7;
  unstored.covariance_cache_order = false;
  EXPECT_TRUE(to_map(unstored).empty());
}

TEST(BaselineOptions, EveryChangedOptionRoundTripsExactly) {
  BaselineOptions options;
  options.sparsity_threshold = 0.1 + 0.2;  // not a short decimal: the text must still read back bit for bit
  options.rank_tolerance = 1e-4;
  options.nc1_tolerance = 0;
  options.covariance_exact_max_features = 0;
  options.covariance_pairs = 20000;
  options.covariance_seed = std::numeric_limits<unsigned long long>::max();
  const std::map<std::string, std::string> map = option_checks::checked_map(
      options, 6u, {{"covariance_pairs", "20000"}, {"covariance_seed", "18446744073709551615"}});
  BaselineOptions read;
  ASSERT_TRUE(from_map(map, read).ok());
  EXPECT_EQ(read.sparsity_threshold, options.sparsity_threshold);
  EXPECT_EQ(read.rank_tolerance, options.rank_tolerance);
  EXPECT_EQ(read.nc1_tolerance, options.nc1_tolerance);
  EXPECT_EQ(read.covariance_exact_max_features, options.covariance_exact_max_features);
  EXPECT_EQ(read.covariance_pairs, options.covariance_pairs);
  EXPECT_EQ(read.covariance_seed, options.covariance_seed);
  EXPECT_EQ(to_map(read), map);
}

TEST(BaselineOptions, ReadingKeepsAbsentKeysAndIgnoresOthers) {
  BaselineOptions read;
  read.rank_tolerance = 0.5;
  ASSERT_TRUE(from_map({{"n_t", "40"}, {"sample_seed", "3"}, {"nc1_tolerance", "0.01"}}, read).ok());
  EXPECT_EQ(read.rank_tolerance, 0.5);
  EXPECT_EQ(read.nc1_tolerance, 0.01);
}

TEST(BaselineOptions, UnreadableTextIsRefusedByKeyAndLeavesTheOptions) {
  for (const auto& [key, text] : std::map<std::string, std::string>{{"sparsity_threshold", "small"},
                                                                    {"rank_tolerance", "1e-3x"},
                                                                    {"nc1_tolerance", "inf"},
                                                                    {"covariance_exact_max_features", "-1"},
                                                                    {"covariance_pairs", "1.5"},
                                                                    {"covariance_seed", "99999999999999999999"}}) {
    // A readable key besides the bad one (read first when it sorts first): a refused map changes nothing.
    const std::string other = key == "covariance_exact_max_features" ? "sparsity_threshold"
                                                                     : "covariance_exact_max_features";
    BaselineOptions read;
    const Status status = from_map({{other, "5"}, {key, text}}, read);
    ASSERT_FALSE(status.ok()) << key;
    EXPECT_NE(status.error().find(key), std::string::npos) << status.error();
    EXPECT_NE(status.error().find("'" + text + "'"), std::string::npos) << status.error();
    EXPECT_TRUE(to_map(read).empty()) << "a refused map changes nothing";
  }
}

TEST(BaselineOptions, ValidateNamesEachRefusedOption) {
  EXPECT_TRUE(validate(BaselineOptions{}).ok());
  const std::pair<std::string, void (*)(BaselineOptions&)> cases[] = {
      {"sparsity_threshold", [](BaselineOptions& o) { o.sparsity_threshold = -1e-6; }},
      {"rank_tolerance", [](BaselineOptions& o) { o.rank_tolerance = NAN; }},
      {"nc1_tolerance", [](BaselineOptions& o) { o.nc1_tolerance = INFINITY; }},
      {"block", [](BaselineOptions& o) { o.block = 0; }},
      {"covariance_exact_max_features", [](BaselineOptions& o) { o.covariance_exact_max_features = -1; }},
      {"covariance_pairs", [](BaselineOptions& o) { o.covariance_pairs = 0; }},
      {"threads", [](BaselineOptions& o) { o.threads = -2; }},
  };
  for (const auto& [name, spoil] : cases) option_checks::expect_refused<BaselineOptions>(name + " = ", spoil);
}

}  // namespace
}  // namespace ms::geometry
