// Factories for the plugin-backed communicators. Each loads its plugin (plugin_comm.h) on first
// use; a missing plugin is NotFound naming the file and the directories searched.
//   MPI   comm/mpi_comm.cpp    -> native/plugins/mpi   (libdeeprc_mpi.so)
//   Gloo  comm/gloo_comm.cpp   -> native/plugins/gloo  (libdeeprc_gloo.so), stores in comm/store/
//   NCCL  comm/nccl_comm.cpp   -> native/plugins/nccl  (libdeeprc_nccl.so, dlopens libnccl/libcudart)
#pragma once
#include <cstdint>
#include <memory>
#include <string>

#include "comm/communicator.h"

namespace deeprc::comm {

// ---- MPI ----
// MPI_COMM_WORLD (duplicated), initialising MPI with MPI_Init_thread(thread_level 0..3) unless the
// host already did (then the host's provided level must be >= thread_level, else Unsupported
// naming both). When DeepRC initialised MPI, closing its last communicator finalizes MPI.
std::unique_ptr<Communicator> make_mpi_world(int thread_level);
// The host's communicator (duplicated with MPI_Comm_dup), as a Fortran handle / an MPI_Comm*.
std::unique_ptr<Communicator> make_mpi_wrap_fortran(int64_t fortran_handle);
std::unique_ptr<Communicator> make_mpi_wrap(const void* mpi_comm_ptr);

// ---- Gloo ----
struct GlooOptions {
  int rank = -1;             // < 0: from the launcher's environment (launcher_rank_size)
  int size = -1;
  std::string store;         // "DIR", "file://DIR" or "tcp://HOST:PORT"; empty = job-unique dir under temp
  std::string prefix;        // key prefix; empty = derived from the launcher's job id
  std::string hostname;      // address peers connect to; empty = this host's name
  std::string iface;         // interface to bind instead (e.g. "lo")
  std::string secret;        // tcp:// store secret; empty = $DEEPRC_STORE_SECRET or none
  int64_t timeout_ms = 300000;
  bool serve_store = false;  // tcp:// only: rank 0 serves the store at HOST:PORT
};
std::unique_ptr<Communicator> make_gloo(const GlooOptions& options);

// Rank and size from the launcher's environment: OMPI_COMM_WORLD_RANK/_SIZE, PMI_RANK/PMI_SIZE,
// PMIX_RANK (+ size from PMI_SIZE/OMPI), SLURM_PROCID/SLURM_NTASKS. Throws Invalid naming the
// variables looked at when none is set.
struct LauncherInfo {
  int rank = 0;
  int size = 1;
  std::string job_id;  // a string unique to this launch (OMPI_MCA_ess_base_jobid, PMI/SLURM job ids, ...)
};
LauncherInfo launcher_info();

// ---- NCCL ----
// Returns normally when NCCL can be used (libnccl.so.2, libcudart and a GPU); else throws
// Unsupported "NCCL not available: <why>".
void check_nccl_available();
// An NCCL communicator over the ranks of `host` (rank 0's unique id travels by host.bcast), on
// CUDA device `device`. device_memory() is true.
std::unique_ptr<Communicator> make_nccl(Communicator& host, int device);

}  // namespace deeprc::comm
