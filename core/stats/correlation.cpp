#include "core/stats/correlation.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <numeric>
#include <vector>

#include "core/stats/special_functions.h"

namespace ms::stats {

namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

// Tie statistics of one variable, as scipy's count_rank_tie: sum t(t-1)/2, sum t(t-1)(t-2), sum t(t-1)(2t+5).
struct TieCounts {
  double pairs = 0, v0 = 0, v1 = 0;
};

// Counts tie groups in a sequence that is sorted by `key`.
template <class Key>
TieCounts count_ties(const std::vector<long>& order, Key key) {
  TieCounts ties;
  std::size_t i = 0;
  while (i < order.size()) {
    std::size_t j = i + 1;
    while (j < order.size() && key(order[j]) == key(order[i])) ++j;
    const double t = static_cast<double>(j - i);
    if (t > 1) {
      ties.pairs += t * (t - 1) / 2;
      ties.v0 += t * (t - 1) * (t - 2);
      ties.v1 += t * (t - 1) * (2 * t + 5);
    }
    i = j;
  }
  return ties;
}

// Number of inversions of v (pairs i<j with v[i] > v[j]) by merge sort; v is sorted on return.
std::int64_t count_inversions(std::vector<double>& v, std::vector<double>& buffer, std::size_t lo, std::size_t hi) {
  if (hi - lo < 2) return 0;
  const std::size_t mid = (lo + hi) / 2;
  std::int64_t count = count_inversions(v, buffer, lo, mid) + count_inversions(v, buffer, mid, hi);
  std::size_t i = lo, j = mid, k = lo;
  while (i < mid && j < hi) {
    if (v[j] < v[i]) {
      count += static_cast<std::int64_t>(mid - i);
      buffer[k++] = v[j++];
    } else {
      buffer[k++] = v[i++];
    }
  }
  while (i < mid) buffer[k++] = v[i++];
  while (j < hi) buffer[k++] = v[j++];
  std::copy(buffer.begin() + lo, buffer.begin() + hi, v.begin() + lo);
  return count;
}

// Exact two-sided p of Kendall's statistic without ties (Kendall 1970; scipy's _kendall_p_exact), c = min(dis, con).
double kendall_exact_p(long n, std::int64_t c) {
  if (n <= 2) return 1.0;
  if (c == 0) return n < 171 ? 2.0 / std::tgamma(n + 1.0) : 0.0;
  if (c == 1) return n < 172 ? 2.0 / std::tgamma(static_cast<double>(n)) : 0.0;
  if (4 * c == static_cast<std::int64_t>(n) * (n - 1)) return 1.0;
  // counts[k] = (number of permutations of j elements with k inversions) / j!, for k <= c; divided as we go so
  // nothing overflows. Start at j = 2: one permutation with 0 inversions, one with 1.
  std::vector<double> counts(static_cast<std::size_t>(c) + 1, 0.0), next(counts.size());
  counts[0] = 0.5;
  counts[1] = 0.5;
  for (long j = 3; j <= n; ++j) {
    // next[k] = sum_{i=0}^{min(k, j-1)} counts[k-i], then divide by j.
    double running = 0.0;
    for (std::size_t k = 0; k < counts.size(); ++k) {
      running += counts[k];
      if (static_cast<long>(k) >= j) running -= counts[k - static_cast<std::size_t>(j)];
      next[k] = running / static_cast<double>(j);
    }
    counts.swap(next);
  }
  const double p = 2.0 * std::accumulate(counts.begin(), counts.end(), 0.0);
  return std::clamp(p, 0.0, 1.0);
}

}  // namespace

Eigen::VectorXd average_ranks(const Eigen::Ref<const Eigen::VectorXd>& v) {
  const long n = v.size();
  std::vector<long> order(static_cast<std::size_t>(n));
  std::iota(order.begin(), order.end(), 0L);
  std::stable_sort(order.begin(), order.end(), [&](long a, long b) { return v(a) < v(b); });
  Eigen::VectorXd ranks(n);
  long i = 0;
  while (i < n) {
    long j = i + 1;
    while (j < n && v(order[j]) == v(order[i])) ++j;
    const double rank = 0.5 * static_cast<double>(i + j - 1) + 1.0;  // mean of positions i..j-1, 1-based
    for (long k = i; k < j; ++k) ranks(order[k]) = rank;
    i = j;
  }
  return ranks;
}

