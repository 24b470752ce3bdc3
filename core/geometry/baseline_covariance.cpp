#include "core/geometry/baseline_covariance.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/geometry/baseline_gemm.h"
#include "core/geometry/baseline_pairwise.h"
#include "core/geometry/glue_parallel.h"

namespace ms::geometry {
namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();
// Sampled pairs are summed in this many fixed chunks (whatever the thread count: the sums do not depend on it).
constexpr long kPairChunks = 64;

// What both routes share: the classes' row ranges, the between-class factors, and the sums per class + whole.
struct Layout {
  Layout(const std::vector<long>& offsets, const Eigen::Ref<const Eigen::MatrixXd>& means) {
    const long classes = static_cast<long>(offsets.size()) - 1;
    const long n = offsets.back();
    // An empty class's row of `means` is never read (it may hold anything, NaN included): its δ is 0.
    Eigen::RowVectorXd mu = Eigen::RowVectorXd::Zero(means.cols());
    for (long c = 0; c < classes; ++c)
      if (offsets[c + 1] > offsets[c]) mu += static_cast<double>(offsets[c + 1] - offsets[c]) * means.row(c);
    mu /= static_cast<double>(n);
    delta = Eigen::MatrixXd::Zero(classes, means.cols());
    weighted = delta;
    for (long c = 0; c < classes; ++c) {
      if (offsets[c + 1] == offsets[c]) continue;
      delta.row(c) = means.row(c) - mu;  // δ_c
      weighted.row(c) = static_cast<double>(offsets[c + 1] - offsets[c]) * delta.row(c);
    }
  }
  Eigen::MatrixXd delta, weighted;  // C x d: δ_c and n_c δ_c
};

// Sum of |S| over the strict upper triangle of a block row (row a of S holds entries (k0 + a, k0 .. d): the pair
// (a, j) is above the diagonal when a < j), adding those entries to `whole` (when given) on the way: one pass by
// contiguous column segments.
double upper_abs_sum(const Eigen::MatrixXd& S, Eigen::MatrixXd* whole = nullptr) {
  double total = 0.0;
  for (long j = 1; j < S.cols(); ++j) {
    const long above = std::min(j, S.rows());
    const double* s = S.col(j).data();
    double column = 0.0;
    if (whole) {
      double* w = whole->col(j).data();
      for (long a = 0; a < above; ++a) {
        column += std::abs(s[a]);
        w[a] += s[a];
      }
    } else {
      for (long a = 0; a < above; ++a) column += std::abs(s[a]);
    }
    total += column;
  }
  return total;
}

// sums[C] for the whole sample, sums[c] per class: totals of |scatter entries| over the pairs k < l.
std::vector<double> exact_sums(const Eigen::Ref<const Eigen::MatrixXd>& Z, const std::vector<long>& offsets,
                               const Layout& layout, long block, int threads) {
  const long d = Z.cols(), classes = static_cast<long>(offsets.size()) - 1;
  block = std::max(1L, block);
  const int blocks = static_cast<int>((d + block - 1) / block);
  std::vector<std::vector<double>> per_block(static_cast<size_t>(blocks), std::vector<double>(classes + 1, 0.0));
  glue_parallel_for(blocks, threads, [&](int b, int) {
    const long k0 = b * block, rows = std::min(block, d - k0), width = d - k0;
    std::vector<double>& sums = per_block[static_cast<size_t>(b)];
    Eigen::MatrixXd S, whole;
    blas_product(layout.weighted.middleCols(k0, rows), true, layout.delta.rightCols(width), false, whole);
    for (long c = 0; c < classes; ++c) {
      const long first = offsets[c], count = offsets[c + 1] - first;
      if (count < 2) continue;
      const auto Zc = Z.middleRows(first, count);
      blas_product(Zc.middleCols(k0, rows), true, Zc.rightCols(width), false, S);
      sums[c] = upper_abs_sum(S, &whole);
    }
    sums[classes] = upper_abs_sum(whole);
  });
  std::vector<double> total(classes + 1, 0.0);
  for (const std::vector<double>& sums : per_block)
    for (long c = 0; c <= classes; ++c) total[c] += sums[c];
  return total;
}

std::vector<double> sampled_sums(const Eigen::Ref<const Eigen::MatrixXd>& Z, const std::vector<long>& offsets,
                                 const Layout& layout, const BaselineOptions& options) {
  const long classes = static_cast<long>(offsets.size()) - 1;
  const std::vector<std::uint32_t> pairs = covariance_pairs(Z.rows(), Z.cols(), options.covariance_pairs,
                                                            options.covariance_seed, options.covariance_cache_order);
  const long count = static_cast<long>(pairs.size() / 2);
  std::vector<std::vector<double>> per_chunk(kPairChunks, std::vector<double>(classes + 1, 0.0));
  glue_parallel_for(static_cast<int>(kPairChunks), options.threads, [&](int chunk, int) {
    std::vector<double>& sums = per_chunk[static_cast<size_t>(chunk)];
    for (long p = count * chunk / kPairChunks; p < count * (chunk + 1) / kPairChunks; ++p) {
      const long k = pairs[2 * p], l = pairs[2 * p + 1];
      double whole = layout.weighted.col(k).dot(layout.delta.col(l));
      for (long c = 0; c < classes; ++c) {
        const long first = offsets[c], rows = offsets[c + 1] - first;
        if (rows < 2) continue;
        const double s = Z.col(k).segment(first, rows).dot(Z.col(l).segment(first, rows));
        sums[c] += std::abs(s);
        whole += s;
      }
      sums[classes] += std::abs(whole);
    }
  });
  std::vector<double> total(classes + 1, 0.0);
  for (const std::vector<double>& sums : per_chunk)
    for (long c = 0; c <= classes; ++c) total[c] += sums[c];
  return total;
}

}  // namespace

CovarianceByClass mean_covariance_by_class(const Eigen::Ref<const Eigen::MatrixXd>& Z, const std::vector<long>& offsets,
                                           const Eigen::Ref<const Eigen::MatrixXd>& means,
                                           const BaselineOptions& options) {
  const long n = Z.rows(), d = Z.cols(), classes = static_cast<long>(offsets.size()) - 1;
  CovarianceByClass out{nan, std::vector<double>(static_cast<size_t>(std::max(0L, classes)), nan)};
  if (classes < 1 || n < 2 || d < 2 || offsets.back() != n) return out;
  const bool exact = options.covariance_exact_max_features <= 0 || d <= options.covariance_exact_max_features;
  if (!exact && options.covariance_pairs < 1) return out;
  const Layout layout(offsets, means);
  const std::vector<double> sums = exact ? exact_sums(Z, offsets, layout, options.block, options.threads)
                                         : sampled_sums(Z, offsets, layout, options);
  const double pairs = exact ? 0.5 * static_cast<double>(d) * static_cast<double>(d - 1)
                             : static_cast<double>(options.covariance_pairs);
  out.whole = sums[classes] / static_cast<double>(n - 1) / pairs;
  for (long c = 0; c < classes; ++c) {
    const long rows = offsets[c + 1] - offsets[c];
    if (rows >= 2) out.classes[c] = sums[c] / static_cast<double>(rows - 1) / pairs;
  }
  return out;
}

}  // namespace ms::geometry
