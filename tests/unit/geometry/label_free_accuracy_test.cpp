// Label-free accuracy estimates (AC, DoC, ATC-MC, ATC-NE): the ATC threshold on a worked example, the identities on
// the ID data itself, the direction under a shift that lowers confidence, and clear errors.
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "core/geometry/label_free_accuracy.h"

namespace ms::geometry {
namespace {

// n rows of C-class logits: the true class gets a boost `signal` on most rows, Gaussian noise elsewhere.
struct Sample {
  Eigen::MatrixXf logits;
  Eigen::VectorXi labels;
};

Sample make_sample(long n, long C, double signal, unsigned seed) {
  std::mt19937 rng(seed);
  std::normal_distribution<float> noise(0.0f, 1.0f);
  Sample sample{Eigen::MatrixXf(n, C), Eigen::VectorXi(n)};
  for (long i = 0; i < n; ++i) {
    sample.labels(i) = static_cast<int>(i % C);
    for (long c = 0; c < C; ++c) sample.logits(i, c) = noise(rng);
    sample.logits(i, sample.labels(i)) += static_cast<float>(signal);
  }
  return sample;
}

TEST(LabelFreeAccuracy, AtcThresholdOfAWorkedExample) {
  // Scores 0.1..0.5 with correctness F T F T T: walking up, |fp - fn| is 1 after 0.1 and 0 after 0.2, so t = 0.2 and
  // the three items above it match the three correct ones.
  Eigen::VectorXd scores(5);
  scores << 0.3, 0.1, 0.5, 0.2, 0.4;
  Eigen::Array<bool, -1, 1> correct(5);
  correct << false, false, true, true, true;
  EXPECT_DOUBLE_EQ(atc_threshold(scores, correct), 0.2);
  // All correct: every item is above the threshold.
  correct.setConstant(true);
  EXPECT_TRUE(std::isinf(atc_threshold(scores, correct)) && atc_threshold(scores, correct) < 0);
}

TEST(LabelFreeAccuracy, OnTheIdDataItselfTheEstimatesRecoverTheIdAccuracy) {
  const Sample id = make_sample(2000, 10, 2.0, 1);
  Result<LabelFreeFit> fit = fit_label_free(id.logits, id.labels);
  ASSERT_TRUE(fit.ok()) << fit.error();
  EXPECT_GT(fit->id_accuracy, 0.3);
  EXPECT_LT(fit->id_accuracy, 0.9);
  Result<LabelFreeEstimates> self = estimate_accuracy(*fit, id.logits);
  ASSERT_TRUE(self.ok()) << self.error();
  // DoC and AC: exact identities. ATC: the threshold balances errors on these very items, so the share above it is
  // the accuracy up to one item (continuous scores, no ties).
  EXPECT_NEAR(self->doc, fit->id_accuracy, 1e-12);
  EXPECT_NEAR(self->average_confidence, fit->id_confidence, 1e-12);
  EXPECT_NEAR(self->atc_mc, fit->id_accuracy, 1.0 / 2000 + 1e-12);
  EXPECT_NEAR(self->atc_ne, fit->id_accuracy, 1.0 / 2000 + 1e-12);
}

TEST(LabelFreeAccuracy, AShiftThatLowersConfidenceLowersEveryEstimate) {
  const Sample id = make_sample(2000, 10, 3.0, 2);
  Result<LabelFreeFit> fit = fit_label_free(id.logits, id.labels);
  ASSERT_TRUE(fit.ok()) << fit.error();
  const Sample shifted = make_sample(1500, 10, 1.0, 3);  // weaker signal: less confident and less accurate
  Result<LabelFreeEstimates> estimates = estimate_accuracy(*fit, shifted.logits);
  ASSERT_TRUE(estimates.ok()) << estimates.error();
  Result<LabelFreeEstimates> self = estimate_accuracy(*fit, id.logits);
  ASSERT_TRUE(self.ok());
  EXPECT_LT(estimates->average_confidence, self->average_confidence);
  EXPECT_LT(estimates->doc, self->doc);
  EXPECT_LT(estimates->atc_mc, self->atc_mc);
  EXPECT_LT(estimates->atc_ne, self->atc_ne);
  // Huge logits (confidence 1 everywhere) are above any fitted threshold.
  Result<LabelFreeEstimates> certain = estimate_accuracy(*fit, (id.logits * 1e3f).eval());
  ASSERT_TRUE(certain.ok());
  EXPECT_DOUBLE_EQ(certain->atc_mc, 1.0);
}

TEST(LabelFreeAccuracy, BadInputsAreClearErrors) {
  const Sample id = make_sample(100, 4, 2.0, 4);
  Eigen::MatrixXf with_nan = id.logits;
  with_nan(3, 1) = std::nanf("");
  Result<LabelFreeFit> nan_fit = fit_label_free(with_nan, id.labels);
  ASSERT_FALSE(nan_fit.ok());
  EXPECT_NE(nan_fit.error().find("NaN or Inf"), std::string::npos) << nan_fit.error();
  Eigen::VectorXi bad_labels = id.labels;
  bad_labels(0) = 4;
  EXPECT_FALSE(fit_label_free(id.logits, bad_labels).ok());
  EXPECT_FALSE(fit_label_free(id.logits, id.labels.head(50)).ok());
  Result<LabelFreeFit> fit = fit_label_free(id.logits, id.labels);
  ASSERT_TRUE(fit.ok());
  Result<LabelFreeEstimates> other_classes = estimate_accuracy(*fit, Eigen::MatrixXf::Zero(10, 5));
  ASSERT_FALSE(other_classes.ok());
  EXPECT_NE(other_classes.error().find("5 classes on the shifted set, 4 on the ID data"), std::string::npos);
}

}  // namespace
}  // namespace ms::geometry
