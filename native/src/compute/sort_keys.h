// Sort keys resolved against a table: the order-preserving unsigned encoding of fixed-width
// values (what radix sort consumes) and a row comparator (used for small segments, strings
// tie-breaks and is_sorted).
#pragma once
#include <cstdint>
#include <cstring>
#include <string_view>
#include <vector>

#include "arrow/array.h"
#include "arrow/table.h"
#include "compute/radix_sort.h"
#include "compute/sort.h"

namespace deeprc::compute {

struct SortColumn {
  Array array;
  bool descending = false;
  bool nulls_first = false;
  bool is_string = false;
};

// Resolves names (NotFound naming an unknown column); Invalid for an empty key list.
std::vector<SortColumn> resolve_sort_keys(const Table& table, const std::vector<SortKey>& keys);

// Order-preserving map of a non-null fixed-width/bool value to uint64 (ascending order of the
// values = ascending order of the codes; equal values, incl. -0.0/0.0 and all NaNs, get equal
// codes). Descending complements the code.
//   signed ints: flip the sign bit;  floats: negative -> ~bits, non-negative -> bits | sign;
//   NaN -> UINT64_MAX;  -0.0 -> code of 0.0.
inline uint64_t encode_double(double v) {
  if (v != v) return ~uint64_t{0};
  if (v == 0.0) v = 0.0;
  uint64_t b;
  std::memcpy(&b, &v, sizeof b);
  return (b >> 63) ? ~b : (b | (uint64_t{1} << 63));
}
inline uint64_t encode_signed(int64_t v) { return static_cast<uint64_t>(v) ^ (uint64_t{1} << 63); }

// Writes the codes (descending-adjusted) of rows rows[0, n) (or of first..first+n-1 when rows is null)
// of a fixed-width or bool column: non-null rows to keys (with their row index), null rows to
// nulls. Returns the number of non-null rows written.
int64_t encode_rows(const SortColumn& key, const int64_t* rows, int64_t first, int64_t n, KeyIndex* keys,
                    int64_t* nulls);

// Big-endian, zero-padded first 8 bytes of a string: comparing prefixes as unsigned integers
// agrees with bytewise string order whenever the prefixes differ.
inline uint64_t string_prefix(std::string_view s) {
  uint8_t b[8] = {0, 0, 0, 0, 0, 0, 0, 0};
  std::memcpy(b, s.data(), s.size() < 8 ? s.size() : 8);
  uint64_t v = 0;
  for (int i = 0; i < 8; ++i) v = (v << 8) | b[i];
  return v;
}

// Three-way comparison of rows a and b over keys [first, end) honouring direction and nulls.
class RowComparator {
 public:
  RowComparator(const std::vector<SortColumn>& keys, size_t first) : keys_(keys), first_(first) {}
  int compare(int64_t a, int64_t b) const;
  bool operator()(int64_t a, int64_t b) const { return compare(a, b) < 0; }

 private:
  const std::vector<SortColumn>& keys_;
  size_t first_;
};

// Ascending code of one non-null value (strings: their prefix).
uint64_t encode_value(const Array& column, int64_t row);

// Value comparison of one non-null pair in one column, ascending.
int compare_values(const Array& column, int64_t a, int64_t b);

}  // namespace deeprc::compute
