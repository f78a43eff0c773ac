// Sort: differential tests against a brute-force reference written independently here
// (std::stable_sort over decoded cells with its own comparator), property tests, thread-count
// invariance, errors and the C ABI.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>
#include <string>
#include <variant>
#include <vector>

#include "arrow/builder.h"
#include "arrow/selection.h"
#include "compute/sort.h"
#include "core/error.h"
#include "deeprc/deeprc.h"

using namespace deeprc;
using compute::SortKey;

namespace {

// ---- random tables --------------------------------------------------------------------------

const std::vector<std::pair<std::string, DataType>>& all_columns() {
  static const std::vector<std::pair<std::string, DataType>> cols = {
      {"i8", TypeId::Int8},       {"i16", TypeId::Int16},      {"i32", TypeId::Int32},
      {"i64", TypeId::Int64},     {"u8", TypeId::UInt8},       {"u16", TypeId::UInt16},
      {"u32", TypeId::UInt32},    {"u64", TypeId::UInt64},     {"f32", TypeId::Float32},
      {"f64", TypeId::Float64},   {"b", TypeId::Bool},         {"d32", TypeId::Date32},
      {"ts", DataType::timestamp(TimeUnit::Milli)},            {"s", TypeId::Utf8},
      {"ls", TypeId::LargeUtf8},  {"wide", TypeId::Int64}};
  return cols;
}

double special_double(std::mt19937_64& rng) {
  switch (rng() % 10) {
    case 0: return std::numeric_limits<double>::quiet_NaN();
    case 1: return -std::numeric_limits<double>::quiet_NaN();
    case 2: return std::numeric_limits<double>::infinity();
    case 3: return -std::numeric_limits<double>::infinity();
    case 4: return -0.0;
    case 5: return 0.0;
    default: return static_cast<double>(static_cast<int64_t>(rng() % 11) - 5) * 0.5;
  }
}

std::string random_string(std::mt19937_64& rng) {
  static const std::vector<std::string> atoms = {"", "a", "b", "é", "日本", "\xF0\x9F\x98\x80", "z", "A",
                                                 std::string("a\0", 2), "common_prefix_longer_than_8_"};
  std::string s;
  const int parts = static_cast<int>(rng() % 4);
  for (int i = 0; i < parts; ++i) s += atoms[rng() % atoms.size()];
  return s;
}

// Columns of every type; `card` bounds the number of distinct integer values (duplicates).
Table random_table(uint64_t seed, int64_t n, int null_pct, uint64_t card) {
  std::mt19937_64 rng(seed);
  std::vector<Field> fields;
  std::vector<Array> arrays;
  for (const auto& [name, type] : all_columns()) {
    auto builder = make_builder(type);
    for (int64_t i = 0; i < n; ++i) {
      if (static_cast<int>(rng() % 100) < null_pct) {
        builder->append_null();
        continue;
      }
      const uint64_t r = rng();
      const auto small = static_cast<int64_t>(r % card) - static_cast<int64_t>(card / 2);
      switch (type.id) {
        case TypeId::Int8: static_cast<PrimitiveBuilder<int8_t>&>(*builder).append(static_cast<int8_t>(r % 2 ? small : static_cast<int64_t>(r >> 8))); break;
        case TypeId::Int16: static_cast<PrimitiveBuilder<int16_t>&>(*builder).append(static_cast<int16_t>(r % 2 ? small : static_cast<int64_t>(r >> 8))); break;
        case TypeId::Int32:
        case TypeId::Date32: static_cast<PrimitiveBuilder<int32_t>&>(*builder).append(static_cast<int32_t>(r % 2 ? small : static_cast<int64_t>(r >> 8))); break;
        case TypeId::Int64:
        case TypeId::Timestamp:
          static_cast<PrimitiveBuilder<int64_t>&>(*builder).append(
              name == "wide" ? static_cast<int64_t>(r) : r % 7 == 0 ? std::numeric_limits<int64_t>::min() + static_cast<int64_t>(r % card) : small);
          break;
        case TypeId::UInt8: static_cast<PrimitiveBuilder<uint8_t>&>(*builder).append(static_cast<uint8_t>(r % 2 ? r % card : r >> 8)); break;
        case TypeId::UInt16: static_cast<PrimitiveBuilder<uint16_t>&>(*builder).append(static_cast<uint16_t>(r % 2 ? r % card : r >> 8)); break;
        case TypeId::UInt32: static_cast<PrimitiveBuilder<uint32_t>&>(*builder).append(static_cast<uint32_t>(r % 2 ? r % card : r >> 8)); break;
        case TypeId::UInt64: static_cast<PrimitiveBuilder<uint64_t>&>(*builder).append(r % 2 ? r % card : r); break;
        case TypeId::Float32: static_cast<PrimitiveBuilder<float>&>(*builder).append(static_cast<float>(special_double(rng))); break;
        case TypeId::Float64: static_cast<PrimitiveBuilder<double>&>(*builder).append(special_double(rng)); break;
        case TypeId::Bool: static_cast<BoolBuilder&>(*builder).append(r % 2 == 0); break;
        case TypeId::Utf8:
        case TypeId::LargeUtf8: static_cast<StringBuilder&>(*builder).append(random_string(rng)); break;
      }
    }
    fields.push_back({name, type, true});
    arrays.push_back(builder->finish());
  }
  return Table(Schema(fields), std::move(arrays), n);
}

// ---- independent reference --------------------------------------------------------------------

// A decoded cell: null, a signed/unsigned integer, a double or a byte string.
using Value = std::variant<std::monostate, int64_t, uint64_t, double, std::string>;

Value cell(const Array& a, int64_t i) {
  if (a.is_null(i)) return std::monostate{};
  switch (a.type_id()) {
    case TypeId::Int8: return int64_t{a.values<int8_t>()[i]};
    case TypeId::Int16: return int64_t{a.values<int16_t>()[i]};
    case TypeId::Int32:
    case TypeId::Date32: return int64_t{a.values<int32_t>()[i]};
    case TypeId::Int64:
    case TypeId::Timestamp: return a.values<int64_t>()[i];
    case TypeId::UInt8: return uint64_t{a.values<uint8_t>()[i]};
    case TypeId::UInt16: return uint64_t{a.values<uint16_t>()[i]};
    case TypeId::UInt32: return uint64_t{a.values<uint32_t>()[i]};
    case TypeId::UInt64: return a.values<uint64_t>()[i];
    case TypeId::Float32: return double{a.values<float>()[i]};
    case TypeId::Float64: return a.values<double>()[i];
    case TypeId::Bool: return int64_t{a.bool_value(i) ? 1 : 0};
    default: return std::string(a.string_value(i));
  }
}

// -1/0/1 on two non-null values of one column, ascending, with the documented float order.
int value_order(const Value& x, const Value& y) {
  if (const auto* dx = std::get_if<double>(&x)) {
    const double a = *dx, b = std::get<double>(y);
    if (std::isnan(a) || std::isnan(b)) return std::isnan(a) == std::isnan(b) ? 0 : std::isnan(a) ? 1 : -1;
    return a < b ? -1 : b < a ? 1 : 0;  // -0.0 == 0.0 under IEEE comparison
  }
  if (const auto* sx = std::get_if<std::string>(&x)) {
    const std::string& b = std::get<std::string>(y);
    // Bytewise as unsigned bytes, shorter prefix first.
    const size_t m = std::min(sx->size(), b.size());
    for (size_t k = 0; k < m; ++k) {
      const auto p = static_cast<unsigned char>((*sx)[k]), q = static_cast<unsigned char>(b[k]);
      if (p != q) return p < q ? -1 : 1;
    }
    return sx->size() < b.size() ? -1 : sx->size() > b.size() ? 1 : 0;
  }
  return x < y ? -1 : y < x ? 1 : 0;  // same alternative: int64 or uint64
}

std::vector<int64_t> reference_indices(const Table& t, const std::vector<SortKey>& keys) {
  std::vector<std::vector<Value>> cells;
  for (const auto& k : keys) {
    const Array& a = t.column(k.column);
    std::vector<Value> col;
    for (int64_t i = 0; i < t.num_rows(); ++i) col.push_back(cell(a, i));
    cells.push_back(std::move(col));
  }
  std::vector<int64_t> idx(static_cast<size_t>(t.num_rows()));
  for (size_t i = 0; i < idx.size(); ++i) idx[i] = static_cast<int64_t>(i);
  std::stable_sort(idx.begin(), idx.end(), [&](int64_t a, int64_t b) {
    for (size_t k = 0; k < keys.size(); ++k) {
      const Value& x = cells[k][static_cast<size_t>(a)];
      const Value& y = cells[k][static_cast<size_t>(b)];
      const bool nx = std::holds_alternative<std::monostate>(x), ny = std::holds_alternative<std::monostate>(y);
      if (nx && ny) continue;
      if (nx) return keys[k].nulls_first;
      if (ny) return !keys[k].nulls_first;
      int c = value_order(x, y);
      if (keys[k].descending) c = -c;
      if (c != 0) return c < 0;
    }
    return false;
  });
  return idx;
}

std::vector<int64_t> to_vector(const Array& a) {
  EXPECT_EQ(a.type_id(), TypeId::Int64);
  EXPECT_EQ(a.null_count(), 0);
  return {a.values<int64_t>(), a.values<int64_t>() + a.length()};
}

std::string describe(const std::vector<SortKey>& keys) {
  std::string s;
  for (const auto& k : keys) s += k.column + (k.descending ? ":desc" : ":asc") + (k.nulls_first ? ":nf " : ":nl ");
  return s;
}

void expect_matches_reference(const Table& t, const std::vector<SortKey>& keys, int threads, const std::string& ctx) {
  const auto expected = reference_indices(t, keys);
  const auto got = to_vector(compute::sort_indices(t, keys, threads));
  ASSERT_EQ(got, expected) << ctx << " keys=" << describe(keys) << " threads=" << threads;
}

}  // namespace

