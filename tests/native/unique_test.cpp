// unique / drop_duplicates / distinct_values against a std::map reference on random tables.
#include <gtest/gtest.h>

#include "compute/unique.h"
#include "core/error.h"
#include "unique_test_util.h"

using namespace deeprc;
using namespace unique_test;
using compute::Keep;

namespace {

const int kThreads[] = {1, 2, 3, 7};

std::vector<std::string> names_of(const Table& t, const std::vector<int>& cols) {
  std::vector<std::string> v;
  for (int c : cols) v.push_back(t.schema().field(c).name);
  return v;
}

void expect_unique_matches(const Table& t, const std::vector<int>& cols, bool empty_subset, const std::string& what) {
  const auto names = empty_subset ? std::vector<std::string>{} : names_of(t, cols);
  for (int keep = 0; keep < 3; ++keep) {
    const auto ref = ref_unique(t, cols, keep);
    const Table expected = take_idx(t, ref);
    for (int threads : kThreads) {
      const auto idx = compute::unique_indices(t, names, static_cast<Keep>(keep), threads);
      ASSERT_EQ(idx, ref) << what << " keep=" << keep << " threads=" << threads;
      const Table got = compute::unique(t, names, static_cast<Keep>(keep), threads);
      ASSERT_TRUE(got.equals(expected)) << what << " keep=" << keep << " threads=" << threads;
    }
  }
}

}  // namespace

TEST(Unique, EveryTypeSingleKeyMatchesReference) {
  for (uint64_t seed = 0; seed < 12; ++seed) {
    for (const DataType& type : all_types()) {
      std::mt19937_64 rng(seed * 131 + static_cast<uint64_t>(type.id));
      const int64_t n = seed == 0 ? 0 : seed == 1 ? 1 : static_cast<int64_t>(rng() % 300);
      const int domain = 1 + static_cast<int>(rng() % 40);
      const Table t = random_table(rng, {type, DataType(TypeId::Float64)}, n, domain, static_cast<int>(seed % 3) * 10);
      expect_unique_matches(t, {0}, false, "seed=" + std::to_string(seed) + " type=" + type.to_string());
    }
  }
}

TEST(Unique, MultiColumnAndAllColumnsMatchReference) {
  const auto& types = all_types();
  for (uint64_t seed = 0; seed < 40; ++seed) {
    std::mt19937_64 rng(1000 + seed);
    std::vector<DataType> cols;
    const int k = 1 + static_cast<int>(rng() % 4);
    for (int c = 0; c < k; ++c) cols.push_back(types[rng() % types.size()]);
    const int64_t n = seed < 2 ? static_cast<int64_t>(seed) : static_cast<int64_t>(rng() % 400);
    const Table t = random_table(rng, cols, n, 1 + static_cast<int>(rng() % 6), static_cast<int>(rng() % 30));
    const std::string what = "seed=" + std::to_string(seed) + " schema=" + t.schema().to_string();
    expect_unique_matches(t, all_columns(t), true, what + " (all)");
    if (k >= 2) expect_unique_matches(t, {k - 1, 0}, false, what + " (last,first)");
  }
}

TEST(Unique, ManyPartitionsMatchReference) {
  // Enough rows for the engine to use several hash partitions; fast path and row-hash path.
  std::mt19937_64 rng(7);
  const Table t = random_table(rng, {DataType(TypeId::Int64), DataType(TypeId::Utf8)}, 45'000, 20'000, 2);
  expect_unique_matches(t, {0}, false, "int64 key");
  expect_unique_matches(t, {1}, false, "utf8 key");
  expect_unique_matches(t, {0, 1}, false, "two keys");
}

TEST(Unique, FloatSemanticsAndNullGroup) {
  PrimitiveBuilder<double> b(DataType(TypeId::Float64));
  for (double v : {0.0, -0.0, std::nan(""), 1.0, -std::nan(""), 1.0}) b.append(v);
  b.append_null();
  b.append_null();
  const Array col = b.finish();
  for (int threads : kThreads) {
    const Array d = compute::distinct_values(col, threads);
    ASSERT_EQ(d.length(), 4);  // 0, NaN, 1, null
    EXPECT_FALSE(std::signbit(d.values<double>()[0]));
    EXPECT_TRUE(std::isnan(d.values<double>()[1]));
    EXPECT_EQ(d.values<double>()[2], 1.0);
    EXPECT_TRUE(d.is_null(3));
  }
  const Table t(Schema({{"f", DataType(TypeId::Float64)}}), {col});
  EXPECT_EQ(compute::unique_indices(t, {}, Keep::Last, 2), (std::vector<int64_t>{1, 4, 5, 7}));
  EXPECT_EQ(compute::unique_indices(t, {}, Keep::None, 2), std::vector<int64_t>{});
}

