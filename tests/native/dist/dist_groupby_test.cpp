// Distributed groupby: every strategy (auto, combine -> shuffle -> merge, raw-row shuffle) equal the
// local groupby of the concatenation for every aggregate, key kind and layout — exactly for
// counts, min/max/first/last and integer sums, within rounding for float sums, means, variances.
#include <cmath>
#include <set>

#include "compute/groupby.h"
#include "compute/sort.h"
#include "core/error.h"
#include "dist/dist_groupby.h"
#include "dist/dist_test.h"
#include "dist/table_exchange.h"
#include "dist_ops_test_util.h"

using namespace deeprc;
using compute::AggFunc;
using compute::AggSpec;
using deeprc::disttest::Layout;

namespace {

AggSpec agg(const std::string& column, AggFunc f, const std::string& alias = "") {
  AggSpec s;
  s.column = column;
  s.func = f;
  s.alias = alias;
  if (f == AggFunc::Quantile) s.q = 0.9;
  return s;
}

std::vector<AggSpec> decomposable_aggs() {
  return {agg("v", AggFunc::Sum),      agg("v", AggFunc::Count),  agg("", AggFunc::CountAll),
          agg("v", AggFunc::Mean),     agg("v", AggFunc::Min),    agg("v", AggFunc::Max),
          agg("v", AggFunc::Var),      agg("v", AggFunc::Std),    agg("v", AggFunc::VarPop),
          agg("v", AggFunc::StdPop),   agg("v", AggFunc::First),  agg("v", AggFunc::Last),
          agg("w", AggFunc::Sum),      agg("w", AggFunc::Mean),   agg("w", AggFunc::Var),
          agg("w", AggFunc::Std),      agg("k", AggFunc::Min),    agg("k", AggFunc::Max),
          agg("k", AggFunc::First),    agg("k", AggFunc::Last),   agg("id", AggFunc::First, "first_id"),
          agg("id", AggFunc::Last, "last_id"), agg("g", AggFunc::Mean, "g_mean"), agg("g", AggFunc::Count, "g_n")};
}

bool close(double a, double b) {
  if (std::isnan(a) || std::isnan(b)) return std::isnan(a) && std::isnan(b);
  if (std::isinf(a) || std::isinf(b)) return a == b;
  return std::fabs(a - b) <= 1e-9 * std::max({1.0, std::fabs(a), std::fabs(b)});
}

// Same schema; same rows after sorting both by the keys; float64 columns within rounding.
void expect_same_groups(const Table& got, const Table& want, const std::vector<std::string>& keys,
                        const std::string& what) {
  ASSERT_TRUE(got.schema() == want.schema()) << what;
  ASSERT_EQ(got.num_rows(), want.num_rows()) << what;
  std::vector<compute::SortKey> order;
  for (const auto& k : keys) order.push_back({k, false, false});
  const Table g = compute::sort(got, order, 1);
  const Table w = compute::sort(want, order, 1);
  for (int c = 0; c < w.num_columns(); ++c) {
    const Array& a = g.column(c);
    const Array& b = w.column(c);
    const std::string name = w.schema().field(c).name;
    if (b.type_id() != TypeId::Float64) {
      EXPECT_TRUE(a.equals(b)) << what << ": column " << name;
      continue;
    }
    for (int64_t i = 0; i < b.length(); ++i) {
      ASSERT_EQ(a.is_null(i), b.is_null(i)) << what << ": column " << name << " row " << i;
      if (b.is_null(i)) continue;
      EXPECT_TRUE(close(a.values<double>()[i], b.values<double>()[i]))
          << what << ": column " << name << " row " << i << ": " << a.values<double>()[i] << " vs "
          << b.values<double>()[i];
    }
  }
}

void check_groupby(comm::Communicator& comm, Layout layout, const std::vector<AggSpec>& aggs) {
  const Table mine = disttest::partition(comm.rank(), comm.size(), layout);
  const Table all = disttest::everything(comm.size(), layout);
  const std::vector<std::vector<std::string>> key_sets = {{"k"}, {"g"}, {"k", "g"}, {"w"}};
  for (const auto strategy : {dist::GroupByStrategy::Auto, dist::GroupByStrategy::Combine, dist::GroupByStrategy::ShuffleRows}) {
    for (const auto& keys : key_sets) {
      const Table local = dist::groupby(comm, mine, keys, aggs, 1, strategy);
      const Table got = dist::allgather_table(comm, local);
      const Table want = compute::groupby(all, keys, aggs, 1);
      const std::string what = "keys " + std::to_string(keys.size()) + " " + keys[0] +
                               " strategy " + std::to_string(static_cast<int>(strategy)) + " on " +
                               std::to_string(comm.size()) + " ranks";
      expect_same_groups(got, want, keys, what);
      // Each group on exactly one rank: the gathered keys are distinct.
      EXPECT_EQ(compute::groupby(got, keys, {}, 1).num_rows(), got.num_rows()) << what;
    }
  }
}

}  // namespace

