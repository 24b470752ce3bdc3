// glue_random: seeded random streams for GLUE. Every (seed, repeat, stream) triple gets its own generator, so a
// sample's probe depends only on its index, never on which thread drew it or in which order.
#pragma once

#include <cstdint>
#include <random>

namespace ms::geometry {

inline uint64_t splitmix64(uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

// Streams used by GLUE: 0..n_t-1 the probes of the samples; these two for the subsampling and the dichotomies.
constexpr uint64_t kSubsampleStream = ~0ULL;
constexpr uint64_t kDichotomyStream = ~0ULL - 1;

inline std::mt19937_64 glue_stream(uint64_t seed, uint64_t repeat, uint64_t stream) {
  return std::mt19937_64(splitmix64(splitmix64(splitmix64(seed) ^ repeat) ^ stream));
}

}  // namespace ms::geometry
