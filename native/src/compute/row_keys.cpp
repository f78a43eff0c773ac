#include "compute/row_keys.h"

#include <xxhash.h>

#include <cmath>
#include <cstring>

#include "compute/canonical_bits.h"
#include "compute/cast.h"
#include "core/error.h"
#include "core/thread_pool.h"

namespace deeprc::compute {
namespace {

constexpr uint64_t kNullHash = 0x6c62272e07bb0142ULL;

template <typename T>
void hash_fixed(const Array& col, uint64_t* out, int64_t begin, int64_t end, bool first) {
  const T* v = col.values<T>();
  const bool nulls = col.null_count() > 0;
  for (int64_t i = begin; i < end; ++i) {
    const uint64_t h = nulls && col.is_null(i) ? kNullHash : mix64(canonical_bits(v[i]));
    out[i] = first ? h : combine_hash(out[i], h);
  }
}

void hash_bool(const Array& col, uint64_t* out, int64_t begin, int64_t end, bool first) {
  for (int64_t i = begin; i < end; ++i) {
    const uint64_t h = col.is_null(i) ? kNullHash : mix64(col.bool_value(i) ? 1 : 2);
    out[i] = first ? h : combine_hash(out[i], h);
  }
}

void hash_strings(const Array& col, uint64_t* out, int64_t begin, int64_t end, bool first) {
  for (int64_t i = begin; i < end; ++i) {
    uint64_t h;
    if (col.is_null(i)) {
      h = kNullHash;
    } else {
      const std::string_view s = col.string_value(i);
      h = XXH3_64bits(s.data(), s.size());
    }
    out[i] = first ? h : combine_hash(out[i], h);
  }
}

void hash_column(const Array& col, uint64_t* out, int64_t begin, int64_t end, bool first) {
  switch (col.type_id()) {
    case TypeId::Bool: return hash_bool(col, out, begin, end, first);
    case TypeId::Int8: return hash_fixed<int8_t>(col, out, begin, end, first);
    case TypeId::Int16: return hash_fixed<int16_t>(col, out, begin, end, first);
    case TypeId::Int32: case TypeId::Date32: return hash_fixed<int32_t>(col, out, begin, end, first);
    case TypeId::Int64: case TypeId::Timestamp: return hash_fixed<int64_t>(col, out, begin, end, first);
    case TypeId::UInt8: return hash_fixed<uint8_t>(col, out, begin, end, first);
    case TypeId::UInt16: return hash_fixed<uint16_t>(col, out, begin, end, first);
    case TypeId::UInt32: return hash_fixed<uint32_t>(col, out, begin, end, first);
    case TypeId::UInt64: return hash_fixed<uint64_t>(col, out, begin, end, first);
    case TypeId::Float32: return hash_fixed<float>(col, out, begin, end, first);
    case TypeId::Float64: return hash_fixed<double>(col, out, begin, end, first);
    case TypeId::Utf8: case TypeId::LargeUtf8: return hash_strings(col, out, begin, end, first);
  }
  throw_internal("hash_column: unexpected type");
}

template <typename T>
bool eq_fixed(const Array& a, int64_t i, const Array& b, int64_t j) {
  const bool an = a.is_null(i), bn = b.is_null(j);
  if (an || bn) return an && bn;
  const T x = a.values<T>()[i], y = b.values<T>()[j];
  if constexpr (std::is_floating_point_v<T>) {
    if (std::isnan(x) || std::isnan(y)) return std::isnan(x) && std::isnan(y);
  }
  return x == y;
}

bool eq_bool(const Array& a, int64_t i, const Array& b, int64_t j) {
  const bool an = a.is_null(i), bn = b.is_null(j);
  if (an || bn) return an && bn;
  return a.bool_value(i) == b.bool_value(j);
}

bool eq_string(const Array& a, int64_t i, const Array& b, int64_t j) {
  const bool an = a.is_null(i), bn = b.is_null(j);
  if (an || bn) return an && bn;
  return a.string_value(i) == b.string_value(j);
}

using ColumnEq = bool (*)(const Array&, int64_t, const Array&, int64_t);
ColumnEq eq_for(TypeId id) {
  switch (id) {
    case TypeId::Bool: return eq_bool;
    case TypeId::Int8: return eq_fixed<int8_t>;
    case TypeId::Int16: return eq_fixed<int16_t>;
    case TypeId::Int32: case TypeId::Date32: return eq_fixed<int32_t>;
    case TypeId::Int64: case TypeId::Timestamp: return eq_fixed<int64_t>;
    case TypeId::UInt8: return eq_fixed<uint8_t>;
    case TypeId::UInt16: return eq_fixed<uint16_t>;
    case TypeId::UInt32: return eq_fixed<uint32_t>;
    case TypeId::UInt64: return eq_fixed<uint64_t>;
    case TypeId::Float32: return eq_fixed<float>;
    case TypeId::Float64: return eq_fixed<double>;
    case TypeId::Utf8: case TypeId::LargeUtf8: return eq_string;
  }
  throw_internal("eq_for: unexpected type");
}

bool compatible(const DataType& a, const DataType& b) { return a == b || (is_string(a.id) && is_string(b.id)); }

}  // namespace

KeyColumns key_columns(const Table& table, const std::vector<std::string>& names) {
  if (names.empty()) throw_invalid("at least one key column is required");
  KeyColumns k;
  k.num_rows = table.num_rows();
  for (const auto& n : names) {
    k.columns.push_back(table.column(n));  // NotFound names the column
    k.names.push_back(n);
  }
  return k;
}

void unify_key_types(KeyColumns& left, KeyColumns& right, bool allow_cast) {
  if (left.columns.size() != right.columns.size())
    throw_invalid("key column counts differ: " + std::to_string(left.columns.size()) + " vs " +
                  std::to_string(right.columns.size()));
  for (size_t c = 0; c < left.columns.size(); ++c) {
    const DataType& lt = left.columns[c].type();
    const DataType& rt = right.columns[c].type();
    if (compatible(lt, rt)) continue;
    const bool numeric = (is_integer(lt.id) || is_floating(lt.id)) && (is_integer(rt.id) || is_floating(rt.id));
    if (!allow_cast || !numeric)
      throw_invalid("key columns '" + left.names[c] + "' (" + lt.to_string() + ") and '" + right.names[c] + "' (" +
                    rt.to_string() + ") have different types" +
                    (numeric ? "; allow casting to compare them as a common numeric type" : ""));
    const DataType common = common_numeric_type(lt, rt);
    left.columns[c] = cast(left.columns[c], common);
    right.columns[c] = cast(right.columns[c], common);
  }
}

void hash_rows(const KeyColumns& keys, uint64_t* out, int threads) {
  const int64_t n = keys.num_rows;
  constexpr int64_t kChunk = 1 << 16;
  const int64_t chunks = (n + kChunk - 1) / kChunk;
  parallel_for(chunks, threads, [&](int64_t c) {
    const int64_t begin = c * kChunk, end = std::min(n, begin + kChunk);
    for (size_t k = 0; k < keys.columns.size(); ++k) hash_column(keys.columns[k], out, begin, end, k == 0);
  });
}

bool any_null(const KeyColumns& keys, int64_t i) {
  for (const auto& c : keys.columns)
    if (c.null_count() > 0 && c.is_null(i)) return true;
  return false;
}

RowEquality::RowEquality(const KeyColumns& a, const KeyColumns& b) : a_(a), b_(b) {
  DRC_CHECK(a.columns.size() == b.columns.size(), "RowEquality: key counts differ");
  for (size_t c = 0; c < a.columns.size(); ++c) {
    DRC_CHECK(compatible(a.columns[c].type(), b.columns[c].type()), "RowEquality: key types not unified");
    eq_.push_back(eq_for(a.columns[c].type_id()));
  }
}

bool RowEquality::operator()(int64_t i, int64_t j) const {
  for (size_t c = 0; c < eq_.size(); ++c)
    if (!eq_[c](a_.columns[c], i, b_.columns[c], j)) return false;
  return true;
}

}  // namespace deeprc::compute
