#include "core/geometry/glue_repeat.h"

#include "core/geometry/glue_anchors.h"
#include "core/geometry/glue_parallel.h"

#include <atomic>

namespace ms::geometry {

GlueRepeat glue_repeat(const Eigen::Ref<const Eigen::MatrixXd>& K, const std::vector<int>& class_offsets,
                       const Eigen::Ref<const Eigen::MatrixXd>& H, const Eigen::Ref<const Eigen::MatrixXd>& Y,
                       InactivePolicy policy, int threads, const std::function<void(int)>& on_sample,
                       const CancelToken* cancel, const NnlsSettings& nnls) {
  const int P = static_cast<int>(class_offsets.size()) - 1;
  const Eigen::Index m = K.rows();
  const int n_t = static_cast<int>(H.cols());
  const int workers = glue_workers(n_t, threads);

  GlueRepeat out;
  out.weights = Eigen::MatrixXd::Zero(m, n_t);
  out.lambda = Eigen::MatrixXd::Zero(m, n_t);
  out.active.setConstant(P, n_t, false);
  out.infos.resize(n_t);
  out.a_dual = Eigen::VectorXd::Zero(n_t);
  std::vector<NnlsGramSolver> solvers(workers);
  std::atomic<int> done{0};
  glue_parallel_for(n_t, workers, [&](int k, int worker) {
    if (cancel && cancel->cancelled()) return;
    AnchorSolution anchors = glue_anchors(K, class_offsets, Y.col(k), H.col(k), solvers[worker], nnls);
    out.weights.col(k) = anchors.weights;
    out.lambda.col(k) = anchors.lambda;
    for (int mu = 0; mu < P; ++mu) out.active(mu, k) = anchors.active[mu] != 0;
    out.infos[k] = anchors.info;
    out.a_dual[k] = anchors.a_dual;
    const int finished = ++done;
    if (on_sample) on_sample(finished);
  });
  if (cancel && cancel->cancelled()) {
    out.cancelled = true;
    return out;
  }
  out.measures = glue_measures(K, class_offsets, out.weights, out.active, H, policy, workers);
  return out;
}

}  // namespace ms::geometry
