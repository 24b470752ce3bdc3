// Accuracy / cross-entropy of logits and the stratified split (no torch).
#include <gtest/gtest.h>

#include <cmath>
#include <set>

#include "core/model/evaluate_logits.h"
#include "core/model/train_test_split.h"

namespace ms::model {
namespace {

TEST(EvaluateLogits, HandComputedAccuracyAndLoss) {
  Eigen::MatrixXf logits(3, 3);
  logits << 2, 0, 0,   // label 0: correct
      0, 0, 0,         // label 2: uniform, tie goes to class 0 -> wrong
      1000, 0, 999;    // label 2: huge logits must not overflow
  Result<Evaluation> result = evaluate_logits(logits, {0, 2, 2});
  ASSERT_TRUE(result.ok()) << result.error();
  EXPECT_EQ(result->count, 3);
  EXPECT_NEAR(result->accuracy, 1.0 / 3.0, 1e-12);
  const double loss0 = std::log(std::exp(2.0) + 2.0) - 2.0;
  const double loss1 = std::log(3.0);
  const double loss2 = std::log(1.0 + std::exp(-1000.0) + std::exp(-1.0)) + 1.0;
  EXPECT_NEAR(result->loss, (loss0 + loss1 + loss2) / 3.0, 1e-6);
}

TEST(EvaluateLogits, RejectsMismatchedOrInvalidLabels) {
  Eigen::MatrixXf logits = Eigen::MatrixXf::Zero(2, 3);
  EXPECT_FALSE(evaluate_logits(logits, {0}).ok());
  Result<Evaluation> bad = evaluate_logits(logits, {0, 3});
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().find("label 3"), std::string::npos);
}

TEST(TrainTestSplit, StratifiedDisjointAndSeeded) {
  std::vector<int32_t> labels;
  for (int c = 0; c < 3; ++c)
    for (int i = 0; i < 40 + 20 * c; ++i) labels.push_back(c);  // 40, 60, 80 items
  Split split = train_test_split(labels, 0.25, 11);
  EXPECT_EQ(split.train.size() + split.test.size(), labels.size());
  std::set<int64_t> all(split.train.begin(), split.train.end());
  all.insert(split.test.begin(), split.test.end());
  EXPECT_EQ(all.size(), labels.size());  // disjoint and covering
  std::vector<int> test_per_class(3, 0);
  for (int64_t i : split.test) ++test_per_class[labels[i]];
  EXPECT_EQ(test_per_class, (std::vector<int>{10, 15, 20}));
  EXPECT_EQ(train_test_split(labels, 0.25, 11).test, split.test);
  EXPECT_NE(train_test_split(labels, 0.25, 12).test, split.test);
}

}  // namespace
}  // namespace ms::model
