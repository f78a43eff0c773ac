#include <gtest/gtest.h>

#include <random>

#include "arrow/builder.h"
#include "arrow/selection.h"
#include "arrow/table.h"
#include "arrow/temporal.h"
#include "core/error.h"

using namespace deeprc;

namespace {

Array int64s(std::initializer_list<std::optional<int64_t>> vals) {
  PrimitiveBuilder<int64_t> b(DataType(TypeId::Int64));
  for (auto v : vals) v ? b.append(*v) : b.append_null();
  return b.finish();
}
Array strs(std::initializer_list<std::optional<std::string>> vals, TypeId t = TypeId::Utf8) {
  StringBuilder b{DataType(t)};
  for (const auto& v : vals) v ? b.append(*v) : b.append_null();
  return b.finish();
}
Array bools(std::initializer_list<std::optional<bool>> vals) {
  BoolBuilder b;
  for (auto v : vals) v ? b.append(*v) : b.append_null();
  return b.finish();
}

}  // namespace

TEST(Buffer, AlignedPaddedAndCounted) {
  const int64_t before = bytes_allocated();
  {
    auto b = Buffer::allocate(100);
    EXPECT_EQ(reinterpret_cast<uintptr_t>(b->data()) % 64, 0u);
    EXPECT_EQ(b->size(), 100);
    EXPECT_EQ(b->capacity() % 64, 0);
    for (int64_t i = 100; i < b->capacity(); ++i) EXPECT_EQ(b->data()[i], 0);
    auto s = b->slice(10, 20);
    EXPECT_EQ(s->data(), b->data() + 10);
    EXPECT_GT(bytes_allocated(), before);
    EXPECT_THROW(b->slice(90, 20), Error);
  }
  EXPECT_EQ(bytes_allocated(), before);
}

TEST(Buffer, BuilderGrowsAndFinishes) {
  const int64_t before = bytes_allocated();
  {
    BufferBuilder bb;
    for (int i = 0; i < 100000; ++i) bb.append_value(i);
    auto buf = bb.finish();
    ASSERT_EQ(buf->size(), 400000);
    EXPECT_EQ(buf->as<int>()[99999], 99999);
    EXPECT_EQ(reinterpret_cast<uintptr_t>(buf->data()) % 64, 0u);
    BufferBuilder unfinished;
    unfinished.append_zeros(1000);
  }
  EXPECT_EQ(bytes_allocated(), before);
}

TEST(Array, BuildersTrackNulls) {
  auto a = int64s({1, std::nullopt, 3});
  EXPECT_EQ(a.length(), 3);
  EXPECT_EQ(a.null_count(), 1);
  EXPECT_TRUE(a.is_null(1));
  EXPECT_EQ(a.values<int64_t>()[2], 3);
  auto nonull = int64s({1, 2});
  EXPECT_EQ(nonull.data().validity, nullptr);
  auto s = strs({"a", std::nullopt, "", "héllo"});
  EXPECT_EQ(s.null_count(), 1);
  EXPECT_EQ(s.string_value(3), "héllo");
  EXPECT_EQ(s.string_value(2), "");
  auto b = bools({true, false, std::nullopt, true});
  EXPECT_TRUE(b.bool_value(0));
  EXPECT_FALSE(b.bool_value(1));
  EXPECT_TRUE(b.is_null(2));
}

TEST(Array, NullFirstThenValues) {
  PrimitiveBuilder<int32_t> b(DataType(TypeId::Int32));
  b.append_null();
  for (int i = 0; i < 20; ++i) b.append(i);
  auto a = b.finish();
  EXPECT_EQ(a.null_count(), 1);
  EXPECT_TRUE(a.is_null(0));
  for (int i = 1; i <= 20; ++i) EXPECT_TRUE(a.is_valid(i));
}

TEST(Array, SliceIsZeroCopyAndRecountsNulls) {
  auto a = int64s({1, std::nullopt, 3, 4, std::nullopt});
  auto s = a.slice(2, 3);
  EXPECT_EQ(s.length(), 3);
  EXPECT_EQ(s.null_count(), 1);
  EXPECT_EQ(s.values<int64_t>()[0], 3);
  EXPECT_EQ(s.data().values->data(), a.data().values->data());
  EXPECT_TRUE(s.equals(int64s({3, 4, std::nullopt})));
  EXPECT_THROW(a.slice(3, 3), Error);
  auto st = strs({"x", "yy", "zzz"}).slice(1, 2);
  EXPECT_EQ(st.string_value(0), "yy");
  EXPECT_TRUE(st.equals(strs({"yy", "zzz"})));
}

