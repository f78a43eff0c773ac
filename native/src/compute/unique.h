// unique / drop_duplicates on a column subset, and the distinct values of one column.
//
// Semantics: rows are duplicates when all subset columns are equal, with null equal to null (one
// null group), NaN equal to NaN and -0.0 equal to 0.0 (compute/row_keys.h). The result keeps the
// chosen row of every group and lists kept rows in input order; it is identical for every thread
// count. A single fixed-width key column takes a fast path (open addressing on the value bits);
// other keys hash whole rows (hash_rows + RowEquality).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "arrow/array.h"
#include "arrow/table.h"
#include "compute/kept_rows.h"

namespace deeprc::compute {

// Values match DRC_KEEP_* in deeprc.h.
enum class Keep : int32_t {
  First = 0,  // the first row of every group
  Last = 1,   // the last row of every group
  None = 2,   // only rows whose key occurs once (every duplicated key is dropped entirely)
};

// The kept rows as a mask (for callers that gather several tables or ranges themselves).
KeptRows unique_rows(const Table& table, const std::vector<std::string>& subset, Keep keep, int threads);

// Ascending indices of the kept rows. `subset` empty = all columns; an unknown name throws
// NotFound naming it. threads <= 0 = all cores.
std::vector<int64_t> unique_indices(const Table& table, const std::vector<std::string>& subset, Keep keep, int threads);

// The kept rows (all columns) in input order.
Table unique(const Table& table, const std::vector<std::string>& subset, Keep keep, int threads);

// The distinct values of one column in order of first appearance (at most one null).
Array distinct_values(const Array& values, int threads);

}  // namespace deeprc::compute
