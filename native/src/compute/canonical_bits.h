// Canonical 64-bit image of a fixed-width key value, shared by hashing (row_keys), groupby,
// join, unique/set operations and distinct counting.
#pragma once
#include <cmath>
#include <cstdint>
#include <cstring>
#include <type_traits>

namespace deeprc::compute {

// Equal values <=> equal images. Floats are widened to double (float and double keys of equal
// value agree), -0.0 becomes 0.0 and every NaN is one NaN; integers are converted to uint64
// (signed ones sign-extended, i.e. modulo 2^64).
template <typename T>
inline uint64_t canonical_bits(T v) {
  if constexpr (std::is_floating_point_v<T>) {
    if (std::isnan(v)) return 0x7ff8000000000000ULL;
    const double d = v == T{0} ? 0.0 : static_cast<double>(v);
    uint64_t bits;
    std::memcpy(&bits, &d, 8);
    return bits;
  } else {
    return static_cast<uint64_t>(v);
  }
}

}  // namespace deeprc::compute
