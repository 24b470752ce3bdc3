// Special functions behind the p-values: the regularized incomplete beta function and the two-sided tail
// probabilities of Student's t and the standard normal.
//
// Accuracy target: relative error ~1e-13 in the far tails too (p ~ 1e-30), so published p-values such as
// 3.36e-18 are reproduced to 1e-6 relative or better.
#pragma once

namespace ms::stats {

// I_x(a, b), the regularized incomplete beta function, for a > 0, b > 0, 0 <= x <= 1.
// Continued fraction (modified Lentz) on the side of the symmetry I_x(a,b) = 1 - I_{1-x}(b,a) where it converges
// fast, so a small result is never formed as 1 - (something close to 1).
// Returns NaN for arguments outside the domain.
double regularized_incomplete_beta(double a, double b, double x);

// Two-sided p-value of a t statistic with df > 0 degrees of freedom: P(|T| >= |t|).
double student_t_two_sided_p(double t, double df);

// The critical value t* > 0 with P(|T| >= t*) = 1 - level on df > 0 degrees of freedom (level 0.95: the 97.5 %
// quantile, for 95 % intervals). Bisection on student_t_two_sided_p, which falls monotonically in |t|, to ~1e-12
// relative. NaN for level outside (0, 1) or df <= 0.
double student_t_critical(double level, double df);

// Two-sided p-value of a Pearson-type correlation r on df degrees of freedom (t = r sqrt(df / (1 - r^2))):
// I_{1-r^2}(df/2, 1/2), evaluated with 1 - r^2 = (1 - |r|)(1 + |r|) so r near +-1 keeps its precision.
// Returns 0 for |r| >= 1.
double correlation_two_sided_p(double r, double df);

// Two-sided p-value of a standard normal statistic: erfc(|z| / sqrt 2).
double normal_two_sided_p(double z);

}  // namespace ms::stats
