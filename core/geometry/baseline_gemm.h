// baseline_gemm: the dense products of the baseline markers through OpenBLAS dgemm (runtime-dispatched AVX2/FMA
// kernels; Eigen's own product is compiled for the baseline ISA here and is 2-4x slower on these shapes).
//
// Inputs:
//   A  column-major block (any outer stride), p by k, or k by p if transpose_a
//   B  column-major block, k by q, or q by k if transpose_b
// Outputs:
//   C  resized to p by q: op(A) op(B)
#pragma once

#include <Eigen/Core>

namespace ms::geometry {

// While alive, OpenBLAS runs each call on one thread (restored afterwards): the baseline tasks already use the cores,
// and OpenBLAS's own threads would oversubscribe them and spin (measured: ~2x the CPU time at 500 x 3136 on 2
// cores). The setting is process-wide in OpenBLAS 0.3.21 (no per-thread control); it changes no result (dgemm and
// dsyrk split the output, not the sums), only how fast concurrent OpenBLAS calls elsewhere (LibTorch's too) run
// meanwhile. Guards may overlap (several jobs): the setting is restored when the last one ends.
class SingleThreadedBlas {
 public:
  SingleThreadedBlas();
  ~SingleThreadedBlas();
  SingleThreadedBlas(const SingleThreadedBlas&) = delete;
  SingleThreadedBlas& operator=(const SingleThreadedBlas&) = delete;
};

void blas_product(const Eigen::Ref<const Eigen::MatrixXd>& A, bool transpose_a,
                  const Eigen::Ref<const Eigen::MatrixXd>& B, bool transpose_b, Eigen::MatrixXd& C);

}  // namespace ms::geometry
