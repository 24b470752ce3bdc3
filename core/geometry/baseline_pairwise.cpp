#include "core/geometry/baseline_pairwise.h"

#include "core/geometry/baseline_gemm.h"
#include "core/geometry/baseline_gram.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <cstdint>
#include <random>
#include <vector>

namespace ms::geometry {

namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();
// Bytes of the column stripe the sampled covariance keeps cached (its smaller columns), a part of the L2/L3 cache.
constexpr long kCovarianceStripeBytes = 2L << 20;
// Below this size the centered matrix stays cached anyway and reordering the pairs costs more than it saves.
constexpr long kCovarianceCachedBytes = 8L << 20;

}  // namespace

double mean_distance(const Eigen::Ref<const Eigen::MatrixXd>& X) {
  if (X.rows() < 2) return nan;
  return mean_distance_of_gram(sample_gram(X).centered);
}

double mean_angle(const Eigen::Ref<const Eigen::MatrixXd>& X) {
  if (X.rows() < 2) return nan;
  return mean_angle_of_gram(sample_gram(X).raw);
}

double mean_covariance(const Eigen::Ref<const Eigen::MatrixXd>& X, long block) {
  if (X.rows() < 2 || X.cols() < 2) return nan;
  return mean_covariance_centered(Eigen::MatrixXd(X.rowwise() - X.colwise().mean()), block);
}

double mean_covariance_centered(const Eigen::Ref<const Eigen::MatrixXd>& Xc, long block) {
  const long n = Xc.rows(), d = Xc.cols();
  if (n < 2 || d < 2) return nan;
  block = std::max(1L, block);
  double total = 0.0;
  Eigen::MatrixXd S;
  for (long k0 = 0; k0 < d; k0 += block) {
    const long cols = std::min(block, d - k0);
    // Rows k0..k0+cols of the scatter, columns k0..d: the upper triangle of this block row.
    blas_product(Xc.middleCols(k0, cols), true, Xc.rightCols(d - k0), false, S);
    for (long a = 0; a < cols; ++a) total += S.row(a).tail(d - k0 - a - 1).cwiseAbs().sum();
  }
  return total / static_cast<double>(n - 1) / (0.5 * static_cast<double>(d) * static_cast<double>(d - 1));
}

double mean_covariance_sampled(const Eigen::Ref<const Eigen::MatrixXd>& X, long pairs, unsigned long long seed,
                               bool cache_order) {
  if (X.rows() < 2 || X.cols() < 2 || pairs < 1) return nan;
  return mean_covariance_sampled_centered(Eigen::MatrixXd(X.rowwise() - X.colwise().mean()), pairs, seed, cache_order);
}

std::vector<std::uint32_t> covariance_pairs(long n, long d, long pairs, unsigned long long seed, bool cache_order) {
  if (d < 2 || pairs < 1) return {};
  std::mt19937_64 rng(seed);
  // A uniform pair k != l; the unordered pair {k, l} is then uniform over the d(d-1)/2 pairs.
  auto draw = [&](long& k, long& l) {
    k = static_cast<long>(rng() % static_cast<unsigned long long>(d));
    l = static_cast<long>(rng() % static_cast<unsigned long long>(d - 1));
    if (l >= k) ++l;
  };
  std::vector<std::uint32_t> ordered(2 * static_cast<std::size_t>(pairs));
  if (!cache_order || n * d * static_cast<long>(sizeof(double)) <= kCovarianceCachedBytes) {
    for (std::size_t p = 0; p < static_cast<std::size_t>(pairs); ++p) {
      long k, l;
      draw(k, l);
      ordered[2 * p] = static_cast<std::uint32_t>(k);
      ordered[2 * p + 1] = static_cast<std::uint32_t>(l);
    }
    return ordered;
  }

  // A cache-friendly order (only the summation order changes). Random columns of a wide matrix miss the cache on
  // every pair; instead the pairs are bucketed (counting sort, stable) by the stripe of their smaller column, a stripe
  // of columns small enough to stay cached, then by their larger column ascending. Within a stripe the larger columns
  // are then streamed in order, each read once for all its pairs in the stripe.
  const long max_stripes = std::max(1L, 4 * pairs / d);  // bounds the bucket table to ~4 entries per pair
  const long stripe = std::max({1L, kCovarianceStripeBytes / (n * static_cast<long>(sizeof(double))),
                                (d + max_stripes - 1) / max_stripes});
  const long stripes = (d + stripe - 1) / stripe;
  std::vector<std::uint32_t> first(static_cast<std::size_t>(pairs)), second(static_cast<std::size_t>(pairs));
  std::vector<std::size_t> start(static_cast<std::size_t>(stripes * d) + 1, 0);
  auto bucket = [&](std::size_t p) { return static_cast<std::size_t>(first[p] / stripe * d + second[p]); };
  for (std::size_t p = 0; p < first.size(); ++p) {
    long k, l;
    draw(k, l);
    first[p] = static_cast<std::uint32_t>(std::min(k, l));  // |Cov_kl| = |Cov_lk|, bitwise (same products, order)
    second[p] = static_cast<std::uint32_t>(std::max(k, l));
    ++start[bucket(p) + 1];
  }
  for (std::size_t b = 1; b < start.size(); ++b) start[b] += start[b - 1];
  for (std::size_t p = 0; p < first.size(); ++p) {
    const std::size_t slot = start[bucket(p)]++;
    ordered[2 * slot] = first[p];
    ordered[2 * slot + 1] = second[p];
  }
  return ordered;
}

double mean_covariance_sampled_centered(const Eigen::Ref<const Eigen::MatrixXd>& Xc, long pairs,
                                        unsigned long long seed, bool cache_order) {
  const long n = Xc.rows(), d = Xc.cols();
  if (n < 2 || d < 2 || pairs < 1) return nan;
  const std::vector<std::uint32_t> visit = covariance_pairs(n, d, pairs, seed, cache_order);
  double total = 0.0;
  for (std::size_t p = 0; p < visit.size(); p += 2) total += std::abs(Xc.col(visit[p]).dot(Xc.col(visit[p + 1])));
  return total / static_cast<double>(n - 1) / static_cast<double>(pairs);
}

double sparsity(const Eigen::Ref<const Eigen::MatrixXd>& X, double threshold) {
  if (X.size() == 0) return nan;
  return static_cast<double>((X.array().abs() > threshold).count()) / static_cast<double>(X.size());
}

}  // namespace ms::geometry
