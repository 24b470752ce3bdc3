// Multinomial logistic regression and the linear probe on synthetic features (no torch).
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "core/model/linear_probe.h"
#include "core/model/logistic_regression.h"

namespace ms::model {
namespace {

// classes Gaussian blobs in d dimensions, centres `separation` apart along distinct axes.
void make_blobs(int per_class, int classes, int d, float separation, unsigned seed, Eigen::MatrixXf& X,
                std::vector<int32_t>& labels) {
  std::mt19937 random(seed);
  std::normal_distribution<float> normal;
  X.resize(per_class * classes, d);
  labels.clear();
  for (int c = 0; c < classes; ++c)
    for (int i = 0; i < per_class; ++i) {
      const int row = c * per_class + i;
      for (int j = 0; j < d; ++j) X(row, j) = normal(random) + (j == c ? separation : 0.0f);
      labels.push_back(c);
    }
}

// Objective gradient computed independently (double, per-sample loop) at a fitted model.
double max_gradient(const LogisticModel& fit, const Eigen::MatrixXf& X, const std::vector<int32_t>& labels, double l2) {
  const int C = static_cast<int>(fit.bias.size());
  Eigen::MatrixXd gW = l2 * fit.weights.cast<double>();
  Eigen::VectorXd gb = Eigen::VectorXd::Zero(C);
  for (Eigen::Index i = 0; i < X.rows(); ++i) {
    Eigen::VectorXd z = (X.row(i).cast<double>() * fit.weights.cast<double>()).transpose() + fit.bias.cast<double>();
    Eigen::VectorXd p = (z.array() - z.maxCoeff()).exp();
    p /= p.sum();
    p(labels[i]) -= 1.0;
    gW += X.row(i).transpose().cast<double>() * p.transpose() / double(X.rows());
    gb += p / double(X.rows());
  }
  return std::max(gW.cwiseAbs().maxCoeff(), gb.cwiseAbs().maxCoeff());
}

TEST(LogisticRegression, ReachesTheOptimum) {
  Eigen::MatrixXf X;
  std::vector<int32_t> labels;
  make_blobs(60, 3, 5, 1.5f, 1, X, labels);
  LogisticOptions options;
  options.l2 = 1e-2;
  Result<LogisticModel> fit = fit_logistic_regression(X, labels, 3, options);
  ASSERT_TRUE(fit.ok()) << fit.error();
  EXPECT_TRUE(fit->converged);
  EXPECT_LT(fit->iterations, options.max_iterations);
  EXPECT_LT(max_gradient(*fit, X, labels, options.l2), 1e-4);
}

TEST(LinearProbe, SeparableFeaturesAreDecodedAlmostPerfectly) {
  Eigen::MatrixXf X;
  std::vector<int32_t> labels;
  make_blobs(100, 4, 20, 8.0f, 2, X, labels);
  Result<ProbeResult> probe = linear_probe(X, labels, 4);
  ASSERT_TRUE(probe.ok()) << probe.error();
  EXPECT_EQ(probe->test_count, 100);
  EXPECT_EQ(probe->train_count, 300);
  EXPECT_GE(probe->test_accuracy, 0.99);
  EXPECT_GE(probe->train_accuracy, 0.99);
}

TEST(LinearProbe, RandomLabelsGiveChanceOnHeldOutData) {
  std::mt19937 random(3);
  std::normal_distribution<float> normal;
  std::uniform_int_distribution<int32_t> label(0, 2);
  Eigen::MatrixXf X(600, 10);
  for (Eigen::Index i = 0; i < X.size(); ++i) X.data()[i] = normal(random);
  std::vector<int32_t> labels(600);
  for (int32_t& y : labels) y = label(random);
  ProbeOptions options;
  options.seed = 5;
  Result<ProbeResult> probe = linear_probe(X, labels, 3, options);
  ASSERT_TRUE(probe.ok()) << probe.error();
  EXPECT_NEAR(probe->test_accuracy, 1.0 / 3.0, 0.12);  // 150 test items: 3 standard errors of chance
}

TEST(LinearProbe, ErrorsAreValues) {
  Eigen::MatrixXf X = Eigen::MatrixXf::Ones(4, 2);
  EXPECT_FALSE(linear_probe(X, {0, 1, 0}, 2).ok());
  ProbeOptions options;
  options.test_fraction = 1.5;
  EXPECT_FALSE(linear_probe(X, {0, 1, 0, 1}, 2, options).ok());
  X(0, 0) = NAN;
  Result<ProbeResult> nan = linear_probe(X, {0, 1, 0, 1}, 2);
  ASSERT_FALSE(nan.ok());
  EXPECT_NE(nan.error().find("NaN"), std::string::npos);
}

}  // namespace
}  // namespace ms::model
