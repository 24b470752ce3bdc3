#include "core/geometry/glue_measures.h"

#include "core/geometry/glue_parallel.h"
#include "core/geometry/glue_pinv_form.h"

#include <cmath>
#include <limits>

namespace ms::geometry {

namespace {

// Sums of one alignment family over pairs (mu, nu), mu != nu, where both vectors are non-zero.
struct AlignmentSums {
  double cos = 0, abs_inner = 0, signed_cos = 0;
  long long pairs = 0;

  // inner(mu, nu) = <u_mu, v_nu>; nu2/nv2 their squared norms.
  template <class Inner>
  void add(int P, const Inner& inner, const Eigen::VectorXd& nu2, const Eigen::VectorXd& nv2, double tiny) {
    for (int mu = 0; mu < P; ++mu) {
      if (!(nu2[mu] > tiny)) continue;
      for (int nu = 0; nu < P; ++nu) {
        if (nu == mu || !(nv2[nu] > tiny)) continue;
        const double ip = inner(mu, nu);
        const double c = ip / std::sqrt(nu2[mu] * nv2[nu]);
        cos += std::abs(c);
        signed_cos += c;
        abs_inner += std::abs(ip);
        ++pairs;
      }
    }
  }
  void add(const AlignmentSums& o) {
    cos += o.cos, abs_inner += o.abs_inner, signed_cos += o.signed_cos, pairs += o.pairs;
  }
  void write(double* c, double* abs, double* sgn) const {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    *c = pairs ? cos / pairs : nan;
    *abs = pairs ? abs_inner / pairs : nan;
    *sgn = pairs ? signed_cos / pairs : nan;
  }
};

// What every sample's measures share: each point's class, the centers s0 (weights and Gram products), the zero
// threshold.
struct CenterProducts {
  std::vector<int> point_class;  // m
  Eigen::MatrixXd B;             // m by P, B(:, nu) = K w0_nu: column nu is "<x_i, s0^nu>"
  Eigen::MatrixXd C0;            // P by P, <s0^mu, s0^nu>
  Eigen::VectorXd c0_norms;      // P
  double tiny = 0;  // vectors with squared norm below this are zero for the alignments (rounding left from s_k - s0)
};

// Centers: mean anchor weights, over all samples (A, B) or over the samples where the manifold is active (C).
Eigen::VectorXd center_weights(const std::vector<int>& class_offsets, const Eigen::Ref<const Eigen::MatrixXd>& weights,
                               const Eigen::Matrix<bool, Eigen::Dynamic, Eigen::Dynamic>& active, InactivePolicy policy) {
  Eigen::VectorXd w0 = weights.rowwise().mean();
  if (policy != InactivePolicy::active_only) return w0;
  for (size_t mu = 0; mu + 1 < class_offsets.size(); ++mu) {
    const int begin = class_offsets[mu], size = class_offsets[mu + 1] - begin;
    const Eigen::Index count = active.row(static_cast<Eigen::Index>(mu)).count();
    w0.segment(begin, size) = count ? Eigen::VectorXd(weights.middleRows(begin, size).rowwise().sum() / double(count))
                                    : Eigen::VectorXd::Zero(size);
  }
  return w0;
}

CenterProducts center_products(const Eigen::Ref<const Eigen::MatrixXd>& K, const std::vector<int>& class_offsets,
                               const Eigen::VectorXd& w0) {
  const int P = static_cast<int>(class_offsets.size()) - 1;
  const Eigen::Index m = K.rows();
  CenterProducts c;
  c.point_class.resize(static_cast<size_t>(m));
  for (int mu = 0; mu < P; ++mu)
    for (int i = class_offsets[mu]; i < class_offsets[mu + 1]; ++i) c.point_class[i] = mu;
  c.tiny = 1e-20 * std::max(K.diagonal().cwiseAbs().maxCoeff(), std::numeric_limits<double>::min());
  c.B = Eigen::MatrixXd::Zero(m, P);
  for (Eigen::Index i = 0; i < m; ++i)
    if (w0[i] != 0) c.B.col(c.point_class[i]).noalias() += w0[i] * K.col(i);
  c.C0 = Eigen::MatrixXd::Zero(P, P);
  for (Eigen::Index i = 0; i < m; ++i)
    if (w0[i] != 0) c.C0.row(c.point_class[i]) += w0[i] * c.B.row(i);
  c.C0 = (0.5 * (c.C0 + c.C0.transpose())).eval();
  c.c0_norms = c.C0.diagonal();
  return c;
}

// Sample k: a_k, b_k, c_k and its alignment sums, from the anchor weights w_k and the probe's h(:, k).
void sample_measures(const Eigen::Ref<const Eigen::MatrixXd>& K, const CenterProducts& c, const Eigen::VectorXd& w0,
                     const Eigen::Ref<const Eigen::MatrixXd>& weights,
                     const Eigen::Matrix<bool, Eigen::Dynamic, Eigen::Dynamic>& active,
                     const Eigen::Ref<const Eigen::MatrixXd>& h, bool zero_inactive_axes, int k, GlueMeasuresOutput& out,
                     AlignmentSums& axis, AlignmentSums& center_axis) {
  const Eigen::Index m = K.rows();
  const int P = static_cast<int>(c.C0.rows());
  const auto w = weights.col(k);
  Eigen::MatrixXd A = Eigen::MatrixXd::Zero(m, P);  // A(:, nu) = K w_k,nu
  Eigen::MatrixXd E = Eigen::MatrixXd::Zero(P, P);  // E(nu, mu) = <s_k^nu, s0^mu>
  Eigen::VectorXd St = Eigen::VectorXd::Zero(P), S0t = Eigen::VectorXd::Zero(P);
  std::vector<Eigen::Index> support;
  for (Eigen::Index i = 0; i < m; ++i) {
    if (w[i] == 0) continue;
    support.push_back(i);
    A.col(c.point_class[i]).noalias() += w[i] * K.col(i);
    E.row(c.point_class[i]) += w[i] * c.B.row(i);
    St[c.point_class[i]] += w[i] * h(i, k);
  }
  for (Eigen::Index i = 0; i < m; ++i) S0t[c.point_class[i]] += w0[i] * h(i, k);
  Eigen::MatrixXd Gk = Eigen::MatrixXd::Zero(P, P);
  for (Eigen::Index i : support) Gk.row(c.point_class[i]) += w[i] * A.row(i);
  Gk = (0.5 * (Gk + Gk.transpose())).eval();

  Eigen::MatrixXd G1 = Gk - E - E.transpose() + c.C0;  // <s1^mu, s1^nu>
  Eigen::VectorXd S1t = St - S0t;
  Eigen::MatrixXd Z = E.transpose() - c.C0;  // Z(mu, nu) = <s0^mu, s1^nu>
  if (zero_inactive_axes) {
    for (int mu = 0; mu < P; ++mu) {
      if (active(mu, k)) continue;
      G1.row(mu).setZero();
      G1.col(mu).setZero();
      S1t[mu] = 0;
      Z.col(mu).setZero();
    }
  }
  out.a[k] = glue_pinv_form(Gk, St);
  out.b[k] = glue_pinv_form(G1, S1t);
  out.c[k] = glue_pinv_form(c.C0 + G1, S1t);
  const Eigen::VectorXd g1_norms = G1.diagonal();
  axis.add(P, [&](int mu, int nu) { return G1(mu, nu); }, g1_norms, g1_norms, c.tiny);
  center_axis.add(P, [&](int mu, int nu) { return Z(mu, nu); }, c.c0_norms, g1_norms, c.tiny);
}

}  // namespace

GlueMeasuresOutput glue_measures(const Eigen::Ref<const Eigen::MatrixXd>& K, const std::vector<int>& class_offsets,
                                 const Eigen::Ref<const Eigen::MatrixXd>& weights,
                                 const Eigen::Matrix<bool, Eigen::Dynamic, Eigen::Dynamic>& active,
                                 const Eigen::Ref<const Eigen::MatrixXd>& h, InactivePolicy policy, int threads) {
  const int P = static_cast<int>(class_offsets.size()) - 1;
  const int n_t = static_cast<int>(weights.cols());
  GlueMeasuresOutput out;
  out.center_weights = center_weights(class_offsets, weights, active, policy);
  const CenterProducts c = center_products(K, class_offsets, out.center_weights);
  out.a.resize(n_t), out.b.resize(n_t), out.c.resize(n_t);
  std::vector<AlignmentSums> axis(n_t), center_axis(n_t);
  const bool zero_inactive_axes = policy != InactivePolicy::zero_row;
  glue_parallel_for(n_t, threads, [&](int k, int) {
    sample_measures(K, c, out.center_weights, weights, active, h, zero_inactive_axes, k, out, axis[k], center_axis[k]);
  });

  GlueMeasures& r = out.measures;
  r.mean_a = out.a.mean();
  r.mean_b = out.b.mean();
  r.mean_c = out.c.mean();
  const double nan = std::numeric_limits<double>::quiet_NaN();
  r.capacity = r.mean_a > 0 ? P / r.mean_a : nan;
  r.dimension = r.mean_b / P;
  r.radius = r.mean_b - r.mean_c > 0 ? std::sqrt(r.mean_c / (r.mean_b - r.mean_c)) : nan;
  r.utility = r.mean_a > 0 ? r.mean_c / r.mean_a : nan;
  AlignmentSums centers, axes, cross;
  centers.add(P, [&](int mu, int nu) { return c.C0(mu, nu); }, c.c0_norms, c.c0_norms, c.tiny);
  for (int k = 0; k < n_t; ++k) axes.add(axis[k]), cross.add(center_axis[k]);
  centers.write(&r.center_alignment, &r.center_alignment_abs_inner, &r.center_alignment_signed);
  axes.write(&r.axis_alignment, &r.axis_alignment_abs_inner, &r.axis_alignment_signed);
  cross.write(&r.center_axis_alignment, &r.center_axis_alignment_abs_inner, &r.center_axis_alignment_signed);
  r.active_fraction = n_t && P ? double(active.count()) / (double(P) * n_t) : 0;
  return out;
}

}  // namespace ms::geometry
