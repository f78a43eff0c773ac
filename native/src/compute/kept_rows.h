// The rows an operator keeps, as a byte mask over the input plus per-chunk prefix counts, and
// the parallel gathers that materialise them (no index array for fixed-width columns).
#pragma once
#include <cstdint>
#include <vector>

#include "arrow/array.h"
#include "arrow/table.h"
#include "core/scratch_array.h"

namespace deeprc::compute {

struct KeptRows {
  int64_t num_rows = 0;            // input rows covered by the mask
  int64_t chunk = 1;               // rows per chunk
  ScratchArray<uint8_t> keep;      // keep[i] is 0 or 1
  std::vector<int64_t> start;      // start[c] = kept rows before chunk c; start.back() = total
  int64_t count() const { return start.empty() ? 0 : start.back(); }
  int64_t chunks() const { return static_cast<int64_t>(start.size()) - 1; }
};

// Fills `start` from `keep` (parallel over chunks).
void count_kept(KeptRows& rows, int threads);
// Ascending kept row indices in [lo, hi) of the mask, shifted by -lo.
std::vector<int64_t> kept_indices(const KeptRows& rows, int64_t lo, int64_t hi, int threads);
// The kept values of `values`, whose rows are mask rows [lo, lo + values.length()).
Array gather_kept(const Array& values, const KeptRows& rows, int64_t lo, int threads);
// The kept rows of `table` (mask rows [lo, lo + num_rows)); `schema` overrides the result's.
Table gather_kept(const Table& table, const KeptRows& rows, int64_t lo, int threads, const Schema* schema = nullptr);

}  // namespace deeprc::compute
