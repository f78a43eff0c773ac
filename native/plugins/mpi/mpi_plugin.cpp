// libdeeprc_mpi.so: the MPI communicator plugin (deeprc_comm_plugin.h), one source file that
// builds against any MPI-3 implementation (OpenMPI, MPICH and their vendor derivatives). It needs
// only deeprc_comm_plugin.h and <mpi.h>; it never links libdeeprc.
//
// Design:
//  - every instance owns a duplicate (MPI_Comm_dup / MPI_Comm_create_group) of the world or host
//    communicator with MPI_ERRORS_RETURN, so MPI errors come back as DRC_STATUS_COMM carrying
//    MPI_Error_string text instead of aborting the job;
//  - 64-bit byte counts end to end: MPI counts are int, so every transfer is cut into chunks of at
//    most DEEPRC_MPI_MAX_MESSAGE_BYTES (default 1 GiB, read when a communicator is created; tests
//    set a small value to exercise the multi-chunk paths). Both sides of every pair know the
//    count, so they agree on the chunking without extra communication;
//  - the "v" collectives (alltoallv, allgatherv, gatherv) are chunked nonblocking point-to-point
//    transfers straight between the caller's buffers (displacements are pointers, never int
//    offsets); barrier / bcast / allreduce use MPI_Ibarrier / MPI_Ibcast / MPI_Iallreduce per chunk;
//  - waiting: DEEPRC_MPI_WAIT=poll (the default) waits with MPI_Testall: 50 us of test + yield,
//    then sleeps backing off from 2 us to 200 us, so a rank that waits for a slow peer leaves its core to the other
//    ranks (one rank per core, often oversubscribed); DEEPRC_MPI_WAIT=block uses MPI_Waitall,
//    which in OpenMPI polls the transports at 100% CPU. Measured with bench/mpi/alltoall_bandwidth
//    (2 ranks, vader, 2 shared cores): poll reached the same bandwidth with less CPU and does not
//    collapse when cores are oversubscribed; figures in native/plugins/mpi/README.md.
//  - a mismatch between what a peer sends and what this rank expects is DRC_STATUS_INVALID (short
//    message) or DRC_STATUS_COMM (MPI_ERR_TRUNCATE); a peer sending fewer chunks than expected
//    cannot be detected and blocks (the contract requires consistent counts on every rank).
// The C API only: no MPI C++ bindings (OpenMPI and MPICH would otherwise need libmpi_cxx).
#define OMPI_SKIP_MPICXX 1
#define MPICH_SKIP_MPICXX 1
#include <mpi.h>

#include <algorithm>
#include <chrono>
#include <climits>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <memory>
#include <mutex>
#include <new>
#include <string>
#include <thread>
#include <vector>

#include "deeprc/deeprc_comm_plugin.h"

// The plugin repeats the few status and type codes it uses, so that a site rebuild needs only
// deeprc_comm_plugin.h; inside the DeepRC tree they are checked against deeprc.h.
namespace {
constexpr int32_t kStatusInvalid = 1, kStatusUnsupported = 3, kStatusOutOfMemory = 4, kStatusInternal = 5,
                  kStatusComm = 8;
enum DType : int32_t { kInt8 = 2, kInt16, kInt32, kInt64, kUInt8, kUInt16, kUInt32, kUInt64, kFloat32, kFloat64 };
}  // namespace
#if __has_include(<deeprc/deeprc.h>)
#include <deeprc/deeprc.h>
static_assert(kStatusInvalid == DRC_STATUS_INVALID && kStatusUnsupported == DRC_STATUS_UNSUPPORTED &&
              kStatusOutOfMemory == DRC_STATUS_OUT_OF_MEMORY && kStatusInternal == DRC_STATUS_INTERNAL &&
              kStatusComm == DRC_STATUS_COMM);
static_assert(int{kInt8} == int{DRC_TYPE_INT8} && int{kUInt64} == int{DRC_TYPE_UINT64} && int{kFloat64} == int{DRC_TYPE_FLOAT64});
#endif

