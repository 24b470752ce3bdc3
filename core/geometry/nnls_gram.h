// nnls_gram: non-negative least squares in Gram form, the dual of the GLUE anchor problem (spec glue.md 2.2).
//
//   minimize_{lambda >= 0}  1/2 lambda^T Q lambda + q^T lambda,   Q = diag(s) K diag(s)
//
// With K = X X^T, s the point signs y and q = diag(s) X t, this is min ||G^T lambda + t||^2 (up to a constant) and
// the gradient g = Q lambda + q is the vector of constraint values y_i <x_i, theta>, theta = t + G^T lambda.
// Lawson-Hanson active set in Gram form with block entering: each iteration the `max_entering` most violated
// constraints enter together (Lawson-Hanson is max_entering = 1, the reference the tests compare against), the
// passive block Q_PP is kept as an incrementally grown Cholesky factor and the usual step back to feasibility drops
// variables that reach zero; a variable whose column is numerically dependent on the passive ones is skipped. An
// iteration in which none of the entering variables stays falls back to single entering for the next one, which
// keeps Lawson-Hanson's finite termination. Block entering cuts the gradient products (m by support per iteration,
// the cost that dominates with many classes) by about the block size. Settings / status / info in the manner of
// OSQP.
//
// Inputs:
//   K  m by m symmetric positive semi-definite (Gram matrix of the points)
//   s  m signs (+-1) of the points
//   q  m linear term
//   lambda  m, with settings.warm_start the starting point (its support seeds the passive set)
// Outputs:
//   lambda  m minimiser (exact zeros off the support)
//   returns NnlsInfo
#pragma once

#include <Eigen/Core>

#include <utility>
#include <vector>

namespace ms::geometry {

struct NnlsSettings {
  int max_iterations = 0;          // variables entering the passive set; 0 = 3 m + 10
  int max_entering = 48;           // variables entering per iteration; 1 = classic Lawson-Hanson
  double add_tolerance = 1e-11;    // a variable enters when its relative gradient is below -add_tolerance
  double kkt_tolerance = 1e-8;     // relative KKT residual at or below which the status is `solved`
  double pivot_tolerance = 1e-12;  // relative Cholesky pivot below which an entering column counts as dependent
  // A point off the support whose relative gradient is at most this is tight: lambda may then not be unique, and a
  // block solve is repeated one variable at a time (see NnlsInfo::single_entering_rerun).
  double tie_tolerance = 1e-9;
  bool warm_start = false;
};

enum class NnlsStatus {
  solved,
  solved_inaccurate,       // finished, but the KKT residual exceeds kkt_tolerance
  max_iterations_reached,
};

const char* to_string(NnlsStatus status);

struct NnlsInfo {
  NnlsStatus status = NnlsStatus::solved;
  int iterations = 0;  // entering variables
  int rounds = 0;      // outer iterations (one gradient product each)
  int removals = 0;    // variables that left the passive set
  int support = 0;     // final number of positive lambda
  double quadratic = 0;  // lambda^T Q lambda at the end (>= 0): ||G^T lambda||^2, the anchor problem's a (spec 2.2)
  // max_i of |g_i| on the support and max(0, -g_i) off it, each divided by sqrt(K_ii) * tau, where
  // tau = max_j |q_j| / sqrt(K_jj) (a lower bound of |t|): a cosine-scale number, invariant to scaling K.
  double kkt_residual = 0;
  // The part of kkt_residual due to points the solver skipped as numerically dependent on the support (pivot
  // below pivot_tolerance): near-duplicates of support points, violated by at most ~sqrt(pivot_tolerance).
  // `solved` allows up to 10 sqrt(pivot_tolerance) there, kkt_tolerance elsewhere.
  double dependent_residual = 0;
  int dependent = 0;  // such skipped points at the end
  // The block solve found a degenerate problem (a tight point off the support, or a dependent column on the way),
  // where lambda is not unique and the one found depends on the path: it was solved again with max_entering = 1,
  // so every setting returns the reference path's lambda. theta* (and a) are unique either way.
  bool single_entering_rerun = false;
};

// Holds the workspace so that one solver per thread solves many problems of the same size without allocating.
class NnlsGramSolver {
 public:
  NnlsInfo solve(const Eigen::Ref<const Eigen::MatrixXd>& K, const Eigen::Ref<const Eigen::VectorXd>& s,
                 const Eigen::Ref<const Eigen::VectorXd>& q, Eigen::Ref<Eigen::VectorXd> lambda,
                 const NnlsSettings& settings = {});

 private:
  NnlsInfo solve_path(const Eigen::Ref<const Eigen::MatrixXd>& K, const Eigen::Ref<const Eigen::VectorXd>& s,
                      const Eigen::Ref<const Eigen::VectorXd>& q, Eigen::Ref<Eigen::VectorXd> lambda,
                      const NnlsSettings& settings, int max_entering);
  // KKT residuals, support and status from the final gradient; sets ambiguous_ on a tight point off the support.
  void check_kkt(const Eigen::Ref<const Eigen::VectorXd>& lambda, double tau, const NnlsSettings& settings,
                 NnlsInfo& info);
  bool append(const Eigen::Ref<const Eigen::MatrixXd>& K, const Eigen::Ref<const Eigen::VectorXd>& s, int j);
  // Fills picked_ with up to `count` unblocked variables whose relative gradient is below -add_tolerance, most
  // violated first; returns false when there is none.
  bool pick_entering(int count, double tau, double add_tolerance);
  // From the feasible lambda towards the passive-set optimum, dropping variables that reach zero.
  void move_to_passive_optimum(const Eigen::Ref<const Eigen::VectorXd>& q, Eigen::Ref<Eigen::VectorXd> lambda,
                               NnlsInfo& info);
  void remove_at(int position);  // drop passive_[position], Cholesky downdate by Givens rotations, O(p^2)
  void solve_passive(const Eigen::Ref<const Eigen::VectorXd>& q);  // z_P = -Q_PP^{-1} q_P
  void update_gradient(const Eigen::Ref<const Eigen::MatrixXd>& K, const Eigen::Ref<const Eigen::VectorXd>& s,
                       const Eigen::Ref<const Eigen::VectorXd>& q, const Eigen::Ref<const Eigen::VectorXd>& lambda);

  std::vector<int> passive_;  // support in entering order; row a of chol_ belongs to passive_[a]
  std::vector<int> picked_, entering_;  // chosen to enter this round; those of them appended
  std::vector<std::pair<double, int>> candidates_;
  std::vector<char> in_passive_, blocked_;
  Eigen::MatrixXd chol_;  // lower Cholesky factor of Q_PP in its top-left corner
  Eigen::VectorXd z_, g_, norms_, work_, warm_;
  bool ambiguous_ = false;  // lambda may not be unique (see NnlsInfo::single_entering_rerun)
  double pivot_tolerance_ = 0;
  double quadratic_ = 0;  // lambda^T Q lambda of the last gradient update
};

}  // namespace ms::geometry
