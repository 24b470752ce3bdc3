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