namespace {

// A failure reported to the core: the code and message land in the caller's drc_plugin_error.
struct Failure {
  int32_t code;
  std::string message;
};

[[noreturn]] void fail(int32_t code, std::string message) { throw Failure{code, std::move(message)}; }

std::string mpi_error_text(int rc) {
  char text[MPI_MAX_ERROR_STRING] = {};
  int len = 0;
  if (MPI_Error_string(rc, text, &len) != MPI_SUCCESS) return "MPI error code " + std::to_string(rc);
  return std::string(text, static_cast<size_t>(std::max(len, 0)));
}

// ---- process-wide state: who initialised MPI and how many communicators are alive ----
std::mutex g_mu;
int g_live = 0;
bool g_we_initialised = false;

bool mpi_initialized() {
  int flag = 0;
  MPI_Initialized(&flag);
  return flag != 0;
}
bool mpi_finalized() {
  int flag = 0;
  MPI_Finalized(&flag);
  return flag != 0;
}

const char* level_name(int level) {
  static const char* names[] = {"MPI_THREAD_SINGLE", "MPI_THREAD_FUNNELED", "MPI_THREAD_SERIALIZED",
                                "MPI_THREAD_MULTIPLE"};
  return level >= 0 && level <= 3 ? names[level] : "unknown";
}
int mpi_level(int level) {
  switch (level) {
    case 0: return MPI_THREAD_SINGLE;
    case 1: return MPI_THREAD_FUNNELED;
    case 2: return MPI_THREAD_SERIALIZED;
    default: return MPI_THREAD_MULTIPLE;
  }
}
int our_level(int provided) {
  if (provided == MPI_THREAD_MULTIPLE) return 3;
  if (provided == MPI_THREAD_SERIALIZED) return 2;
  if (provided == MPI_THREAD_FUNNELED) return 1;
  return 0;
}

int64_t env_max_message_bytes() {
  constexpr int64_t kDefault = int64_t{1} << 30;
  const char* env = std::getenv("DEEPRC_MPI_MAX_MESSAGE_BYTES");
  if (env == nullptr || *env == '\0') return kDefault;
  char* end = nullptr;
  const long long v = std::strtoll(env, &end, 10);
  if (end == env || *end != '\0' || v < 1)
    fail(kStatusInvalid, std::string("DEEPRC_MPI_MAX_MESSAGE_BYTES='") + env + "' is not a positive integer");
  return std::min<int64_t>(v, INT_MAX);
}

bool env_poll_wait() {
  const char* env = std::getenv("DEEPRC_MPI_WAIT");
  if (env == nullptr || *env == '\0' || std::strcmp(env, "poll") == 0) return true;
  if (std::strcmp(env, "block") == 0) return false;
  fail(kStatusInvalid, std::string("DEEPRC_MPI_WAIT='") + env + "' must be 'poll' or 'block'");
}

class Instance {
 public:
  Instance(MPI_Comm comm, int64_t max_bytes, bool poll) : comm_(comm), max_bytes_(max_bytes), poll_(poll) {
    MPI_Comm_rank(comm_, &rank_);
    MPI_Comm_size(comm_, &size_);
  }
  int rank() const { return rank_; }
  int size() const { return size_; }
  MPI_Comm comm() const { return comm_; }
  MPI_Comm release() {
    MPI_Comm c = comm_;
    comm_ = MPI_COMM_NULL;
    return c;
  }

  void barrier() {
    begin();
    requests_.push_back(MPI_REQUEST_NULL);
    check(MPI_Ibarrier(comm_, &requests_.back()), "MPI_Ibarrier");
    wait("barrier");
  }

  void alltoallv(const void* send, const int64_t* scounts, const int64_t* sdispls, void* recv, const int64_t* rcounts,
                 const int64_t* rdispls) {
    begin();
    for (int s = 0; s < size_; ++s)
      if (s != rank_) post_recv(byte_ptr(recv, rdispls[s], rcounts[s]), rcounts[s], s, kTagAlltoallv);
    for (int d = 0; d < size_; ++d)
      if (d != rank_) post_send(byte_ptr(send, sdispls[d], scounts[d]), scounts[d], d, kTagAlltoallv);
    self_copy(byte_ptr(recv, rdispls[rank_], rcounts[rank_]), rcounts[rank_],
              byte_ptr(send, sdispls[rank_], scounts[rank_]), scounts[rank_], "alltoallv");
    wait("alltoallv");
  }

