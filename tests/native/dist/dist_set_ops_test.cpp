// Distributed set operations: the union over ranks of the outputs equals the local set operation
// of the concatenations as a multiset (sorted on every column).
#include "compute/set_ops.h"
#include "compute/sort.h"
#include "dist/dist_set_ops.h"
#include "dist/dist_test.h"
#include "dist/table_exchange.h"
#include "dist_ops_test_util.h"

using namespace deeprc;
using deeprc::disttest::Layout;

namespace {

Table sorted_all(const Table& t) {
  std::vector<compute::SortKey> keys;
  for (int c = 0; c < t.num_columns(); ++c) keys.push_back({t.schema().field(c).name, false, false});
  return compute::sort(t, keys, 1);
}

}  // namespace

DIST_TEST(DistSetOps, EveryOpEqualsLocalOpOfConcatenation) {
  // Columns k, g only: many duplicate rows within and across ranks.
  const Table a = disttest::partition(comm.rank(), comm.size(), Layout::Uneven).select({0, 1});
  const Table b = disttest::partition(comm.rank(), comm.size(), Layout::AllOnLast).select({0, 1});
  const Table all_a = disttest::everything(comm.size(), Layout::Uneven).select({0, 1});
  const Table all_b = disttest::everything(comm.size(), Layout::AllOnLast).select({0, 1});
  for (int op = 0; op <= 3; ++op) {
    const auto o = static_cast<compute::SetOp>(op);
    const Table got = dist::allgather_table(comm, dist::set_op(comm, a, b, o, 1));
    const Table want = compute::set_op(all_a, all_b, o, 1);
    EXPECT_TRUE(sorted_all(got).equals(sorted_all(want))) << "op " << op << " on " << comm.size();
  }
}
