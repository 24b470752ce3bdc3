// Marker notes: every NaN a table shows has its reason, and GLUE markers of a layer with unconverged solves say
// they are approximate; healthy values have no note.
#include <gtest/gtest.h>

#include <cmath>

#include "core/store/marker_notes.h"

namespace ms::store {
namespace {

const double kNaN = std::nan("");

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

TEST(MarkerNotes, HealthyValuesHaveNoNote) {
  const std::map<std::string, double> layer{{"dimension", 3.2}, {"radius", 0.8}, {"nc1", 0.4},
                                            {"glue_failed_solves", 0}, {"glue_coincident_repeats", 0},
                                            {"num_manifolds", 10}};
  for (const char* name : {"dimension", "radius", "nc1", "glue_failed_solves", "layer_index", "absent"})
    EXPECT_EQ(marker_note(layer, name), "") << name;
  EXPECT_TRUE(is_glue_measure("dimension"));
  EXPECT_TRUE(is_glue_measure("center_axis_alignment_std"));
  EXPECT_FALSE(is_glue_measure("nc1"));
  EXPECT_FALSE(is_glue_measure("glue_failed_solves"));
}

TEST(MarkerNotes, UnconvergedSolvesMakeGlueMarkersApproximate) {
  const std::map<std::string, double> layer{{"dimension", 3.2}, {"utility_std", 0.01}, {"nc1", 0.4},
                                            {"glue_failed_solves", 3}, {"glue_worst_kkt_residual", 0.042},
                                            {"num_manifolds", 10}};
  for (const char* name : {"dimension", "utility_std", "glue_failed_solves"}) {
    const std::string note = marker_note(layer, name);
    EXPECT_TRUE(contains(note, "approximate: 3 of this layer's GLUE solves stopped before convergence")) << note;
    EXPECT_TRUE(contains(note, "0.042")) << note;
  }
  EXPECT_EQ(marker_note(layer, "nc1"), "") << "not a GLUE marker";
}

TEST(MarkerNotes, EveryNaNHasItsReason) {
  const std::map<std::string, double> blank{{"dimension", kNaN}, {"radius", kNaN}, {"glue_coincident_repeats", 2},
                                            {"participation_ratio", kNaN}, {"num_manifolds", 10}};
  EXPECT_TRUE(contains(marker_note(blank, "dimension"), "all coincide")) << marker_note(blank, "dimension");
  EXPECT_TRUE(contains(marker_note(blank, "participation_ratio"), "no spread"));

  const std::map<std::string, double> one_class{{"center_alignment", kNaN}, {"nc1", kNaN}, {"sparsity_avg", kNaN},
                                                {"glue_coincident_repeats", 0}, {"num_manifolds", 1}};
  EXPECT_TRUE(contains(marker_note(one_class, "center_alignment"), "single class"));
  EXPECT_TRUE(contains(marker_note(one_class, "nc1"), "single class"));
  EXPECT_TRUE(contains(marker_note(one_class, "sparsity_avg"), "two samples"));

  const std::map<std::string, double> centred{{"radius", kNaN}, {"capacity", kNaN}, {"num_manifolds", 10}};
  EXPECT_TRUE(contains(marker_note(centred, "radius"), "E[b - c] = 0"));
  EXPECT_TRUE(contains(marker_note(centred, "capacity"), "glue.md section 4"));
}

}  // namespace
}  // namespace ms::store