  void allgatherv(const void* send, int64_t count, void* recv, const int64_t* rcounts, const int64_t* rdispls) {
    begin();
    for (int s = 0; s < size_; ++s)
      if (s != rank_) post_recv(byte_ptr(recv, rdispls[s], rcounts[s]), rcounts[s], s, kTagAllgatherv);
    for (int d = 0; d < size_; ++d)
      if (d != rank_) post_send(send, count, d, kTagAllgatherv);
    self_copy(byte_ptr(recv, rdispls[rank_], rcounts[rank_]), rcounts[rank_], send, count, "allgatherv");
    wait("allgatherv");
  }

  void gatherv(const void* send, int64_t count, void* recv, const int64_t* rcounts, const int64_t* rdispls, int root) {
    check_root(root);
    begin();
    if (rank_ == root) {
      for (int s = 0; s < size_; ++s)
        if (s != rank_) post_recv(byte_ptr(recv, rdispls[s], rcounts[s]), rcounts[s], s, kTagGatherv);
      self_copy(byte_ptr(recv, rdispls[rank_], rcounts[rank_]), rcounts[rank_], send, count, "gatherv");
    } else {
      post_send(send, count, root, kTagGatherv);
    }
    wait("gatherv");
  }

  void bcast(void* buffer, int64_t bytes, int root) {
    check_root(root);
    begin();
    for (int64_t off = 0; off < bytes; off += max_bytes_) {
      const int n = static_cast<int>(std::min(max_bytes_, bytes - off));
      requests_.push_back(MPI_REQUEST_NULL);
      check(MPI_Ibcast(static_cast<char*>(buffer) + off, n, MPI_BYTE, root, comm_, &requests_.back()), "MPI_Ibcast");
    }
    wait("bcast");
  }

  void allreduce(const void* send, void* recv, int64_t count, int32_t dtype, int32_t op) {
    const MPI_Datatype type = mpi_type(dtype);
    const MPI_Op mop = op == DRC_PLUGIN_REDUCE_SUM ? MPI_SUM
                       : op == DRC_PLUGIN_REDUCE_MIN ? MPI_MIN
                       : op == DRC_PLUGIN_REDUCE_MAX ? MPI_MAX
                                                     : MPI_OP_NULL;
    if (mop == MPI_OP_NULL) fail(kStatusInvalid, "allreduce: op " + std::to_string(op) + " is not sum, min or max");
    const int64_t width = byte_width(dtype);
    const int64_t per_chunk = std::max<int64_t>(1, max_bytes_ / width);
    const bool in_place = send == recv;
    begin();
    for (int64_t off = 0; off < count; off += per_chunk) {
      const int n = static_cast<int>(std::min(per_chunk, count - off));
      char* out = static_cast<char*>(recv) + off * width;
      const void* in = in_place ? MPI_IN_PLACE : static_cast<const char*>(send) + off * width;
      requests_.push_back(MPI_REQUEST_NULL);
      check(MPI_Iallreduce(in, out, n, type, mop, comm_, &requests_.back()), "MPI_Iallreduce");
    }
    wait("allreduce");
  }