DIST_TEST(DistGroupBy, DecomposableAggregatesEqualLocalGroupBy) {
  check_groupby(comm, Layout::Uneven, decomposable_aggs());
}

DIST_TEST(DistGroupBy, DecomposableAggregatesWithOneRankHoldingEveryRow) {
  check_groupby(comm, Layout::AllOnLast, decomposable_aggs());
}

DIST_TEST(DistGroupBy, HolisticAggregatesShuffleRawRows) {
  check_groupby(comm, Layout::Uneven,
                {agg("v", AggFunc::NUnique), agg("v", AggFunc::Median), agg("v", AggFunc::Quantile),
                 agg("k", AggFunc::NUnique), agg("v", AggFunc::Sum), agg("w", AggFunc::Var)});
}

// Large values with a small spread: the merged variance keeps its digits (Chan's formula over
// shifted Welford partials, not sum-of-squares).
DIST_TEST(DistGroupBy, VarianceOfLargeOffsetValuesKeepsItsDigits) {
  PrimitiveBuilder<int32_t> key(DataType(TypeId::Int32));
  PrimitiveBuilder<double> val(DataType(TypeId::Float64));
  const int n = 1000;
  for (int i = 0; i < n; ++i) {
    key.append(i % 3);
    val.append(1e9 + static_cast<double>((i * 7 + comm.rank() * 13) % 10));
  }
  Table t(Schema({{"key", DataType(TypeId::Int32), false}, {"val", DataType(TypeId::Float64), false}}),
          {key.finish(), val.finish()}, n);
  const Table got = dist::allgather_table(comm, dist::groupby(comm, t, {"key"}, {agg("val", AggFunc::Var)}, 1));
  const Table all = dist::allgather_table(comm, t);
  const Table want = compute::groupby(all, {"key"}, {agg("val", AggFunc::Var)}, 1);
  expect_same_groups(got, want, {"key"}, "large offset");
  for (int64_t i = 0; i < want.num_rows(); ++i) EXPECT_GT(want.column(1).values<double>()[i], 1.0);
}

DIST_TEST(DistGroupBy, ErrorsAreTheLocalErrorsOnEveryRank) {
  const Table mine = disttest::partition(comm.rank(), comm.size(), Layout::Uneven);
  for (const auto strategy : {dist::GroupByStrategy::Auto, dist::GroupByStrategy::Combine, dist::GroupByStrategy::ShuffleRows}) {
    try {
      dist::groupby(comm, mine, {"nope"}, {agg("v", AggFunc::Sum)}, 1, strategy);
      ADD_FAILURE() << "expected NotFound";
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), ErrorCode::NotFound);
      EXPECT_NE(std::string(e.what()).find("nope"), std::string::npos) << e.what();
    }
    try {
      dist::groupby(comm, mine, {}, {agg("v", AggFunc::Sum)}, 1, strategy);
      ADD_FAILURE() << "expected Invalid for no keys";
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), ErrorCode::Invalid);
    }
    try {
      dist::groupby(comm, mine, {"g"}, {agg("k", AggFunc::Sum)}, 1, strategy);
      ADD_FAILURE() << "expected Invalid";
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), ErrorCode::Invalid);
      EXPECT_NE(std::string(e.what()).find("'k'"), std::string::npos) << e.what();
    }
  }
}
