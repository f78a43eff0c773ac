// Set operations against a std::set reference, properties, schema errors, and the C ABI of
// unique and set operations.
#include <gtest/gtest.h>

#include "compute/set_ops.h"
#include "compute/unique.h"
#include "core/error.h"
#include "deeprc/deeprc.h"
#include "unique_test_util.h"

using namespace deeprc;
using namespace unique_test;
using compute::SetOp;

namespace {

const int kThreads[] = {1, 2, 3, 7};

Table expected_set_op(const Table& a, const Table& b, int op) {
  const auto [ra, rb] = ref_set_op(a, b, op);
  const Table b_as_a(a.schema(), b.columns(), b.num_rows());
  return concat({take_idx(a, ra), take_idx(b_as_a, rb)});
}

void expect_set_ops_match(const Table& a, const Table& b, const std::string& what) {
  for (int op = 0; op < 4; ++op) {
    const Table expected = expected_set_op(a, b, op);
    for (int threads : kThreads) {
      const Table got = compute::set_op(a, b, static_cast<SetOp>(op), threads);
      ASSERT_TRUE(got.equals(expected)) << what << " op=" << op << " threads=" << threads << "\ngot\n"
                                        << got.to_string() << "expected\n" << expected.to_string();
    }
  }
}

std::string message_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.what();
  }
  return "(no error)";
}

}  // namespace

TEST(SetOps, RandomTablesOfEveryTypeMatchReference) {
  const auto& types = all_types();
  for (uint64_t seed = 0; seed < 45; ++seed) {
    std::mt19937_64 rng(9000 + seed);
    std::vector<DataType> cols;
    // One column (the fixed-width fast path) for a third of the seeds, 1-3 otherwise.
    const int k = seed % 3 == 0 ? 1 : 1 + static_cast<int>(rng() % 3);
    for (int c = 0; c < k; ++c) cols.push_back(types[(seed + static_cast<uint64_t>(c) * 5) % types.size()]);
    const int domain = 1 + static_cast<int>(rng() % 8);
    const int64_t na = seed < 3 ? static_cast<int64_t>(seed) : static_cast<int64_t>(rng() % 200);
    const int64_t nb = seed == 4 ? 0 : seed == 5 ? 1 : static_cast<int64_t>(rng() % 200);
    const Table a = random_table(rng, cols, na, domain, static_cast<int>(rng() % 25));
    const Table b = random_table(rng, cols, nb, domain, static_cast<int>(rng() % 25));
    expect_set_ops_match(a, b, "seed=" + std::to_string(seed) + " schema=" + a.schema().to_string());
  }
}

TEST(SetOps, ManyPartitionsMatchReference) {
  std::mt19937_64 rng(11);
  const Table a = random_table(rng, {DataType(TypeId::Int64)}, 20'000, 30'000, 1);
  const Table b = random_table(rng, {DataType(TypeId::Int64)}, 20'000, 30'000, 1);
  expect_set_ops_match(a, b, "int64 fast path");
  const Table a2 = random_table(rng, {DataType(TypeId::Utf8), DataType(TypeId::Int8)}, 20'000, 20'000, 1);
  const Table b2 = random_table(rng, {DataType(TypeId::Utf8), DataType(TypeId::Int8)}, 20'000, 20'000, 1);
  expect_set_ops_match(a2, b2, "utf8,int8");
}

TEST(SetOps, Properties) {
  for (uint64_t seed = 0; seed < 10; ++seed) {
    std::mt19937_64 rng(77 + seed);
    const std::vector<DataType> cols{DataType(TypeId::Int32), DataType(TypeId::LargeUtf8)};
    const Table a = compute::unique(random_table(rng, cols, 150, 6, 10), {}, compute::Keep::First, 1);
    const Table b = compute::unique(random_table(rng, cols, 150, 6, 10), {}, compute::Keep::First, 1);
    const Table u = compute::set_op(a, b, SetOp::Union, 2);
    const Table d = compute::set_op(b, a, SetOp::Difference, 2);
    const Table i = compute::set_op(a, b, SetOp::Intersect, 2);
    EXPECT_EQ(u.num_rows(), a.num_rows() + d.num_rows());  // |A ∪ B| = |A| + |B \ A|
    EXPECT_EQ(u.num_rows() + i.num_rows(), a.num_rows() + b.num_rows());
    std::set<RowKey> in_a;
    for (int64_t r = 0; r < a.num_rows(); ++r) in_a.insert(row_key(a, {0, 1}, r));
    for (int64_t r = 0; r < i.num_rows(); ++r) EXPECT_TRUE(in_a.count(row_key(i, {0, 1}, r)));  // A ∩ B ⊆ A
    EXPECT_TRUE(compute::set_op(a, a, SetOp::Intersect, 3).equals(a));
    EXPECT_EQ(compute::set_op(a, a, SetOp::Difference, 3).num_rows(), 0);
  }
}

