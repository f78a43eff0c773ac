#include <gtest/gtest.h>

#include <random>
#include <unordered_map>

#include "arrow/builder.h"
#include "compute/cast.h"
#include "compute/row_keys.h"
#include "core/error.h"

using namespace deeprc;
using namespace deeprc::compute;

namespace {
Table two_key_table(uint64_t seed, int64_t n, TypeId string_type) {
  std::mt19937_64 rng(seed);
  PrimitiveBuilder<int64_t> k(DataType(TypeId::Int64));
  StringBuilder s{DataType(string_type)};
  PrimitiveBuilder<double> f(DataType(TypeId::Float64));
  for (int64_t i = 0; i < n; ++i) {
    if (rng() % 10 == 0) k.append_null();
    else k.append(static_cast<int64_t>(rng() % 5));
    if (rng() % 10 == 0) s.append_null();
    else s.append(std::string(rng() % 3, 'x') + "é");
    const int r = static_cast<int>(rng() % 6);
    f.append(r == 0 ? -0.0 : r == 1 ? 0.0 : r == 2 ? std::nan("") : r == 3 ? -std::nan("") : static_cast<double>(r));
  }
  return Table(Schema({{"k", DataType(TypeId::Int64)}, {"s", DataType(string_type)}, {"f", DataType(TypeId::Float64)}}),
               {k.finish(), s.finish(), f.finish()});
}
}  // namespace

TEST(RowKeys, EqualRowsHashEqualAcrossTablesAndStringKinds) {
  auto a = two_key_table(1, 400, TypeId::Utf8);
  auto b = two_key_table(2, 300, TypeId::LargeUtf8);
  auto ka = key_columns(a, {"k", "s", "f"});
  auto kb = key_columns(b, {"k", "s", "f"});
  unify_key_types(ka, kb, false);
  std::vector<uint64_t> ha(400), hb(300);
  hash_rows(ka, ha.data(), 2);
  hash_rows(kb, hb.data(), 1);
  RowEquality eq(ka, kb);
  int64_t equal_pairs = 0;
  for (int64_t i = 0; i < 400; ++i)
    for (int64_t j = 0; j < 300; ++j) {
      // Reference equality written independently from formatted values (NaN and -0 normalised).
      auto norm = [](const Array& c, int64_t r) {
        std::string v = c.format_value(r);
        if (v == "-0") return std::string("0");
        if (v == "NaN" || v == "-NaN" || v == "-nan" || v == "nan") return std::string("NaN");
        return v;
      };
      bool ref = true;
      for (int c = 0; c < 3; ++c) ref = ref && norm(ka.columns[c], i) == norm(kb.columns[c], j) &&
                                      ka.columns[c].is_null(i) == kb.columns[c].is_null(j);
      ASSERT_EQ(eq(i, j), ref) << i << "," << j;
      if (ref) {
        ++equal_pairs;
        ASSERT_EQ(ha[i], hb[j]);
      }
    }
  EXPECT_GT(equal_pairs, 100);
}

TEST(RowKeys, HashIsPositionIndependentAndSpreads) {
  auto a = two_key_table(3, 1000, TypeId::Utf8);
  auto ka = key_columns(a, {"k", "s"});
  std::vector<uint64_t> full(1000), part(500);
  hash_rows(ka, full.data(), 3);
  auto sl = a.slice(500, 500);
  auto ks = key_columns(sl, {"k", "s"});
  hash_rows(ks, part.data(), 1);
  for (int i = 0; i < 500; ++i) EXPECT_EQ(part[i], full[500 + i]);
  // Distinct int64 keys spread over partitions.
  PrimitiveBuilder<int64_t> b(DataType(TypeId::Int64));
  for (int i = 0; i < 100000; ++i) b.append(i);
  Table t(Schema({{"x", DataType(TypeId::Int64)}}), {b.finish()});
  auto kt = key_columns(t, {"x"});
  std::vector<uint64_t> h(100000);
  hash_rows(kt, h.data(), 2);
  std::vector<int> buckets(16);
  for (auto v : h) buckets[v % 16]++;
  for (int c : buckets) EXPECT_NEAR(c, 100000 / 16, 400);
}

TEST(RowKeys, MismatchedTypesNeedCast) {
  PrimitiveBuilder<int32_t> i32(DataType(TypeId::Int32));
  PrimitiveBuilder<int64_t> i64(DataType(TypeId::Int64));
  for (int i = 0; i < 10; ++i) {
    i32.append(i);
    i64.append(i * 2);
  }
  Table a(Schema({{"a", DataType(TypeId::Int32)}}), {i32.finish()});
  Table b(Schema({{"b", DataType(TypeId::Int64)}}), {i64.finish()});
  auto ka = key_columns(a, {"a"});
  auto kb = key_columns(b, {"b"});
  try {
    unify_key_types(ka, kb, false);
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("'a' (int32)"), std::string::npos);
  }
  unify_key_types(ka, kb, true);
  RowEquality eq(ka, kb);
  EXPECT_TRUE(eq(4, 2));
  EXPECT_FALSE(eq(3, 2));
  EXPECT_THROW(key_columns(a, {"zz"}), Error);
}

TEST(Cast, NumericRangesAreChecked) {
  PrimitiveBuilder<int64_t> b(DataType(TypeId::Int64));
  b.append(1);
  b.append_null();
  b.append(300);
  auto a = b.finish();
  auto ok = cast(a.slice(0, 2), DataType(TypeId::Int8));
  EXPECT_EQ(ok.values<int8_t>()[0], 1);
  EXPECT_TRUE(ok.is_null(1));
  try {
    cast(a, DataType(TypeId::Int8), "column 'v'");
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("column 'v' at row 2 (300)"), std::string::npos);
  }
  auto f = cast(a, DataType(TypeId::Float64));
  EXPECT_EQ(f.values<double>()[2], 300.0);
  PrimitiveBuilder<double> d(DataType(TypeId::Float64));
  d.append(2.5);
  EXPECT_THROW(cast(d.finish(), DataType(TypeId::Int64)), Error);
  auto s = cast(a, DataType(TypeId::Utf8));
  EXPECT_EQ(s.string_value(2), "300");
  auto back = cast(s, DataType(TypeId::UInt16));
  EXPECT_EQ(back.values<uint16_t>()[2], 300);
  EXPECT_TRUE(back.is_null(1));
}

TEST(Cast, Temporal) {
  PrimitiveBuilder<int32_t> d(DataType(TypeId::Date32));
  d.append(1);
  auto ts = cast(d.finish(), DataType::timestamp(TimeUnit::Milli));
  EXPECT_EQ(ts.values<int64_t>()[0], 86400000);
  auto secs = cast(ts, DataType::timestamp(TimeUnit::Second));
  EXPECT_EQ(secs.values<int64_t>()[0], 86400);
  PrimitiveBuilder<int64_t> t(DataType::timestamp(TimeUnit::Milli));
  t.append(1500);
  EXPECT_THROW(cast(t.finish(), DataType::timestamp(TimeUnit::Second)), Error);
}
