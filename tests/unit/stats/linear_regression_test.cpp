// OLS with prediction intervals and leave-one-out errors against closed forms (an exact line; the one-predictor
// interval t* s sqrt(1 + 1/n + (x0 - xbar)^2 / Sxx)) and against brute-force refits without each row.
#include <cmath>
#include <random>

#include <gtest/gtest.h>

#include "core/stats/linear_regression.h"
#include "core/stats/special_functions.h"

namespace ms::stats {
namespace {

TEST(LinearFit, ExactLinePredictsExactlyWithZeroLeaveOneOutError) {
  Eigen::MatrixXd x(5, 1);
  x << 1, 2, 4, 7, 11;
  const Eigen::VectorXd y = (2.0 + 3.0 * x.col(0).array()).matrix();
  auto fit = fit_linear(x, y, {"x"});
  ASSERT_TRUE(fit.ok()) << fit.error();
  EXPECT_NEAR(fit->coefficients(0), 2.0, 1e-12);
  EXPECT_NEAR(fit->coefficients(1), 3.0, 1e-12);
  EXPECT_NEAR(fit->r_squared, 1.0, 1e-12);
  EXPECT_NEAR(fit->loo_rmse, 0.0, 1e-12);
  EXPECT_NEAR(fit->loo_mae, 0.0, 1e-12);
  const PredictionInterval at_20 = predict(*fit, Eigen::VectorXd::Constant(1, 20.0));
  EXPECT_NEAR(at_20.value, 62.0, 1e-10);
  EXPECT_NEAR(at_20.high - at_20.low, 0.0, 1e-9);  // s = 0
}

TEST(LinearFit, OnePredictorMatchesTheClosedFormsAndWidensAwayFromTheMean) {
  Eigen::MatrixXd x(6, 1);
  x << 1, 2, 3, 4, 5, 6;
  Eigen::VectorXd y(6);
  y << 1.1, 1.9, 3.2, 3.8, 5.3, 5.9;
  auto fit = fit_linear(x, y, {"x"});
  ASSERT_TRUE(fit.ok()) << fit.error();
  const double xbar = 3.5, ybar = y.mean();
  const double sxx = (x.col(0).array() - xbar).square().sum();
  const double sxy = ((x.col(0).array() - xbar) * (y.array() - ybar)).sum();
  const double slope = sxy / sxx, intercept = ybar - slope * xbar;
  EXPECT_NEAR(fit->coefficients(1), slope, 1e-12);
  EXPECT_NEAR(fit->coefficients(0), intercept, 1e-12);
  const double sse = (y.array() - intercept - slope * x.col(0).array()).square().sum();
  const double s = std::sqrt(sse / 4.0);
  EXPECT_NEAR(fit->residual_sd, s, 1e-12);
  const double t = student_t_critical(0.95, 4.0);
  double previous_width = 0.0;
  for (double x0 : {3.5, 4.5, 6.0, 10.0, 30.0}) {
    const PredictionInterval p = predict(*fit, Eigen::VectorXd::Constant(1, x0));
    const double half = t * s * std::sqrt(1.0 + 1.0 / 6.0 + (x0 - xbar) * (x0 - xbar) / sxx);
    EXPECT_NEAR(p.value, intercept + slope * x0, 1e-12);
    EXPECT_NEAR(p.high - p.value, half, 1e-10) << x0;
    EXPECT_NEAR(p.value - p.low, half, 1e-10) << x0;
    EXPECT_GT(p.high - p.low, previous_width) << x0;  // wider the further from the data's mean
    previous_width = p.high - p.low;
  }
  // Symmetric around the mean.
  EXPECT_NEAR(predict(*fit, Eigen::VectorXd::Constant(1, 1.5)).high - predict(*fit, Eigen::VectorXd::Constant(1, 1.5)).low,
              predict(*fit, Eigen::VectorXd::Constant(1, 5.5)).high - predict(*fit, Eigen::VectorXd::Constant(1, 5.5)).low,
              1e-10);
}

TEST(LinearFit, HatMatrixLeaveOneOutEqualsBruteForceRefits) {
  std::mt19937_64 random(11);
  std::normal_distribution<double> normal;
  const long n = 40;
  Eigen::MatrixXd x(n, 3);
  Eigen::VectorXd y(n);
  for (long i = 0; i < n; ++i) {
    for (long j = 0; j < 3; ++j) x(i, j) = 10.0 * j + normal(random) * (j + 1);
    y(i) = 70.0 + 0.5 * x(i, 0) - 0.2 * x(i, 1) + 0.1 * x(i, 2) + 2.0 * normal(random);
  }
  auto fit = fit_linear(x, y, {"a", "b", "c"});
  ASSERT_TRUE(fit.ok()) << fit.error();
  double squares = 0.0, absolutes = 0.0;
  for (long i = 0; i < n; ++i) {
    Eigen::MatrixXd xi(n - 1, 3);
    Eigen::VectorXd yi(n - 1);
    for (long k = 0, r = 0; k < n; ++k)
      if (k != i) {
        xi.row(r) = x.row(k);
        yi(r++) = y(k);
      }
    auto refit = fit_linear(xi, yi, {"a", "b", "c"});
    ASSERT_TRUE(refit.ok()) << refit.error();
    const double e = y(i) - predict(*refit, x.row(i).transpose()).value;
    EXPECT_NEAR(fit->loo_residuals(i), e, 1e-10) << i;
    squares += e * e;
    absolutes += std::fabs(e);
  }
  EXPECT_NEAR(fit->loo_rmse, std::sqrt(squares / n), 1e-10);
  EXPECT_NEAR(fit->loo_mae, absolutes / n, 1e-10);
  EXPECT_GT(fit->loo_rmse, fit->residual_sd * 0.9);  // out of sample is not better than in sample
}

TEST(LinearFit, ErrorsNameTheProblem) {
  Eigen::MatrixXd two(2, 1);
  two << 1, 2;
  auto few = fit_linear(two, Eigen::Vector2d(1, 2), {"dimension_id"});
  ASSERT_FALSE(few.ok());
  EXPECT_NE(few.error().find("2 rows with a target for 1 predictor(s) and the intercept; need at least 3"),
            std::string::npos)
      << few.error();

  Eigen::MatrixXd constant(4, 2);
  constant << 1, 5, 2, 5, 3, 5, 4, 5;
  auto singular = fit_linear(constant, Eigen::Vector4d(1, 2, 3, 5), {"dimension_id", "utility_id"});
  ASSERT_FALSE(singular.ok());
  EXPECT_NE(singular.error().find("predictor 'utility_id' is constant"), std::string::npos) << singular.error();

  Eigen::MatrixXd collinear(4, 2);
  collinear << 1, 2, 2, 4, 3, 6, 4, 8;
  auto dependent = fit_linear(collinear, Eigen::Vector4d(1, 2, 3, 5), {"a", "b"});
  ASSERT_FALSE(dependent.ok());
  EXPECT_NE(dependent.error().find("linearly dependent"), std::string::npos) << dependent.error();
}

}  // namespace
}  // namespace ms::stats