TEST(Sort, SingleKeyEveryTypeMatchesReference) {
  for (uint64_t seed = 1; seed <= 12; ++seed) {
    const int64_t n = std::vector<int64_t>{0, 1, 2, 5, 40, 300, 1500}[seed % 7];
    const Table t = random_table(seed, n, static_cast<int>(seed * 7 % 40), 1 + seed * 3);
    for (const auto& [name, type] : all_columns())
      for (int mode = 0; mode < 4; ++mode)
        expect_matches_reference(t, {{name, (mode & 1) != 0, (mode & 2) != 0}}, 1,
                                 "seed=" + std::to_string(seed) + " n=" + std::to_string(n));
  }
}

TEST(Sort, MultiKeyMixesMatchReference) {
  std::mt19937_64 rng(99);
  const auto& cols = all_columns();
  for (uint64_t seed = 1; seed <= 60; ++seed) {
    const int64_t n = static_cast<int64_t>(rng() % 2000);
    const Table t = random_table(seed * 31, n, static_cast<int>(rng() % 30), 1 + rng() % 6);
    std::vector<SortKey> keys;
    const int nk = 1 + static_cast<int>(rng() % 4);
    for (int k = 0; k < nk; ++k) keys.push_back({cols[rng() % cols.size()].first, rng() % 2 == 0, rng() % 2 == 0});
    expect_matches_reference(t, keys, static_cast<int>(1 + rng() % 3), "seed=" + std::to_string(seed));
  }
}

