// Multi-key stable sort of a table.
//
// Ordering (documented once, used by every sort path and by the C ABI / C# / CLI):
//  - integers, date32, timestamp: numeric; bool: false < true;
//  - strings (utf8 and large_utf8): bytewise, which for UTF-8 is Unicode code point order;
//  - floats ascending: -inf < ... < -0.0 == 0.0 < ... < +inf < NaN (NaN is the largest value and
//    all NaNs are equal, whatever their sign or payload);
//  - descending reverses the value order (so NaN comes first among the values);
//  - nulls are placed only by nulls_first (default: last), independently of the direction;
//  - the sort is stable: rows with equal keys keep their input order, so the result is unique
//    and identical for every thread count.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "arrow/array.h"
#include "arrow/table.h"

namespace deeprc::compute {

struct SortKey {
  std::string column;
  bool descending = false;
  bool nulls_first = false;
};

// Row indices (an int64 array without nulls) that put `table` in the order of `keys`.
// Throws Invalid for an empty key list, NotFound naming an unknown column.
Array sort_indices(const Table& table, const std::vector<SortKey>& keys, int threads = 0);

// The table's rows reordered by `keys` (every column materialised).
Table sort(const Table& table, const std::vector<SortKey>& keys, int threads = 0);

// True when the table is already in the order of `keys` (equal keys in any order).
bool is_sorted(const Table& table, const std::vector<SortKey>& keys);

}  // namespace deeprc::compute
