// Stable LSD radix sort of (unsigned key, row index) pairs: the engine under every sort path
// (fixed-width keys directly; strings through their 8-byte big-endian prefix).
#pragma once
#include <cstdint>

namespace deeprc::compute {

struct KeyIndex {
  uint64_t key;
  int64_t index;
};

// At most this many items are sorted in place by comparison (tmp is then not touched).
inline constexpr int64_t kRadixMinItems = 256;

// Sorts items[0, n) by key, stably (equal keys keep their input order), using tmp[0, n) as
// scratch. Returns whichever of the two buffers holds the result. Bits that are constant across
// all keys are skipped. One MSD pass splits the items into cache-sized buckets, which are then
// finished by LSD passes; threads split the MSD pass into contiguous chunks and share out the
// buckets, which keeps the result identical for every thread count.
KeyIndex* radix_sort(KeyIndex* items, KeyIndex* tmp, int64_t n, int threads);

}  // namespace deeprc::compute
