#include "core/geometry/glue_pinv_form.h"

#include <Eigen/Eigenvalues>

namespace ms::geometry {

double glue_pinv_form(const Eigen::Ref<const Eigen::MatrixXd>& G, const Eigen::Ref<const Eigen::VectorXd>& v,
                      double rel_cutoff) {
  if (G.size() == 0) return 0;
  const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eig(G);
  const Eigen::VectorXd& values = eig.eigenvalues();  // ascending
  const double largest = values[values.size() - 1];
  if (!(largest > 0)) return 0;
  const Eigen::VectorXd coords = eig.eigenvectors().transpose() * v;
  double form = 0;
  for (Eigen::Index i = 0; i < values.size(); ++i)
    if (values[i] > rel_cutoff * largest) form += coords[i] * coords[i] / values[i];
  return form;
}

}  // namespace ms::geometry