TEST(SetOps, ZeroColumnTables) {
  const Table a(Schema(std::vector<Field>{}), {}, 3), b(Schema(std::vector<Field>{}), {}, 2), e(Schema(std::vector<Field>{}), {}, 0);
  EXPECT_EQ(compute::set_op(a, b, SetOp::Union, 2).num_rows(), 1);
  EXPECT_EQ(compute::set_op(a, b, SetOp::UnionAll, 2).num_rows(), 5);
  EXPECT_EQ(compute::set_op(a, b, SetOp::Intersect, 2).num_rows(), 1);
  EXPECT_EQ(compute::set_op(a, b, SetOp::Difference, 2).num_rows(), 0);
  EXPECT_EQ(compute::set_op(a, e, SetOp::Difference, 2).num_rows(), 1);
  EXPECT_EQ(compute::set_op(e, b, SetOp::Union, 2).num_rows(), 1);
}

TEST(SetOps, SchemaMismatchNamesTheColumn) {
  auto table = [](std::vector<Field> f) {
    std::mt19937_64 rng(1);
    std::vector<DataType> types;
    for (const auto& x : f) types.push_back(x.type);
    const Table t = random_table(rng, types, 4, 3, 0);
    return Table(Schema(f), t.columns(), 4);
  };
  const Table a = table({{"id", DataType(TypeId::Int64)}, {"name", DataType(TypeId::Utf8)}});
  const Table b_type = table({{"id", DataType(TypeId::Int64)}, {"name", DataType(TypeId::LargeUtf8)}});
  const Table b_name = table({{"id", DataType(TypeId::Int64)}, {"label", DataType(TypeId::Utf8)}});
  const Table b_count = table({{"id", DataType(TypeId::Int64)}});
  for (int op = 0; op < 4; ++op) {
    const std::string m1 = message_of([&] { compute::set_op(a, b_type, static_cast<SetOp>(op), 1); });
    EXPECT_NE(m1.find("'name' (utf8)"), std::string::npos) << m1;
    EXPECT_NE(m1.find("large_utf8"), std::string::npos) << m1;
    const std::string m2 = message_of([&] { compute::set_op(a, b_name, static_cast<SetOp>(op), 1); });
    EXPECT_NE(m2.find("'label'"), std::string::npos) << m2;
    const std::string m3 = message_of([&] { compute::set_op(a, b_count, static_cast<SetOp>(op), 1); });
    EXPECT_NE(m3.find("column counts"), std::string::npos) << m3;
  }
}

namespace {
struct StatusGuard {
  drc_status* s;
  ~StatusGuard() { drc_status_free(s); }
  int32_t code() const { return s ? drc_status_code(s) : DRC_STATUS_OK; }
  std::string message() const { return s ? drc_status_message(s) : ""; }
};

drc_table* workload(const char* name, int64_t rows) {
  drc_table* t = nullptr;
  StatusGuard st{drc_gen_workload(name, rows, 0, -1, 42, &t)};
  EXPECT_EQ(st.code(), DRC_STATUS_OK) << st.message();
  return t;
}
}  // namespace

