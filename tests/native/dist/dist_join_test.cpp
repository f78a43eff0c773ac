// Distributed join: the union over ranks of the outputs equals the local join of the concatenated
// inputs as a multiset (both sorted on every column), for every join type, string and multi-key
// keys, a hot key, null keys, an empty rank and one rank holding every row; schema mismatch is an
// error on every rank.
#include "compute/join.h"
#include "compute/sort.h"
#include "core/error.h"
#include "dist/dist_join.h"
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

void check_join(comm::Communicator& comm, Layout layout) {
  const Table l = disttest::partition(comm.rank(), comm.size(), layout).select({0, 1, 3, 4});
  // Right side: the other layout's rows, so the sides differ.
  const Layout other = layout == Layout::Uneven ? Layout::AllOnLast : Layout::Uneven;
  const Table r = disttest::partition(comm.rank(), comm.size(), other).select({0, 1, 2});
  const Table all_l = disttest::everything(comm.size(), layout).select({0, 1, 3, 4});
  const Table all_r = disttest::everything(comm.size(), other).select({0, 1, 2});
  const std::vector<std::vector<std::string>> key_sets = {{"k"}, {"k", "g"}, {"g"}};
  for (const auto& keys : key_sets) {
    for (int t = 0; t <= 5; ++t) {
      compute::JoinOptions o;
      o.type = static_cast<compute::JoinType>(t);
      o.left_on = keys;
      o.num_threads = 1;
      const Table got = dist::allgather_table(comm, dist::join(comm, l, r, o));
      const Table want = compute::join(all_l, all_r, o);
      EXPECT_TRUE(sorted_all(got).equals(sorted_all(want)))
          << compute::join_type_name(o.type) << " on " << keys.size() << " keys, " << comm.size() << " ranks";
    }
  }
}

}  // namespace

DIST_TEST(DistJoin, EveryTypeEqualsLocalJoinOfConcatenation) { check_join(comm, Layout::Uneven); }

DIST_TEST(DistJoin, OneRankHoldingEveryRow) { check_join(comm, Layout::AllOnLast); }

DIST_TEST(DistJoin, CastKeysMeetOnOneRank) {
  // Left key int32 g, right key int64 w with the same values: with allow_cast they must match.
  const Table p = disttest::partition(comm.rank(), comm.size());
  const Table all = disttest::everything(comm.size());
  compute::JoinOptions o;
  o.left_on = {"g"};
  o.right_on = {"w"};
  o.allow_cast = true;
  o.num_threads = 1;
  const Table l = p.select({1, 4});
  const Table r = p.select({3, 0});
  const Table got = dist::allgather_table(comm, dist::join(comm, l, r, o));
  const Table want = compute::join(all.select({1, 4}), all.select({3, 0}), o);
  EXPECT_GT(want.num_rows(), 0);
  EXPECT_TRUE(sorted_all(got).equals(sorted_all(want)));
}

DIST_TEST(DistJoin, SchemaMismatchIsInvalidOnEveryRank) {
  const Table p = disttest::partition(comm.rank(), comm.size());
  const Table l = comm.rank() == comm.size() - 1 && comm.size() > 1 ? p.select({0, 2}) : p.select({0, 1});
  compute::JoinOptions o;
  o.left_on = {"k"};
  if (comm.size() == 1) return;
  try {
    dist::join(comm, l, p, o);
    ADD_FAILURE() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::Invalid);
  }
  comm.barrier();
}
