// Every Communicator collective, on every backend that runs the DIST_TEST bodies (threads, MPI,
// Gloo): barrier, alltoallv with uneven / empty counts and scattered displacements, allgatherv,
// gatherv to every root, bcast from every root, allreduce sum/min/max for every numeric type,
// disjoint sub-groups running collectives at the same time, and messages large enough to be cut
// into many chunks when the MPI plugin runs with DEEPRC_MPI_MAX_MESSAGE_BYTES=1000 (ctest
// mpi_chunked_np3). Expected bytes are recomputed locally from each source's deterministic
// pattern; gaps between the received blocks must stay untouched.
#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <numeric>
#include <string>
#include <vector>

#include "comm/communicator.h"
#include "dist/dist_test.h"

using namespace deeprc;
using deeprc::comm::Communicator;
using deeprc::comm::ReduceOp;

namespace {

constexpr uint8_t kGap = 0xEE;  // bytes of the receive buffer no block may write

uint8_t pattern(int src, int dst, int64_t i) { return static_cast<uint8_t>(src * 31 + dst * 17 + i * 7 + (i >> 8)); }

// Bytes rank s sends to rank d in the uneven alltoallv: some pairs empty, rank 1 sends nothing.
int64_t pair_count(int s, int d, int64_t scale) {
  if (s == 1) return 0;
  return ((s * 7 + d * 3) % 5) * 13 * scale + (s + d) % 2;
}

// Blocks laid out in reverse rank order with a gap of `gap` bytes before each: displacements of
// `counts`, and the total buffer size.
int64_t reverse_layout(const std::vector<int64_t>& counts, std::vector<int64_t>& displs, int64_t gap) {
  displs.assign(counts.size(), 0);
  int64_t off = 0;
  for (size_t k = counts.size(); k-- > 0;) {
    off += gap;
    displs[k] = off;
    off += counts[k];
  }
  return off + gap;
}

// Checks `buf` holds, for every rank s, expect(s, i) at displs[s] + i, and kGap everywhere else.
template <typename Expect>
void expect_blocks(const std::vector<uint8_t>& buf, const std::vector<int64_t>& counts,
                   const std::vector<int64_t>& displs, Expect&& expect, const std::string& what) {
  std::vector<bool> covered(buf.size(), false);
  for (size_t s = 0; s < counts.size(); ++s) {
    int64_t bad = -1;
    for (int64_t i = 0; i < counts[s]; ++i) {
      covered[static_cast<size_t>(displs[s] + i)] = true;
      if (bad < 0 && buf[static_cast<size_t>(displs[s] + i)] != expect(static_cast<int>(s), i)) bad = i;
    }
    EXPECT_EQ(bad, -1) << what << ": block from rank " << s << " differs at byte " << bad;
  }
  int64_t touched = -1;
  for (size_t i = 0; i < buf.size() && touched < 0; ++i)
    if (!covered[i] && buf[i] != kGap) touched = static_cast<int64_t>(i);
  EXPECT_EQ(touched, -1) << what << ": a gap byte was overwritten";
}

void check_alltoallv(Communicator& comm, int64_t scale, const std::string& what) {
  const int me = comm.rank(), p = comm.size();
  std::vector<int64_t> scounts(static_cast<size_t>(p)), rcounts(static_cast<size_t>(p)), sdispls, rdispls;
  for (int d = 0; d < p; ++d) scounts[static_cast<size_t>(d)] = pair_count(me, d, scale);
  for (int s = 0; s < p; ++s) rcounts[static_cast<size_t>(s)] = pair_count(s, me, scale);
  std::vector<uint8_t> send(static_cast<size_t>(reverse_layout(scounts, sdispls, 3)), kGap);
  for (int d = 0; d < p; ++d)
    for (int64_t i = 0; i < scounts[static_cast<size_t>(d)]; ++i)
      send[static_cast<size_t>(sdispls[static_cast<size_t>(d)] + i)] = pattern(me, d, i);
  std::vector<uint8_t> recv(static_cast<size_t>(reverse_layout(rcounts, rdispls, 5)), kGap);
  comm.alltoallv(send.data(), scounts.data(), sdispls.data(), recv.data(), rcounts.data(), rdispls.data());
  expect_blocks(recv, rcounts, rdispls, [me](int s, int64_t i) { return pattern(s, me, i); },
                what + " on rank " + std::to_string(me));
}

// Rank s's contribution to allgatherv / gatherv: rank 1 contributes nothing.
int64_t gather_count(int s, int64_t scale) { return s == 1 ? 0 : (s * 11 % 7 + 3) * scale + s; }

std::vector<uint8_t> gather_block(int s, int64_t scale) {
  std::vector<uint8_t> b(static_cast<size_t>(gather_count(s, scale)));
  for (size_t i = 0; i < b.size(); ++i) b[i] = pattern(s, 99, static_cast<int64_t>(i));
  return b;
}

void check_allgatherv(Communicator& comm, int64_t scale, const std::string& what) {
  const int me = comm.rank(), p = comm.size();
  std::vector<int64_t> counts(static_cast<size_t>(p)), displs;
  for (int s = 0; s < p; ++s) counts[static_cast<size_t>(s)] = gather_count(s, scale);
  const auto mine = gather_block(me, scale);
  std::vector<uint8_t> recv(static_cast<size_t>(reverse_layout(counts, displs, 2)), kGap);
  comm.allgatherv(mine.data(), static_cast<int64_t>(mine.size()), recv.data(), counts.data(), displs.data());
  expect_blocks(recv, counts, displs, [](int s, int64_t i) { return pattern(s, 99, i); },
                what + " on rank " + std::to_string(me));
}

void check_gatherv_every_root(Communicator& comm, int64_t scale, const std::string& what) {
  const int me = comm.rank(), p = comm.size();
  std::vector<int64_t> counts(static_cast<size_t>(p)), displs;
  for (int s = 0; s < p; ++s) counts[static_cast<size_t>(s)] = gather_count(s, scale);
  const auto mine = gather_block(me, scale);
  for (int root = 0; root < p; ++root) {
    if (me == root) {
      std::vector<uint8_t> recv(static_cast<size_t>(reverse_layout(counts, displs, 4)), kGap);
      comm.gatherv(mine.data(), static_cast<int64_t>(mine.size()), recv.data(), counts.data(), displs.data(), root);
      expect_blocks(recv, counts, displs, [](int s, int64_t i) { return pattern(s, 99, i); },
                    what + " at root " + std::to_string(root));
    } else {  // non-roots pass no receive arguments at all
      comm.gatherv(mine.data(), static_cast<int64_t>(mine.size()), nullptr, nullptr, nullptr, root);
    }
  }
}

void check_bcast_every_root(Communicator& comm, int64_t scale, const std::string& what) {
  const int me = comm.rank(), p = comm.size();
  for (int root = 0; root < p; ++root) {
    const int64_t n = 100 * scale + root;
    std::vector<uint8_t> buf(static_cast<size_t>(n), me == root ? 0 : kGap);
    if (me == root)
      for (int64_t i = 0; i < n; ++i) buf[static_cast<size_t>(i)] = pattern(root, 42, i);
    comm.bcast(buf.data(), n, root);
    int64_t bad = -1;
    for (int64_t i = 0; i < n && bad < 0; ++i)
      if (buf[static_cast<size_t>(i)] != pattern(root, 42, i)) bad = i;
    EXPECT_EQ(bad, -1) << what << ": bcast from " << root << " differs at byte " << bad << " on rank " << me;
  }
}

// Rank r's i-th value for the allreduce tests: within range of every type even summed over 4
// ranks, negative for signed types, integral for floats (so sums are exact in any order).
template <typename T>
T value(int r, int64_t i) {
  const int64_t v = (r * 13 + i * 7) % 29;
  if constexpr (std::numeric_limits<T>::is_signed) return static_cast<T>(v - 14);
  else return static_cast<T>(v);
}

template <typename T>
void check_allreduce_type(Communicator& comm, TypeId type, int64_t count, const char* name) {
  const int me = comm.rank(), p = comm.size();
  std::vector<T> mine(static_cast<size_t>(count));
  for (int64_t i = 0; i < count; ++i) mine[static_cast<size_t>(i)] = value<T>(me, i);
  for (ReduceOp op : {ReduceOp::Sum, ReduceOp::Min, ReduceOp::Max}) {
    std::vector<T> want(static_cast<size_t>(count));
    for (int64_t i = 0; i < count; ++i) {
      T acc = value<T>(0, i);
      for (int r = 1; r < p; ++r) {
        const T v = value<T>(r, i);
        acc = op == ReduceOp::Sum ? static_cast<T>(acc + v) : op == ReduceOp::Min ? std::min(acc, v) : std::max(acc, v);
      }
      want[static_cast<size_t>(i)] = acc;
    }
    std::vector<T> out(static_cast<size_t>(count), T{});
    comm.allreduce(mine.data(), out.data(), count, type, op);
    EXPECT_EQ(out, want) << name << " op " << static_cast<int>(op) << " on rank " << me;
    std::vector<T> inplace = mine;  // send == recv
    comm.allreduce(inplace.data(), inplace.data(), count, type, op);
    EXPECT_EQ(inplace, want) << name << " in place, op " << static_cast<int>(op) << " on rank " << me;
  }
}

void check_allreduce_all_types(Communicator& comm, int64_t count) {
  check_allreduce_type<int8_t>(comm, TypeId::Int8, count, "int8");
  check_allreduce_type<int16_t>(comm, TypeId::Int16, count, "int16");
  check_allreduce_type<int32_t>(comm, TypeId::Int32, count, "int32");
  check_allreduce_type<int64_t>(comm, TypeId::Int64, count, "int64");
  check_allreduce_type<uint8_t>(comm, TypeId::UInt8, count, "uint8");
  check_allreduce_type<uint16_t>(comm, TypeId::UInt16, count, "uint16");
  check_allreduce_type<uint32_t>(comm, TypeId::UInt32, count, "uint32");
  check_allreduce_type<uint64_t>(comm, TypeId::UInt64, count, "uint64");
  check_allreduce_type<float>(comm, TypeId::Float32, count, "float32");
  check_allreduce_type<double>(comm, TypeId::Float64, count, "float64");
}

}  // namespace