  std::unique_ptr<Instance> create_group(const int32_t* ranks, int32_t n, int64_t tag) {
    if (ranks == nullptr || n < 1) fail(kStatusInvalid, "create_group: no ranks");
    bool member = false;
    for (int32_t i = 0; i < n; ++i) {
      if (ranks[i] < 0 || ranks[i] >= size_ || (i > 0 && ranks[i] <= ranks[i - 1]))
        fail(kStatusInvalid, "create_group: ranks must be strictly increasing and in [0, " + std::to_string(size_) +
                                 "), ranks[" + std::to_string(i) + "] = " + std::to_string(ranks[i]));
      member = member || ranks[i] == rank_;
    }
    if (!member) fail(kStatusInvalid, "create_group: rank " + std::to_string(rank_) + " is not among the ranks");
    // MPI tags are int in [0, MPI_TAG_UB] (at least 32767); fold the 64-bit tag into that range.
    int* ub_ptr = nullptr;
    int has_ub = 0;
    check(MPI_Comm_get_attr(comm_, MPI_TAG_UB, &ub_ptr, &has_ub), "MPI_Comm_get_attr(MPI_TAG_UB)");
    const int64_t range = (has_ub != 0 && ub_ptr != nullptr ? *ub_ptr : 32767) + int64_t{1};
    const int mpi_tag = static_cast<int>(((tag % range) + range) % range);
    MPI_Group all = MPI_GROUP_NULL, sub = MPI_GROUP_NULL;
    check(MPI_Comm_group(comm_, &all), "MPI_Comm_group");
    std::vector<int> members(ranks, ranks + n);
    int rc = MPI_Group_incl(all, n, members.data(), &sub);
    MPI_Comm out = MPI_COMM_NULL;
    if (rc == MPI_SUCCESS) rc = MPI_Comm_create_group(comm_, sub, mpi_tag, &out);
    MPI_Group_free(&all);
    if (sub != MPI_GROUP_NULL) MPI_Group_free(&sub);
    check(rc, "MPI_Comm_create_group");
    return adopt(out);
  }

  // Takes ownership of `comm` (sets MPI_ERRORS_RETURN on it and counts it as live).
  static std::unique_ptr<Instance> adopt(MPI_Comm comm) {
    const int rc = MPI_Comm_set_errhandler(comm, MPI_ERRORS_RETURN);
    if (rc != MPI_SUCCESS) {
      MPI_Comm_free(&comm);
      fail(kStatusComm, "MPI_Comm_set_errhandler failed: " + mpi_error_text(rc));
    }
    std::unique_ptr<Instance> inst;
    try {
      inst = std::make_unique<Instance>(comm, env_max_message_bytes(), env_poll_wait());
    } catch (...) {
      MPI_Comm_free(&comm);
      throw;
    }
    std::lock_guard lock(g_mu);
    ++g_live;
    return inst;
  }

 private:
  static constexpr int kTagAlltoallv = 101, kTagAllgatherv = 102, kTagGatherv = 103;

  struct Expected {  // a posted receive: its request index and the bytes it must deliver
    size_t index;
    int bytes;
    int peer;
  };

  static const char* byte_ptr(const void* base, int64_t displ, int64_t count) {
    return count > 0 ? static_cast<const char*>(base) + displ : nullptr;
  }
  static char* byte_ptr(void* base, int64_t displ, int64_t count) {
    return count > 0 ? static_cast<char*>(base) + displ : nullptr;
  }

  void begin() {
    requests_.clear();
    expected_.clear();
  }

  void post_recv(char* buf, int64_t bytes, int peer, int tag) {
    for (int64_t off = 0; off < bytes; off += max_bytes_) {
      const int n = static_cast<int>(std::min(max_bytes_, bytes - off));
      requests_.push_back(MPI_REQUEST_NULL);
      expected_.push_back({requests_.size() - 1, n, peer});
      check(MPI_Irecv(buf + off, n, MPI_BYTE, peer, tag, comm_, &requests_.back()), "MPI_Irecv");
    }
  }

  void post_send(const void* buf, int64_t bytes, int peer, int tag) {
    for (int64_t off = 0; off < bytes; off += max_bytes_) {
      const int n = static_cast<int>(std::min(max_bytes_, bytes - off));
      requests_.push_back(MPI_REQUEST_NULL);
      check(MPI_Isend(static_cast<const char*>(buf) + off, n, MPI_BYTE, peer, tag, comm_, &requests_.back()),
            "MPI_Isend");
    }
  }

  void self_copy(char* dst, int64_t rcount, const void* src, int64_t scount, const char* what) {
    if (rcount != scount)
      fail(kStatusInvalid, std::string(what) + ": rank " + std::to_string(rank_) + " sends " + std::to_string(scount) +
                               " bytes to itself but expects " + std::to_string(rcount));
    if (scount > 0 && dst != src) std::memmove(dst, src, static_cast<size_t>(scount));
  }

