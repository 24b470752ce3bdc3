#include "core/model/logistic_regression.h"

#include <cmath>
#include <algorithm>
#include <deque>
#include <optional>
#include <string>

namespace ms::model {
namespace {

// Objective and gradient at theta = [vec(W); b] (W column-major d by C). Products in float, sums in double.
struct Problem {
  const Eigen::Ref<const Eigen::MatrixXf>& X;
  Eigen::MatrixXf Y;  // n by C one-hot
  double l2;

  double evaluate(const Eigen::VectorXd& theta, Eigen::VectorXd& gradient) const {
    const Eigen::Index n = X.rows(), d = X.cols(), C = Y.cols();
    Eigen::Map<const Eigen::MatrixXd> W(theta.data(), d, C);
    Eigen::Map<const Eigen::VectorXd> b(theta.data() + d * C, C);
    Eigen::MatrixXf Z = X * W.cast<float>();
    Z.rowwise() += b.cast<float>().transpose();
    double loss = 0;
    for (Eigen::Index i = 0; i < n; ++i) {
      const float top = Z.row(i).maxCoeff();
      const double margin = double(Z.row(i).dot(Y.row(i))) - top;  // z_y - max z (Y is one-hot)
      Z.row(i) = (Z.row(i).array() - top).exp().matrix();
      const double sum = Z.row(i).cast<double>().sum();
      Z.row(i) /= static_cast<float>(sum);
      loss += std::log(sum) - margin;
    }
    Z -= Y;  // dLoss/dZ * n
    gradient.resize(theta.size());
    Eigen::Map<Eigen::MatrixXd> gW(gradient.data(), d, C);
    Eigen::Map<Eigen::VectorXd> gb(gradient.data() + d * C, C);
    gW = (X.transpose() * Z).cast<double>() / double(n) + l2 * W;
    gb = Z.colwise().sum().transpose().cast<double>() / double(n);
    return loss / double(n) + 0.5 * l2 * W.squaredNorm();
  }
};

using History = std::deque<std::pair<Eigen::VectorXd, Eigen::VectorXd>>;  // L-BFGS (s, y) pairs, newest last

// The one-hot label matrix (n by classes). Errors: sizes that do not match, no samples or features, fewer than two
// classes, non-finite features, a label outside [0, classes).
Result<Eigen::MatrixXf> one_hot_labels(const Eigen::Ref<const Eigen::MatrixXf>& X, const std::vector<int32_t>& labels,
                                       int classes) {
  const Eigen::Index n = X.rows(), d = X.cols();
  if (static_cast<size_t>(n) != labels.size())
    return make_error("features have " + std::to_string(n) + " rows for " + std::to_string(labels.size()) + " labels");
  if (n == 0 || d == 0 || classes < 2) return make_error("logistic regression needs samples, features and 2+ classes");
  if (!X.allFinite()) return make_error("features contain NaN or infinite values");
  Eigen::MatrixXf Y = Eigen::MatrixXf::Zero(n, classes);
  for (Eigen::Index i = 0; i < n; ++i) {
    if (labels[i] < 0 || labels[i] >= classes) return make_error("label outside [0, classes)");
    Y(i, labels[i]) = 1;
  }
  return Y;
}

// The L-BFGS direction -H gradient by the two-loop recursion over `history` (with no history, a short move along
// the gradient). A direction that does not descend (numerical trouble) clears the history and restarts from steepest
// descent.
Eigen::VectorXd descent_direction(const Eigen::VectorXd& gradient, History& history) {
  Eigen::VectorXd q = gradient;
  std::vector<double> alpha(history.size());
  for (size_t k = history.size(); k-- > 0;) {
    const auto& [s, y] = history[k];
    alpha[k] = s.dot(q) / y.dot(s);
    q -= alpha[k] * y;
  }
  if (!history.empty()) {
    const auto& [s, y] = history.back();
    q *= s.dot(y) / y.squaredNorm();
  } else {
    q /= std::max(1.0, gradient.norm());  // first step: a short move along the gradient
  }
  for (size_t k = 0; k < history.size(); ++k) {
    const auto& [s, y] = history[k];
    q += s * (alpha[k] - y.dot(q) / y.dot(s));
  }
  Eigen::VectorXd direction = -q;
  if (gradient.dot(direction) >= 0) {
    history.clear();
    direction = -gradient / std::max(1.0, gradient.norm());
  }
  return direction;
}

// A point of the objective: parameters, objective value and gradient.
struct Point {
  Eigen::VectorXd theta;
  double f = 0;
  Eigen::VectorXd gradient;
};

// Backtracking (Armijo) line search from `at` along `direction`: the first of 40 halving steps that decreases the
// objective enough; nullopt when none does (no decrease possible at float precision).
std::optional<Point> line_search(const Problem& problem, const Point& at, const Eigen::VectorXd& direction) {
  const double slope = at.gradient.dot(direction);
  double step = 1.0;
  Point next;
  for (int trial = 0; trial < 40; ++trial, step *= 0.5) {
    next.theta = at.theta + step * direction;
    next.f = problem.evaluate(next.theta, next.gradient);
    if (std::isfinite(next.f) && next.f <= at.f + 1e-4 * step * slope) return next;
  }
  return std::nullopt;
}

// Keeps the step's curvature pair when it is positive (the inverse Hessian estimate stays positive definite), at
// most `memory` pairs.
void remember_step(History& history, const Point& from, const Point& to, int memory) {
  Eigen::VectorXd s = to.theta - from.theta, y = to.gradient - from.gradient;
  if (s.dot(y) > 1e-12 * s.norm() * y.norm()) {
    history.emplace_back(std::move(s), std::move(y));
    if (static_cast<int>(history.size()) > memory) history.pop_front();
  }
}

}  // namespace

Result<LogisticModel> fit_logistic_regression(const Eigen::Ref<const Eigen::MatrixXf>& X,
                                              const std::vector<int32_t>& labels, int classes,
                                              const LogisticOptions& options) {
  auto Y = one_hot_labels(X, labels, classes);
  if (!Y) return make_error(Y.error());
  const Problem problem{X, std::move(Y).value(), options.l2};
  const Eigen::Index d = X.cols();
  Point at;
  at.theta = Eigen::VectorXd::Zero(d * classes + classes);
  at.f = problem.evaluate(at.theta, at.gradient);
  History history;
  LogisticModel result;
  int iteration = 0;
  for (; iteration < options.max_iterations; ++iteration) {
    if (at.gradient.lpNorm<Eigen::Infinity>() < options.gradient_tolerance) {
      result.converged = true;
      break;
    }
    std::optional<Point> next = line_search(problem, at, descent_direction(at.gradient, history));
    if (!next) break;  // no decrease possible at float precision: stop where we are
    remember_step(history, at, *next, options.memory);
    const double change = at.f - next->f;
    at = std::move(*next);
    if (change <= 1e-12 * std::max(1.0, std::abs(at.f))) {
      result.converged = true;  // objective flat to float precision
      ++iteration;
      break;
    }
  }
  result.weights = Eigen::Map<const Eigen::MatrixXd>(at.theta.data(), d, classes).cast<float>();
  result.bias = at.theta.tail(classes).cast<float>();
  result.iterations = iteration;
  result.objective = at.f;
  result.gradient_norm = at.gradient.lpNorm<Eigen::Infinity>();
  return result;
}

std::vector<int32_t> predict(const LogisticModel& model, const Eigen::Ref<const Eigen::MatrixXf>& X) {
  Eigen::MatrixXf Z = X * model.weights;
  Z.rowwise() += model.bias.transpose();
  std::vector<int32_t> predicted(X.rows());
  for (Eigen::Index i = 0; i < X.rows(); ++i) {
    Eigen::Index best = 0;
    Z.row(i).maxCoeff(&best);
    predicted[i] = static_cast<int32_t>(best);
  }
  return predicted;
}

}  // namespace ms::model
