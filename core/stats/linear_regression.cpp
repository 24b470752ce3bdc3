#include "core/stats/linear_regression.h"

#include <cmath>
#include <iomanip>
#include <sstream>
#include <limits>

#include <Eigen/QR>

#include "core/stats/special_functions.h"

namespace ms::stats {

namespace {

std::string join(const std::vector<std::string>& names) {
  std::string text;
  for (const std::string& name : names) text += (text.empty() ? "" : ", ") + name;
  return text;
}

std::string shortest(double value) {
  std::ostringstream text;
  text << std::setprecision(10) << value;
  return text.str();
}

// Why the design is singular, in the user's terms: a constant predictor (collinear with the intercept) is the
// common case; anything else is a linear dependence among the predictors.
std::string singular_design_message(const Eigen::Ref<const Eigen::MatrixXd>& x,
                                    const std::vector<std::string>& names) {
  for (long j = 0; j < x.cols(); ++j)
    if (x.col(j).maxCoeff() == x.col(j).minCoeff())
      return "predictor '" + names[static_cast<size_t>(j)] + "' is constant (" + shortest(x(0, j)) +
             " in all " + std::to_string(x.rows()) + " rows): the fit is singular";
  return "predictors " + join(names) + " are linearly dependent (with the intercept): the fit is singular";
}

// Leave-one-out residuals e_i / (1 - h_ii) and their RMSE and MAE (over the finite ones).
void set_leave_one_out(const Eigen::VectorXd& residuals, const Eigen::VectorXd& leverage, LinearFit* fit) {
  fit->loo_residuals.resize(residuals.size());
  double squares = 0.0, absolutes = 0.0;
  long count = 0;
  for (long i = 0; i < residuals.size(); ++i) {
    const double rest = 1.0 - leverage(i);
    // h_ii = 1: the row alone fixes a coefficient, so without it the fit is undetermined.
    const double e = rest > 1e-12 ? residuals(i) / rest : std::numeric_limits<double>::quiet_NaN();
    fit->loo_residuals(i) = e;
    if (std::isnan(e)) continue;
    squares += e * e;
    absolutes += std::fabs(e);
    ++count;
  }
  fit->loo_rmse = count > 0 ? std::sqrt(squares / count) : std::numeric_limits<double>::quiet_NaN();
  fit->loo_mae = count > 0 ? absolutes / count : std::numeric_limits<double>::quiet_NaN();
}

}  // namespace

Result<LinearFit> fit_linear(const Eigen::Ref<const Eigen::MatrixXd>& x, const Eigen::Ref<const Eigen::VectorXd>& y,
                             const std::vector<std::string>& names) {
  const long n = x.rows(), p = x.cols();
  if (static_cast<long>(names.size()) != p || y.size() != n)
    return make_error("fit_linear: " + std::to_string(p) + " predictor columns, " + std::to_string(names.size()) +
                      " names, " + std::to_string(n) + " rows and " + std::to_string(y.size()) + " targets");
  if (n < p + 2)
    return make_error(std::to_string(n) + " rows with a target for " + std::to_string(p) +
                      " predictor(s) and the intercept; need at least " + std::to_string(p + 2));
  Eigen::MatrixXd design(n, p + 1);
  design.col(0).setOnes();
  design.rightCols(p) = x;
  Eigen::ColPivHouseholderQR<Eigen::MatrixXd> qr(design);
  qr.setThreshold(1e-10);
  if (qr.rank() < p + 1) return make_error(singular_design_message(x, names));

  LinearFit fit;
  fit.n = n;
  fit.coefficients = qr.solve(y);
  const Eigen::VectorXd residuals = y - design * fit.coefficients;
  const double sse = residuals.squaredNorm();
  const double sst = (y.array() - y.mean()).matrix().squaredNorm();
  fit.r_squared = sst > 0.0 ? 1.0 - sse / sst : std::numeric_limits<double>::quiet_NaN();
  fit.residual_sd = std::sqrt(sse / static_cast<double>(n - p - 1));
  fit.r = qr.matrixR().topLeftCorner(p + 1, p + 1).triangularView<Eigen::Upper>();
  fit.permutation = qr.colsPermutation().indices();
  // Leverages: squared row norms of the thin Q.
  const Eigen::MatrixXd q = qr.householderQ() * Eigen::MatrixXd::Identity(n, p + 1);
  set_leave_one_out(residuals, q.rowwise().squaredNorm(), &fit);
  return fit;
}

PredictionInterval predict(const LinearFit& fit, const Eigen::Ref<const Eigen::VectorXd>& x0, double level) {
  const long k = fit.coefficients.size();
  Eigen::VectorXd point(k);
  point(0) = 1.0;
  point.tail(k - 1) = x0;
  // x0~^T (X~^T X~)^-1 x0~ = |R^-T P^T x0~|^2.
  Eigen::VectorXd permuted(k);
  for (long j = 0; j < k; ++j) permuted(j) = point(fit.permutation(j));
  const Eigen::VectorXd z = fit.r.triangularView<Eigen::Upper>().transpose().solve(permuted);
  const double df = static_cast<double>(fit.n - k);
  const double half = student_t_critical(level, df) * fit.residual_sd * std::sqrt(1.0 + z.squaredNorm());
  const double value = point.dot(fit.coefficients);
  return {value, value - half, value + half};
}

}  // namespace ms::stats