TEST(Sort, SlicedTableMatchesReference) {
  const Table full = random_table(5, 1000, 20, 5);
  const Table t = full.slice(123, 701);
  for (const auto& [name, type] : all_columns())
    expect_matches_reference(t, {{name, false, false}, {"i64", true, true}}, 2, "sliced");
}

TEST(Sort, IdenticalForEveryThreadCountOnLargeInputs) {
  // Large enough for the parallel radix, parallel encode and the big-run refinement paths.
  const Table t = random_table(7, 150000, 10, 3);
  const std::vector<std::vector<SortKey>> configs = {
      {{"wide", false, false}},
      {{"f64", true, true}},
      {{"s", false, false}},
      {{"b", false, true}, {"wide", true, false}},
      {{"i8", true, false}, {"s", false, true}, {"u64", false, false}},
  };
  for (const auto& keys : configs) {
    const auto expected = reference_indices(t, keys);
    for (int threads : {1, 2, 3, 7})
      ASSERT_EQ(to_vector(compute::sort_indices(t, keys, threads)), expected) << describe(keys) << threads;
  }
}

TEST(Sort, NoNullsLargeKeyParallelPaths) {
  // Without nulls the encode step itself is split across threads.
  std::mt19937_64 rng(3);
  PrimitiveBuilder<int64_t> k(DataType(TypeId::Int64));
  PrimitiveBuilder<double> f(DataType(TypeId::Float64));
  for (int i = 0; i < 200000; ++i) {
    k.append(static_cast<int64_t>(rng() % 1000) - 500);
    f.append(special_double(rng));
  }
  const Table t(Schema({{"k", TypeId::Int64}, {"f", TypeId::Float64}}), {k.finish(), f.finish()});
  for (const auto& keys : std::vector<std::vector<SortKey>>{{{"k", false, false}}, {{"f", true, false}, {"k", false, false}}}) {
    const auto expected = reference_indices(t, keys);
    for (int threads : {1, 2, 3, 7})
      ASSERT_EQ(to_vector(compute::sort_indices(t, keys, threads)), expected) << describe(keys) << threads;
  }
}

