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

}  // namespace

GlueMeasuresOutput glue_measures(const Eigen::Ref<const Eigen::MatrixXd>& K, const std::vector<int>& class_offsets,
                                 const Eigen::Ref<const Eigen::MatrixXd>& weights,
                                 const Eigen::Matrix<bool, Eigen::Dynamic, Eigen::Dynamic>& active,
                                 const Eigen::Ref<const Eigen::MatrixXd>& h, InactivePolicy policy, int threads) {
  const int P = static_cast<int>(class_offsets.size()) - 1;
  const Eigen::Index m = K.rows();
  const int n_t = static_cast<int>(weights.cols());
  std::vector<int> point_class(m);
  for (int mu = 0; mu < P; ++mu)
    for (int i = class_offsets[mu]; i < class_offsets[mu + 1]; ++i) point_class[i] = mu;
  // Vectors with squared norm below this are zero for the alignments (rounding left over from s_k - s0).
  const double tiny = 1e-20 * std::max(K.diagonal().cwiseAbs().maxCoeff(), std::numeric_limits<double>::min());

  GlueMeasuresOutput out;
  // Centers: mean anchor weights, over all samples (A, B) or over the samples where the manifold is active (C).
  out.center_weights = weights.rowwise().mean();
  if (policy == InactivePolicy::active_only) {
    for (int mu = 0; mu < P; ++mu) {
      const int begin = class_offsets[mu], size = class_offsets[mu + 1] - begin;
      const Eigen::Index count = active.row(mu).count();
      out.center_weights.segment(begin, size) =
          count ? Eigen::VectorXd(weights.middleRows(begin, size).rowwise().sum() / double(count))
                : Eigen::VectorXd::Zero(size);
    }
  }
  const Eigen::VectorXd& w0 = out.center_weights;
  Eigen::MatrixXd B = Eigen::MatrixXd::Zero(m, P);  // B(:, nu) = K w0_nu: column nu is "<x_i, s0^nu>"
  for (Eigen::Index i = 0; i < m; ++i)
    if (w0[i] != 0) B.col(point_class[i]).noalias() += w0[i] * K.col(i);
  Eigen::MatrixXd C0 = Eigen::MatrixXd::Zero(P, P);  // <s0^mu, s0^nu>
  for (Eigen::Index i = 0; i < m; ++i)
    if (w0[i] != 0) C0.row(point_class[i]) += w0[i] * B.row(i);
  C0 = (0.5 * (C0 + C0.transpose())).eval();
  const Eigen::VectorXd c0_norms = C0.diagonal();

  out.a.resize(n_t), out.b.resize(n_t), out.c.resize(n_t);
  std::vector<AlignmentSums> axis(n_t), center_axis(n_t);
  const bool zero_inactive_axes = policy != InactivePolicy::zero_row;

  glue_parallel_for(n_t, threads, [&](int k, int) {
    const auto w = weights.col(k);
    Eigen::MatrixXd A = Eigen::MatrixXd::Zero(m, P);  // A(:, nu) = K w_k,nu
    Eigen::MatrixXd E = Eigen::MatrixXd::Zero(P, P);  // E(nu, mu) = <s_k^nu, s0^mu>
    Eigen::VectorXd St = Eigen::VectorXd::Zero(P), S0t = Eigen::VectorXd::Zero(P);
    std::vector<Eigen::Index> support;
    for (Eigen::Index i = 0; i < m; ++i) {
      if (w[i] == 0) continue;
      support.push_back(i);
      A.col(point_class[i]).noalias() += w[i] * K.col(i);
      E.row(point_class[i]) += w[i] * B.row(i);
      St[point_class[i]] += w[i] * h(i, k);
    }
    for (Eigen::Index i = 0; i < m; ++i) S0t[point_class[i]] += w0[i] * h(i, k);
    Eigen::MatrixXd Gk = Eigen::MatrixXd::Zero(P, P);
    for (Eigen::Index i : support) Gk.row(point_class[i]) += w[i] * A.row(i);
    Gk = (0.5 * (Gk + Gk.transpose())).eval();

    Eigen::MatrixXd G1 = Gk - E - E.transpose() + C0;  // <s1^mu, s1^nu>
    Eigen::VectorXd S1t = St - S0t;
    Eigen::MatrixXd Z = E.transpose() - C0;  // Z(mu, nu) = <s0^mu, s1^nu>
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
    out.c[k] = glue_pinv_form(C0 + G1, S1t);
    const Eigen::VectorXd g1_norms = G1.diagonal();
    axis[k].add(P, [&](int mu, int nu) { return G1(mu, nu); }, g1_norms, g1_norms, tiny);
    center_axis[k].add(P, [&](int mu, int nu) { return Z(mu, nu); }, c0_norms, g1_norms, tiny);
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
  centers.add(P, [&](int mu, int nu) { return C0(mu, nu); }, c0_norms, c0_norms, tiny);
  for (int k = 0; k < n_t; ++k) axes.add(axis[k]), cross.add(center_axis[k]);
  centers.write(&r.center_alignment, &r.center_alignment_abs_inner, &r.center_alignment_signed);
  axes.write(&r.axis_alignment, &r.axis_alignment_abs_inner, &r.axis_alignment_signed);
  cross.write(&r.center_axis_alignment, &r.center_axis_alignment_abs_inner, &r.center_axis_alignment_signed);
  r.active_fraction = n_t && P ? double(active.count()) / (double(P) * n_t) : 0;
  return out;
}

}  // namespace ms::geometry