TEST(Array, MakeRejectsBadBuffers) {
  ArrayData d;
  d.type = DataType(TypeId::Utf8);
  d.length = 2;
  int32_t offs[] = {0, 5, 3};
  d.values = Buffer::copy_of(offs, sizeof offs);
  d.data = Buffer::copy_of("abcde", 5);
  EXPECT_THROW(Array::make(d), Error);
  ArrayData e;
  e.type = DataType(TypeId::Int64);
  e.length = 10;
  e.values = Buffer::allocate(16);
  EXPECT_THROW(Array::make(e), Error);
}

TEST(Array, EqualsIgnoresValuesUnderNulls) {
  auto a = int64s({1, std::nullopt});
  PrimitiveBuilder<int64_t> b(DataType(TypeId::Int64));
  b.append(1);
  b.append(0);
  auto c = b.finish();
  EXPECT_FALSE(a.equals(c));
  EXPECT_TRUE(a.equals(int64s({1, std::nullopt})));
  EXPECT_FALSE(strs({"a"}).equals(strs({"a"}, TypeId::LargeUtf8)));
}

TEST(Selection, TakeFilterConcatAgainstBruteForce) {
  std::mt19937_64 rng(7);
  for (int round = 0; round < 20; ++round) {
    const int n = static_cast<int>(rng() % 200);
    PrimitiveBuilder<int64_t> ib(DataType(TypeId::Int64));
    StringBuilder sb{DataType(TypeId::LargeUtf8)};
    BoolBuilder mb;
    std::vector<std::optional<int64_t>> ref_i;
    std::vector<std::optional<std::string>> ref_s;
    std::vector<bool> keep;
    for (int i = 0; i < n; ++i) {
      if (rng() % 5 == 0) { ib.append_null(); ref_i.push_back(std::nullopt); }
      else { auto v = static_cast<int64_t>(rng() % 1000); ib.append(v); ref_i.push_back(v); }
      if (rng() % 7 == 0) { sb.append_null(); ref_s.push_back(std::nullopt); }
      else { std::string s(rng() % 5, static_cast<char>('a' + rng() % 26)); sb.append(s); ref_s.push_back(s); }
      const bool k = rng() % 2;
      if (rng() % 9 == 0) { mb.append_null(); keep.push_back(false); }
      else { mb.append(k); keep.push_back(k); }
    }
    Table t(Schema({{"i", DataType(TypeId::Int64)}, {"s", DataType(TypeId::LargeUtf8)}}), {ib.finish(), sb.finish()}, n);
    auto f = filter(t, mb.finish());
    int64_t row = 0;
    for (int i = 0; i < n; ++i) {
      if (!keep[static_cast<size_t>(i)]) continue;
      ASSERT_EQ(f.column(0).is_valid(row), ref_i[i].has_value());
      if (ref_i[i]) {
        EXPECT_EQ(f.column(0).values<int64_t>()[row], *ref_i[i]);
      }
      ASSERT_EQ(f.column(1).is_valid(row), ref_s[i].has_value());
      if (ref_s[i]) {
        EXPECT_EQ(f.column(1).string_value(row), *ref_s[i]);
      }
      ++row;
    }
    EXPECT_EQ(row, f.num_rows());
    // take reversed, then concat two halves of a slice equals the slice
    std::vector<int64_t> idx;
    for (int i = n - 1; i >= 0; --i) idx.push_back(i);
    auto r = take(t, idx.data(), static_cast<int64_t>(idx.size()));
    for (int i = 0; i < n; ++i) {
      EXPECT_EQ(r.column(0).format_value(i), t.column(0).format_value(n - 1 - i));
      EXPECT_EQ(r.column(1).format_value(i), t.column(1).format_value(n - 1 - i));
    }
    const int64_t half = n / 2;
    auto joined = concat({t.slice(0, half), t.slice(half, n - half)});
    EXPECT_TRUE(joined.equals(t));
  }
}