TEST(Sort, SortIsTakeByIndicesAndAnOrderedStablePermutation) {
  for (uint64_t seed = 1; seed <= 8; ++seed) {
    const Table t = random_table(seed, 3000, 15, 4);
    const std::vector<SortKey> keys{{"i16", seed % 2 == 0, false}, {"s", true, seed % 3 == 0}};
    const Array idx = compute::sort_indices(t, keys, 2);
    const Table sorted = compute::sort(t, keys, 2);
    const auto v = to_vector(idx);
    ASSERT_TRUE(sorted.equals(take(t, v.data(), static_cast<int64_t>(v.size()))));
    // Permutation.
    std::vector<bool> seen(v.size(), false);
    for (int64_t i : v) {
      ASSERT_TRUE(i >= 0 && i < t.num_rows());
      ASSERT_FALSE(seen[static_cast<size_t>(i)]);
      seen[static_cast<size_t>(i)] = true;
    }
    // Ordered, and stable: equal keys keep increasing original positions.
    ASSERT_TRUE(compute::is_sorted(sorted, keys));
    const Array& a = t.column("i16");
    const Array& s = t.column("s");
    for (size_t i = 1; i < v.size(); ++i) {
      const int64_t p = v[i - 1], q = v[i];
      const bool same = cell(a, p) == cell(a, q) && cell(s, p) == cell(s, q);
      if (same) ASSERT_LT(p, q);
    }
  }
}

TEST(Sort, DocumentedFloatOrder) {
  const double nan = std::numeric_limits<double>::quiet_NaN(), inf = std::numeric_limits<double>::infinity();
  PrimitiveBuilder<double> b(DataType(TypeId::Float64));
  for (double v : {nan, 1.0, -0.0, -inf, 0.0, inf, -nan, -1.0}) b.append(v);
  b.append_null();
  const Table t(Schema({{"f", TypeId::Float64}}), {b.finish()});
  EXPECT_EQ(to_vector(compute::sort_indices(t, {{"f", false, false}}, 1)),
            (std::vector<int64_t>{3, 7, 2, 4, 1, 5, 0, 6, 8}));
  EXPECT_EQ(to_vector(compute::sort_indices(t, {{"f", true, false}}, 1)),
            (std::vector<int64_t>{0, 6, 5, 1, 2, 4, 7, 3, 8}));
  EXPECT_EQ(to_vector(compute::sort_indices(t, {{"f", true, true}}, 1)),
            (std::vector<int64_t>{8, 0, 6, 5, 1, 2, 4, 7, 3}));
}