DIST_TEST(CommCollectives, BarrierKeepsTheRanksInStep) {
  for (int i = 0; i < 3; ++i) comm.barrier();
  // After the barriers the communicator still runs collectives in step: every rank's round number.
  const auto got = comm::allgather_i64(comm, 1000 + comm.rank());
  std::vector<int64_t> want(static_cast<size_t>(comm.size()));
  std::iota(want.begin(), want.end(), 1000);
  EXPECT_EQ(got, want);
}

DIST_TEST(CommCollectives, AlltoallvUnevenAndEmptyCounts) { check_alltoallv(comm, 1, "alltoallv"); }

DIST_TEST(CommCollectives, AlltoallvAllEmpty) {
  const auto p = static_cast<size_t>(comm.size());
  std::vector<int64_t> zeros(p, 0);
  uint8_t send = 1, recv = kGap;
  comm.alltoallv(&send, zeros.data(), zeros.data(), &recv, zeros.data(), zeros.data());
  EXPECT_EQ(recv, kGap);
}

DIST_TEST(CommCollectives, AllgathervUnevenWithAnEmptyRank) { check_allgatherv(comm, 1, "allgatherv"); }

DIST_TEST(CommCollectives, GathervToEveryRoot) { check_gatherv_every_root(comm, 1, "gatherv"); }

