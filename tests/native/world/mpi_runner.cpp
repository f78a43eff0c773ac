// main() of deeprc_dist_tests_mpi: every DIST_TEST body on the MPI world communicator (the MPI
// plugin, loaded from $DEEPRC_PLUGIN_DIR), started by CTest under mpirun -np 1..4.
#include "world/world_runner.h"

#include "comm/backends.h"

int main(int argc, char** argv) {
  // Level 1 (funneled): the bodies drive the communicator from the main thread only.
  return deeprc::test::run_world(argc, argv, [] { return deeprc::comm::make_mpi_world(1); });
}
