#include "core/model/logistic_regression.h"

#include <cmath>
#include <deque>
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

}  // namespace

Result<LogisticModel> fit_logistic_regression(const Eigen::Ref<const Eigen::MatrixXf>& X,
                                              const std::vector<int32_t>& labels, int classes,
                                              const LogisticOptions& options) {
  const Eigen::Index n = X.rows(), d = X.cols();
  if (static_cast<size_t>(n) != labels.size())
    return make_error("features have " + std::to_string(n) + " rows for " + std::to_string(labels.size()) + " labels");
  if (n == 0 || d == 0 || classes < 2) return make_error("logistic regression needs samples, features and 2+ classes");
  if (!X.allFinite()) return make_error("features contain NaN or infinite values");
  Problem problem{X, Eigen::MatrixXf::Zero(n, classes), options.l2};
  for (Eigen::Index i = 0; i < n; ++i) {
    if (labels[i] < 0 || labels[i] >= classes) return make_error("label outside [0, classes)");
    problem.Y(i, labels[i]) = 1;
  }

  Eigen::VectorXd theta = Eigen::VectorXd::Zero(d * classes + classes), gradient;
  double f = problem.evaluate(theta, gradient);
  std::deque<std::pair<Eigen::VectorXd, Eigen::VectorXd>> history;  // (s, y) pairs, newest last
  LogisticModel result;
  int iteration = 0;
  for (; iteration < options.max_iterations; ++iteration) {
    if (gradient.lpNorm<Eigen::Infinity>() < options.gradient_tolerance) {
      result.converged = true;
      break;
    }
    // Two-loop recursion: direction = -H gradient.
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
    double slope = gradient.dot(direction);
    if (slope >= 0) {  // not a descent direction (numerical trouble): restart from steepest descent
      history.clear();
      direction = -gradient / std::max(1.0, gradient.norm());
      slope = gradient.dot(direction);
    }
    // Backtracking (Armijo) line search.
    double step = 1.0, f_new = f;
    Eigen::VectorXd theta_new, gradient_new;
    bool accepted = false;
    for (int trial = 0; trial < 40; ++trial, step *= 0.5) {
      theta_new = theta + step * direction;
      f_new = problem.evaluate(theta_new, gradient_new);
      if (std::isfinite(f_new) && f_new <= f + 1e-4 * step * slope) {
        accepted = true;
        break;
      }
    }
    if (!accepted) break;  // no decrease possible at float precision: stop where we are
    Eigen::VectorXd s = theta_new - theta, y = gradient_new - gradient;
    if (s.dot(y) > 1e-12 * s.norm() * y.norm()) {
      history.emplace_back(std::move(s), std::move(y));
      if (static_cast<int>(history.size()) > options.memory) history.pop_front();
    }
    const double change = f - f_new;
    theta = std::move(theta_new);
    gradient = std::move(gradient_new);
    f = f_new;
    if (change <= 1e-12 * std::max(1.0, std::abs(f))) {
      result.converged = true;  // objective flat to float precision
      ++iteration;
      break;
    }
  }
  result.weights = Eigen::Map<const Eigen::MatrixXd>(theta.data(), d, classes).cast<float>();
  result.bias = theta.tail(classes).cast<float>();
  result.iterations = iteration;
  result.objective = f;
  result.gradient_norm = gradient.lpNorm<Eigen::Infinity>();
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
