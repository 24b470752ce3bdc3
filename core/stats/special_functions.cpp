#include "core/stats/special_functions.h"

#include <cmath>
#include <limits>

namespace ms::stats {

namespace {

// Continued fraction of I_x(a, b) (Numerical Recipes' betacf form), evaluated with the modified Lentz method.
double beta_continued_fraction(double a, double b, double x) {
  constexpr double tiny = 1e-300;
  constexpr double eps = 1e-16;
  constexpr int max_iterations = 100000;
  const double qab = a + b, qap = a + 1.0, qam = a - 1.0;
  double c = 1.0;
  double d = 1.0 - qab * x / qap;
  if (std::fabs(d) < tiny) d = tiny;
  d = 1.0 / d;
  double h = d;
  for (int m = 1; m <= max_iterations; ++m) {
    const double m2 = 2.0 * m;
    // even step
    double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
    d = 1.0 + aa * d;
    if (std::fabs(d) < tiny) d = tiny;
    c = 1.0 + aa / c;
    if (std::fabs(c) < tiny) c = tiny;
    d = 1.0 / d;
    h *= d * c;
    // odd step
    aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
    d = 1.0 + aa * d;
    if (std::fabs(d) < tiny) d = tiny;
    c = 1.0 + aa / c;
    if (std::fabs(c) < tiny) c = tiny;
    d = 1.0 / d;
    const double delta = d * c;
    h *= delta;
    if (std::fabs(delta - 1.0) < eps) break;
  }
  return h;
}

// x^a y^b / (a B(a,b)) with y = 1 - x, in logs.
double beta_prefactor(double a, double b, double x, double y) {
  const double log_beta = std::lgamma(a) + std::lgamma(b) - std::lgamma(a + b);
  return std::exp(a * std::log(x) + b * std::log(y) - log_beta) / a;
}

// I_x(a, b) with y = 1 - x supplied by the caller, exact even when x is close to 1.
double incomplete_beta_xy(double a, double b, double x, double y) {
  if (!(a > 0.0) || !(b > 0.0) || !(x >= 0.0) || !(y >= 0.0) || !(x <= 1.0) || !(y <= 1.0))
    return std::numeric_limits<double>::quiet_NaN();
  if (x == 0.0) return 0.0;
  if (y == 0.0) return 1.0;
  // The continued fraction converges quickly for x < (a+1)/(a+b+2); otherwise use the symmetry.
  if (x < (a + 1.0) / (a + b + 2.0)) return beta_prefactor(a, b, x, y) * beta_continued_fraction(a, b, x);
  return 1.0 - beta_prefactor(b, a, y, x) * beta_continued_fraction(b, a, y);
}

}  // namespace

double regularized_incomplete_beta(double a, double b, double x) {
  return incomplete_beta_xy(a, b, x, 1.0 - x);
}

double student_t_two_sided_p(double t, double df) {
  if (std::isnan(t) || !(df > 0.0)) return std::numeric_limits<double>::quiet_NaN();
  if (std::isinf(t)) return 0.0;
  const double t2 = t * t;
  // P(|T| >= |t|) = I_{df/(df+t^2)}(df/2, 1/2).
  return incomplete_beta_xy(0.5 * df, 0.5, df / (df + t2), t2 / (df + t2));
}

double student_t_critical(double level, double df) {
  if (!(level > 0.0 && level < 1.0) || !(df > 0.0)) return std::numeric_limits<double>::quiet_NaN();
  const double alpha = 1.0 - level;
  double low = 0.0, high = 1.0;
  while (student_t_two_sided_p(high, df) > alpha) high *= 2.0;  // df = 1, level 0.999999: ~3e5, 19 doublings
  for (int i = 0; i < 200 && high - low > 1e-13 * high; ++i) {
    const double middle = 0.5 * (low + high);
    (student_t_two_sided_p(middle, df) > alpha ? low : high) = middle;
  }
  return 0.5 * (low + high);
}

double correlation_two_sided_p(double r, double df) {
  if (std::isnan(r) || !(df > 0.0)) return std::numeric_limits<double>::quiet_NaN();
  const double a = std::fabs(r);
  if (a >= 1.0) return 0.0;
  // With t = r sqrt(df/(1-r^2)): df/(df+t^2) = 1 - r^2 = (1-|r|)(1+|r|), exact near |r| = 1.
  return incomplete_beta_xy(0.5 * df, 0.5, (1.0 - a) * (1.0 + a), a * a);
}

double normal_two_sided_p(double z) {
  if (std::isnan(z)) return std::numeric_limits<double>::quiet_NaN();
  return std::erfc(std::fabs(z) / std::sqrt(2.0));
}

}  // namespace ms::stats
