// glue: GLUE effective geometry of class manifolds (capacity alpha, dimension D_eff, radius R_eff, utility
// Psi_eff, alignments) by the Gram-space algorithm of spec glue.md 2.3. Per repeat: seeded subsampling of
// points_per_manifold points per class, one Gram GEMM K = X X^T (the only O(N) work), probes X t_k = F z_k with
// F F^T = K (semi-definite Cholesky), one dual NNLS per sample on worker threads (each sample with its own random
// stream: the result for a seed does not depend on the thread count), then the measures as P by P forms in K.
//
// Inputs:
//   X        n by d features, one row per sample (float or double)
//   labels   n class ids in [0, P), every class present
//   options  see glue_options.h
//   progress optional, reports per repeat and per block of samples
//   cancel   optional; when set, the run stops and returns an error value
// Outputs:
//   GlueResult (glue_result.h), or an error value naming the offending row or class
#pragma once

#include "core/common/progress.h"
#include "core/common/result.h"
#include "core/geometry/baseline_gram.h"
#include "core/geometry/glue_options.h"
#include "core/geometry/glue_result.h"

#include <Eigen/Core>

namespace ms::geometry {

using RowMatrixXf = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using RowMatrixXd = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

ms::Result<GlueResult> glue(const Eigen::Ref<const Eigen::MatrixXd>& X, const Eigen::Ref<const Eigen::VectorXi>& labels,
                            const GlueOptions& options = {}, Progress* progress = nullptr,
                            const CancelToken* cancel = nullptr);
ms::Result<GlueResult> glue(const Eigen::Ref<const Eigen::MatrixXf>& X, const Eigen::Ref<const Eigen::VectorXi>& labels,
                            const GlueOptions& options = {}, Progress* progress = nullptr,
                            const CancelToken* cancel = nullptr);
// Row-major input (e.g. an item-major float buffer mapped without copying); a separate name, since a MatrixXf
// would convert to either Ref. `known`, when given, holds the Gram matrices of all n rows of X (baseline_gram.h,
// shared with the baseline markers of the same layer): each repeat's K is then read from it (a sub-block, centered
// within the subsample for preprocess = center) instead of one more product over the d features; the result
// differs from computing K afresh only by rounding.
ms::Result<GlueResult> glue_row_major(const Eigen::Ref<const RowMatrixXf>& X, const Eigen::Ref<const Eigen::VectorXi>& labels,
                            const GlueOptions& options = {}, Progress* progress = nullptr,
                            const CancelToken* cancel = nullptr, const SampleGram* known = nullptr);

}  // namespace ms::geometry
