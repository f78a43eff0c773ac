// Multi-column row keys shared by every hash-based operator (join, groupby, unique, set ops,
// hash partitioning): a 64-bit hash per row and row equality across tables.
//
// Semantics (documented once, used everywhere):
//  - strings hash their BYTES (never pointers); utf8 and large_utf8 with equal bytes are equal;
//  - floats: -0.0 equals 0.0 and all NaNs are equal to each other (so NaN forms one group);
//  - nulls: a null key equals another null key (groupby/unique/set-op semantics); joins must
//    exclude rows with a null key themselves (SQL: null never matches) — see any_null();
//  - the hash of a row depends only on its key values and types, never on the table or the
//    position, so partitions made on different ranks agree.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "arrow/array.h"
#include "arrow/table.h"

namespace deeprc::compute {

// Key columns of one table, resolved from names.
struct KeyColumns {
  std::vector<Array> columns;
  std::vector<std::string> names;
  int64_t num_rows = 0;
};

// Resolves key names (NotFound error naming the column and listing the table's columns).
KeyColumns key_columns(const Table& table, const std::vector<std::string>& names);

// Checks that two key sets have pairwise compatible types (equal, or both string kinds);
// otherwise throws Invalid naming both columns and types. With allow_cast, integer/float keys of
// different widths are first cast to a common type (int64, uint64 or float64) and the returned
// key sets use the cast columns.
void unify_key_types(KeyColumns& left, KeyColumns& right, bool allow_cast);

// out[i] = hash of row i over all key columns (out has keys.num_rows entries).
void hash_rows(const KeyColumns& keys, uint64_t* out, int threads = 1);

// True if any key column of row i is null.
bool any_null(const KeyColumns& keys, int64_t i);

// Row equality between row i of `a` and row j of `b` (which must have unified key types).
class RowEquality {
 public:
  RowEquality(const KeyColumns& a, const KeyColumns& b);
  bool operator()(int64_t i, int64_t j) const;

 private:
  using ColumnEq = bool (*)(const Array&, int64_t, const Array&, int64_t);
  const KeyColumns& a_;
  const KeyColumns& b_;
  std::vector<ColumnEq> eq_;
};

// 64-bit mixing used for fixed-width values and for combining column hashes.
inline uint64_t mix64(uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ULL;
  x ^= x >> 33;
  return x;
}
inline uint64_t combine_hash(uint64_t seed, uint64_t h) { return mix64(seed ^ (h + 0x9e3779b97f4a7c15ULL + (seed << 6))); }

}  // namespace deeprc::compute
