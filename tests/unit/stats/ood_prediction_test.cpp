// Per-group OOD prediction: rows without a target are predicted and ranked, the baseline is fitted on the same rows,
// and a group too small for its predictors is an error naming it.
#include <cmath>

#include <gtest/gtest.h>

#include "core/stats/ood_prediction.h"

namespace ms::stats {
namespace {

TEST(OodPrediction, PredictsRanksAndComparesPerGroup) {
  // Group A: y = 10 + 2 x exactly, the baseline noisy; group B: y = 50 - x.
  Result<CsvTable> table = parse_csv_table(
      "name,arch,dim,acc_id,ood\n"
      "a1,A,1,90,12\na2,A,2,91,14\na3,A,3,89,16\na4,A,4,93,18\na5,A,9,92,\na6,A,5,90,NaN\n"
      "b1,B,1,80,49\nb2,B,2,81,48\nb3,B,3,83,47\nb4,B,,84,\nb5,B,10,82,\n",
      "sweep.csv");
  ASSERT_TRUE(table.ok()) << table.error();
  auto data = prediction_data(*table, {{"dim"}, "ood", "acc_id", "arch", 0.95});
  ASSERT_TRUE(data.ok()) << data.error();
  auto groups = predict_ood(*data);
  ASSERT_TRUE(groups.ok()) << groups.error();
  ASSERT_EQ(groups->size(), 2u);
  const GroupPrediction& a = (*groups)[0];
  EXPECT_EQ(a.group, "A");
  EXPECT_EQ(a.fit.n, 4);
  EXPECT_NEAR(a.fit.loo_rmse, 0.0, 1e-10);
  ASSERT_TRUE(a.baseline.has_value());
  EXPECT_GT(a.baseline->loo_rmse, 1.0);  // ID accuracy does not follow the OOD values here
  ASSERT_EQ(a.predicted.size(), 2u);
  EXPECT_EQ(a.predicted[0].row, 4);  // a5 (x = 9 -> 28) ranks above a6 (x = 5 -> 20)
  EXPECT_NEAR(a.predicted[0].prediction.value, 28.0, 1e-10);
  EXPECT_EQ(a.predicted[1].row, 5);
  EXPECT_NEAR(a.predicted[1].prediction.value, 20.0, 1e-10);

  const GroupPrediction& b = (*groups)[1];
  EXPECT_EQ(b.skipped, 1);  // b4 has no marker
  ASSERT_EQ(b.predicted.size(), 1u);
  EXPECT_EQ(b.predicted[0].row, 10);
  EXPECT_NEAR(b.predicted[0].prediction.value, 40.0, 1e-10);
}

// Accuracies in [0, 1]: a prediction far outside the measured markers stays in range, and says it was clipped;
// a target with values past 100 is not an accuracy and is left unbounded.
TEST(OodPrediction, AccuracyPredictionsStayInTheirRange) {
  Result<CsvTable> table = parse_csv_table(
      "dim,ood\n1,0.50\n2,0.61\n3,0.69\n4,0.80\n2.5,\n30,\n-30,\n", "fractions.csv");
  ASSERT_TRUE(table.ok()) << table.error();
  auto data = prediction_data(*table, {{"dim"}, "ood", "", "", 0.95});
  ASSERT_TRUE(data.ok()) << data.error();
  auto groups = predict_ood(*data, 0.9);
  ASSERT_TRUE(groups.ok()) << groups.error();
  const GroupPrediction& g = (*groups)[0];
  EXPECT_EQ(g.range_low, 0.0);
  EXPECT_EQ(g.range_high, 1.0);
  ASSERT_EQ(g.predicted.size(), 3u);
  // Least squares: slope 0.098, intercept 0.405 -> 0.65 at x = 2.5 (inside: untouched).
  const PredictionInterval& inside = g.predicted[1].prediction;
  EXPECT_NEAR(inside.value, 0.405 + 0.098 * 2.5, 1e-12);
  EXPECT_FALSE(inside.clipped);
  EXPECT_GT(inside.low, 0.0);
  EXPECT_LT(inside.high, 1.0);
  const PredictionInterval& far_up = g.predicted[0].prediction;  // 0.405 + 0.098 * 30 = 3.345
  EXPECT_TRUE(far_up.clipped);
  EXPECT_EQ(far_up.value, 1.0);
  EXPECT_EQ(far_up.high, 1.0);
  EXPECT_LE(far_up.low, 1.0);
  const PredictionInterval& far_down = g.predicted[2].prediction;
  EXPECT_TRUE(far_down.clipped);
  EXPECT_EQ(far_down.value, 0.0);
  EXPECT_EQ(far_down.low, 0.0);

  Result<CsvTable> counts = parse_csv_table("dim,n\n1,50\n2,161\n3,269\n4,380\n30,\n", "counts.csv");
  ASSERT_TRUE(counts.ok());
  auto unbounded = predict_ood(*prediction_data(*counts, {{"dim"}, "n", "", "", 0.95}));
  ASSERT_TRUE(unbounded.ok()) << unbounded.error();
  EXPECT_FALSE((*unbounded)[0].predicted[0].prediction.clipped);
  EXPECT_GT((*unbounded)[0].predicted[0].prediction.value, 3000.0);
}

TEST(OodPrediction, TooFewRowsNameTheGroup) {
  Result<CsvTable> table = parse_csv_table("arch,dim,ood\nA,1,2\nA,2,3\nA,3,5\nB,1,1\nB,2,\n", "t.csv");
  ASSERT_TRUE(table.ok());
  auto data = prediction_data(*table, {{"dim"}, "ood", "", "arch", 0.95});
  ASSERT_TRUE(data.ok());
  auto groups = predict_ood(*data);
  ASSERT_FALSE(groups.ok());
  EXPECT_NE(groups.error().find("group 'B': 1 rows with a target for 1 predictor(s)"), std::string::npos)
      << groups.error();
}

TEST(OodPrediction, MissingColumnAndNonNumbers) {
  Result<CsvTable> table = parse_csv_table("arch,dim,ood\nA,1,2\nA,x,3\n", "t.csv");
  ASSERT_TRUE(table.ok());
  auto missing = prediction_data(*table, {{"utility"}, "ood", "", "", 0.95});
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.error().find("t.csv: no column 'utility'"), std::string::npos) << missing.error();
  auto text = prediction_data(*table, {{"dim"}, "ood", "", "", 0.95});
  ASSERT_FALSE(text.ok());
  EXPECT_NE(text.error().find("t.csv:3: column 'dim': 'x' is not a number"), std::string::npos) << text.error();
}

}  // namespace
}  // namespace ms::stats
