// Significance stars of spec §7: "****" p <= 1e-4, "***" <= 1e-3, "**" <= 1e-2, "*" <= 0.05, "" otherwise
// (also for NaN).
#pragma once

#include <string>

namespace ms::stats {

std::string significance_stars(double p);

}  // namespace ms::stats
