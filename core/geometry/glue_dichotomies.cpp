#include "core/geometry/glue_dichotomies.h"

#include "core/geometry/glue_random.h"

#include <unordered_set>

namespace ms::geometry {

namespace {

void set_bits(Eigen::Ref<Eigen::VectorXd> y, uint64_t code) {
  for (Eigen::Index mu = 0; mu < y.size(); ++mu) y[mu] = ((code >> mu) & 1) ? 1.0 : -1.0;
}

}  // namespace

Eigen::MatrixXd glue_dichotomies(int P, int n_t, Dichotomies kind, uint64_t seed, uint64_t repeat) {
  Eigen::MatrixXd Y(P, n_t);
  std::mt19937_64 rng = glue_stream(seed, repeat, kDichotomyStream);
  switch (kind) {
    case Dichotomies::one_vs_rest:
      Y.setConstant(-1.0);
      for (int k = 0; k < n_t; ++k) Y(k % P, k) = 1.0;
      break;
    case Dichotomies::all:
      if (P < 31 && n_t >= (1 << P)) {  // enumerate, cyclically
        for (int k = 0; k < n_t; ++k) set_bits(Y.col(k), static_cast<uint64_t>(k % (1 << P)));
        break;
      }
      if (P <= 62) {  // n_t distinct dichotomies, without replacement
        std::unordered_set<uint64_t> seen;
        const uint64_t mask = (uint64_t{1} << P) - 1;
        for (int k = 0; k < n_t;) {
          const uint64_t code = rng() & mask;
          if (seen.insert(code).second) set_bits(Y.col(k++), code);
        }
        break;
      }
      [[fallthrough]];  // 2^P > 2^62: repeats have negligible probability
    case Dichotomies::random:
      for (int k = 0; k < n_t; ++k)
        for (int mu = 0; mu < P; ++mu) Y(mu, k) = (rng() >> 63) ? 1.0 : -1.0;
      break;
  }
  return Y;
}

}  // namespace ms::geometry
