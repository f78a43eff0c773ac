// Key sources for the dedup engine (dedup_engine.h) over one table (A) or two (A then B):
//  - FixedKeySource: one fixed-width key column; the key is the value's exact 64-bit image, so
//    equal keys are equal values and no row comparison is needed (the fast path);
//  - RowKeySource: any key columns, through compute/row_keys.h (hash, then RowEquality);
//  - ConstantSource: no key columns at all (every row is the same empty tuple).
// All three follow the row_keys.h semantics: null equals null, NaN equals NaN, -0.0 equals 0.0.
#pragma once
#include <cmath>
#include <cstdint>
#include <cstring>
#include <optional>
#include <type_traits>
#include <vector>

#include "arrow/bitmap.h"
#include "compute/canonical_bits.h"
#include "compute/row_keys.h"

namespace deeprc::compute::detail {

// The key of a null row. A value may have the same image; equal() then tells them apart.
inline constexpr uint64_t kNullKey = 0x8000000000000001ULL;

template <typename T>
class FixedKeySource {
 public:
  // `b` may be null (one input); otherwise it must have the same type as `a`.
  FixedKeySource(const Array& a, const Array* b)
      : a_(side(a)), b_(b ? side(*b) : Side{}), split_(a.length()),
        any_null_(a.null_count() > 0 || (b && b->null_count() > 0)) {}

  uint64_t key(int64_t i) const { return i < split_ ? key_of(a_, i) : key_of(b_, i - split_); }
  static uint64_t hash(uint64_t k) { return mix64(k); }
  bool equal(int64_t i, int64_t j, uint64_t k) const {
    return k != kNullKey || !any_null_ || is_null(i) == is_null(j);
  }

 private:
  struct Side {
    const T* values = nullptr;
    const uint8_t* validity = nullptr;
    int64_t offset = 0;
  };
  static Side side(const Array& a) {
    return Side{a.values<T>(), a.null_count() > 0 ? a.data().validity->data() : nullptr, a.offset()};
  }
  static bool null_at(const Side& s, int64_t i) { return s.validity && !bits::get(s.validity, s.offset + i); }
  static uint64_t key_of(const Side& s, int64_t i) { return null_at(s, i) ? kNullKey : canonical_bits(s.values[i]); }
  bool is_null(int64_t i) const { return i < split_ ? null_at(a_, i) : null_at(b_, i - split_); }

  Side a_, b_;
  int64_t split_;
  bool any_null_;
};

class RowKeySource {
 public:
  // `b` may be null; otherwise its key types must be unified with `a`'s (unify_key_types).
  RowKeySource(const KeyColumns& a, const KeyColumns* b, int threads)
      : split_(a.num_rows), aa_(a, a), ab_(a, b ? *b : a), bb_(b ? *b : a, b ? *b : a) {
    hashes_.resize(static_cast<size_t>(a.num_rows + (b ? b->num_rows : 0)));
    hash_rows(a, hashes_.data(), threads);
    if (b) hash_rows(*b, hashes_.data() + a.num_rows, threads);
  }

  uint64_t key(int64_t i) const { return hashes_[static_cast<size_t>(i)]; }
  static uint64_t hash(uint64_t k) { return k; }
  bool equal(int64_t i, int64_t j, uint64_t /*key*/) const {
    if (i < split_) return j < split_ ? aa_(i, j) : ab_(i, j - split_);
    return j < split_ ? ab_(j, i - split_) : bb_(i - split_, j - split_);
  }

 private:
  int64_t split_;
  RowEquality aa_, ab_, bb_;
  std::vector<uint64_t> hashes_;
};

struct ConstantSource {
  uint64_t key(int64_t) const { return 0; }
  static uint64_t hash(uint64_t) { return 0; }
  bool equal(int64_t, int64_t, uint64_t) const { return true; }
};

// Calls f(source) with a FixedKeySource<T> for a fixed-width column type (not bool);
// returns false (without calling f) for other types.
template <class F>
bool with_fixed_source(const Array& a, const Array* b, F&& f) {
  switch (a.type_id()) {
    case TypeId::Int8: f(FixedKeySource<int8_t>(a, b)); return true;
    case TypeId::Int16: f(FixedKeySource<int16_t>(a, b)); return true;
    case TypeId::Int32: case TypeId::Date32: f(FixedKeySource<int32_t>(a, b)); return true;
    case TypeId::Int64: case TypeId::Timestamp: f(FixedKeySource<int64_t>(a, b)); return true;
    case TypeId::UInt8: f(FixedKeySource<uint8_t>(a, b)); return true;
    case TypeId::UInt16: f(FixedKeySource<uint16_t>(a, b)); return true;
    case TypeId::UInt32: f(FixedKeySource<uint32_t>(a, b)); return true;
    case TypeId::UInt64: f(FixedKeySource<uint64_t>(a, b)); return true;
    case TypeId::Float32: f(FixedKeySource<float>(a, b)); return true;
    case TypeId::Float64: f(FixedKeySource<double>(a, b)); return true;
    default: return false;
  }
}

}  // namespace deeprc::compute::detail