  // Completes every posted request (poll with backoff, or MPI_Waitall), then checks that each
  // receive got exactly the bytes it expected.
  void wait(const char* what) {
    if (requests_.empty()) return;
    const int n = static_cast<int>(requests_.size());
    statuses_.resize(requests_.size());
    int rc = MPI_SUCCESS;
    if (poll_) {
      // Up to kYieldPhase of test + yield (gives the core away whenever another rank is
      // runnable), then sleeps backing off from 2 us to 200 us between tests.
      constexpr auto kYieldPhase = std::chrono::microseconds(50);
      const auto start = std::chrono::steady_clock::now();
      auto delay = std::chrono::microseconds(2);
      for (;;) {
        int done = 0;
        rc = MPI_Testall(n, requests_.data(), &done, statuses_.data());
        if (rc != MPI_SUCCESS || done != 0) break;
        if (std::chrono::steady_clock::now() - start < kYieldPhase) {
          std::this_thread::yield();
          continue;
        }
        std::this_thread::sleep_for(delay);
        delay = std::min(delay * 2, std::chrono::microseconds(200));
      }
    } else {
      rc = MPI_Waitall(n, requests_.data(), statuses_.data());
    }
    if (rc == MPI_ERR_IN_STATUS) {
      for (const auto& st : statuses_)
        if (st.MPI_ERROR != MPI_SUCCESS && st.MPI_ERROR != MPI_ERR_PENDING) {
          rc = st.MPI_ERROR;
          break;
        }
    }
    check(rc, what);
    for (const auto& e : expected_) {
      int got = 0;
      MPI_Get_count(&statuses_[e.index], MPI_BYTE, &got);
      if (got != e.bytes)
        fail(kStatusInvalid, std::string(what) + ": rank " + std::to_string(e.peer) + " sent fewer bytes than rank " +
                                 std::to_string(rank_) + " expects (a message of " + std::to_string(got) +
                                 " bytes where " + std::to_string(e.bytes) + " were due)");
    }
  }

  void check(int rc, const char* what) const {
    if (rc != MPI_SUCCESS)
      fail(kStatusComm, std::string("MPI ") + what + " failed on rank " + std::to_string(rank_) + " of " +
                            std::to_string(size_) + ": " + mpi_error_text(rc));
  }

  void check_root(int root) const {
    if (root < 0 || root >= size_)
      fail(kStatusInvalid, "root " + std::to_string(root) + " is out of range for a communicator of size " +
                               std::to_string(size_));
  }

  static MPI_Datatype mpi_type(int32_t dtype) {
    switch (dtype) {
      case kInt8: return MPI_INT8_T;
      case kInt16: return MPI_INT16_T;
      case kInt32: return MPI_INT32_T;
      case kInt64: return MPI_INT64_T;
      case kUInt8: return MPI_UINT8_T;
      case kUInt16: return MPI_UINT16_T;
      case kUInt32: return MPI_UINT32_T;
      case kUInt64: return MPI_UINT64_T;
      case kFloat32: return MPI_FLOAT;
      case kFloat64: return MPI_DOUBLE;
      default: fail(kStatusInvalid, "allreduce: type id " + std::to_string(dtype) + " is not a numeric type");
    }
  }
  static int64_t byte_width(int32_t dtype) {
    switch (dtype) {
      case kInt8: case kUInt8: return 1;
      case kInt16: case kUInt16: return 2;
      case kInt32: case kUInt32: case kFloat32: return 4;
      default: return 8;
    }
  }

