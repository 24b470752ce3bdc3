#include "core/stats/significance.h"

namespace ms::stats {

std::string significance_stars(double p) {
  if (!(p <= 0.05)) return "";  // NaN lands here too
  if (p <= 1e-4) return "****";
  if (p <= 1e-3) return "***";
  if (p <= 1e-2) return "**";
  return "*";
}

}  // namespace ms::stats