TEST(Selection, ErrorsAreClear) {
  Table t(Schema({{"i", DataType(TypeId::Int64)}}), {int64s({1, 2})});
  int64_t bad = 5;
  try {
    take(t, &bad, 1);
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("index 5"), std::string::npos);
  }
  Table u(Schema({{"j", DataType(TypeId::Int64)}}), {int64s({1})});
  EXPECT_THROW(concat({t, u}), Error);
  EXPECT_THROW(filter(t, int64s({1, 0})), Error);
}

TEST(Table, ValidatesShape) {
  EXPECT_THROW(Table(Schema({{"a", DataType(TypeId::Int64)}, {"b", DataType(TypeId::Int64)}}),
                     {int64s({1}), int64s({1, 2})}),
               Error);
  EXPECT_THROW(Table(Schema({{"a", DataType(TypeId::Utf8)}}), {int64s({1})}), Error);
  EXPECT_THROW(Schema({{"a", DataType(TypeId::Int64)}, {"a", DataType(TypeId::Int64)}}), Error);
  Table t(Schema({{"a", DataType(TypeId::Int64)}}), {int64s({1})});
  try {
    (void)t.column("zz");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::NotFound);
    EXPECT_NE(std::string(e.what()).find("zz"), std::string::npos);
  }
}

TEST(Table, PrettyPrintsHeadAndTail) {
  PrimitiveBuilder<int64_t> b(DataType(TypeId::Int64));
  for (int i = 0; i < 100; ++i) b.append(i);
  Table t(Schema({{"k", DataType(TypeId::Int64)}, {"s", DataType(TypeId::Utf8)}}),
          {b.finish(), [] {
             StringBuilder s;
             for (int i = 0; i < 100; ++i) s.append("r" + std::to_string(i));
             return s.finish();
           }()});
  const std::string out = t.to_string(4);
  EXPECT_NE(out.find("| k "), std::string::npos);
  EXPECT_NE(out.find("int64"), std::string::npos);
  EXPECT_NE(out.find("r0"), std::string::npos);
  EXPECT_NE(out.find("r99"), std::string::npos);
  EXPECT_EQ(out.find("r50"), std::string::npos);
  EXPECT_NE(out.find("..."), std::string::npos);
  EXPECT_NE(out.find("100 rows x 2 columns"), std::string::npos);
}

TEST(Types, ParseAndPrint) {
  for (const char* name : {"bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64",
                           "float32", "float64", "utf8", "large_utf8", "date32", "timestamp[ms]",
                           "timestamp[ns, tz=Europe/Berlin]"}) {
    auto t = parse_type(name);
    ASSERT_TRUE(t) << name;
    EXPECT_EQ(t->to_string(), name);
  }
  EXPECT_FALSE(parse_type("decimal128"));
  EXPECT_FALSE(parse_type("timestamp[xs]"));
}

TEST(Temporal, DatesAndTimestampsRoundTrip) {
  EXPECT_EQ(parse_date32("1970-01-01"), 0);
  EXPECT_EQ(parse_date32("2000-03-01"), 11017);
  EXPECT_FALSE(parse_date32("2001-02-29"));
  EXPECT_TRUE(parse_date32("2000-02-29"));
  EXPECT_EQ(format_date32(-1), "1969-12-31");
  std::mt19937 rng(3);
  for (int i = 0; i < 1000; ++i) {
    const int32_t d = static_cast<int32_t>(rng() % 200000) - 100000;
    EXPECT_EQ(parse_date32(format_date32(d)), d);
    const int64_t ts = static_cast<int64_t>(rng()) * 1000003 - (int64_t{1} << 40);
    EXPECT_EQ(parse_timestamp(format_timestamp(ts, TimeUnit::Micro, false), TimeUnit::Micro), ts);
  }
  EXPECT_EQ(parse_timestamp("2020-01-01T01:00:00+01:00", TimeUnit::Second), parse_timestamp("2020-01-01", TimeUnit::Second));
  EXPECT_EQ(parse_timestamp("1970-01-01 00:00:01.5Z", TimeUnit::Milli), 1500);
  EXPECT_FALSE(parse_timestamp("1970-01-01T25:00", TimeUnit::Second));
}
