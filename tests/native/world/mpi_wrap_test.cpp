// mpi_wrap_np3: a host program that owns MPI (as the pilot's task does) hands DeepRC a split
// communicator through the C ABI, as an MPI_Comm* (drc_comm_mpi_wrap) and as a Fortran handle
// (drc_comm_mpi_wrap_fortran). Checks rank/size, allreduce against MPI_Allreduce on the host's
// comm, alltoallv bytes, the world mode on an already initialised MPI (thread level check), an
// MPI error (truncated receive) returned as DRC_STATUS_COMM with MPI's text, and that closing
// DeepRC's communicators neither finalizes MPI nor frees the host's communicator.
// The C API only: no MPI C++ bindings (OpenMPI and MPICH would otherwise need libmpi_cxx).
#define OMPI_SKIP_MPICXX 1
#define MPICH_SKIP_MPICXX 1
#include <mpi.h>

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "deeprc/deeprc.h"

namespace {

int g_failures = 0;
int g_rank = 0;

void check(bool ok, const std::string& what) {
  if (!ok) {
    ++g_failures;
    std::fprintf(stderr, "rank %d: FAILED: %s\n", g_rank, what.c_str());
  }
}

// Takes a status: true when NULL; else prints and frees it.
bool ok(drc_status* st, const char* what) {
  if (st == nullptr) return true;
  check(false, std::string(what) + ": " + drc_status_message(st));
  drc_status_free(st);
  return false;
}

void exercise(drc_comm* c, MPI_Comm host, const char* how) {
  const std::string tag = std::string(how) + ": ";
  int hr = 0, hs = 0, world = 0;
  MPI_Comm_rank(host, &hr);
  MPI_Comm_size(host, &hs);
  MPI_Comm_rank(MPI_COMM_WORLD, &world);
  check(drc_comm_rank(c) == hr && drc_comm_size(c) == hs, tag + "rank/size equal the host communicator's");
  check(std::strcmp(drc_comm_backend(c), "mpi") == 0, tag + "backend is mpi");

  int64_t mine = 10 + world, ours = 0, theirs = 0;
  ok(drc_comm_allreduce(c, &mine, &ours, 1, DRC_TYPE_INT64, DRC_REDUCE_SUM), "allreduce");
  MPI_Allreduce(&mine, &theirs, 1, MPI_INT64_T, MPI_SUM, host);
  check(ours == theirs, tag + "allreduce sum " + std::to_string(ours) + " == MPI's " + std::to_string(theirs));

  // alltoallv: rank r sends r+d+1 bytes of value (16*r + d) to rank d.
  std::vector<int64_t> sc(static_cast<size_t>(hs)), sd(sc.size()), rc(sc.size()), rd(sc.size());
  int64_t soff = 0, roff = 0;
  for (int d = 0; d < hs; ++d) {
    sc[static_cast<size_t>(d)] = hr + d + 1;
    sd[static_cast<size_t>(d)] = soff;
    soff += sc[static_cast<size_t>(d)];
    rc[static_cast<size_t>(d)] = d + hr + 1;
    rd[static_cast<size_t>(d)] = roff;
    roff += rc[static_cast<size_t>(d)];
  }
  std::vector<uint8_t> send(static_cast<size_t>(soff)), recv(static_cast<size_t>(roff), 0xEE);
  for (int d = 0; d < hs; ++d)
    std::memset(send.data() + sd[static_cast<size_t>(d)], 16 * hr + d, static_cast<size_t>(sc[static_cast<size_t>(d)]));
  ok(drc_comm_alltoallv(c, send.data(), sc.data(), sd.data(), recv.data(), rc.data(), rd.data()), "alltoallv");
  bool same = true;
  for (int s = 0; s < hs; ++s)
    for (int64_t i = 0; i < rc[static_cast<size_t>(s)]; ++i)
      same = same && recv[static_cast<size_t>(rd[static_cast<size_t>(s)] + i)] == static_cast<uint8_t>(16 * s + hr);
  check(same, tag + "alltoallv delivers every block");
}

// World rank 0 sends 10 bytes to world rank 1, which expects 5: rank 1's receive is truncated,
// which must come back as DRC_STATUS_COMM carrying MPI's error text (not abort the job).
void mpi_error_is_a_comm_status() {
  MPI_Comm world = MPI_COMM_WORLD;
  drc_comm* c = nullptr;
  if (!ok(drc_comm_mpi_wrap(&world, &c), "wrap world")) return;
  const int p = drc_comm_size(c), me = drc_comm_rank(c);
  std::vector<int64_t> sc(static_cast<size_t>(p), 0), rc(sc.size(), 0), displs(sc.size(), 0);
  if (me == 0 && p > 1) sc[1] = 10;
  if (me == 1) rc[0] = 5;
  std::vector<uint8_t> send(16, 7), recv(16, 0);
  drc_status* st = drc_comm_alltoallv(c, send.data(), sc.data(), displs.data(), recv.data(), rc.data(), displs.data());
  if (me == 1) {
    const std::string msg = st != nullptr ? drc_status_message(st) : "";
    check(st != nullptr && drc_status_code(st) == DRC_STATUS_COMM && msg.find("alltoallv") != std::string::npos &&
              msg.find("runcat") != std::string::npos,
          "a truncated receive is DRC_STATUS_COMM with MPI's text, got: " + msg);
  } else {
    check(st == nullptr, "the ranks without a mismatch succeed");
  }
  if (st != nullptr) drc_status_free(st);
  ok(drc_comm_close(c), "close after an MPI error");
  drc_comm_free(c);
}

// `--deeprc-initialises`: DeepRC initialises MPI itself (drc_comm_mpi_world), so closing its
// last communicator must finalize MPI (ctest mpi_world_finalize_np2).
int deeprc_initialises_mpi() {
  int initialized = 1;
  MPI_Initialized(&initialized);
  check(initialized == 0, "MPI is not initialised before drc_comm_mpi_world");
  drc_comm* world = nullptr;
  drc_comm* group = nullptr;
  if (!ok(drc_comm_mpi_world(1, &world), "drc_comm_mpi_world(1)")) return 1;
  g_rank = drc_comm_rank(world);
  const int32_t self[] = {g_rank};
  ok(drc_comm_create_group(world, self, 1, 3, &group), "create_group");
  ok(drc_comm_close(world), "close world");
  int finalized = 1;
  MPI_Finalized(&finalized);
  check(finalized == 0, "MPI stays initialised while a group communicator is open");
  ok(drc_comm_close(group), "close group");
  MPI_Finalized(&finalized);
  check(finalized == 1, "closing DeepRC's last communicator finalizes the MPI it initialised");
  drc_comm_free(world);
  drc_comm_free(group);
  if (g_failures == 0) std::printf("mpi_wrap_test --deeprc-initialises: rank %d PASSED\n", g_rank);
  return g_failures == 0 ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc > 1 && std::strcmp(argv[1], "--deeprc-initialises") == 0) return deeprc_initialises_mpi();
  int provided = 0;
  MPI_Init_thread(&argc, &argv, MPI_THREAD_SERIALIZED, &provided);
  MPI_Comm_rank(MPI_COMM_WORLD, &g_rank);
  // Colour by parity, keys reversed: the split ranks differ from the world ranks.
  MPI_Comm split = MPI_COMM_NULL;
  MPI_Comm_split(MPI_COMM_WORLD, g_rank % 2, -g_rank, &split);

