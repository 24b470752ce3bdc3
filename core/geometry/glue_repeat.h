// glue_repeat: one GLUE run in Gram space once K, the probe projections and the dichotomies are fixed: one dual
// NNLS per sample on worker threads, then the measures. glue() calls it per repeat with probes drawn as L z; tests
// and the benchmark call it with exact projections X t of probes t they drew in R^N.
//
// Inputs:
//   K              m by m Gram matrix of the points (rows grouped by class)
//   class_offsets  P + 1 offsets of the classes' rows
//   H              m by n_t probe projections X t_k
//   Y              P by n_t dichotomies (+-1)
//   policy, threads
//   on_sample      optional, called (from worker threads) after each solved sample with the count done so far
//   cancel         optional; when set, remaining samples are skipped and `cancelled` is true
//   nnls           the anchor solver's settings
// Outputs (GlueRepeat):
//   measures (with center weights and per-sample a, b, c), anchor weights m by n_t, active flags P by n_t,
//   per-sample solver info and a_dual = ||t - theta*||^2 from the dual
#pragma once

#include "core/common/progress.h"
#include "core/geometry/glue_measures.h"
#include "core/geometry/nnls_gram.h"

#include <Eigen/Core>

#include <functional>
#include <vector>

namespace ms::geometry {

struct GlueRepeat {
  GlueMeasuresOutput measures;
  Eigen::MatrixXd weights;
  Eigen::Matrix<bool, Eigen::Dynamic, Eigen::Dynamic> active;
  Eigen::MatrixXd lambda;  // m by n_t dual solutions
  std::vector<NnlsInfo> infos;
  Eigen::VectorXd a_dual;
  bool cancelled = false;
};

GlueRepeat glue_repeat(const Eigen::Ref<const Eigen::MatrixXd>& K, const std::vector<int>& class_offsets,
                       const Eigen::Ref<const Eigen::MatrixXd>& H, const Eigen::Ref<const Eigen::MatrixXd>& Y,
                       InactivePolicy policy, int threads, const std::function<void(int)>& on_sample = {},
                       const CancelToken* cancel = nullptr, const NnlsSettings& nnls = {});

}  // namespace ms::geometry
