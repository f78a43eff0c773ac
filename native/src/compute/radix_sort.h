// Stable LSD radix sort of (unsigned key, row index) pairs: the engine under every sort path
// (fixed-width keys directly; strings through their 8-byte big-endian prefix).
#pragma once
#include <cstdint>

namespace deeprc::compute {

struct KeyIndex {
  uint64_t key;
  int64_t index;
};

// Sorts items[0, n) by key, stably (equal keys keep their input order), using tmp[0, n) as
// scratch. Returns whichever of the two buffers holds the result. Digits that are constant
// across all keys are skipped, so narrow or clustered keys cost fewer passes. With threads > 1
// every pass is split into contiguous chunks (per-chunk histograms, per-chunk scatter offsets),
// which keeps the result identical for every thread count.
KeyIndex* radix_sort(KeyIndex* items, KeyIndex* tmp, int64_t n, int threads);

}  // namespace deeprc::compute
