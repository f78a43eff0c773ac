// The communicator every distributed operator runs on: a fixed group of ranks (one process or
// thread each) with the collectives the operators need. Backends:
//   local    size 1, in-process (no plugin)                      comm/local_comm.cpp
//   threads  P ranks as threads of one process (tests, laptops)  comm/thread_comm.cpp
//   mpi / gloo / nccl  plugins behind the C ABI of deeprc_comm_plugin.h (comm/plugin_comm.cpp)
//
// Contract (all backends):
//  - every collective is called by every rank of the communicator in the same order;
//  - sizes are bytes as int64_t end to end (no 2 GiB cap);
//  - failures throw deeprc::Error (ErrorCode::Comm for transport failures and timeouts);
//  - close() releases the communicator collectively; destroying one that was not closed frees its
//    local memory only (never communicates), so a destructor cannot hang.
#pragma once
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "arrow/type.h"

namespace deeprc::comm {

enum class ReduceOp : int32_t { Sum = 0, Min = 1, Max = 2 };

class Communicator {
 public:
  virtual ~Communicator() = default;
  Communicator() = default;
  Communicator(const Communicator&) = delete;
  Communicator& operator=(const Communicator&) = delete;

  virtual int rank() const = 0;
  virtual int size() const = 0;
  virtual std::string backend() const = 0;
  // True when buffers must be device memory (NCCL): table operators refuse such communicators.
  virtual bool device_memory() const { return false; }

  virtual void barrier() = 0;
  // Byte all-to-all: send[sdispls[d], +scounts[d]) goes to rank d; recv[rdispls[s], +rcounts[s])
  // comes from rank s. Each array has size() entries.
  virtual void alltoallv(const void* send, const int64_t* scounts, const int64_t* sdispls, void* recv,
                         const int64_t* rcounts, const int64_t* rdispls) = 0;
  virtual void allgatherv(const void* send, int64_t count, void* recv, const int64_t* rcounts,
                          const int64_t* rdispls) = 0;
  // Only `root` receives; recv/rcounts/rdispls are ignored on other ranks.
  virtual void gatherv(const void* send, int64_t count, void* recv, const int64_t* rcounts, const int64_t* rdispls,
                       int root) = 0;
  virtual void bcast(void* buffer, int64_t size, int root) = 0;
  // Element-wise over `count` elements of a fixed-width numeric type (int8..uint64, float32/64).
  virtual void allreduce(const void* send, void* recv, int64_t count, TypeId type, ReduceOp op) = 0;
  // A communicator over `ranks` (strictly increasing, must include rank()); collective over those
  // ranks only. `tag` must be the same on all members and distinct for concurrent creations.
  virtual std::unique_ptr<Communicator> create_group(std::span<const int> ranks, int64_t tag) = 0;
  // Collective release. Idempotent; after close() only the destructor may be called.
  virtual void close() = 0;
};

using CommPtr = std::shared_ptr<Communicator>;

// A size-1 communicator (every collective is a local copy).
std::unique_ptr<Communicator> make_local();
// `size` communicators sharing one process: rank r must be driven by its own thread.
std::vector<std::unique_ptr<Communicator>> make_thread_group(int size);

// ---- small typed helpers over the byte collectives (comm/collectives.cpp) ----

// Every rank's value, indexed by rank.
std::vector<int64_t> allgather_i64(Communicator& comm, int64_t value);
// counts[d] sent to rank d; returns what each rank s sent to this one.
std::vector<int64_t> alltoall_i64(Communicator& comm, std::span<const int64_t> counts);
int64_t allreduce_i64(Communicator& comm, int64_t value, ReduceOp op);
double allreduce_f64(Communicator& comm, double value, ReduceOp op);
// Variable-size byte blobs: every rank's blob, indexed by rank.
std::vector<std::vector<uint8_t>> allgather_bytes(Communicator& comm, std::span<const uint8_t> blob);
// Root's blob on every rank.
std::vector<uint8_t> bcast_bytes(Communicator& comm, std::span<const uint8_t> blob, int root);
// Exclusive prefix sums: displs[i] = sum(counts[0..i)); returns the total.
int64_t exclusive_scan(std::span<const int64_t> counts, std::span<int64_t> displs);

}  // namespace deeprc::comm
