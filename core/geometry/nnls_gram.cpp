#include "core/geometry/nnls_gram.h"

#include <Eigen/Cholesky>

#include <algorithm>
#include <cmath>

namespace ms::geometry {

const char* to_string(NnlsStatus status) {
  switch (status) {
    case NnlsStatus::solved: return "solved";
    case NnlsStatus::solved_inaccurate: return "solved_inaccurate";
    case NnlsStatus::max_iterations_reached: return "max_iterations_reached";
  }
  return "?";
}

bool NnlsGramSolver::append(const Eigen::Ref<const Eigen::MatrixXd>& K, const Eigen::Ref<const Eigen::VectorXd>& s,
                            int j) {
  const int p = static_cast<int>(passive_.size());
  if (chol_.rows() < p + 1) chol_.conservativeResize(2 * (p + 1), 2 * (p + 1));
  const double qjj = K(j, j);
  double d = qjj;
  if (p > 0) {
    for (int a = 0; a < p; ++a) work_[a] = s[passive_[a]] * s[j] * K(passive_[a], j);
    auto r = work_.head(p);
    chol_.topLeftCorner(p, p).triangularView<Eigen::Lower>().solveInPlace(r);
    d -= r.squaredNorm();
  }
  // A (nearly) dependent column would make Q_PP singular; Lawson-Hanson never needs it in exact arithmetic.
  if (!(d > pivot_tolerance_ * qjj)) return false;
  if (p > 0) chol_.row(p).head(p) = work_.head(p).transpose();
  chol_(p, p) = std::sqrt(d);
  passive_.push_back(j);
  in_passive_[j] = 1;
  return true;
}

void NnlsGramSolver::remove_at(int position) {
  const int p = static_cast<int>(passive_.size());
  in_passive_[passive_[position]] = 0;
  passive_.erase(passive_.begin() + position);
  // Deleting row `position` of L leaves rows below it with one entry right of the diagonal; rotating column pairs
  // (i, i+1) from the right (L L^T unchanged) restores the triangle.
  for (int i = position; i < p - 1; ++i) {
    chol_.row(i).head(i + 2) = chol_.row(i + 1).head(i + 2);
  }
  for (int i = position; i < p - 1; ++i) {
    const double a = chol_(i, i), b = chol_(i, i + 1);
    const double r = std::hypot(a, b);
    const double c = r > 0 ? a / r : 1.0, sn = r > 0 ? b / r : 0.0;
    for (int row = i; row < p - 1; ++row) {
      const double x = chol_(row, i), y = chol_(row, i + 1);
      chol_(row, i) = c * x + sn * y;
      chol_(row, i + 1) = -sn * x + c * y;
    }
    chol_(i, i + 1) = 0;
  }
}

void NnlsGramSolver::solve_passive(const Eigen::Ref<const Eigen::VectorXd>& q) {
  const int p = static_cast<int>(passive_.size());
  for (int a = 0; a < p; ++a) z_[a] = -q[passive_[a]];
  auto z = z_.head(p);
  const auto L = chol_.topLeftCorner(p, p);
  L.triangularView<Eigen::Lower>().solveInPlace(z);
  L.transpose().triangularView<Eigen::Upper>().solveInPlace(z);
}

void NnlsGramSolver::update_gradient(const Eigen::Ref<const Eigen::MatrixXd>& K,
                                     const Eigen::Ref<const Eigen::VectorXd>& s,
                                     const Eigen::Ref<const Eigen::VectorXd>& q,
                                     const Eigen::Ref<const Eigen::VectorXd>& lambda) {
  // g = q + diag(s) K diag(s) lambda, touching only the support columns of K.
  work_.setZero();
  for (int j : passive_)
    if (lambda[j] != 0) work_.noalias() += (s[j] * lambda[j]) * K.col(j);
  g_ = q + s.cwiseProduct(work_);
  quadratic_ = s.cwiseProduct(lambda).dot(work_);
}

bool NnlsGramSolver::pick_entering(int count, double tau, double add_tolerance) {
  const int m = static_cast<int>(g_.size());
  candidates_.clear();
  for (int i = 0; i < m; ++i) {
    if (in_passive_[i] || blocked_[i] || norms_[i] == 0) continue;
    const double r = g_[i] / (norms_[i] * tau);
    if (r < -add_tolerance) candidates_.emplace_back(r, i);
  }
  if (candidates_.empty()) return false;
  // Ties broken by index, so the choice (and the result) never depends on the sort's implementation.
  const auto first = candidates_.begin(), middle = first + std::min<int>(count, candidates_.size());
  std::partial_sort(first, middle, candidates_.end());
  picked_.clear();
  for (auto it = first; it != middle; ++it) picked_.push_back(it->second);
  return true;
}

void NnlsGramSolver::move_to_passive_optimum(const Eigen::Ref<const Eigen::VectorXd>& q,
                                             Eigen::Ref<Eigen::VectorXd> lambda, NnlsInfo& info) {
  for (;;) {
    const int p = static_cast<int>(passive_.size());
    if (p == 0) return;
    solve_passive(q);
    bool positive = true;
    for (int a = 0; a < p; ++a) positive = positive && z_[a] > 0;
    if (positive) {
      for (int a = 0; a < p; ++a) lambda[passive_[a]] = z_[a];
      return;
    }
    if (entering_.size() == 1 && lambda[entering_[0]] == 0 && passive_.back() == entering_[0] && z_[p - 1] <= 0) {
      // Rounding made the single entering variable non-positive: no progress possible with it; skip it this round.
      passive_.pop_back();
      in_passive_[entering_[0]] = 0;
      blocked_[entering_[0]] = 1;
      return;
    }
    double step = 1;
    int leaving = -1;
    for (int a = 0; a < p; ++a) {
      if (z_[a] > 0) continue;
      const double l = lambda[passive_[a]];
      const double t = l / (l - z_[a]);
      if (t < step) step = t, leaving = passive_[a];
    }
    for (int a = 0; a < p; ++a) lambda[passive_[a]] += step * (z_[a] - lambda[passive_[a]]);
    if (leaving >= 0) lambda[leaving] = 0;
    // Drop what reached zero heading down. A variable that entered this round and heads up stays even when a step
    // of zero (another entering variable heading down) left it at zero.
    for (int a = p - 1; a >= 0; --a) {
      const int j = passive_[a];
      if (lambda[j] > 0 || (z_[a] > 0 && j != leaving)) continue;
      lambda[j] = 0;
      remove_at(a);
      ++info.removals;
    }
  }
}

NnlsInfo NnlsGramSolver::solve(const Eigen::Ref<const Eigen::MatrixXd>& K, const Eigen::Ref<const Eigen::VectorXd>& s,
                               const Eigen::Ref<const Eigen::VectorXd>& q, Eigen::Ref<Eigen::VectorXd> lambda,
                               const NnlsSettings& settings) {
  const int max_entering = std::max(1, settings.max_entering);
  if (max_entering == 1) return solve_path(K, s, q, lambda, settings, 1);
  if (settings.warm_start) warm_ = lambda;
  NnlsInfo info = solve_path(K, s, q, lambda, settings, max_entering);
  if (!ambiguous_) return info;
  // theta* is unique but lambda need not be (a degenerate face: more tight constraints than the support, or
  // dependent columns met on the way), and which lambda is found depends on the path. Take the one-at-a-time
  // path's, so that results never depend on max_entering.
  if (settings.warm_start) lambda = warm_;
  info = solve_path(K, s, q, lambda, settings, 1);
  info.single_entering_rerun = true;
  return info;
}

NnlsInfo NnlsGramSolver::solve_path(const Eigen::Ref<const Eigen::MatrixXd>& K,
                                    const Eigen::Ref<const Eigen::VectorXd>& s,
                                    const Eigen::Ref<const Eigen::VectorXd>& q, Eigen::Ref<Eigen::VectorXd> lambda,
                                    const NnlsSettings& settings, int max_entering) {
  const int m = static_cast<int>(K.rows());
  NnlsInfo info;
  passive_.clear();
  entering_.clear();
  in_passive_.assign(m, 0);
  blocked_.assign(m, 0);
  z_.resize(m);
  work_.resize(std::max(m, 1));
  pivot_tolerance_ = settings.pivot_tolerance;
  ambiguous_ = false;
  if (chol_.rows() < 16) chol_.resize(16, 16);

  // Relative scale: g_i / (|x_i| tau) is a cosine between x_i and theta up to |theta| / tau.
  norms_ = K.diagonal().cwiseMax(0.0).cwiseSqrt();
  double tau = 0;
  for (int i = 0; i < m; ++i)
    if (norms_[i] > 0) tau = std::max(tau, std::abs(q[i]) / norms_[i]);
  if (!settings.warm_start) lambda.setZero();
  quadratic_ = 0;
  if (tau == 0) {  // t orthogonal to every point: theta = t, lambda = 0
    lambda.setZero();
    return info;
  }
  const int max_iterations = settings.max_iterations > 0 ? settings.max_iterations : 3 * m + 10;

  if (settings.warm_start) {
    for (int i = 0; i < m; ++i) {
      const bool kept = lambda[i] > 0 && norms_[i] > 0 && append(K, s, i);
      if (!kept) lambda[i] = 0;
    }
  }
  if (!passive_.empty()) move_to_passive_optimum(q, lambda, info);
  update_gradient(K, s, q, lambda);

  int block = max_entering;
  while (pick_entering(block, tau, settings.add_tolerance)) {
    if (info.iterations >= max_iterations) {
      info.status = NnlsStatus::max_iterations_reached;
      break;
    }
    ++info.rounds;
    entering_.clear();
    for (int j : picked_) {
      if (append(K, s, j)) {
        entering_.push_back(j);
      } else {
        blocked_[j] = 1;
        ambiguous_ = true;
      }
    }
    info.iterations += static_cast<int>(entering_.size());
    if (entering_.empty()) continue;
    move_to_passive_optimum(q, lambda, info);
    bool stayed = false;
    for (int j : entering_) stayed = stayed || in_passive_[j];
    if (stayed) std::fill(blocked_.begin(), blocked_.end(), 0);
    // None stayed: the block made no progress; one variable at a time (Lawson-Hanson) until one does.
    block = stayed ? max_entering : 1;
    update_gradient(K, s, q, lambda);
  }
  check_kkt(lambda, tau, settings, info);
  return info;
}

void NnlsGramSolver::check_kkt(const Eigen::Ref<const Eigen::VectorXd>& lambda, double tau,
                               const NnlsSettings& settings, NnlsInfo& info) {
  double residual = 0, dependent_residual = 0;
  int support = 0;
  const int m = static_cast<int>(lambda.size());
  for (int i = 0; i < m; ++i) {
    if (norms_[i] == 0) continue;
    const double r = g_[i] / (norms_[i] * tau);
    if (lambda[i] > 0) {
      ++support;
      residual = std::max(residual, std::abs(r));
      continue;
    }
    if (r <= settings.tie_tolerance) ambiguous_ = true;  // tight (or violated) off the support
    if (blocked_[i]) {
      dependent_residual = std::max(dependent_residual, -r);
      info.dependent += -r > 0;
    } else {
      residual = std::max(residual, -r);
    }
  }
  info.support = support;
  info.quadratic = std::max(0.0, quadratic_);
  info.kkt_residual = std::max(residual, dependent_residual);
  info.dependent_residual = dependent_residual;
  if (info.status == NnlsStatus::solved &&
      (residual > settings.kkt_tolerance || dependent_residual > 10 * std::sqrt(settings.pivot_tolerance)))
    info.status = NnlsStatus::solved_inaccurate;
}

}  // namespace ms::geometry
