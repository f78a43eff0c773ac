// Distributed scalar aggregates: every function on every rank equals compute::aggregate of the
// concatenated column (floats within 1e-9 relative), for int, float (NaN, -0.0, inf, nulls) and
// string columns, with an empty rank, one rank holding everything and all-null input.
#include <cmath>

#include "compute/aggregate.h"
#include "core/error.h"
#include "dist/dist_aggregate.h"
#include "dist/dist_test.h"
#include "dist_ops_test_util.h"

using namespace deeprc;
using compute::AggFunc;
using deeprc::disttest::Layout;

namespace {

std::string show(const Array& a) {
  return Table(Schema({Field{"x", a.type(), true}}), {a}, a.length()).to_string();
}

bool close_enough(const Array& got, const Array& want) {
  if (got.type() != want.type() || got.length() != 1 || want.length() != 1) return false;
  if (got.is_null(0) || want.is_null(0)) return got.is_null(0) == want.is_null(0);
  if (got.type_id() != TypeId::Float64) return got.equals(want);
  const double a = got.values<double>()[0], b = want.values<double>()[0];
  if (std::isnan(a) || std::isnan(b)) return std::isnan(a) && std::isnan(b);
  if (std::isinf(a) || std::isinf(b)) return a == b;
  return std::fabs(a - b) <= 1e-9 * std::max(1.0, std::fabs(b));
}

bool defined_on(AggFunc f, TypeId t) {
  const bool numeric = t != TypeId::Utf8;
  switch (f) {
    case AggFunc::Count:
    case AggFunc::CountAll:
    case AggFunc::NUnique:
    case AggFunc::Min:
    case AggFunc::Max:
    case AggFunc::First:
    case AggFunc::Last: return true;
    default: return numeric;
  }
}

void check_all(comm::Communicator& comm, const Table& mine, const Table& all) {
  for (const char* col : {"k", "g", "v", "w"}) {
    const Array& whole = all.column(col);
    for (int32_t f = 0; f < compute::kNumAggFuncs; ++f) {
      const auto func = static_cast<AggFunc>(f);
      if (!defined_on(func, whole.type_id())) continue;
      for (double q : {0.0, 0.1, 0.5, 0.9, 1.0}) {
        if (func != AggFunc::Quantile && q != 0.5) continue;
        const Array got = dist::aggregate(comm, mine, col, func, q, 2);
        const Array want = compute::aggregate(whole, func, q, col);
        EXPECT_TRUE(close_enough(got, want))
            << compute::agg_func_name(func) << "(" << col << ", q=" << q << ") on " << comm.size() << " ranks: got "
            << show(got) << " want " << show(want);
      }
    }
  }
  EXPECT_EQ(dist::aggregate(comm, mine, "", AggFunc::CountAll, 0.5, 1).values<int64_t>()[0], all.num_rows());
}

}  // namespace

DIST_TEST(DistAggregate, EveryFunctionEqualsTheLocalAggregate) {
  check_all(comm, disttest::partition(comm.rank(), comm.size()), disttest::everything(comm.size()));
}

DIST_TEST(DistAggregate, OneRankHoldingEveryRow) {
  check_all(comm, disttest::partition(comm.rank(), comm.size(), Layout::AllOnLast),
            disttest::everything(comm.size(), Layout::AllOnLast));
}

DIST_TEST(DistAggregate, EmptyAndAllNullInputs) {
  const Table mine = disttest::partition(comm.rank(), comm.size()).slice(0, 0);
  for (int32_t f = 0; f < compute::kNumAggFuncs; ++f) {
    const auto func = static_cast<AggFunc>(f);
    const Array got = dist::aggregate(comm, mine, "v", func, 0.5, 1);
    const Array want = compute::aggregate(mine.column("v"), func, 0.5, "v");
    EXPECT_TRUE(close_enough(got, want)) << compute::agg_func_name(func);
  }
}

DIST_TEST(DistAggregate, ErrorsOnEveryRank) {
  const Table mine = disttest::partition(comm.rank(), comm.size());
  EXPECT_THROW(dist::aggregate(comm, mine, "k", AggFunc::Sum, 0.5, 1), Error);
  EXPECT_THROW(dist::aggregate(comm, mine, "v", AggFunc::Quantile, 1.5, 1), Error);
  try {
    dist::aggregate(comm, mine, "missing", AggFunc::Max, 0.5, 1);
    ADD_FAILURE();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::NotFound);
  }
  comm.barrier();
}

DIST_TEST(DistAggregate, OverflowOnOneRankIsAnErrorOnEveryRank) {
  // Only rank 0's partial sum overflows; the others must not wait for it forever.
  PrimitiveBuilder<int64_t> b(DataType(TypeId::Int64));
  if (comm.rank() == 0) {
    b.append(INT64_MAX);
    b.append(5);
  } else {
    b.append(-1);
  }
  const Table mine(Schema({Field{"x", DataType(TypeId::Int64), true}}), {b.finish()}, comm.rank() == 0 ? 2 : 1);
  try {
    dist::aggregate(comm, mine, "x", AggFunc::Sum, 0.5, 1);
    ADD_FAILURE() << "expected an overflow error";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::Invalid);
    EXPECT_NE(std::string(e.what()).find("rank 0"), std::string::npos) << e.what();
  }
  // And a sum that fits is exact.
  const Table small(Schema({Field{"x", DataType(TypeId::Int64), true}}),
                    {compute::aggregate(mine.column(0), AggFunc::Count, 0.5, "x")}, 1);
  EXPECT_EQ(dist::aggregate(comm, small, "x", AggFunc::Sum, 0.5, 1).values<int64_t>()[0],
            comm.size() == 1 ? 2 : 2 + (comm.size() - 1));
}
