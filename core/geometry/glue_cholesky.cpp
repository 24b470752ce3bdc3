#include "core/geometry/glue_cholesky.h"

#include <cblas.h>

#include <algorithm>
#include <cmath>

namespace ms::geometry {

bool glue_cholesky(const Eigen::Ref<const Eigen::MatrixXd>& K, Eigen::MatrixXd* F, double tolerance) {
  const Eigen::Index m = K.rows();
  if (!K.allFinite()) return false;
  const double threshold = tolerance * (m ? K.diagonal().cwiseAbs().maxCoeff() : 0.0);
  // Accepted columns only (rank r), so low-rank K costs m r^2, not m^3.
  Eigen::MatrixXd C(m, m);
  Eigen::Index r = 0;
  constexpr Eigen::Index kPanel = 64;
  for (Eigen::Index j0 = 0; j0 < m; j0 += kPanel) {
    const Eigen::Index w = std::min(kPanel, m - j0);
    const Eigen::Index r0 = r;
    // The panel's columns (rows j0..m-1), brought up to date with all earlier columns by one GEMM.
    Eigen::MatrixXd A = K.block(j0, j0, m - j0, w);
    if (r0 > 0) {
      // A -= C(j0:, :r0) C(j0:j0+w, :r0)^T: OpenBLAS, on all its threads (the samples' threads start later).
      cblas_dgemm(CblasColMajor, CblasNoTrans, CblasTrans, static_cast<int>(m - j0), static_cast<int>(w),
                  static_cast<int>(r0), -1.0, &C(j0, 0), static_cast<int>(m), &C(j0, 0), static_cast<int>(m), 1.0,
                  A.data(), static_cast<int>(A.outerStride()));
    }
    for (Eigen::Index j = j0; j < j0 + w; ++j) {
      auto col = A.col(j - j0).tail(m - j);
      if (r > r0) col.noalias() -= C.block(j, r0, m - j, r - r0) * C.block(j, r0, 1, r - r0).transpose();
      const double pivot = col[0];
      if (!(pivot > threshold)) continue;  // x_j is (numerically) in the span of the points before it
      C.col(r).head(j).setZero();
      C.col(r).tail(m - j) = col / std::sqrt(pivot);
      ++r;
    }
  }
  *F = C.leftCols(r);
  return true;
}

}  // namespace ms::geometry
