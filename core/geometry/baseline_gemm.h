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

void blas_product(const Eigen::Ref<const Eigen::MatrixXd>& A, bool transpose_a,
                  const Eigen::Ref<const Eigen::MatrixXd>& B, bool transpose_b, Eigen::MatrixXd& C);

}  // namespace ms::geometry
