#include "core/stats/partial_correlation.h"

#include <cmath>
#include <limits>

#include "core/stats/special_functions.h"

namespace ms::stats {

namespace {

// Residual of v after regression on [1, z]: centered v minus its projection on centered z.
Eigen::VectorXd residual(const Eigen::Ref<const Eigen::VectorXd>& v, const Eigen::VectorXd& zc) {
  const Eigen::VectorXd vc = v.array() - v.mean();
  return vc - (zc.dot(vc) / zc.squaredNorm()) * zc;
}

}  // namespace

CorrelationResult partial_correlation(const Eigen::Ref<const Eigen::VectorXd>& x,
                                      const Eigen::Ref<const Eigen::VectorXd>& y,
                                      const Eigen::Ref<const Eigen::VectorXd>& z) {
  constexpr double nan = std::numeric_limits<double>::quiet_NaN();
  const long n = x.size();
  if (y.size() != n || z.size() != n || n < 4) return {n, nan, nan};
  const Eigen::VectorXd zc = z.array() - z.mean();
  if (zc.squaredNorm() == 0.0) return {n, nan, nan};
  const double r = pearson_r(residual(x, zc), residual(y, zc));
  if (std::isnan(r)) return {n, nan, nan};
  return {n, r, correlation_two_sided_p(r, n - 3.0)};
}

}  // namespace ms::stats