TEST(Unique, NullImageCollisionStaysDistinct) {
  // INT64_MIN+1 has the same 64-bit image as a null in the fast path; they must not merge.
  PrimitiveBuilder<int64_t> b(DataType(TypeId::Int64));
  b.append(INT64_MIN + 1);
  b.append_null();
  b.append(INT64_MIN + 1);
  b.append_null();
  b.append(5);
  const Array col = b.finish();
  const Table t(Schema({{"k", DataType(TypeId::Int64)}}), {col});
  EXPECT_EQ(compute::unique_indices(t, {"k"}, Keep::First, 1), (std::vector<int64_t>{0, 1, 4}));
  EXPECT_EQ(compute::unique_indices(t, {"k"}, Keep::Last, 3), (std::vector<int64_t>{2, 3, 4}));
  EXPECT_EQ(compute::unique_indices(t, {"k"}, Keep::None, 2), (std::vector<int64_t>{4}));
}

TEST(Unique, DistinctValuesMatchesReferenceForEveryType) {
  for (uint64_t seed = 0; seed < 6; ++seed) {
    for (const DataType& type : all_types()) {
      std::mt19937_64 rng(seed * 977 + static_cast<uint64_t>(type.id));
      const int64_t n = seed == 0 ? 0 : static_cast<int64_t>(rng() % 500);
      const Table t = random_table(rng, {type}, n, 1 + static_cast<int>(rng() % 60), 10);
      const Array expected = take_idx(t, ref_unique(t, {0}, 0)).column(0);
      for (int threads : kThreads) ASSERT_TRUE(compute::distinct_values(t.column(0), threads).equals(expected)) << type.to_string();
    }
  }
}

TEST(Unique, SlicedInputsUseTheirOffset) {
  std::mt19937_64 rng(3);
  const Table whole = random_table(rng, {DataType(TypeId::Int32), DataType(TypeId::Utf8), DataType(TypeId::Bool)}, 300, 8, 15);
  const Table t = whole.slice(37, 200);
  expect_unique_matches(t, {0}, false, "sliced int32");
  expect_unique_matches(t, {1, 2}, false, "sliced utf8,bool");
}

TEST(Unique, PropertiesNoDuplicateKeysAndEveryKeyAppears) {
  for (uint64_t seed = 0; seed < 10; ++seed) {
    std::mt19937_64 rng(500 + seed);
    const Table t = random_table(rng, {DataType(TypeId::Utf8), DataType(TypeId::Int16), DataType(TypeId::Float32)}, 250, 5, 20);
    const std::vector<int> key{0, 2};
    const Table u = compute::unique(t, {"c0", "c2"}, Keep::First, 2);
    std::set<RowKey> out_keys, in_keys;
    for (int64_t i = 0; i < u.num_rows(); ++i) ASSERT_TRUE(out_keys.insert(row_key(u, key, i)).second) << "duplicate key";
    for (int64_t i = 0; i < t.num_rows(); ++i) in_keys.insert(row_key(t, key, i));
    EXPECT_EQ(out_keys, in_keys);
    // keep=none keeps exactly the keys that occur once.
    const Table none = compute::unique(t, {"c0", "c2"}, Keep::None, 3);
    std::map<RowKey, int> counts;
    for (int64_t i = 0; i < t.num_rows(); ++i) ++counts[row_key(t, key, i)];
    int64_t singles = 0;
    for (const auto& [k, c] : counts) singles += c == 1;
    EXPECT_EQ(none.num_rows(), singles);
  }
}

TEST(Unique, ZeroColumnAndEmptyTables) {
  const Table none(Schema(std::vector<Field>{}), {}, 5);
  EXPECT_EQ(compute::unique(none, {}, Keep::First, 2).num_rows(), 1);
  EXPECT_EQ(compute::unique(none, {}, Keep::None, 2).num_rows(), 0);
  EXPECT_EQ(compute::unique(Table(Schema(std::vector<Field>{}), {}, 1), {}, Keep::None, 2).num_rows(), 1);
  std::mt19937_64 rng(1);
  const Table empty = random_table(rng, {DataType(TypeId::Int64), DataType(TypeId::Utf8)}, 0, 3, 0);
  const Table u = compute::unique(empty, {"c1"}, Keep::Last, 3);
  EXPECT_EQ(u.num_rows(), 0);
  EXPECT_EQ(u.schema(), empty.schema());
}

TEST(Unique, UnknownColumnIsNotFoundNamingIt) {
  std::mt19937_64 rng(1);
  const Table t = random_table(rng, {DataType(TypeId::Int64)}, 10, 3, 0);
  try {
    compute::unique(t, {"c0", "nope"}, Keep::First, 1);
    FAIL() << "expected NotFound";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::NotFound);
    EXPECT_NE(std::string(e.what()).find("nope"), std::string::npos) << e.what();
  }
  EXPECT_THROW(compute::unique(t, {}, static_cast<Keep>(9), 1), Error);
}