DIST_TEST(CommCollectives, BcastFromEveryRoot) {
  check_bcast_every_root(comm, 1, "bcast");
  uint8_t untouched = kGap;  // zero bytes from every root
  for (int root = 0; root < comm.size(); ++root) comm.bcast(&untouched, 0, root);
  EXPECT_EQ(untouched, kGap);
}

DIST_TEST(CommCollectives, AllreduceSumMinMaxEveryNumericType) { check_allreduce_all_types(comm, 37); }

DIST_TEST(CommCollectives, AllreduceOfZeroElements) {
  int64_t v = 5;
  comm.allreduce(&v, &v, 0, TypeId::Int64, ReduceOp::Sum);
  EXPECT_EQ(v, 5);
}

DIST_TEST(CommCollectives, DisjointGroupsRunCollectivesConcurrently) {
  const int me = comm.rank(), p = comm.size();
  // Evens and odds each form a group (created and used at the same time); tags differ.
  std::vector<int> members;
  for (int r = me % 2; r < p; r += 2) members.push_back(r);
  auto group = comm.create_group(members, 100 + me % 2);
  const int gsize = static_cast<int>(members.size());
  EXPECT_EQ(group->size(), gsize);
  EXPECT_EQ(group->rank(), static_cast<int>(std::find(members.begin(), members.end(), me) - members.begin()));
  const int64_t sum = comm::allreduce_i64(*group, me, ReduceOp::Sum);
  EXPECT_EQ(sum, std::accumulate(members.begin(), members.end(), int64_t{0}));
  check_alltoallv(*group, 2, "group alltoallv");
  check_allgatherv(*group, 2, "group allgatherv");
  check_bcast_every_root(*group, 2, "group bcast");
  // A group of one inside the group, then the parent still works.
  const int single[] = {group->rank()};
  auto alone = group->create_group(single, 7);
  EXPECT_EQ(alone->size(), 1);
  EXPECT_EQ(comm::allreduce_i64(*alone, 41, ReduceOp::Max), 41);
  alone->close();
  group->close();
  EXPECT_EQ(comm::allreduce_i64(comm, 1, ReduceOp::Sum), p);
}

