// The counter-based generator shared with the anchor benchmarks (shared/anchors/README.md):
// every value is a pure function of (seed, stream, global row index).
#pragma once
#include <cstdint>

namespace deeprc::gen {

inline uint64_t mix(uint64_t seed, uint64_t stream, uint64_t i) {
  uint64_t z = ((seed * 256 + stream) << 40) + i;
  z += 0x9E3779B97F4A7C15ULL;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}
inline int64_t key_mod(uint64_t u, uint64_t m) { return static_cast<int64_t>(u % m); }
inline int64_t int63(uint64_t u) { return static_cast<int64_t>(u >> 1); }
inline double unit_float(uint64_t u) { return static_cast<double>(u >> 11) * 0x1.0p-53; }
inline int64_t int_pm1e9(uint64_t u) { return static_cast<int64_t>(u % 2000000001ULL) - 1000000000; }
inline void hex8(uint64_t u, char* out) {
  static const char digits[] = "0123456789abcdef";
  const uint32_t hi = static_cast<uint32_t>(u >> 32);
  for (int k = 0; k < 8; ++k) out[k] = digits[(hi >> (4 * (7 - k))) & 15];
}

}  // namespace deeprc::gen