TEST(UniqueCApi, StatusesAndResults) {
  drc_table* w5 = workload("W5", 1000);
  drc_table* out = nullptr;
  const char* key[] = {"key"};
  {
    StatusGuard st{drc_table_unique(w5, key, 1, DRC_KEEP_FIRST, 2, &out)};
    ASSERT_EQ(st.code(), DRC_STATUS_OK) << st.message();
    EXPECT_GT(drc_table_num_rows(out), 0);
    EXPECT_LT(drc_table_num_rows(out), 1000);
    EXPECT_EQ(drc_table_num_columns(out), 2);
    drc_table_free(out);
  }
  {
    const char* bad[] = {"nokey"};
    StatusGuard st{drc_table_unique(w5, bad, 1, DRC_KEEP_FIRST, 0, &out)};
    EXPECT_EQ(st.code(), DRC_STATUS_NOT_FOUND);
    EXPECT_NE(st.message().find("nokey"), std::string::npos);
  }
  EXPECT_EQ(StatusGuard{drc_table_unique(w5, key, 1, 7, 0, &out)}.code(), DRC_STATUS_INVALID);
  EXPECT_EQ(StatusGuard{drc_table_unique(nullptr, key, 1, 0, 0, &out)}.code(), DRC_STATUS_INVALID);
  EXPECT_EQ(StatusGuard{drc_table_unique(w5, nullptr, 1, 0, 0, &out)}.code(), DRC_STATUS_INVALID);
  EXPECT_EQ(StatusGuard{drc_table_unique(w5, key, -1, 0, 0, &out)}.code(), DRC_STATUS_INVALID);
  EXPECT_EQ(StatusGuard{drc_table_unique(w5, key, 1, 0, 0, nullptr)}.code(), DRC_STATUS_INVALID);
  {
    StatusGuard st{drc_table_unique(w5, nullptr, 0, DRC_KEEP_NONE, 1, &out)};  // all columns
    ASSERT_EQ(st.code(), DRC_STATUS_OK);
    EXPECT_EQ(drc_table_num_rows(out), 1000);  // (key, v) rows are all distinct
    drc_table_free(out);
  }

  drc_array* col = nullptr;
  ASSERT_EQ(StatusGuard{drc_table_column(w5, 0, &col)}.code(), DRC_STATUS_OK);
  drc_array* distinct = nullptr;
  {
    StatusGuard st{drc_array_unique(col, 0, &distinct)};
    ASSERT_EQ(st.code(), DRC_STATUS_OK);
    StatusGuard st2{drc_table_unique(w5, key, 1, DRC_KEEP_LAST, 1, &out)};
    drc_array_info info;
    ASSERT_EQ(StatusGuard{drc_array_info_get(distinct, &info)}.code(), DRC_STATUS_OK);
    EXPECT_EQ(info.length, drc_table_num_rows(out));
    drc_table_free(out);
    drc_array_free(distinct);
  }
  EXPECT_EQ(StatusGuard{drc_array_unique(nullptr, 0, &distinct)}.code(), DRC_STATUS_INVALID);
  EXPECT_EQ(StatusGuard{drc_array_unique(col, 0, nullptr)}.code(), DRC_STATUS_INVALID);
  drc_array_free(col);

  drc_table* w1 = workload("W1L", 500);
  {
    StatusGuard st{drc_table_set_op(w5, w1, DRC_SET_UNION_ALL, 0, &out)};
    ASSERT_EQ(st.code(), DRC_STATUS_OK) << st.message();
    EXPECT_EQ(drc_table_num_rows(out), 1500);
    drc_table_free(out);
  }
  {
    StatusGuard st{drc_table_set_op(w5, w5, DRC_SET_INTERSECT, 2, &out)};
    ASSERT_EQ(st.code(), DRC_STATUS_OK);
    EXPECT_EQ(drc_table_num_rows(out), 1000);
    drc_table_free(out);
  }
  EXPECT_EQ(StatusGuard{drc_table_set_op(w5, w1, 4, 0, &out)}.code(), DRC_STATUS_INVALID);
  EXPECT_EQ(StatusGuard{drc_table_set_op(w5, w1, -1, 0, &out)}.code(), DRC_STATUS_INVALID);
  EXPECT_EQ(StatusGuard{drc_table_set_op(nullptr, w1, 0, 0, &out)}.code(), DRC_STATUS_INVALID);
  EXPECT_EQ(StatusGuard{drc_table_set_op(w5, nullptr, 0, 0, &out)}.code(), DRC_STATUS_INVALID);
  drc_table* w4 = workload("W4", 10);
  {
    StatusGuard st{drc_table_set_op(w5, w4, DRC_SET_UNION, 0, &out)};
    EXPECT_EQ(st.code(), DRC_STATUS_INVALID);
    EXPECT_NE(st.message().find("column counts"), std::string::npos) << st.message();
  }
  drc_table_free(w4);
  drc_table_free(w1);
  drc_table_free(w5);
}
