// The row-exchange primitive: every column type (nulls, NaN, -0.0, empty and non-ASCII strings,
// bools), uneven and empty destinations, checked against the rows each rank must receive,
// recomputed locally from every source's deterministic input.
#include <random>
#include <vector>

#include "arrow/selection.h"
#include "core/error.h"
#include "dist/dist_test.h"
#include "dist/table_exchange.h"
#include "ipc_test_util.h"

using namespace deeprc;

namespace {

// Source rank s's partition: sizes vary, rank 1 is empty, rank 2 is the biggest.
Table source_table(int s) {
  const int64_t rows = s == 1 ? 0 : 37 + 211 * s;
  return ipctest::all_types_table(rows, 1000 + static_cast<uint64_t>(s));
}

std::vector<int32_t> source_destinations(int s, int64_t rows, int size) {
  std::mt19937_64 rng(77 + static_cast<uint64_t>(s));
  std::vector<int32_t> dest(static_cast<size_t>(rows));
  // Skewed: half the rows to the last rank, the rest uniform.
  for (auto& d : dest) d = (rng() % 2 == 0) ? size - 1 : static_cast<int32_t>(rng() % static_cast<uint64_t>(size));
  return dest;
}

Table rows_for(const Table& t, const std::vector<int32_t>& dest, int rank) {
  std::vector<int64_t> idx;
  for (size_t i = 0; i < dest.size(); ++i)
    if (dest[i] == rank) idx.push_back(static_cast<int64_t>(i));
  return take(t, idx.data(), static_cast<int64_t>(idx.size()));
}

}  // namespace

DIST_TEST(TableExchange, ByDestinationDeliversExactlyTheRowsInSourceOrder) {
  const Table mine = source_table(comm.rank());
  const Table got = dist::exchange_by_destination(
      comm, mine, source_destinations(comm.rank(), mine.num_rows(), comm.size()), 2);
  std::vector<Table> expected;
  for (int s = 0; s < comm.size(); ++s) {
    const Table src = source_table(s);
    expected.push_back(rows_for(src, source_destinations(s, src.num_rows(), comm.size()), comm.rank()));
  }
  const Table want = concat(expected);
  EXPECT_EQ(got.num_rows(), want.num_rows());
  EXPECT_TRUE(got.equals(want)) << "rank " << comm.rank();
}

DIST_TEST(TableExchange, AllgatherGatherAndBcast) {
  const Table mine = source_table(comm.rank());
  std::vector<Table> all;
  for (int s = 0; s < comm.size(); ++s) all.push_back(source_table(s));
  const Table everything = concat(all);
  EXPECT_TRUE(dist::allgather_table(comm, mine).equals(everything));
  for (int root = 0; root < comm.size(); ++root) {
    const Table g = dist::gather_table(comm, mine, root);
    if (comm.rank() == root) EXPECT_TRUE(g.equals(everything)) << "gather at " << root;
    else EXPECT_EQ(g.num_rows(), 0);
    EXPECT_EQ(g.schema(), mine.schema());
    // bcast: non-roots pass a table with a different schema, which is ignored.
    const Table other = comm.rank() == root ? mine : ipctest::all_types_table(3, 5).select({0, 1});
    EXPECT_TRUE(dist::bcast_table(comm, other, root).equals(source_table(root))) << "bcast from " << root;
  }
}

DIST_TEST(TableExchange, ShuffleSendsEqualKeysToOneRankAndConservesRows) {
  const Table mine = source_table(comm.rank());
  const Table got = dist::shuffle(comm, mine, {"s", "i32"}, 2);
  const auto counts = comm::allgather_i64(comm, got.num_rows());
  int64_t total = 0, expected = 0;
  for (auto c : counts) total += c;
  for (int s = 0; s < comm.size(); ++s) expected += source_table(s).num_rows();
  EXPECT_EQ(total, expected);
  // Every received row's key maps to this rank.
  for (int32_t d : dist::hash_destinations(got, {"s", "i32"}, comm.size(), 1)) EXPECT_EQ(d, comm.rank());
}

DIST_TEST(TableExchange, DifferentSchemasAreAnErrorOnEveryRank) {
  Table mine = source_table(0);
  if (comm.rank() == comm.size() - 1 && comm.size() > 1) mine = mine.select({1, 0});
  try {
    dist::exchange_by_destination(comm, mine, std::vector<int32_t>(static_cast<size_t>(mine.num_rows()), 0), 1);
    EXPECT_EQ(comm.size(), 1);
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::Invalid);
    EXPECT_NE(std::string(e.what()).find("rank " + std::to_string(comm.size() - 1)), std::string::npos) << e.what();
  }
}
