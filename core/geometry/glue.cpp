#include "core/geometry/glue.h"

#include "core/geometry/glue_cholesky.h"
#include "core/geometry/glue_dichotomies.h"
#include "core/geometry/glue_gram.h"
#include "core/geometry/glue_repeat.h"
#include "core/geometry/glue_parallel.h"
#include "core/geometry/glue_random.h"
#include "core/geometry/glue_subsample.h"

#include <Eigen/Core>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <mutex>
#include <string>

namespace ms::geometry {

namespace {

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

GlueMeasures undefined_measures() {
  GlueMeasures measures;
  for_each_measure(measures, [](const char*, double& v) { v = std::numeric_limits<double>::quiet_NaN(); });
  return measures;
}

// Drawing data when the points coincide: each class center is its points' mean (the common point), no anchors.
void keep_coincident_drawing(const GlueSubsample& subsample, const Eigen::RowVectorXd& mean, GlueResult& result) {
  result.points = subsample.points;
  result.class_offsets = subsample.class_offsets;
  const int P = subsample.num_classes();
  result.center_weights = Eigen::VectorXd::Zero(static_cast<Eigen::Index>(subsample.points.size()));
  for (int mu = 0; mu < P; ++mu) {
    const int begin = subsample.class_offsets[mu], size = subsample.class_offsets[mu + 1] - begin;
    result.center_weights.segment(begin, size).setConstant(1.0 / size);
  }
  result.anchor_weights = Eigen::MatrixXd(result.center_weights.size(), 0);
  result.anchor_active = Eigen::Matrix<bool, Eigen::Dynamic, Eigen::Dynamic>(P, 0);
  result.mean_removed = mean;
}

// K of one repeat's subsample and, when centering, the mean removed. From `known` (the Gram matrices of all rows of
// X): a sub-block, centered within the subsample from the globally centered one (x_i - m_s = xc_i - d with
// d = m_s - mu, so K_ij = Kc_ij - a_i - a_j + mean(a), a_i = mean over the subsample of Kc_ij). Else gathered and
// multiplied.
template <class Derived>
Eigen::MatrixXd subsample_gram(const Eigen::MatrixBase<Derived>& X, const std::vector<int64_t>& points,
                               Preprocess preprocess, const SampleGram* known, Eigen::RowVectorXd& mean) {
  if (known) {
    if (preprocess != Preprocess::center) return known->raw(points, points);
    mean = Eigen::RowVectorXd::Zero(X.cols());
    for (int64_t i : points) mean += X.row(i).template cast<double>();
    mean /= static_cast<double>(points.size());
    Eigen::MatrixXd K = known->centered(points, points);
    const Eigen::VectorXd a = K.rowwise().mean();
    const double b = a.mean();
    K.colwise() -= a;
    K.rowwise() -= a.transpose();
    K.array() += b;
    return K;
  }
  // Indexed gather: Eigen walks it in X's storage order (row by row would stride through a column-major X).
  Eigen::MatrixXd gathered = X(points, Eigen::all).template cast<double>();
  if (preprocess == Preprocess::center) {
    mean = gathered.colwise().mean();
    gathered.rowwise() -= mean;
  }
  return glue_gram(gathered);
}

template <class Derived>
ms::Status check_glue_inputs(const Eigen::MatrixBase<Derived>& X, const Eigen::Ref<const Eigen::VectorXi>& labels,
                             const GlueOptions& options, const SampleGram* known) {
  if (known && (known->raw.rows() != X.rows() || known->centered.rows() != X.rows()))
    return ms::make_error("the given Gram matrices do not match X's " + std::to_string(X.rows()) + " rows");
  if (X.rows() != labels.size())
    return ms::make_error("X has " + std::to_string(X.rows()) + " rows but there are " +
                          std::to_string(labels.size()) + " labels");
  if (options.n_t < 1) return ms::make_error("n_t must be at least 1");
  if (options.repeats < 1) return ms::make_error("repeats must be at least 1");
  for (Eigen::Index i = 0; i < X.rows(); ++i)
    if (!X.row(i).allFinite()) return ms::make_error("row " + std::to_string(i) + " of X has a NaN or Inf value");
  return ms::Ok{};
}

// Probes: X t_k = F z_k, z_k from sample k's own stream; one matrix product for all samples.
Eigen::MatrixXd gaussian_probes(const Eigen::MatrixXd& F, int n_t, uint64_t seed, int repeat) {
  Eigen::MatrixXd Z(F.cols(), n_t);
  for (int k = 0; k < n_t; ++k) {
    std::mt19937_64 rng = glue_stream(seed, repeat, static_cast<uint64_t>(k));
    std::normal_distribution<double> normal;
    for (Eigen::Index i = 0; i < F.cols(); ++i) Z(i, k) = normal(rng);
  }
  return F * Z;
}

void count_solves(const GlueRepeat& rep, int n_t, GlueDiagnostics& diag) {
  for (int k = 0; k < n_t; ++k) {
    const NnlsInfo& info = rep.infos[k];
    ++diag.solves;
    if (info.status != NnlsStatus::solved) ++diag.failed_solves;
    diag.total_iterations += info.iterations;
    diag.max_iterations = std::max(diag.max_iterations, info.iterations);
    diag.degenerate_solves += info.single_entering_rerun;
    diag.worst_kkt_residual = std::max(diag.worst_kkt_residual, info.kkt_residual);
    diag.max_support = std::max(diag.max_support, info.support);
    const double a = rep.measures.a[k];
    diag.worst_a_mismatch = std::max(diag.worst_a_mismatch, std::abs(a - rep.a_dual[k]) / std::max(1.0, a));
  }
}

// The first repeat's drawing: its points, center and anchor weights (what the views draw).
void keep_drawing(const GlueSubsample& subsample, const GlueRepeat& rep, const Eigen::RowVectorXd& mean,
                  const GlueOptions& options, GlueResult& result) {
  result.points = subsample.points;
  result.class_offsets = subsample.class_offsets;
  result.center_weights = rep.measures.center_weights;
  const int keep = std::max(0, std::min(options.anchor_samples, options.n_t));
  result.anchor_weights = rep.weights.leftCols(keep);
  result.anchor_active = rep.active.leftCols(keep);
  result.mean_removed = mean;
}

// Mean and population std over repeats, measure by measure.
void summarise_repeats(GlueResult& result) {
  const double R = static_cast<double>(result.repeats.size());
  std::vector<std::vector<double>> columns;
  for (const GlueMeasures& r : result.repeats) {
    std::vector<double> values;
    for_each_measure(r, [&](const char*, double v) { values.push_back(v); });
    columns.push_back(values);
  }
  size_t index = 0;
  for_each_measure(result.mean, [&](const char*, double& v) {
    double sum = 0;
    for (const auto& c : columns) sum += c[index];
    v = sum / R;
    ++index;
  });
  index = 0;
  for_each_measure(result.std, [&](const char*, double& v) {
    double sum = 0;
    for (const auto& c : columns) sum += c[index];
    const double mean = sum / R;
    double ss = 0;
    for (const auto& c : columns) ss += (c[index] - mean) * (c[index] - mean);
    v = std::sqrt(ss / R);
    ++index;
  });
}

template <class Derived>
ms::Result<GlueResult> glue_impl(const Eigen::MatrixBase<Derived>& X, const Eigen::Ref<const Eigen::VectorXi>& labels,
                                 const GlueOptions& options, Progress* progress, const CancelToken* cancel,
                                 const SampleGram* known = nullptr) {
  if (ms::Status ok = check_glue_inputs(X, labels, options, known); !ok.ok()) return ms::make_error(ok.error());
  GlueResult result;
  result.num_features = static_cast<int>(X.cols());
  GlueDiagnostics& diag = result.diagnostics;
  const int n_t = options.n_t;
  const int workers = glue_workers(n_t, options.threads);

  for (int repeat = 0; repeat < options.repeats; ++repeat) {
    auto subsample = glue_subsample(labels, options.points_per_manifold, options.seed, repeat);
    if (!subsample) return ms::make_error(subsample.error());
    const int P = subsample->num_classes();
    result.num_manifolds = P;

    auto start = std::chrono::steady_clock::now();
    Eigen::RowVectorXd mean;
    const Eigen::MatrixXd K = subsample_gram(X, subsample->points, options.preprocess, known, mean);
    diag.gram_seconds += seconds_since(start);
    start = std::chrono::steady_clock::now();

    if (points_coincide(K)) {  // nothing to measure: NaN measures, counted (GlueDiagnostics)
      ++diag.coincident_repeats;
      diag.gram_rank = 0;
      result.repeats.push_back(undefined_measures());
      if (repeat == 0) keep_coincident_drawing(*subsample, mean, result);
      continue;
    }
    Eigen::MatrixXd F;
    if (!glue_cholesky(K, &F)) return ms::make_error("the Gram matrix of the points could not be factored");
    const int rank = static_cast<int>(F.cols());
    diag.gram_rank = repeat == 0 ? rank : std::min(diag.gram_rank, rank);
    Eigen::MatrixXd H = gaussian_probes(F, n_t, options.seed, repeat);
    F.resize(0, 0);
    const Eigen::MatrixXd Y = glue_dichotomies(P, n_t, options.dichotomies, options.seed, repeat);

    std::mutex progress_mutex;
    int reported = 0;  // workers reach the lock in any order: never report fewer samples than already reported
    auto on_sample = [&](int finished) {
      if (!progress || (finished % 16 != 0 && finished != n_t)) return;
      std::lock_guard<std::mutex> lock(progress_mutex);
      if (finished <= reported) return;
      reported = finished;
      progress->report((repeat + 0.9 * finished / n_t) / options.repeats,
                       "GLUE repeat " + std::to_string(repeat + 1) + ": " + std::to_string(finished) + "/" +
                           std::to_string(n_t) + " samples");
    };
    GlueRepeat rep =
        glue_repeat(K, subsample->class_offsets, H, Y, options.inactive, workers, on_sample, cancel, options.nnls);
    if (rep.cancelled) return ms::make_cancelled("GLUE");
    count_solves(rep, n_t, diag);
    diag.solve_seconds += seconds_since(start);
    result.repeats.push_back(rep.measures.measures);
    if (repeat == 0) keep_drawing(*subsample, rep, mean, options, result);
    if (progress) progress->report(double(repeat + 1) / options.repeats, "GLUE repeat " + std::to_string(repeat + 1));
  }
  summarise_repeats(result);
  return result;
}

}  // namespace

ms::Result<GlueResult> glue(const Eigen::Ref<const Eigen::MatrixXd>& X, const Eigen::Ref<const Eigen::VectorXi>& labels,
                            const GlueOptions& options, Progress* progress, const CancelToken* cancel) {
  return glue_impl(X, labels, options, progress, cancel);
}

ms::Result<GlueResult> glue(const Eigen::Ref<const Eigen::MatrixXf>& X, const Eigen::Ref<const Eigen::VectorXi>& labels,
                            const GlueOptions& options, Progress* progress, const CancelToken* cancel) {
  return glue_impl(X, labels, options, progress, cancel);
}

ms::Result<GlueResult> glue_row_major(const Eigen::Ref<const RowMatrixXf>& X, const Eigen::Ref<const Eigen::VectorXi>& labels,
                            const GlueOptions& options, Progress* progress, const CancelToken* cancel,
                            const SampleGram* known) {
  return glue_impl(X, labels, options, progress, cancel, known);
}

}  // namespace ms::geometry
