// The main() of a world test binary (one per backend, world/<backend>_runner.cpp): every DIST_TEST
// body runs once on the world communicator of this process, which CTest starts under
// `mpirun -np 1..4`. Each rank runs the same tests in the same order; a failure on any rank makes
// that rank's exit code, and so mpirun's, non-zero. Include in exactly one file per binary.
#pragma once
#include <gtest/gtest.h>

#include <cstdio>
#include <exception>
#include <functional>
#include <memory>

#include "comm/communicator.h"
#include "dist/dist_test.h"

namespace deeprc::test {

inline comm::Communicator*& world_comm() {
  static comm::Communicator* world = nullptr;
  return world;
}

void run_dist(DistBody body) {  // the definition dist_test.h declares
  comm::Communicator* world = world_comm();
  ASSERT_NE(world, nullptr) << "no world communicator";
  try {
    body(*world);
  } catch (const std::exception& e) {
    ADD_FAILURE() << "rank " << world->rank() << " of " << world->size() << " threw: " << e.what();
  }
}

// Creates the world communicator with `make`, runs every test, closes it collectively.
inline int run_world(int argc, char** argv, const std::function<std::unique_ptr<comm::Communicator>()>& make) {
  ::testing::InitGoogleTest(&argc, argv);
  std::unique_ptr<comm::Communicator> world;
  try {
    world = make();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "cannot create the world communicator: %s\n", e.what());
    return 2;
  }
  world_comm() = world.get();
  const int rc = RUN_ALL_TESTS();
  world->barrier();
  world->close();
  world_comm() = nullptr;
  return rc;
}

}  // namespace deeprc::test
