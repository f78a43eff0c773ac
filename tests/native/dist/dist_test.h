// Distributed-operator tests are written once, as a body run by every rank of a communicator:
//
//   DIST_TEST(DistJoin, InnerStringKeys) { ... comm.rank() ... EXPECT_...; }
//
// The same sources are compiled into two binaries:
//  - deeprc_tests (threads):   run_dist runs the body on thread groups of 1, 2, 3 and 4 ranks;
//  - deeprc_dist_tests (world): run_dist runs it once on the world communicator of the process,
//    which ctest starts under `mpirun -np 1..4` with DEEPRC_TEST_COMM=mpi or gloo.
// Bodies must use EXPECT_* around anything followed by a collective (an ASSERT that returns
// early on one rank leaves the others waiting; ctest's timeout then fails the test).
#pragma once
#include <gtest/gtest.h>

#include "comm/communicator.h"

namespace deeprc::test {
using DistBody = void (*)(deeprc::comm::Communicator& comm);
void run_dist(DistBody body);
}  // namespace deeprc::test

#define DIST_TEST(suite, name)                                                 \
  static void suite##_##name##_dist_body(deeprc::comm::Communicator& comm);   \
  TEST(suite, name) { ::deeprc::test::run_dist(&suite##_##name##_dist_body); } \
  static void suite##_##name##_dist_body(deeprc::comm::Communicator& comm)
