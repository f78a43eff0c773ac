// One chunk of evaluated values (at most kExprChunk rows): the evaluator's working unit.
// Values are stored one per row in their physical kind (bool as a 0/1 byte, int64, uint64,
// double, string_view), validity as one byte per row. Scalars (literals and everything computed
// only from literals) hold a single value that stands for every row.
#pragma once
#include <cstdint>
#include <memory>
#include <string_view>

#include "arrow/array.h"
#include "compute/expr_bind.h"

namespace deeprc::compute {

// Rows per chunk: small enough that every intermediate of an expression stays in L2 cache.
inline constexpr int64_t kExprChunk = 4096;

// kExprChunk zero bytes: the validity of an all-null chunk without allocating.
const uint8_t* zero_bytes();

struct Vec {
  Phys phys = Phys::I64;
  bool scalar = false;
  const void* data = nullptr;      // kind-typed values (1 value when scalar)
  const uint8_t* valid = nullptr;  // 1 byte per row (1 = valid); nullptr = all valid
  std::shared_ptr<const void> keep_data, keep_valid;  // owners of data/valid when not borrowed

  template <typename T>
  const T* as() const noexcept { return static_cast<const T*>(data); }
  bool valid_at(int64_t i) const noexcept { return valid == nullptr || valid[scalar ? 0 : i] != 0; }
};

// Aligned scratch storage for n values of T, owned by `keep`.
template <typename T>
T* alloc_values(std::shared_ptr<const void>& keep, int64_t n) {
  auto b = Buffer::allocate(std::max<int64_t>(n, 1) * static_cast<int64_t>(sizeof(T)));
  T* p = b->mutable_as<T>();
  keep = std::move(b);
  return p;
}

// Rows [begin, begin+len) of an array as a Vec (fixed-width 64-bit values are borrowed, the
// rest converted). `owner` is kept alive by the Vec (may be null when the array outlives it).
Vec load_array(const Array& a, int64_t begin, int64_t len, bool keep_alive);

// Materialises `len` rows of a Vec (broadcasting scalars) as an Array of `type`, whose physical
// kind must be v.phys. Values of null rows are zeroed.
Array vec_to_array(const Vec& v, const DataType& type, int64_t len);

}  // namespace deeprc::compute