  drc_comm* by_ptr = nullptr;
  drc_comm* by_fortran = nullptr;
  if (ok(drc_comm_mpi_wrap(&split, &by_ptr), "drc_comm_mpi_wrap")) exercise(by_ptr, split, "wrap(MPI_Comm*)");
  if (ok(drc_comm_mpi_wrap_fortran(MPI_Comm_c2f(split), &by_fortran), "drc_comm_mpi_wrap_fortran"))
    exercise(by_fortran, split, "wrap_fortran");

  // World mode on the host's MPI: level 2 is what the host has; level 3 is more unless provided.
  drc_comm* world = nullptr;
  if (ok(drc_comm_mpi_world(2, &world), "drc_comm_mpi_world(2)")) exercise(world, MPI_COMM_WORLD, "world");
  drc_comm* too_much = nullptr;
  drc_status* st = drc_comm_mpi_world(3, &too_much);
  if (provided < MPI_THREAD_MULTIPLE) {
    const std::string msg = st != nullptr ? drc_status_message(st) : "";
    check(st != nullptr && drc_status_code(st) == DRC_STATUS_UNSUPPORTED &&
              msg.find(provided == MPI_THREAD_SERIALIZED ? "MPI_THREAD_SERIALIZED" : "MPI_THREAD_") != std::string::npos &&
              msg.find("MPI_THREAD_MULTIPLE") != std::string::npos,
          "world(3) on a host below MULTIPLE is UNSUPPORTED naming both levels, got: " + msg);
    if (st != nullptr) drc_status_free(st);
  } else if (ok(st, "drc_comm_mpi_world(3)")) {
    ok(drc_comm_close(too_much), "close world(3)");
    drc_comm_free(too_much);
  }
  check(drc_comm_mpi_wrap_fortran(INT64_MAX, &too_much) != nullptr, "a fortran handle beyond MPI_Fint is refused");

  mpi_error_is_a_comm_status();

  for (drc_comm* c : {by_ptr, by_fortran, world}) {
    if (c == nullptr) continue;
    ok(drc_comm_close(c), "drc_comm_close");
    drc_comm_free(c);
  }
  int finalized = 1;
  MPI_Finalized(&finalized);
  check(finalized == 0, "closing wrapped communicators leaves the host's MPI initialised");
  // The host's communicator still works: ours were duplicates.
  int one = 1, count = 0, split_size = 0;
  MPI_Allreduce(&one, &count, 1, MPI_INT, MPI_SUM, split);
  MPI_Comm_size(split, &split_size);
  check(count == split_size, "the host's split communicator is intact after close");
  MPI_Comm_free(&split);

  int failures = 0;
  MPI_Allreduce(&g_failures, &failures, 1, MPI_INT, MPI_SUM, MPI_COMM_WORLD);
  if (g_rank == 0) std::printf("mpi_wrap_test: %s (%d failures)\n", failures == 0 ? "PASSED" : "FAILED", failures);
  MPI_Finalize();
  return failures == 0 ? 0 : 1;
}