TEST(Sort, StringsBytewiseIncludingEmbeddedZerosAndNonAscii) {
  StringBuilder b;
  const std::vector<std::string> values = {"b", "", "a", std::string("a\0", 2), "é", "abcdefghij", "abcdefgh",
                                           "abcdefghi", "Z", "\xF0\x9F\x98\x80", "e"};
  for (const auto& v : values) b.append(v);
  const Table t(Schema({{"s", TypeId::Utf8}}), {b.finish()});
  EXPECT_EQ(to_vector(compute::sort_indices(t, {{"s", false, false}}, 1)),
            (std::vector<int64_t>{1, 8, 2, 3, 6, 7, 5, 0, 10, 4, 9}));
}

TEST(Sort, EmptyAndOneRowTables) {
  for (int64_t n : {0, 1}) {
    const Table t = random_table(11, n, 0, 3);
    const Table s = compute::sort(t, {{"s", false, false}, {"f64", true, true}}, 3);
    EXPECT_TRUE(s.equals(t));
    EXPECT_EQ(compute::sort_indices(t, {{"i64", false, false}}).length(), n);
  }
}

TEST(Sort, ErrorsNameTheColumn) {
  const Table t = random_table(1, 10, 0, 3);
  try {
    compute::sort(t, {{"i64", false, false}, {"nope", false, false}});
    FAIL() << "expected NotFound";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::NotFound);
    EXPECT_NE(std::string(e.what()).find("'nope'"), std::string::npos) << e.what();
  }
  try {
    compute::sort_indices(t, {});
    FAIL() << "expected Invalid";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::Invalid);
  }
}

TEST(SortCApi, SortsAndReportsStatuses) {
  drc_table* w2 = nullptr;
  ASSERT_EQ(drc_gen_workload("W2", 5000, 0, -1, 42, &w2), nullptr);
  const drc_sort_key keys[] = {{"key", 1, 0}};
  drc_table* sorted = nullptr;
  ASSERT_EQ(drc_table_sort(w2, keys, 1, 2, &sorted), nullptr);
  int32_t ok = 0;
  ASSERT_EQ(drc_table_is_sorted(sorted, keys, 1, &ok), nullptr);
  EXPECT_EQ(ok, 1);
  ASSERT_EQ(drc_table_is_sorted(w2, keys, 1, &ok), nullptr);
  EXPECT_EQ(ok, 0);
  drc_array* idx = nullptr;
  ASSERT_EQ(drc_table_sort_indices(w2, keys, 1, 0, &idx), nullptr);
  drc_array_info info;
  ASSERT_EQ(drc_array_info_get(idx, &info), nullptr);
  EXPECT_EQ(info.length, 5000);
  EXPECT_EQ(info.type.id, DRC_TYPE_INT64);

  auto expect_status = [](drc_status* st, int32_t code, const char* fragment) {
    ASSERT_NE(st, nullptr);
    EXPECT_EQ(drc_status_code(st), code);
    EXPECT_NE(std::string(drc_status_message(st)).find(fragment), std::string::npos) << drc_status_message(st);
    drc_status_free(st);
  };
  drc_table* out = nullptr;
  const drc_sort_key bad[] = {{"missing_col", 0, 0}};
  expect_status(drc_table_sort(w2, bad, 1, 1, &out), DRC_STATUS_NOT_FOUND, "missing_col");
  expect_status(drc_table_sort(w2, keys, 0, 1, &out), DRC_STATUS_INVALID, "sort key");
  expect_status(drc_table_sort(w2, nullptr, 1, 1, &out), DRC_STATUS_INVALID, "keys");
  expect_status(drc_table_sort(nullptr, keys, 1, 1, &out), DRC_STATUS_INVALID, "table");
  expect_status(drc_table_sort(w2, keys, 1, 1, nullptr), DRC_STATUS_INVALID, "out");
  const drc_sort_key null_name[] = {{nullptr, 0, 0}};
  expect_status(drc_table_sort_indices(w2, null_name, 1, 1, &idx), DRC_STATUS_INVALID, "NULL column");
  EXPECT_EQ(out, nullptr);
  drc_array_free(idx);
  drc_table_free(sorted);
  drc_table_free(w2);
}
