// Special functions against closed forms that hold for particular parameters (derivable by hand), including the far
// tails where a naive 1 - CDF would be all rounding error.
#include <cmath>

#include <gtest/gtest.h>

#include "core/stats/special_functions.h"

namespace ms::stats {
namespace {

constexpr double pi = 3.14159265358979323846;

double relative_error(double value, double expected) { return std::fabs(value - expected) / std::fabs(expected); }

TEST(IncompleteBeta, ClosedFormsForUnitParameters) {
  // I_x(a, 1) = x^a and I_x(1, b) = 1 - (1-x)^b.
  for (double a : {0.5, 1.0, 3.0, 24.0}) {
    for (double x : {1e-12, 1e-4, 0.3, 0.9, 0.999}) {
      EXPECT_LT(relative_error(regularized_incomplete_beta(a, 1.0, x), std::pow(x, a)), 1e-12) << a << " " << x;
      EXPECT_LT(relative_error(regularized_incomplete_beta(1.0, a, x), -std::expm1(a * std::log1p(-x))), 1e-12)
          << a << " " << x;
    }
  }
  // Symmetric case: I_{1/2}(a, a) = 1/2.
  EXPECT_NEAR(regularized_incomplete_beta(7.5, 7.5, 0.5), 0.5, 1e-14);
  EXPECT_EQ(regularized_incomplete_beta(2.0, 3.0, 0.0), 0.0);
  EXPECT_EQ(regularized_incomplete_beta(2.0, 3.0, 1.0), 1.0);
  EXPECT_TRUE(std::isnan(regularized_incomplete_beta(-1.0, 3.0, 0.5)));
}

TEST(StudentT, OneDegreeOfFreedomIsCauchy) {
  // df = 1: P(|T| >= t) = (2/pi) atan(1/t), down to p ~ 1e-20.
  for (double t : {0.1, 1.0, 3.0, 1e3, 1e10, 1e20}) {
    EXPECT_LT(relative_error(student_t_two_sided_p(t, 1.0), 2.0 / pi * std::atan(1.0 / t)), 1e-12) << t;
    EXPECT_LT(relative_error(student_t_two_sided_p(-t, 1.0), 2.0 / pi * std::atan(1.0 / t)), 1e-12) << t;
  }
}

TEST(StudentT, TwoDegreesOfFreedom) {
  // df = 2: P(|T| >= t) = 1 - t/sqrt(2+t^2) = 2 / (s (s + t)) with s = sqrt(2+t^2).
  for (double t : {0.01, 0.5, 2.0, 50.0, 1e6, 1e12}) {
    const double s = std::sqrt(2.0 + t * t);
    EXPECT_LT(relative_error(student_t_two_sided_p(t, 2.0), 2.0 / (s * (s + t))), 1e-12) << t;
  }
}

TEST(StudentT, ThreeDegreesOfFreedom) {
  // df = 3: P(|T| >= t) = 1 - (2/pi) (atan(u) + u/(1+u^2)), u = t/sqrt(3). Moderate t only (the closed form cancels).
  for (double t : {0.2, 1.0, 2.5, 6.0}) {
    const double u = t / std::sqrt(3.0);
    EXPECT_LT(relative_error(student_t_two_sided_p(t, 3.0), 1.0 - 2.0 / pi * (std::atan(u) + u / (1.0 + u * u))),
              1e-12)
        << t;
  }
}

TEST(StudentT, CriticalValuesInvertTheTail) {
  // df = 1 (Cauchy): t* = tan(pi level / 2); df = 2: t* = level sqrt(2 / (1 - level^2)).
  for (double level : {0.5, 0.9, 0.95, 0.99}) {
    EXPECT_LT(relative_error(student_t_critical(level, 1.0), std::tan(pi * level / 2.0)), 1e-11) << level;
    EXPECT_LT(relative_error(student_t_critical(level, 2.0), level * std::sqrt(2.0 / (1.0 - level * level))), 1e-11)
        << level;
  }
  // 97.5 % quantiles (scipy.stats.t.ppf(0.975, df); df = 46 also by Simpson integration of the density).
  EXPECT_NEAR(student_t_critical(0.95, 10.0), 2.2281388519649385, 1e-9);
  EXPECT_NEAR(student_t_critical(0.95, 46.0), 2.0128955989194, 1e-9);
  EXPECT_TRUE(std::isnan(student_t_critical(1.0, 5.0)));
  EXPECT_TRUE(std::isnan(student_t_critical(0.95, 0.0)));
}

TEST(CorrelationP, MatchesTheTStatisticForm) {
  // p(r, df) must equal the t-test p with t = r sqrt(df/(1-r^2)); checked where both are well conditioned.
  for (double df : {1.0, 5.0, 46.0, 500.0}) {
    for (double r : {-0.9, -0.3, 0.05, 0.5, 0.8}) {
      const double t = r * std::sqrt(df / (1.0 - r * r));
      EXPECT_LT(relative_error(correlation_two_sided_p(r, df), student_t_two_sided_p(t, df)), 1e-12) << df << " " << r;
    }
  }
  // df = 1 with r near 1: t = r/sqrt(1-r^2), p = (2/pi) atan(sqrt(1-r^2)/r), evaluated exactly with 1-r^2 = d(2-d).
  const double r = 1.0 - 1e-14, d = 1.0 - r;  // d exact (Sterbenz)
  EXPECT_LT(relative_error(correlation_two_sided_p(r, 1.0), 2.0 / pi * std::atan(std::sqrt(d * (2.0 - d)) / r)), 1e-9);
  EXPECT_EQ(correlation_two_sided_p(1.0, 10.0), 0.0);
  EXPECT_EQ(correlation_two_sided_p(0.0, 10.0), 1.0);
}

TEST(Normal, TwoSidedTails) {
  EXPECT_NEAR(normal_two_sided_p(1.959963984540054), 0.05, 1e-15);
  EXPECT_NEAR(normal_two_sided_p(0.0), 1.0, 1e-15);
  EXPECT_LT(relative_error(normal_two_sided_p(-3.0), 0.0026997960632601866), 1e-12);
}

}  // namespace
}  // namespace ms::stats
