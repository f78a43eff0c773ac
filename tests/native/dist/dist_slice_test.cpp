// Global row positions: num_rows, slice/head/tail with global offsets (checked against the same
// slice of the concatenation, each rank keeping its own rows) and rebalance (floor/ceil shares,
// global order kept), with an empty rank and one rank holding everything.
#include "core/error.h"
#include "dist/dist_slice.h"
#include "dist/dist_test.h"
#include "dist/table_exchange.h"
#include "dist_ops_test_util.h"

using namespace deeprc;
using deeprc::disttest::Layout;

namespace {

void check_layout(comm::Communicator& comm, Layout layout) {
  const Table mine = disttest::partition(comm.rank(), comm.size(), layout);
  const Table all = disttest::everything(comm.size(), layout);
  const int64_t total = all.num_rows();
  EXPECT_EQ(dist::num_rows(comm, mine), total);
  struct Case {
    int64_t offset, length;
  };
  const Case cases[] = {{0, -1}, {0, 0}, {5, 100}, {total / 3, total / 3}, {total - 7, 50}, {total, 3}, {total + 10, -1},
                        {1, total}};
  for (const auto& c : cases) {
    const Table got = dist::slice(comm, mine, c.offset, c.length);
    // Each rank keeps its own part: a zero-copy slice of its partition.
    EXPECT_LE(got.num_rows(), mine.num_rows());
    const Table gathered = dist::allgather_table(comm, got);
    const int64_t b = std::min(c.offset, total);
    const int64_t len = c.length < 0 ? total - b : std::min(c.length, total - b);
    EXPECT_TRUE(gathered.equals(all.slice(b, len))) << "slice " << c.offset << "," << c.length;
  }
  for (int64_t n : {int64_t{0}, int64_t{1}, int64_t{17}, total, total + 5}) {
    EXPECT_TRUE(dist::allgather_table(comm, dist::head(comm, mine, n)).equals(all.slice(0, std::min(n, total))));
    const int64_t t = std::min(n, total);
    EXPECT_TRUE(dist::allgather_table(comm, dist::tail(comm, mine, n)).equals(all.slice(total - t, t)));
  }
  const Table balanced = dist::rebalance(comm, mine);
  const int64_t share = total / comm.size() + (comm.rank() < total % comm.size() ? 1 : 0);
  EXPECT_EQ(balanced.num_rows(), share);
  EXPECT_TRUE(dist::allgather_table(comm, balanced).equals(all));
}

}  // namespace

DIST_TEST(DistSlice, UnevenPartitions) { check_layout(comm, Layout::Uneven); }

DIST_TEST(DistSlice, OneRankHoldingEveryRow) { check_layout(comm, Layout::AllOnLast); }

DIST_TEST(DistSlice, NegativeArgumentsAreInvalid) {
  const Table mine = disttest::partition(comm.rank(), comm.size());
  EXPECT_THROW(dist::slice(comm, mine, -1, 3), Error);
  EXPECT_THROW(dist::head(comm, mine, -2), Error);
  EXPECT_THROW(dist::tail(comm, mine, -2), Error);
  comm.barrier();
}
