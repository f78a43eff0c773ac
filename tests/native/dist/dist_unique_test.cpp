// Distributed unique: keep first/last/none in global (rank, row) order equals the local unique of
// the concatenation (compared by the id column, which is unique per global row).
#include "compute/sort.h"
#include "compute/unique.h"
#include "dist/dist_test.h"
#include "dist/dist_unique.h"
#include "dist/table_exchange.h"
#include "dist_ops_test_util.h"

using namespace deeprc;
using deeprc::disttest::Layout;

namespace {

void check_unique(comm::Communicator& comm, Layout layout) {
  const Table mine = disttest::partition(comm.rank(), comm.size(), layout);
  const Table all = disttest::everything(comm.size(), layout);
  const std::vector<std::vector<std::string>> subsets = {{"k"}, {"k", "g"}, {"v"}};
  for (const auto& subset : subsets) {
    for (int k = 0; k <= 2; ++k) {
      const auto keep = static_cast<compute::Keep>(k);
      const Table got = dist::allgather_table(comm, dist::unique(comm, mine, subset, keep, 1));
      const Table want = compute::unique(all, subset, keep, 1);
      // Same rows (by id), regardless of their order over ranks.
      const Table gs = compute::sort(got, {{"id", false, false}}, 1);
      EXPECT_TRUE(gs.equals(want)) << "keep " << k << " subset " << subset.size() << " on " << comm.size();
    }
  }
}

}  // namespace

DIST_TEST(DistUnique, EqualsLocalUniqueOfConcatenation) { check_unique(comm, Layout::Uneven); }

DIST_TEST(DistUnique, OneRankHoldingEveryRow) { check_unique(comm, Layout::AllOnLast); }
