#include "compute/sort_keys.h"

#include "core/error.h"

namespace deeprc::compute {

std::vector<SortColumn> resolve_sort_keys(const Table& table, const std::vector<SortKey>& keys) {
  if (keys.empty()) throw_invalid("sort: at least one sort key is required");
  std::vector<SortColumn> out;
  out.reserve(keys.size());
  for (const auto& k : keys) {
    const int i = table.schema().index_of(k.column);
    if (i < 0) {
      std::string names;
      for (const auto& f : table.schema().fields()) names += (names.empty() ? "" : ", ") + f.name;
      throw_not_found("sort: no column named '" + k.column + "' (columns: " + names + ")");
    }
    SortColumn c;
    c.array = table.column(i);
    c.descending = k.descending;
    c.nulls_first = k.nulls_first;
    c.is_string = is_string(c.array.type_id());
    out.push_back(std::move(c));
  }
  return out;
}

namespace {

template <typename Enc>
int64_t encode_loop(const Array& a, const int64_t* rows, int64_t first, int64_t n, bool desc, KeyIndex* keys,
                    int64_t* nulls, Enc enc) {
  const uint64_t flip = desc ? ~uint64_t{0} : 0;
  int64_t k = 0;
  if (a.null_count() == 0) {
    if (rows == nullptr) {
      for (int64_t i = 0; i < n; ++i) keys[i] = {enc(first + i) ^ flip, first + i};
    } else {
      for (int64_t i = 0; i < n; ++i) keys[i] = {enc(rows[i]) ^ flip, rows[i]};
    }
    return n;
  }
  int64_t z = 0;
  for (int64_t i = 0; i < n; ++i) {
    const int64_t r = rows ? rows[i] : first + i;
    if (a.is_valid(r)) keys[k++] = {enc(r) ^ flip, r};
    else nulls[z++] = r;
  }
  return k;
}

}  // namespace

int64_t encode_rows(const SortColumn& key, const int64_t* rows, int64_t first, int64_t n, KeyIndex* keys,
                    int64_t* nulls) {
  const Array& a = key.array;
  const bool d = key.descending;
  switch (a.type_id()) {
    case TypeId::Bool:
      return encode_loop(a, rows, first, n, d, keys, nulls, [&](int64_t r) { return uint64_t{a.bool_value(r)}; });
    case TypeId::Int8: {
      const auto* v = a.values<int8_t>();
      return encode_loop(a, rows, first, n, d, keys, nulls, [v](int64_t r) { return encode_signed(v[r]); });
    }
    case TypeId::Int16: {
      const auto* v = a.values<int16_t>();
      return encode_loop(a, rows, first, n, d, keys, nulls, [v](int64_t r) { return encode_signed(v[r]); });
    }
    case TypeId::Int32:
    case TypeId::Date32: {
      const auto* v = a.values<int32_t>();
      return encode_loop(a, rows, first, n, d, keys, nulls, [v](int64_t r) { return encode_signed(v[r]); });
    }
    case TypeId::Int64:
    case TypeId::Timestamp: {
      const auto* v = a.values<int64_t>();
      return encode_loop(a, rows, first, n, d, keys, nulls, [v](int64_t r) { return encode_signed(v[r]); });
    }
    case TypeId::UInt8: {
      const auto* v = a.values<uint8_t>();
      return encode_loop(a, rows, first, n, d, keys, nulls, [v](int64_t r) { return uint64_t{v[r]}; });
    }
    case TypeId::UInt16: {
      const auto* v = a.values<uint16_t>();
      return encode_loop(a, rows, first, n, d, keys, nulls, [v](int64_t r) { return uint64_t{v[r]}; });
    }
    case TypeId::UInt32: {
      const auto* v = a.values<uint32_t>();
      return encode_loop(a, rows, first, n, d, keys, nulls, [v](int64_t r) { return uint64_t{v[r]}; });
    }
    case TypeId::UInt64: {
      const auto* v = a.values<uint64_t>();
      return encode_loop(a, rows, first, n, d, keys, nulls, [v](int64_t r) { return v[r]; });
    }
    case TypeId::Float32: {
      const auto* v = a.values<float>();
      return encode_loop(a, rows, first, n, d, keys, nulls, [v](int64_t r) { return encode_double(v[r]); });
    }
    case TypeId::Float64: {
      const auto* v = a.values<double>();
      return encode_loop(a, rows, first, n, d, keys, nulls, [v](int64_t r) { return encode_double(v[r]); });
    }
    case TypeId::Utf8:
    case TypeId::LargeUtf8:
      // Strings are encoded by their prefix; ties are resolved by the caller.
      return encode_loop(a, rows, first, n, d, keys, nulls, [&](int64_t r) { return string_prefix(a.string_value(r)); });
  }
  throw_unsupported("sort: unsupported key type " + a.type().to_string());
}

uint64_t encode_value(const Array& a, int64_t r) {
  switch (a.type_id()) {
    case TypeId::Bool: return uint64_t{a.bool_value(r)};
    case TypeId::Int8: return encode_signed(a.values<int8_t>()[r]);
    case TypeId::Int16: return encode_signed(a.values<int16_t>()[r]);
    case TypeId::Int32:
    case TypeId::Date32: return encode_signed(a.values<int32_t>()[r]);
    case TypeId::Int64:
    case TypeId::Timestamp: return encode_signed(a.values<int64_t>()[r]);
    case TypeId::UInt8: return a.values<uint8_t>()[r];
    case TypeId::UInt16: return a.values<uint16_t>()[r];
    case TypeId::UInt32: return a.values<uint32_t>()[r];
    case TypeId::UInt64: return a.values<uint64_t>()[r];
    case TypeId::Float32: return encode_double(a.values<float>()[r]);
    case TypeId::Float64: return encode_double(a.values<double>()[r]);
    case TypeId::Utf8:
    case TypeId::LargeUtf8: return string_prefix(a.string_value(r));
  }
  throw_unsupported("sort: unsupported key type " + a.type().to_string());
}

int compare_values(const Array& a, int64_t x, int64_t y) {
  if (is_string(a.type_id())) {
    const int c = a.string_value(x).compare(a.string_value(y));
    return (c > 0) - (c < 0);
  }
  const uint64_t ex = encode_value(a, x), ey = encode_value(a, y);
  return (ex > ey) - (ex < ey);
}

int RowComparator::compare(int64_t a, int64_t b) const {
  for (size_t k = first_; k < keys_.size(); ++k) {
    const SortColumn& key = keys_[k];
    const bool na = key.array.is_null(a), nb = key.array.is_null(b);
    if (na || nb) {
      if (na && nb) continue;
      return (na == key.nulls_first) ? -1 : 1;
    }
    const int c = compare_values(key.array, a, b);
    if (c != 0) return key.descending ? -c : c;
  }
  return 0;
}

}  // namespace deeprc::compute
