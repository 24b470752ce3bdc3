// The marker catalogue: unique names, GLUE spreads found by their measure, bookkeeping kept apart from markers, and
// the panels' orders (the paper's heat map first, the layer profile's subset of it, the rest by name).
#include "core/store/marker_catalogue.h"

#include <gtest/gtest.h>

#include <set>

namespace ms::store {
namespace {

TEST(MarkerCatalogue, NamesAreUniqueAndNoMarkerIsBookkeeping) {
  std::set<std::string> names;
  std::set<int> ranks;
  for (const MarkerInfo& info : marker_catalogue()) {
    EXPECT_TRUE(names.insert(info.name).second) << info.name << " twice";
    EXPECT_FALSE(is_bookkeeping(info.name)) << info.name;
    EXPECT_FALSE(info.label.empty() || info.meaning.empty()) << info.name;
    if (info.paper_rank > 0) {
      EXPECT_TRUE(ranks.insert(info.paper_rank).second) << info.name;
    }
    if (info.profile) {
      EXPECT_GT(info.paper_rank, 0) << info.name << ": the profile's first markers are the paper's";
    }
  }
  EXPECT_EQ(ranks.size(), 9u);  // the rows of the paper's heat map
  EXPECT_EQ(find_marker("utility")->label, "Ψ_eff");
  EXPECT_EQ(find_marker("dimension_std")->name, "dimension");  // the spread over repeats reads its measure
  EXPECT_EQ(find_marker("nc1_std"), nullptr);                    // baselines have no repeats
  EXPECT_EQ(find_marker("no_such_marker"), nullptr);
  for (const char* name : {"layer_index", "num_manifolds", "num_features", "glue_failed_solves", "glue_seconds",
                           "mean_a", "mean_c_std"})
    EXPECT_TRUE(is_bookkeeping(name)) << name;
  for (const char* name : {"mean_angle", "mean_angle_avg", "dimension_std"}) EXPECT_FALSE(is_bookkeeping(name)) << name;
}

TEST(MarkerCatalogue, FeaturedFirstInThePapersOrder) {
  const std::set<std::string> stored{"sparsity", "nc1", "axis_alignment", "utility", "dimension", "active_fraction",
                                     "capacity", "zeta"};
  EXPECT_EQ(featured_first(stored), (std::vector<std::string>{"dimension", "utility", "capacity", "axis_alignment",
                                                               "nc1", "active_fraction", "sparsity", "zeta"}));
  EXPECT_EQ(featured_first(stored, /*profile_only=*/true),
            (std::vector<std::string>{"dimension", "utility", "capacity", "nc1", "active_fraction", "axis_alignment",
                                      "sparsity", "zeta"}));
  EXPECT_EQ(headline_markers(), (std::vector<std::string>{"dimension", "utility"}));
}

TEST(MarkerCatalogue, DescriptionsForTooltips) {
  EXPECT_EQ(marker_description("dimension"),
            "D_eff: GLUE effective dimension: how many directions the anchors vary in");
  EXPECT_EQ(marker_description("utility_std").rfind("Ψ_eff: GLUE utility", 0), 0u);
  EXPECT_NE(marker_description("utility_std").find("(spread over repeats)"), std::string::npos);
  EXPECT_EQ(marker_description("id_auroc"),
            "AUROC: AUROC of the max softmax for correct against incorrect items, on the ID set");
  EXPECT_EQ(marker_description("id_dimension"), "");  // only metrics of an evaluated set take the id_ prefix
  EXPECT_EQ(marker_description("glue_seconds"), "");
}

TEST(MarkerCatalogue, AxisTitlesInThePapersNotation) {
  EXPECT_EQ(marker_title("dimension"), "D_eff");
  EXPECT_EQ(marker_title("utility"), "Ψ_eff");
  EXPECT_EQ(marker_title("utility_std"), "Ψ_eff spread");
  EXPECT_EQ(marker_title("center_alignment"), "ρ_c");
  EXPECT_EQ(marker_title("id_accuracy"), "ID accuracy");
  EXPECT_EQ(marker_title("id_dimension"), "id_dimension");  // not a metric: the name itself
  EXPECT_EQ(marker_title("my_marker"), "my_marker");
}

}  // namespace
}  // namespace ms::store