DIST_TEST(CommCollectives, GroupOfAllButRankZero) {
  const int me = comm.rank(), p = comm.size();
  if (me != 0) {  // rank 0 takes no part in the creation (only the members call it)
    std::vector<int> members;
    for (int r = 1; r < p; ++r) members.push_back(r);
    auto group = comm.create_group(members, 5);
    EXPECT_EQ(group->rank(), me - 1);
    EXPECT_EQ(comm::allreduce_i64(*group, me, ReduceOp::Max), p - 1);
    group->close();
  }
  comm.barrier();
}

// Hundreds of KB per transfer: under DEEPRC_MPI_MAX_MESSAGE_BYTES=1000 every path splits into
// hundreds of chunks (alltoallv, allgatherv, gatherv, bcast, allreduce of every element width).
DIST_TEST(CommCollectives, LargeMessagesSpanManyChunks) {
  check_alltoallv(comm, 3001, "large alltoallv");
  check_allgatherv(comm, 5003, "large allgatherv");
  check_gatherv_every_root(comm, 3001, "large gatherv");
  check_bcast_every_root(comm, 2003, "large bcast");
  check_allreduce_type<int8_t>(comm, TypeId::Int8, 3001, "large int8");
  check_allreduce_type<uint16_t>(comm, TypeId::UInt16, 2999, "large uint16");
  check_allreduce_type<float>(comm, TypeId::Float32, 4001, "large float32");
  check_allreduce_type<int64_t>(comm, TypeId::Int64, 3007, "large int64");
}

// Opt-in (DEEPRC_TEST_HUGE_MESSAGES=1, ~2.2 GB per rank; ctest mpi_huge_np2 with
// -DDRC_HUGE_TESTS=ON): transfers beyond INT_MAX bytes, so MPI's int counts must be chunked.
DIST_TEST(CommCollectives, HugeMessagesBeyondIntMax) {
  const char* on = std::getenv("DEEPRC_TEST_HUGE_MESSAGES");
  if (on == nullptr || std::string(on) != "1") GTEST_SKIP() << "set DEEPRC_TEST_HUGE_MESSAGES=1 to run";
  const int64_t n = (int64_t{1} << 31) + 4099;
  auto byte_at = [](int64_t i) { return static_cast<uint8_t>(i * 7 + (i >> 20)); };
  auto first_bad = [&](const std::vector<uint8_t>& b) {
    for (int64_t i = 0; i < n; ++i)
      if (b[static_cast<size_t>(i)] != byte_at(i)) return i;
    return int64_t{-1};
  };
  {
    std::vector<uint8_t> buf(static_cast<size_t>(n), 0);
    if (comm.rank() == 0)
      for (int64_t i = 0; i < n; ++i) buf[static_cast<size_t>(i)] = byte_at(i);
    comm.bcast(buf.data(), n, 0);
    EXPECT_EQ(first_bad(buf), -1) << "bcast of " << n << " bytes on rank " << comm.rank();
  }
  if (comm.size() < 2) return;
  // Rank 0 sends n bytes to rank 1; nothing else moves.
  const auto p = static_cast<size_t>(comm.size());
  std::vector<int64_t> sc(p, 0), rc(p, 0), zeros(p, 0);
  std::vector<uint8_t> send, recv;
  if (comm.rank() == 0) {
    sc[1] = n;
    send.resize(static_cast<size_t>(n));
    for (int64_t i = 0; i < n; ++i) send[static_cast<size_t>(i)] = byte_at(i);
  }
  if (comm.rank() == 1) {
    rc[0] = n;
    recv.assign(static_cast<size_t>(n), 0);
  }
  comm.alltoallv(send.data(), sc.data(), zeros.data(), recv.data(), rc.data(), zeros.data());
  if (comm.rank() == 1) EXPECT_EQ(first_bad(recv), -1) << "alltoallv of " << n << " bytes";
}