  MPI_Comm comm_;
  int rank_ = 0;
  int size_ = 1;
  int64_t max_bytes_;
  bool poll_;
  std::vector<MPI_Request> requests_;
  std::vector<MPI_Status> statuses_;
  std::vector<Expected> expected_;
};

// Runs `body`, turning every exception into a plugin error code (nothing crosses the C boundary).
template <typename F>
int32_t guarded(drc_plugin_error* err, F&& body) noexcept {
  auto report = [err](int32_t code, const std::string& msg) {
    if (err != nullptr) {
      err->code = code;
      std::snprintf(err->message, sizeof err->message, "%s", msg.c_str());
    }
    return code;
  };
  try {
    body();
    return 0;
  } catch (const Failure& f) {
    return report(f.code, f.message);
  } catch (const std::bad_alloc&) {
    return report(kStatusOutOfMemory, "out of memory in the MPI plugin");
  } catch (const std::exception& e) {
    return report(kStatusInternal, std::string("internal error in the MPI plugin: ") + e.what());
  } catch (...) {
    return report(kStatusInternal, "internal error in the MPI plugin: unknown exception");
  }
}

Instance& self_of(void* self) { return *static_cast<Instance*>(self); }

int32_t v_rank(void* self) { return self_of(self).rank(); }
int32_t v_size(void* self) { return self_of(self).size(); }
int32_t v_barrier(void* self, drc_plugin_error* err) {
  return guarded(err, [&] { self_of(self).barrier(); });
}
int32_t v_alltoallv(void* self, const void* send, const int64_t* sc, const int64_t* sd, void* recv, const int64_t* rc,
                    const int64_t* rd, drc_plugin_error* err) {
  return guarded(err, [&] { self_of(self).alltoallv(send, sc, sd, recv, rc, rd); });
}
int32_t v_allgatherv(void* self, const void* send, int64_t count, void* recv, const int64_t* rc, const int64_t* rd,
                     drc_plugin_error* err) {
  return guarded(err, [&] { self_of(self).allgatherv(send, count, recv, rc, rd); });
}
int32_t v_gatherv(void* self, const void* send, int64_t count, void* recv, const int64_t* rc, const int64_t* rd,
                  int32_t root, drc_plugin_error* err) {
  return guarded(err, [&] { self_of(self).gatherv(send, count, recv, rc, rd, root); });
}
int32_t v_bcast(void* self, void* buffer, int64_t size, int32_t root, drc_plugin_error* err) {
  return guarded(err, [&] { self_of(self).bcast(buffer, size, root); });
}
int32_t v_allreduce(void* self, const void* send, void* recv, int64_t count, int32_t dtype, int32_t op,
                    drc_plugin_error* err) {
  return guarded(err, [&] { self_of(self).allreduce(send, recv, count, dtype, op); });
}
int32_t v_create_group(void* self, const int32_t* ranks, int32_t n, int64_t tag, void** out, drc_plugin_error* err) {
  return guarded(err, [&] { *out = self_of(self).create_group(ranks, n, tag).release(); });
}

// Collective release: MPI_Comm_free, then MPI_Finalize when the plugin initialised MPI and this
// was the last live communicator. The instance is freed whatever happens.
int32_t v_destroy(void* self, drc_plugin_error* err) {
  std::unique_ptr<Instance> inst(static_cast<Instance*>(self));
  return guarded(err, [&] {
    std::lock_guard lock(g_mu);
    --g_live;
    MPI_Comm comm = inst->release();
    if (mpi_finalized())
      fail(kStatusInvalid, "MPI was finalized before the DeepRC communicator was closed (close it first)");
    const int rc = MPI_Comm_free(&comm);
    if (rc != MPI_SUCCESS) fail(kStatusComm, "MPI_Comm_free failed: " + mpi_error_text(rc));
    if (g_live == 0 && g_we_initialised) {
      g_we_initialised = false;
      const int frc = MPI_Finalize();
      if (frc != MPI_SUCCESS) fail(kStatusComm, "MPI_Finalize failed: " + mpi_error_text(frc));
    }
  });
}

// Frees memory only: no MPI call (the communicator handle is leaked, never freed collectively).
void v_abandon(void* self) {
  std::unique_ptr<Instance> inst(static_cast<Instance*>(self));
  std::lock_guard lock(g_mu);
  --g_live;
}

const drc_comm_vtable kVtable = {
    DRC_COMM_PLUGIN_ABI_VERSION, sizeof(drc_comm_vtable), "mpi", 0, 0, v_rank, v_size, v_barrier, v_alltoallv,
    v_allgatherv, v_gatherv, v_bcast, v_allreduce, v_create_group, v_destroy, v_abandon,
};

// MPI_COMM_WORLD: initialises MPI at `level` unless it is already initialised, in which case the
// provided level must be at least `level`.
MPI_Comm world_comm(int level) {
  if (level < 0 || level > 3)
    fail(kStatusInvalid, "thread_level " + std::to_string(level) +
                             " must be 0 (single), 1 (funneled), 2 (serialized) or 3 (multiple)");
  if (mpi_finalized()) fail(kStatusInvalid, "MPI has already been finalized in this process; it cannot restart");
  int provided = 0;
  {
    std::lock_guard lock(g_mu);
    if (!mpi_initialized()) {
      const int rc = MPI_Init_thread(nullptr, nullptr, mpi_level(level), &provided);
      if (rc != MPI_SUCCESS) fail(kStatusComm, "MPI_Init_thread failed: " + mpi_error_text(rc));
      g_we_initialised = true;
      if (our_level(provided) < level)
        fail(kStatusUnsupported, std::string("MPI provides only ") + level_name(our_level(provided)) + " but " +
                                     level_name(level) + " was requested");
    } else {
      MPI_Query_thread(&provided);
      if (our_level(provided) < level)
        fail(kStatusUnsupported, std::string("MPI was initialised by the host with ") +
                                     level_name(our_level(provided)) + " but " + level_name(level) +
                                     " was requested");
    }
  }
  return MPI_COMM_WORLD;
}

MPI_Comm host_comm(const drc_mpi_create_args& args) {
  if (!mpi_initialized() || mpi_finalized())
    fail(kStatusInvalid, "wrapping a host communicator needs MPI initialised by the host (and not yet finalized)");
  if (args.mode == DRC_MPI_WRAP_FORTRAN) {
    if (args.fortran_handle < INT_MIN || args.fortran_handle > INT_MAX)
      fail(kStatusInvalid, "fortran_handle " + std::to_string(args.fortran_handle) + " is not an MPI_Fint");
    MPI_Comm c = MPI_Comm_f2c(static_cast<MPI_Fint>(args.fortran_handle));
    if (c == MPI_COMM_NULL)
      fail(kStatusInvalid, "fortran_handle " + std::to_string(args.fortran_handle) + " is MPI_COMM_NULL or invalid");
    return c;
  }
  if (args.comm_ptr == nullptr) fail(kStatusInvalid, "comm_ptr must point to an MPI_Comm");
  MPI_Comm c = *static_cast<const MPI_Comm*>(args.comm_ptr);
  if (c == MPI_COMM_NULL) fail(kStatusInvalid, "the MPI_Comm at comm_ptr is MPI_COMM_NULL");
  return c;
}

}  // namespace

