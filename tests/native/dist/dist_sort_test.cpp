// Distributed sample sort: the rank-ordered concatenation of the outputs equals the local stable
// sort of the concatenated inputs (string keys, a hot key with half the rows, nulls first/last,
// NaN and -0.0, multi-key, descending, an empty rank, one rank holding everything), and the hot
// key is split so that no rank gets much more than its fair share.
#include <algorithm>

#include "compute/sort.h"
#include "core/error.h"
#include "dist/dist_sort.h"
#include "dist/dist_test.h"
#include "dist/table_exchange.h"
#include "dist_ops_test_util.h"

using namespace deeprc;
using deeprc::disttest::Layout;

namespace {

const std::vector<std::vector<compute::SortKey>> kKeySets = {
    {{"k", false, false}},
    {{"k", true, true}, {"v", false, false}},
    {{"v", true, false}, {"g", false, true}},
    {{"g", false, false}, {"k", false, true}, {"w", true, false}},
};

void check_sort(comm::Communicator& comm, Layout layout) {
  const Table mine = disttest::partition(comm.rank(), comm.size(), layout);
  const Table all = disttest::everything(comm.size(), layout);
  for (size_t s = 0; s < kKeySets.size(); ++s) {
    const Table got = dist::sort(comm, mine, kKeySets[s], 2);
    const Table gathered = dist::allgather_table(comm, got);
    const Table want = compute::sort(all, kKeySets[s], 1);
    EXPECT_TRUE(gathered.equals(want)) << "key set " << s << " on " << comm.size() << " ranks";
    // Balance: every rank at most about twice its fair share, also with the hot key first.
    const int64_t fair = (all.num_rows() + comm.size() - 1) / comm.size();
    EXPECT_LE(got.num_rows(), 2 * fair + 8) << "key set " << s << " rank " << comm.rank();
  }
}

}  // namespace

DIST_TEST(DistSort, EqualsLocalStableSortOfTheConcatenation) { check_sort(comm, Layout::Uneven); }

DIST_TEST(DistSort, OneRankHoldingEveryRow) { check_sort(comm, Layout::AllOnLast); }

DIST_TEST(DistSort, HotKeyIsSplitAcrossRanks) {
  // Every row has the same key: only the (rank, row) tie-break can balance the output.
  const Table constant = disttest::partition(comm.rank(), comm.size()).select({3, 4});
  std::vector<Field> fields = {{"c", DataType(TypeId::Int32), true}};
  PrimitiveBuilder<int32_t> b(DataType(TypeId::Int32));
  for (int64_t i = 0; i < constant.num_rows(); ++i) b.append(7);
  std::vector<Array> cols = {b.finish(), constant.column(1)};
  fields.push_back({"id", DataType(TypeId::Int64), true});
  const Table in(Schema(fields), cols, constant.num_rows());
  const Table got = dist::sort(comm, in, {{"c", false, false}}, 1);
  const Table all = dist::allgather_table(comm, got);
  const int64_t total = all.num_rows();
  const int64_t fair = (total + comm.size() - 1) / comm.size();
  EXPECT_LE(got.num_rows(), fair + fair / 4 + 4) << "rank " << comm.rank();
  // Stable: ids in global input order.
  bool ordered = true;
  for (int64_t i = 1; i < total; ++i) ordered = ordered && all.column(1).values<int64_t>()[i - 1] < all.column(1).values<int64_t>()[i];
  EXPECT_TRUE(ordered);
}

DIST_TEST(DistSort, UnknownKeyIsNotFoundOnEveryRank) {
  const Table mine = disttest::partition(comm.rank(), comm.size());
  try {
    dist::sort(comm, mine, {{"nope", false, false}}, 1);
    ADD_FAILURE() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::NotFound);
    EXPECT_NE(std::string(e.what()).find("nope"), std::string::npos);
  }
  comm.barrier();
}
