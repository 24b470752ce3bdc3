// An analysis' stored options (analyse_options.h: to_map, from_map, validate): the exact text existing projects hold,
// the keys that appear only when set, the round trip, and each refusal naming its option.
#include "core/pipeline/analyse_options.h"

#include <gtest/gtest.h>

#include <map>
#include <string>

#include "tests/unit/option_map_checks.h"

namespace ms::pipeline {
namespace {

TEST(AnalyseOptionsMap, DefaultsGiveTheKeysExistingProjectsHold) {
  const std::map<std::string, std::string> expected = {
      {"points_per_manifold", "50"}, {"n_t", "200"},    {"dichotomies", "random"}, {"inactive", "zero_row"},
      {"preprocess", "none"},        {"repeats", "1"},  {"glue_seed", "0"},        {"sample_seed", "0"}};
  EXPECT_EQ(to_map(AnalyseOptions{}), expected);
}

TEST(AnalyseOptionsMap, OptionalKeysOnlyWhenSet) {
  AnalyseOptions options;
  options.project_dim = 1000;
  options.ood_limit = 250;
  options.seed = 7;
  options.baselines.covariance_pairs = 20000;
  options.baselines.threads = 5;  // changes no marker: not stored
  options.batch.batch_size = 64;  // nor does the batch size
  const auto map = to_map(options);
  EXPECT_EQ(map.at("project_dim"), "1000");
  EXPECT_EQ(map.at("ood_limit"), "250");
  EXPECT_EQ(map.at("sample_seed"), "7");
  EXPECT_EQ(map.at("covariance_pairs"), "20000");
  EXPECT_EQ(map.size(), 11u);
}

TEST(AnalyseOptionsMap, RoundTrip) {
  AnalyseOptions options;
  options.glue.points_per_manifold = 12;
  options.glue.n_t = 40;
  options.glue.inactive = geometry::InactivePolicy::active_only;
  options.glue.seed = 3;
  options.baselines.rank_tolerance = 1e-2;
  options.seed = 18446744073709551615ull;
  options.project_dim = 512;
  options.ood_limit = 100;
  AnalyseOptions read;
  ASSERT_TRUE(from_map(to_map(options), read).ok());
  EXPECT_EQ(read.glue.points_per_manifold, 12);
  EXPECT_EQ(read.glue.n_t, 40);
  EXPECT_EQ(read.glue.inactive, geometry::InactivePolicy::active_only);
  EXPECT_EQ(read.glue.seed, 3u);
  EXPECT_EQ(read.baselines.rank_tolerance, 1e-2);
  EXPECT_EQ(read.seed, options.seed);
  EXPECT_EQ(read.project_dim, 512);
  EXPECT_EQ(read.ood_limit, 100);
  EXPECT_EQ(to_map(read), to_map(options));
}

TEST(AnalyseOptionsMap, UnreadableValuesAreRefusedByKey) {
  for (const auto& [key, text] : std::map<std::string, std::string>{
           {"sample_seed", "seven"}, {"project_dim", "-3"}, {"ood_limit", "1e3"}, {"n_t", "x"}, {"nc1_tolerance", ""}}) {
    // A readable key besides the bad one: a refused map changes nothing.
    const std::string other = key == "sample_seed" ? "project_dim" : "sample_seed";
    AnalyseOptions read;
    const Status status = from_map({{other, "5"}, {key, text}}, read);
    ASSERT_FALSE(status.ok()) << key;
    EXPECT_NE(status.error().find(key), std::string::npos) << status.error();
    EXPECT_EQ(to_map(read), to_map(AnalyseOptions{})) << "a refused map changes nothing";
  }
}

TEST(AnalyseOptionsValidate, NamesEachRefusedOption) {
  EXPECT_TRUE(validate(AnalyseOptions{}).ok());
  const std::pair<std::string, void (*)(AnalyseOptions&)> cases[] = {
      {"device 'gpu'", [](AnalyseOptions& o) { o.device = "gpu"; }},
      {"points_per_manifold = 1", [](AnalyseOptions& o) { o.glue.points_per_manifold = 1; }},
      {"covariance_pairs = 0", [](AnalyseOptions& o) { o.baselines.covariance_pairs = 0; }},
      {"batch_size = 0", [](AnalyseOptions& o) { o.batch.batch_size = 0; }},
      {"ood_limit = -1", [](AnalyseOptions& o) { o.ood_limit = -1; }},
      {"project_dim = -2", [](AnalyseOptions& o) { o.project_dim = -2; }},
      {"memory_budget_bytes = -5", [](AnalyseOptions& o) { o.memory_budget_bytes = -5; }},
  };
  for (const auto& [expected, spoil] : cases) option_checks::expect_refused<AnalyseOptions>(expected, spoil);
}

}  // namespace
}  // namespace ms::pipeline