extern "C" __attribute__((visibility("default"))) int32_t drc_mpi_plugin_create(const drc_mpi_create_args* args,
                                                                                const drc_comm_vtable** vtable,
                                                                                void** self, drc_plugin_error* err) {
  return guarded(err, [&] {
    if (args == nullptr || vtable == nullptr || self == nullptr) fail(kStatusInvalid, "NULL argument");
    if (args->struct_size < sizeof(drc_mpi_create_args))
      fail(kStatusInvalid, "drc_mpi_create_args is too small (struct_size " + std::to_string(args->struct_size) + ")");
    MPI_Comm base = MPI_COMM_NULL;
    switch (args->mode) {
      case DRC_MPI_WORLD: base = world_comm(args->thread_level); break;
      case DRC_MPI_WRAP_FORTRAN:
      case DRC_MPI_WRAP_POINTER: base = host_comm(*args); break;
      default: fail(kStatusInvalid, "unknown drc_mpi_mode " + std::to_string(args->mode));
    }
    MPI_Comm dup = MPI_COMM_NULL;
    const int rc = MPI_Comm_dup(base, &dup);
    if (rc != MPI_SUCCESS) fail(kStatusComm, "MPI_Comm_dup failed: " + mpi_error_text(rc));
    *self = Instance::adopt(dup).release();
    *vtable = &kVtable;
  });
}
