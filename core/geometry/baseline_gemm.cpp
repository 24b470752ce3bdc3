#include "core/geometry/baseline_gemm.h"

#include <cblas.h>

#include <mutex>

namespace ms::geometry {

namespace {
// Guards alive at once (baseline markers of several jobs) share one setting: the first saves and lowers it, the
// last restores it. Otherwise an earlier guard could restore 2 threads under a later one, or the later one restore
// the 1 it saw for good.
std::mutex holders_mutex;
int holders = 0;
int saved_threads = 1;
}  // namespace

SingleThreadedBlas::SingleThreadedBlas() {
  std::lock_guard<std::mutex> lock(holders_mutex);
  if (holders++ == 0) {
    saved_threads = openblas_get_num_threads();
    openblas_set_num_threads(1);
  }
}

SingleThreadedBlas::~SingleThreadedBlas() {
  std::lock_guard<std::mutex> lock(holders_mutex);
  if (--holders == 0) openblas_set_num_threads(saved_threads);
}

void blas_product(const Eigen::Ref<const Eigen::MatrixXd>& A, bool transpose_a,
                  const Eigen::Ref<const Eigen::MatrixXd>& B, bool transpose_b, Eigen::MatrixXd& C) {
  const long p = transpose_a ? A.cols() : A.rows(), k = transpose_a ? A.rows() : A.cols();
  const long q = transpose_b ? B.rows() : B.cols();
  C.resize(p, q);
  if (p == 0 || q == 0) return;
  if (k == 0) {
    C.setZero();
    return;
  }
  // Leading dimensions must be >= 1 even for one-row blocks.
  const int lda = static_cast<int>(std::max<Eigen::Index>(1, A.outerStride()));
  const int ldb = static_cast<int>(std::max<Eigen::Index>(1, B.outerStride()));
  cblas_dgemm(CblasColMajor, transpose_a ? CblasTrans : CblasNoTrans, transpose_b ? CblasTrans : CblasNoTrans,
              static_cast<int>(p), static_cast<int>(q), static_cast<int>(k), 1.0, A.data(), lda, B.data(), ldb, 0.0,
              C.data(), static_cast<int>(p));
}

}  // namespace ms::geometry
