// Bandwidth of the MPI plugin's alltoallv against raw MPI point-to-point in the same run:
//   DEEPRC_PLUGIN_DIR=build/<dir>/lib mpirun -np 2 build/<dir>/bin/alltoall_bandwidth
// Each rank exchanges `bytes` with every other rank (nothing with itself, so both sides move the
// same bytes): raw = MPI_Sendrecv pairs on MPI_COMM_WORLD, deeprc = Communicator::alltoallv on the
// wrapped world (both wait modes of the plugin: poll with backoff, and MPI_Waitall), best of 3
// interleaved rounds each. Prints
//   bench=mpi op=sendrecv bytes=.. gb_per_s=..
//   bench=deeprc op=alltoallv wait=poll bytes=.. gb_per_s=.. ratio_to_p2p=.. cpu_per_wall=..
// gb_per_s counts the bytes one rank sends per second; cpu_per_wall is the rank's CPU time over
// wall time (1.0 = a core kept busy while waiting).
// The C API only: no MPI C++ bindings (OpenMPI and MPICH would otherwise need libmpi_cxx).
#define OMPI_SKIP_MPICXX 1
#define MPICH_SKIP_MPICXX 1
#include <mpi.h>
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "comm/backends.h"
#include "comm/communicator.h"

namespace {

double cpu_seconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         1e-6 * static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec);
}

struct Timing {
  double wall = 0;
  double cpu = 0;
};

template <typename F>
Timing timed(int iters, F&& f) {
  f();  // warm-up (connection setup, page faults)
  MPI_Barrier(MPI_COMM_WORLD);
  const double c0 = cpu_seconds();
  const auto t0 = std::chrono::steady_clock::now();
  for (int i = 0; i < iters; ++i) f();
  MPI_Barrier(MPI_COMM_WORLD);
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  double slowest = wall;
  MPI_Allreduce(&wall, &slowest, 1, MPI_DOUBLE, MPI_MAX, MPI_COMM_WORLD);
  return {slowest, cpu_seconds() - c0};
}

}  // namespace

int main(int argc, char** argv) {
  int provided = 0;
  MPI_Init_thread(&argc, &argv, MPI_THREAD_SERIALIZED, &provided);
  int rank = 0, size = 1;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  if (std::getenv("DEEPRC_PLUGIN_DIR") == nullptr) {  // the plugin lies in ../lib of this program
    const auto lib = std::filesystem::canonical("/proc/self/exe").parent_path().parent_path() / "lib";
    setenv("DEEPRC_PLUGIN_DIR", lib.c_str(), 1);
  }
  try {
    std::vector<std::pair<std::string, std::unique_ptr<deeprc::comm::Communicator>>> comms;
    for (const char* mode : {"poll", "block"}) {
      setenv("DEEPRC_MPI_WAIT", mode, 1);  // read by the plugin when the communicator is created
      MPI_Comm world = MPI_COMM_WORLD;
      comms.emplace_back(mode, deeprc::comm::make_mpi_wrap(&world));
    }
    const int64_t volume = int64_t{512} << 20;  // bytes each rank sends per measurement
    for (int64_t bytes : {int64_t{64} << 10, int64_t{1} << 20, int64_t{16} << 20, int64_t{64} << 20}) {
      const int iters = static_cast<int>(std::max<int64_t>(4, volume / (bytes * (size - 1 > 0 ? size - 1 : 1))));
      std::vector<char> send(static_cast<size_t>(bytes * size), 1), recv(static_cast<size_t>(bytes * size), 0);
      std::vector<int64_t> counts(static_cast<size_t>(size), bytes), displs(static_cast<size_t>(size));
      for (int r = 0; r < size; ++r) displs[static_cast<size_t>(r)] = bytes * r;
      counts[static_cast<size_t>(rank)] = 0;
      const double sent = static_cast<double>(bytes) * (size - 1) * iters;
      auto raw_round = [&] {
        for (int k = 1; k < size; ++k) {
          const int to = (rank + k) % size, from = (rank - k + size) % size;
          MPI_Sendrecv(send.data() + bytes * to, static_cast<int>(bytes), MPI_BYTE, to, 7, recv.data() + bytes * from,
                       static_cast<int>(bytes), MPI_BYTE, from, 7, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
        }
      };
      // Best of 3 rounds, the variants interleaved so that load from elsewhere hits them alike.
      Timing raw{1e30, 0};
      std::vector<Timing> ours(comms.size(), Timing{1e30, 0});
      for (int round = 0; round < 3; ++round) {
        if (Timing t = timed(iters, raw_round); t.wall < raw.wall) raw = t;
        for (size_t c = 0; c < comms.size(); ++c) {
          auto& comm = comms[c].second;
          const Timing t = timed(iters, [&] {
            comm->alltoallv(send.data(), counts.data(), displs.data(), recv.data(), counts.data(), displs.data());
          });
          if (t.wall < ours[c].wall) ours[c] = t;
        }
      }
      const double raw_gbs = sent / raw.wall / 1e9;
      if (rank == 0)
        std::printf("bench=mpi op=sendrecv ranks=%d bytes=%lld gb_per_s=%.3f cpu_per_wall=%.2f\n", size,
                    static_cast<long long>(bytes), raw_gbs, raw.cpu / raw.wall);
      for (size_t c = 0; c < comms.size(); ++c) {
        const double gbs = sent / ours[c].wall / 1e9;
        if (rank == 0)
          std::printf("bench=deeprc op=alltoallv wait=%s ranks=%d bytes=%lld gb_per_s=%.3f ratio_to_p2p=%.3f "
                      "cpu_per_wall=%.2f\n",
                      comms[c].first.c_str(), size, static_cast<long long>(bytes), gbs, gbs / raw_gbs,
                      ours[c].cpu / ours[c].wall);
      }
      std::fflush(stdout);
    }
    for (auto& entry : comms) entry.second->close();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "rank %d: %s\n", rank, e.what());
    MPI_Abort(MPI_COMM_WORLD, 1);
  }
  MPI_Finalize();
  return 0;
}