double pearson_r(const Eigen::Ref<const Eigen::VectorXd>& x, const Eigen::Ref<const Eigen::VectorXd>& y) {
  if (x.size() != y.size() || x.size() < 2) return nan;
  const Eigen::VectorXd xc = x.array() - x.mean();
  const Eigen::VectorXd yc = y.array() - y.mean();
  const double nx = xc.norm(), ny = yc.norm();
  if (nx == 0.0 || ny == 0.0) return nan;
  // Normalise first (as scipy does) so products of large values cannot overflow.
  const double r = (xc / nx).dot(yc / ny);
  return std::clamp(r, -1.0, 1.0);
}

CorrelationResult pearson(const Eigen::Ref<const Eigen::VectorXd>& x, const Eigen::Ref<const Eigen::VectorXd>& y) {
  CorrelationResult result;
  result.n = x.size();
  if (x.size() != y.size() || x.size() < 3) return {result.n, nan, nan};
  result.statistic = pearson_r(x, y);
  result.p = std::isnan(result.statistic) ? nan : correlation_two_sided_p(result.statistic, result.n - 2.0);
  return result;
}

CorrelationResult spearman(const Eigen::Ref<const Eigen::VectorXd>& x, const Eigen::Ref<const Eigen::VectorXd>& y) {
  if (x.size() != y.size() || x.size() < 3) return {static_cast<long>(x.size()), nan, nan};
  return pearson(average_ranks(x), average_ranks(y));
}

CorrelationResult kendall(const Eigen::Ref<const Eigen::VectorXd>& x, const Eigen::Ref<const Eigen::VectorXd>& y) {
  const long n = x.size();
  if (y.size() != n || n < 2) return {n, nan, nan};
  // Sort by (x, y); then count pairs discordant in y by inversions (ties in y are not inversions).
  std::vector<long> order(static_cast<std::size_t>(n));
  std::iota(order.begin(), order.end(), 0L);
  std::sort(order.begin(), order.end(), [&](long a, long b) { return x(a) < x(b) || (x(a) == x(b) && y(a) < y(b)); });
  const TieCounts x_ties = count_ties(order, [&](long i) { return x(i); });
  // Pairs tied in both x and y.
  double joint_ties = 0;
  {
    std::size_t i = 0;
    while (i < order.size()) {
      std::size_t j = i + 1;
      while (j < order.size() && x(order[j]) == x(order[i]) && y(order[j]) == y(order[i])) ++j;
      const double t = static_cast<double>(j - i);
      joint_ties += t * (t - 1) / 2;
      i = j;
    }
  }
  std::vector<double> ys(static_cast<std::size_t>(n)), buffer(static_cast<std::size_t>(n));
  for (long i = 0; i < n; ++i) ys[static_cast<std::size_t>(i)] = y(order[static_cast<std::size_t>(i)]);
  const std::int64_t discordant = count_inversions(ys, buffer, 0, ys.size());
  std::vector<long> y_order(static_cast<std::size_t>(n));
  std::iota(y_order.begin(), y_order.end(), 0L);
  std::sort(y_order.begin(), y_order.end(), [&](long a, long b) { return y(a) < y(b); });
  const TieCounts y_ties = count_ties(y_order, [&](long i) { return y(i); });

  const double total = static_cast<double>(n) * (n - 1) / 2;
  const double dis = static_cast<double>(discordant);
  const double con_minus_dis = total - x_ties.pairs - y_ties.pairs + joint_ties - 2 * dis;
  if (x_ties.pairs == total || y_ties.pairs == total) return {n, nan, nan};
  const double tau = std::clamp(con_minus_dis / std::sqrt(total - x_ties.pairs) / std::sqrt(total - y_ties.pairs),
                                -1.0, 1.0);
  CorrelationResult result{n, tau, nan};
  const auto tot = static_cast<std::int64_t>(n) * (n - 1) / 2;
  const std::int64_t c = std::min(discordant, tot - discordant);
  const bool no_ties = x_ties.pairs == 0 && y_ties.pairs == 0;
  if (no_ties && (n <= 33 || c <= 1)) {
    result.p = kendall_exact_p(n, c);
  } else {
    const double m = static_cast<double>(n) * (n - 1.0);
    const double var = (m * (2.0 * n + 5.0) - x_ties.v1 - y_ties.v1) / 18.0 + (2.0 * x_ties.pairs * y_ties.pairs) / m +
                       x_ties.v0 * y_ties.v0 / (9.0 * m * (n - 2.0));
    result.p = std::erfc(std::fabs(con_minus_dis) / std::sqrt(var) / std::sqrt(2.0));
  }
  return result;
}

}  // namespace ms::stats
