// GlueResult: the GLUE markers of one layer (spec glue.md section 4), their spread over repeats, the anchor
// weights needed to draw centers and anchors, and solver diagnostics.
#pragma once

#include <Eigen/Core>

#include <cstdint>
#include <vector>

namespace ms::geometry {

// The numbers of one run. Alignments: mean over pairs mu != nu of |cos| (default), |<.,.>| (_abs_inner) and
// cos (_signed), of the anchors as convex combinations of points (not multiplied by y). Pairs with a zero vector
// are skipped. NaN when undefined (e.g. R_eff when every axis vanishes).
struct GlueMeasures {
  double capacity = 0;               // alpha = P / E[a]
  double dimension = 0;              // D_eff = E[b] / P
  double radius = 0;                 // R_eff = sqrt(E[c] / E[b - c])
  double utility = 0;                // Psi_eff = E[c] / E[a]
  double center_alignment = 0;       // rho_c
  double axis_alignment = 0;         // rho_a
  double center_axis_alignment = 0;  // psi
  double center_alignment_abs_inner = 0;
  double axis_alignment_abs_inner = 0;
  double center_axis_alignment_abs_inner = 0;
  double center_alignment_signed = 0;
  double axis_alignment_signed = 0;
  double center_axis_alignment_signed = 0;
  double active_fraction = 0;        // share of (sample, manifold) pairs with an anchor
  double mean_a = 0, mean_b = 0, mean_c = 0;
};

// Visits every number of GlueMeasures with its stored name ("capacity", ...), for tables, JSON and std over repeats.
template <class Measures, class F>
void for_each_measure(Measures& m, F&& f) {
  f("capacity", m.capacity);
  f("dimension", m.dimension);
  f("radius", m.radius);
  f("utility", m.utility);
  f("center_alignment", m.center_alignment);
  f("axis_alignment", m.axis_alignment);
  f("center_axis_alignment", m.center_axis_alignment);
  f("center_alignment_abs_inner", m.center_alignment_abs_inner);
  f("axis_alignment_abs_inner", m.axis_alignment_abs_inner);
  f("center_axis_alignment_abs_inner", m.center_axis_alignment_abs_inner);
  f("center_alignment_signed", m.center_alignment_signed);
  f("axis_alignment_signed", m.axis_alignment_signed);
  f("center_axis_alignment_signed", m.center_axis_alignment_signed);
  f("active_fraction", m.active_fraction);
  f("mean_a", m.mean_a);
  f("mean_b", m.mean_b);
  f("mean_c", m.mean_c);
}

// Like OSQP's info: a failed or inaccurate solve is counted, never silent.
struct GlueDiagnostics {
  int64_t solves = 0;
  int64_t failed_solves = 0;      // NNLS status other than solved (max iterations, breakdown, inaccurate)
  int64_t total_iterations = 0;   // active-set iterations summed over solves
  int max_iterations = 0;         // of any one solve
  int64_t degenerate_solves = 0;  // solves whose dual solution was not unique (NnlsInfo::single_entering_rerun)
  double worst_kkt_residual = 0;  // relative, see nnls_gram.h
  double worst_a_mismatch = 0;    // max |a_k - ||t - theta*||^2| / max(1, a_k): pseudo-inverse form vs dual
  int gram_rank = 0;              // numerical rank of K (smallest over repeats), see glue_cholesky.h
  int coincident_repeats = 0;     // repeats whose sampled points were all one vector: their measures are NaN
  int max_support = 0;            // largest number of support points in a solve
  double gram_seconds = 0;        // gathering + K = X X^T (summed over repeats)
  double solve_seconds = 0;       // everything after the Gram matrix
};

// Visits every number of GlueDiagnostics with its name ("solves", "failed_solves", ...), as a double, for reports.
template <class F>
void for_each_diagnostic(const GlueDiagnostics& d, F&& f) {
  f("solves", static_cast<double>(d.solves));
  f("failed_solves", static_cast<double>(d.failed_solves));
  f("total_iterations", static_cast<double>(d.total_iterations));
  f("max_iterations", static_cast<double>(d.max_iterations));
  f("degenerate_solves", static_cast<double>(d.degenerate_solves));
  f("worst_kkt_residual", d.worst_kkt_residual);
  f("worst_a_mismatch", d.worst_a_mismatch);
  f("gram_rank", static_cast<double>(d.gram_rank));
  f("coincident_repeats", static_cast<double>(d.coincident_repeats));
  f("max_support", static_cast<double>(d.max_support));
  f("gram_seconds", d.gram_seconds);
  f("solve_seconds", d.solve_seconds);
}

struct GlueResult {
  int num_manifolds = 0;  // P
  int num_features = 0;   // N (d)
  GlueMeasures mean;      // over repeats
  GlueMeasures std;       // over repeats (population std; 0 for one repeat)
  std::vector<GlueMeasures> repeats;
  GlueDiagnostics diagnostics;

  // Drawing data of the first repeat. The m subsampled points are rows `points` of X, grouped by class
  // (class mu owns positions class_offsets[mu] .. class_offsets[mu+1]-1). A weight vector w (m) stands for P
  // vectors: manifold mu's is sum_{i in mu} w_i * x_i (after preprocessing, see `mean_removed`).
  std::vector<int64_t> points;          // m row indices into X
  std::vector<int> class_offsets;       // P + 1
  Eigen::VectorXd center_weights;       // m: the anchor centers s0 under the chosen inactive policy
  Eigen::MatrixXd anchor_weights;       // m by anchor_samples: sample anchors s_k (zero block when inactive)
  Eigen::Matrix<bool, Eigen::Dynamic, Eigen::Dynamic> anchor_active;  // P by anchor_samples
  Eigen::RowVectorXd mean_removed;      // 1 by d: mean subtracted by preprocess=center (empty otherwise)
};

}  // namespace ms::geometry
