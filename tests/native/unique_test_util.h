// Random tables of every type and brute-force references for the unique / set-op tests.
// The references never touch compute/: rows become vectors of normalised strings that are
// grouped with std::map / std::set.
#pragma once
#include <cmath>
#include <cstdio>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "arrow/builder.h"
#include "arrow/selection.h"
#include "arrow/table.h"

namespace unique_test {

using namespace deeprc;

inline const std::vector<DataType>& all_types() {
  static const std::vector<DataType> types{
      DataType(TypeId::Bool),    DataType(TypeId::Int8),    DataType(TypeId::Int16),   DataType(TypeId::Int32),
      DataType(TypeId::Int64),   DataType(TypeId::UInt8),   DataType(TypeId::UInt16),  DataType(TypeId::UInt32),
      DataType(TypeId::UInt64),  DataType(TypeId::Float32), DataType(TypeId::Float64), DataType(TypeId::Utf8),
      DataType(TypeId::LargeUtf8), DataType(TypeId::Date32), DataType::timestamp(TimeUnit::Milli, "UTC")};
  return types;
}

// A column of n values drawn from `domain` distinct values (plus nulls with probability null_pct%).
inline Array random_column(std::mt19937_64& rng, const DataType& type, int64_t n, int domain, int null_pct) {
  static const double floats[] = {0.0, -0.0, std::nan(""), -std::nan(""), 1.5, -1.5, INFINITY, -INFINITY, 2.0, 1e300, 3.25e-5};
  static const char* strings[] = {"", "a", "ab", "é", "日本", "Zürich", "a b", "\t", "ab ", "b"};
  auto pick = [&] { return static_cast<int64_t>(rng() % static_cast<uint64_t>(std::max(domain, 1))); };
  auto is_null = [&] { return null_pct > 0 && static_cast<int>(rng() % 100) < null_pct; };
  std::unique_ptr<ArrayBuilder> b;
  switch (type.id) {
    case TypeId::Bool: {
      auto bb = std::make_unique<BoolBuilder>();
      for (int64_t i = 0; i < n; ++i) is_null() ? bb->append_null() : bb->append(pick() % 2 == 1);
      return bb->finish();
    }
    case TypeId::Utf8:
    case TypeId::LargeUtf8: {
      StringBuilder sb{type};
      for (int64_t i = 0; i < n; ++i) {
        if (is_null()) { sb.append_null(); continue; }
        const int64_t k = pick();
        sb.append(k < 10 ? std::string(strings[k]) : "s" + std::to_string(k) + "ü");
      }
      return sb.finish();
    }
    case TypeId::Float32:
    case TypeId::Float64: {
      auto fill = [&](auto& fb, auto tag) {
        using T = decltype(tag);
        for (int64_t i = 0; i < n; ++i) {
          if (is_null()) { fb.append_null(); continue; }
          const int64_t k = pick();
          fb.append(static_cast<T>(k < 11 ? floats[k] : static_cast<double>(k) * 0.5));
        }
      };
      if (type.id == TypeId::Float32) {
        PrimitiveBuilder<float> fb(type);
        fill(fb, float{});
        return fb.finish();
      }
      PrimitiveBuilder<double> fb(type);
      fill(fb, double{});
      return fb.finish();
    }
    default: break;
  }
  auto ints = [&](auto tag) {
    using T = decltype(tag);
    PrimitiveBuilder<T> ib(type);
    for (int64_t i = 0; i < n; ++i) {
      if (is_null()) { ib.append_null(); continue; }
      int64_t k = pick();
      if constexpr (std::is_signed_v<T>) k -= domain / 2;
      // An extreme value now and then (INT64_MIN+1 is the fast path's null image).
      if (k == 3 && sizeof(T) == 8) k = std::is_signed_v<T> ? INT64_MIN + 1 : static_cast<int64_t>(0x8000000000000001ULL);
      ib.append(static_cast<T>(k));
    }
    return ib.finish();
  };
  switch (type.id) {
    case TypeId::Int8: return ints(int8_t{});
    case TypeId::Int16: return ints(int16_t{});
    case TypeId::Int32: case TypeId::Date32: return ints(int32_t{});
    case TypeId::Int64: case TypeId::Timestamp: return ints(int64_t{});
    case TypeId::UInt8: return ints(uint8_t{});
    case TypeId::UInt16: return ints(uint16_t{});
    case TypeId::UInt32: return ints(uint32_t{});
    case TypeId::UInt64: return ints(uint64_t{});
    default: break;
  }
  throw std::runtime_error("random_column: unexpected type");
}

inline Table random_table(std::mt19937_64& rng, const std::vector<DataType>& types, int64_t n, int domain, int null_pct) {
  std::vector<Field> fields;
  std::vector<Array> cols;
  for (size_t c = 0; c < types.size(); ++c) {
    fields.push_back({"c" + std::to_string(c), types[c], true});
    cols.push_back(random_column(rng, types[c], n, domain, null_pct));
  }
  return Table(Schema(fields), std::move(cols), n);
}

// Value i of a column as a string: nulls, NaNs and zeros normalised; distinct values stay distinct.
inline std::string norm(const Array& c, int64_t i) {
  if (c.is_null(i)) return "<null>";
  char buf[64];
  auto flt = [&](double v) -> std::string {
    if (std::isnan(v)) return "NaN";
    if (v == 0) return "0";
    std::snprintf(buf, sizeof buf, "%a", v);
    return buf;
  };
  switch (c.type_id()) {
    case TypeId::Bool: return c.bool_value(i) ? "true" : "false";
    case TypeId::Int8: return std::to_string(c.values<int8_t>()[i]);
    case TypeId::Int16: return std::to_string(c.values<int16_t>()[i]);
    case TypeId::Int32: case TypeId::Date32: return std::to_string(c.values<int32_t>()[i]);
    case TypeId::Int64: case TypeId::Timestamp: return std::to_string(c.values<int64_t>()[i]);
    case TypeId::UInt8: return std::to_string(c.values<uint8_t>()[i]);
    case TypeId::UInt16: return std::to_string(c.values<uint16_t>()[i]);
    case TypeId::UInt32: return std::to_string(c.values<uint32_t>()[i]);
    case TypeId::UInt64: return std::to_string(c.values<uint64_t>()[i]);
    case TypeId::Float32: return flt(c.values<float>()[i]);
    case TypeId::Float64: return flt(c.values<double>()[i]);
    case TypeId::Utf8: case TypeId::LargeUtf8: return "'" + std::string(c.string_value(i));
  }
  return "?";
}

using RowKey = std::vector<std::string>;

inline RowKey row_key(const Table& t, const std::vector<int>& cols, int64_t i) {
  RowKey k;
  for (int c : cols) k.push_back(norm(t.column(c), i));
  return k;
}

inline std::vector<int> all_columns(const Table& t) {
  std::vector<int> v;
  for (int c = 0; c < t.num_columns(); ++c) v.push_back(c);
  return v;
}

// keep: 0 first, 1 last, 2 none.
inline std::vector<int64_t> ref_unique(const Table& t, const std::vector<int>& cols, int keep) {
  std::map<RowKey, std::vector<int64_t>> groups;
  for (int64_t i = 0; i < t.num_rows(); ++i) groups[row_key(t, cols, i)].push_back(i);
  std::vector<int64_t> out;
  for (const auto& [k, rows] : groups) {
    if (keep == 0) out.push_back(rows.front());
    else if (keep == 1) out.push_back(rows.back());
    else if (rows.size() == 1) out.push_back(rows.front());
  }
  std::sort(out.begin(), out.end());
  return out;
}

// op: 0 union, 1 union_all, 2 intersect, 3 difference. Returns (rows of A, rows of B) kept.
inline std::pair<std::vector<int64_t>, std::vector<int64_t>> ref_set_op(const Table& a, const Table& b, int op) {
  const auto ca = all_columns(a);
  std::vector<int64_t> ra, rb;
  if (op == 1) {
    for (int64_t i = 0; i < a.num_rows(); ++i) ra.push_back(i);
    for (int64_t i = 0; i < b.num_rows(); ++i) rb.push_back(i);
    return {ra, rb};
  }
  std::set<RowKey> in_b, seen;
  for (int64_t i = 0; i < b.num_rows(); ++i) in_b.insert(row_key(b, ca, i));
  for (int64_t i = 0; i < a.num_rows(); ++i) {
    const RowKey k = row_key(a, ca, i);
    if (!seen.insert(k).second) continue;
    if (op == 0 || (op == 2 && in_b.count(k)) || (op == 3 && !in_b.count(k))) ra.push_back(i);
  }
  if (op == 0)
    for (int64_t i = 0; i < b.num_rows(); ++i)
      if (seen.insert(row_key(b, ca, i)).second) rb.push_back(i);
  return {ra, rb};
}

inline Table take_idx(const Table& t, const std::vector<int64_t>& idx) {
  return take(t, idx.data(), static_cast<int64_t>(idx.size()));
}

}  // namespace unique_test
