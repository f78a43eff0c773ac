// libdeeprc_nccl.so: the NCCL communicator plugin (deeprc_comm_plugin.h). Builds without CUDA or
// NCCL headers: it declares the few types and functions it calls and dlopens libnccl.so.2 and
// libcudart.so.{12,11.0} at run time, so availability is a run-time question answered by
// drc_nccl_plugin_available ("NCCL not available: <why>").
//
// Buffers are device pointers of the communicator's device. Each instance owns a non-blocking
// CUDA stream; every collective is enqueued on it and completed with cudaStreamSynchronize.
// The "v" collectives are grouped ncclSend / ncclRecv (ncclGroupStart .. ncclGroupEnd), the self
// block a device-to-device cudaMemcpyAsync; barrier is a 1-element allreduce on a scratch buffer.
// Counts are size_t in NCCL: no chunking is needed for 64-bit sizes. create_group: the group's
// first member makes a unique id and sends it to the other members over this communicator
// (members only), then they run ncclCommInitRank among themselves.
#include <dlfcn.h>

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <exception>
#include <memory>
#include <mutex>
#include <new>
#include <string>
#include <vector>

#include "deeprc/deeprc_comm_plugin.h"

namespace {

constexpr int32_t kStatusInvalid = 1, kStatusUnsupported = 3, kStatusOutOfMemory = 4, kStatusInternal = 5,
                  kStatusComm = 8;
enum DType : int32_t { kInt8 = 2, kInt16, kInt32, kInt64, kUInt8, kUInt16, kUInt32, kUInt64, kFloat32, kFloat64 };

// ---- the parts of nccl.h / cuda_runtime_api.h we use (stable ABI since NCCL 2.7 / CUDA 11) ----
using ncclResult_t = int;
using ncclComm_t = void*;
using cudaError_t = int;
using cudaStream_t = void*;
struct ncclUniqueId {
  char internal[128];
};
enum : int { ncclUint8 = 1, ncclInt8 = 0, ncclInt32 = 2, ncclUint32 = 3, ncclInt64 = 4, ncclUint64 = 5,
             ncclFloat32 = 7, ncclFloat64 = 8 };
enum : int { ncclSum = 0, ncclMax = 2, ncclMin = 3 };
enum : int { cudaMemcpyHostToDevice = 1, cudaMemcpyDeviceToHost = 2, cudaMemcpyDeviceToDevice = 3 };
constexpr unsigned kCudaStreamNonBlocking = 1;

struct Api {
  std::string missing;  // empty when everything loaded
  ncclResult_t (*GetUniqueId)(ncclUniqueId*) = nullptr;
  ncclResult_t (*CommInitRank)(ncclComm_t*, int, ncclUniqueId, int) = nullptr;
  ncclResult_t (*CommDestroy)(ncclComm_t) = nullptr;
  ncclResult_t (*CommAbort)(ncclComm_t) = nullptr;
  ncclResult_t (*AllReduce)(const void*, void*, size_t, int, int, ncclComm_t, cudaStream_t) = nullptr;
  ncclResult_t (*Broadcast)(const void*, void*, size_t, int, int, ncclComm_t, cudaStream_t) = nullptr;
  ncclResult_t (*Send)(const void*, size_t, int, int, ncclComm_t, cudaStream_t) = nullptr;
  ncclResult_t (*Recv)(void*, size_t, int, int, ncclComm_t, cudaStream_t) = nullptr;
  ncclResult_t (*GroupStart)() = nullptr;
  ncclResult_t (*GroupEnd)() = nullptr;
  const char* (*GetErrorString)(ncclResult_t) = nullptr;
  cudaError_t (*GetDeviceCount)(int*) = nullptr;
  cudaError_t (*SetDevice)(int) = nullptr;
  cudaError_t (*StreamCreateWithFlags)(cudaStream_t*, unsigned) = nullptr;
  cudaError_t (*StreamDestroy)(cudaStream_t) = nullptr;
  cudaError_t (*StreamSynchronize)(cudaStream_t) = nullptr;
  cudaError_t (*Malloc)(void**, size_t) = nullptr;
  cudaError_t (*Free)(void*) = nullptr;
  cudaError_t (*Memcpy)(void*, const void*, size_t, int) = nullptr;
  cudaError_t (*MemcpyAsync)(void*, const void*, size_t, int, cudaStream_t) = nullptr;
  const char* (*CudaErrorString)(cudaError_t) = nullptr;
};

template <typename F>
void bind(void* lib, const char* name, F& fn, std::string& missing) {
  fn = reinterpret_cast<F>(dlsym(lib, name));
  if (fn == nullptr && missing.empty()) missing = std::string("symbol ") + name + " not found";
}

Api load_api() {
  Api a;
  void* nccl = dlopen("libnccl.so.2", RTLD_NOW | RTLD_LOCAL);
  if (nccl == nullptr) {
    a.missing = "libnccl.so.2 not found (" + std::string(dlerror()) + ")";
    return a;
  }
  void* cudart = nullptr;
  for (const char* name : {"libcudart.so.12", "libcudart.so.11.0", "libcudart.so"})
    if ((cudart = dlopen(name, RTLD_NOW | RTLD_LOCAL)) != nullptr) break;
  if (cudart == nullptr) {
    a.missing = "libcudart.so.12 / libcudart.so.11.0 not found";
    return a;
  }
  bind(nccl, "ncclGetUniqueId", a.GetUniqueId, a.missing);
  bind(nccl, "ncclCommInitRank", a.CommInitRank, a.missing);
  bind(nccl, "ncclCommDestroy", a.CommDestroy, a.missing);
  bind(nccl, "ncclCommAbort", a.CommAbort, a.missing);
  bind(nccl, "ncclAllReduce", a.AllReduce, a.missing);
  bind(nccl, "ncclBroadcast", a.Broadcast, a.missing);
  bind(nccl, "ncclSend", a.Send, a.missing);
  bind(nccl, "ncclRecv", a.Recv, a.missing);
  bind(nccl, "ncclGroupStart", a.GroupStart, a.missing);
  bind(nccl, "ncclGroupEnd", a.GroupEnd, a.missing);
  bind(nccl, "ncclGetErrorString", a.GetErrorString, a.missing);
  bind(cudart, "cudaGetDeviceCount", a.GetDeviceCount, a.missing);
  bind(cudart, "cudaSetDevice", a.SetDevice, a.missing);
  bind(cudart, "cudaStreamCreateWithFlags", a.StreamCreateWithFlags, a.missing);
  bind(cudart, "cudaStreamDestroy", a.StreamDestroy, a.missing);
  bind(cudart, "cudaStreamSynchronize", a.StreamSynchronize, a.missing);
  bind(cudart, "cudaMalloc", a.Malloc, a.missing);
  bind(cudart, "cudaFree", a.Free, a.missing);
  bind(cudart, "cudaMemcpy", a.Memcpy, a.missing);
  bind(cudart, "cudaMemcpyAsync", a.MemcpyAsync, a.missing);
  bind(cudart, "cudaGetErrorString", a.CudaErrorString, a.missing);
  if (!a.missing.empty()) a.missing = "NCCL/CUDA too old: " + a.missing;
  return a;
}

const Api& api() {
  static const Api a = load_api();  // libraries stay loaded for the process lifetime
  return a;
}

struct Failure {
  int32_t code;
  std::string message;
};
[[noreturn]] void fail(int32_t code, std::string message) { throw Failure{code, std::move(message)}; }

// Throws Unsupported "NCCL not available: <why>" unless the libraries and a device are usable.
const Api& usable_api() {
  const Api& a = api();
  if (!a.missing.empty()) fail(kStatusUnsupported, "NCCL not available: " + a.missing);
  int n = 0;
  if (const cudaError_t rc = a.GetDeviceCount(&n); rc != 0 || n == 0)
    fail(kStatusUnsupported, std::string("NCCL not available: no CUDA device") +
                                 (rc != 0 ? std::string(" (") + a.CudaErrorString(rc) + ")" : ""));
  return a;
}

void check_nccl(ncclResult_t rc, const char* what, int rank) {
  if (rc != 0)
    fail(kStatusComm, std::string("NCCL ") + what + " failed on rank " + std::to_string(rank) + ": " +
                          api().GetErrorString(rc));
}
void check_cuda(cudaError_t rc, const char* what, int rank) {
  if (rc != 0)
    fail(kStatusComm, std::string("CUDA ") + what + " failed on rank " + std::to_string(rank) + ": " +
                          api().CudaErrorString(rc));
}

class Instance {
 public:
  // Collective over the `size` ranks that share `id`.
  Instance(const ncclUniqueId& id, int rank, int size, int device) : a_(usable_api()), rank_(rank), size_(size) {
    if (size < 1 || rank < 0 || rank >= size)
      fail(kStatusInvalid, "rank " + std::to_string(rank) + " / size " + std::to_string(size) + " are inconsistent");
    device_ = device;
    check_cuda(a_.SetDevice(device), "cudaSetDevice", rank_);
    check_cuda(a_.StreamCreateWithFlags(&stream_, kCudaStreamNonBlocking), "cudaStreamCreateWithFlags", rank_);
    if (const cudaError_t rc = a_.Malloc(&scratch_, sizeof(ncclUniqueId)); rc != 0) {
      release_local();
      check_cuda(rc, "cudaMalloc", rank_);
    }
    if (const ncclResult_t rc = a_.CommInitRank(&comm_, size, id, rank); rc != 0) {
      comm_ = nullptr;
      release_local();
      check_nccl(rc, "ncclCommInitRank", rank_);
    }
  }
  ~Instance() {
    if (comm_ != nullptr) a_.CommAbort(comm_);  // abandon: local teardown, no communication
    release_local();
  }

  int rank() const { return rank_; }
  int size() const { return size_; }

  void destroy() {
    ncclComm_t c = comm_;
    comm_ = nullptr;
    if (c != nullptr) check_nccl(a_.CommDestroy(c), "ncclCommDestroy", rank_);
  }

  void barrier() {
    set_device();
    check_nccl(a_.AllReduce(scratch_, scratch_, 1, ncclInt32, ncclSum, comm_, stream_), "barrier allreduce", rank_);
    sync();
  }

  void alltoallv(const void* send, const int64_t* sc, const int64_t* sd, void* recv, const int64_t* rc,
                 const int64_t* rd) {
    set_device();
    group_start();
    for (int p = 0; p < size_; ++p) {
      if (p == rank_) continue;
      if (sc[p] > 0) nccl_send(static_cast<const char*>(send) + sd[p], sc[p], p);
      if (rc[p] > 0) nccl_recv(static_cast<char*>(recv) + rd[p], rc[p], p);
    }
    group_end();
    self_copy(static_cast<char*>(recv) + rd[rank_], rc[rank_], static_cast<const char*>(send) + sd[rank_], sc[rank_]);
    sync();
  }

  void allgatherv(const void* send, int64_t count, void* recv, const int64_t* rc, const int64_t* rd) {
    set_device();
    group_start();
    for (int p = 0; p < size_; ++p) {
      if (p == rank_) continue;
      if (count > 0) nccl_send(send, count, p);
      if (rc[p] > 0) nccl_recv(static_cast<char*>(recv) + rd[p], rc[p], p);
    }
    group_end();
    self_copy(static_cast<char*>(recv) + rd[rank_], rc[rank_], send, count);
    sync();
  }

  void gatherv(const void* send, int64_t count, void* recv, const int64_t* rc, const int64_t* rd, int root) {
    check_root(root);
    set_device();
    group_start();
    if (rank_ == root) {
      for (int p = 0; p < size_; ++p)
        if (p != rank_ && rc[p] > 0) nccl_recv(static_cast<char*>(recv) + rd[p], rc[p], p);
    } else if (count > 0) {
      nccl_send(send, count, root);
    }
    group_end();
    if (rank_ == root) self_copy(static_cast<char*>(recv) + rd[rank_], rc[rank_], send, count);
    sync();
  }

  void bcast(void* buffer, int64_t bytes, int root) {
    check_root(root);
    if (bytes == 0) return;
    set_device();
    check_nccl(a_.Broadcast(buffer, buffer, static_cast<size_t>(bytes), ncclUint8, root, comm_, stream_),
               "ncclBroadcast", rank_);
    sync();
  }

  void allreduce(const void* send, void* recv, int64_t count, int32_t dtype, int32_t op) {
    const int type = nccl_type(dtype);
    const int nop = op == DRC_PLUGIN_REDUCE_SUM ? ncclSum
                    : op == DRC_PLUGIN_REDUCE_MIN ? ncclMin
                    : op == DRC_PLUGIN_REDUCE_MAX ? ncclMax
                                                  : -1;
    if (nop < 0) fail(kStatusInvalid, "allreduce: op " + std::to_string(op) + " is not sum, min or max");
    if (count == 0) return;
    set_device();
    check_nccl(a_.AllReduce(send, recv, static_cast<size_t>(count), type, nop, comm_, stream_), "ncclAllReduce",
               rank_);
    sync();
  }

  std::unique_ptr<Instance> create_group(const int32_t* ranks, int32_t n) {
    int me = -1;
    for (int32_t i = 0; i < n; ++i) {
      if (ranks[i] < 0 || ranks[i] >= size_ || (i > 0 && ranks[i] <= ranks[i - 1]))
        fail(kStatusInvalid, "create_group: ranks must be strictly increasing and in [0, " + std::to_string(size_) + ")");
      if (ranks[i] == rank_) me = i;
    }
    if (me < 0) fail(kStatusInvalid, "create_group: rank " + std::to_string(rank_) + " is not among the ranks");
    ncclUniqueId id{};
    set_device();
    if (me == 0) {
      check_nccl(a_.GetUniqueId(&id), "ncclGetUniqueId", rank_);
      check_cuda(a_.Memcpy(scratch_, &id, sizeof id, cudaMemcpyHostToDevice), "cudaMemcpy", rank_);
    }
    group_start();
    if (me == 0) {
      for (int32_t i = 1; i < n; ++i) nccl_send(scratch_, sizeof id, ranks[i]);
    } else {
      nccl_recv(scratch_, sizeof id, ranks[0]);
    }
    group_end();
    sync();
    if (me != 0) check_cuda(a_.Memcpy(&id, scratch_, sizeof id, cudaMemcpyDeviceToHost), "cudaMemcpy", rank_);
    return std::make_unique<Instance>(id, me, n, device_);
  }

 private:
  void release_local() {
    if (scratch_ != nullptr) a_.Free(scratch_);
    if (stream_ != nullptr) a_.StreamDestroy(stream_);
    scratch_ = nullptr;
    stream_ = nullptr;
  }
  void set_device() { check_cuda(a_.SetDevice(device_), "cudaSetDevice", rank_); }
  void sync() { check_cuda(a_.StreamSynchronize(stream_), "cudaStreamSynchronize", rank_); }
  void group_start() { check_nccl(a_.GroupStart(), "ncclGroupStart", rank_); }
  void group_end() { check_nccl(a_.GroupEnd(), "ncclGroupEnd", rank_); }
  void nccl_send(const void* buf, int64_t bytes, int peer) {
    check_nccl(a_.Send(buf, static_cast<size_t>(bytes), ncclUint8, peer, comm_, stream_), "ncclSend", rank_);
  }
  void nccl_recv(void* buf, int64_t bytes, int peer) {
    check_nccl(a_.Recv(buf, static_cast<size_t>(bytes), ncclUint8, peer, comm_, stream_), "ncclRecv", rank_);
  }
  void self_copy(void* dst, int64_t rcount, const void* src, int64_t scount) {
    if (rcount != scount)
      fail(kStatusInvalid, "rank " + std::to_string(rank_) + " sends " + std::to_string(scount) +
                               " bytes to itself but expects " + std::to_string(rcount));
    if (scount > 0 && dst != src)
      check_cuda(a_.MemcpyAsync(dst, src, static_cast<size_t>(scount), cudaMemcpyDeviceToDevice, stream_),
                 "cudaMemcpyAsync", rank_);
  }
  void check_root(int root) const {
    if (root < 0 || root >= size_)
      fail(kStatusInvalid, "root " + std::to_string(root) + " is out of range for a communicator of size " +
                               std::to_string(size_));
  }
  static int nccl_type(int32_t dtype) {
    switch (dtype) {
      case kInt8: return ncclInt8;
      case kUInt8: return ncclUint8;
      case kInt32: return ncclInt32;
      case kUInt32: return ncclUint32;
      case kInt64: return ncclInt64;
      case kUInt64: return ncclUint64;
      case kFloat32: return ncclFloat32;
      case kFloat64: return ncclFloat64;
      case kInt16:
      case kUInt16: fail(kStatusUnsupported, "allreduce: NCCL has no 16-bit integer type");
      default: fail(kStatusInvalid, "allreduce: type id " + std::to_string(dtype) + " is not a numeric type");
    }
  }

  const Api& a_;
  int rank_;
  int size_;
  int device_ = 0;
  ncclComm_t comm_ = nullptr;
  cudaStream_t stream_ = nullptr;
  void* scratch_ = nullptr;
};

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
    return report(kStatusOutOfMemory, "out of memory in the NCCL plugin");
  } catch (const std::exception& e) {
    return report(kStatusInternal, std::string("internal error in the NCCL plugin: ") + e.what());
  } catch (...) {
    return report(kStatusInternal, "internal error in the NCCL plugin: unknown exception");
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
int32_t v_create_group(void* self, const int32_t* ranks, int32_t n, int64_t /*tag: NCCL p2p is ordered per pair*/,
                       void** out, drc_plugin_error* err) {
  return guarded(err, [&] { *out = self_of(self).create_group(ranks, n).release(); });
}
int32_t v_destroy(void* self, drc_plugin_error* err) {
  std::unique_ptr<Instance> inst(static_cast<Instance*>(self));
  return guarded(err, [&] { inst->destroy(); });
}
void v_abandon(void* self) { std::unique_ptr<Instance> inst(static_cast<Instance*>(self)); }

const drc_comm_vtable kVtable = {
    DRC_COMM_PLUGIN_ABI_VERSION, sizeof(drc_comm_vtable), "nccl", 1, 0, v_rank, v_size, v_barrier, v_alltoallv,
    v_allgatherv, v_gatherv, v_bcast, v_allreduce, v_create_group, v_destroy, v_abandon,
};

}  // namespace

#define DRC_NCCL_EXPORT extern "C" __attribute__((visibility("default")))

DRC_NCCL_EXPORT int32_t drc_nccl_plugin_available(drc_plugin_error* err) {
  return guarded(err, [] { usable_api(); });
}

DRC_NCCL_EXPORT int32_t drc_nccl_plugin_unique_id(uint8_t* out128, drc_plugin_error* err) {
  return guarded(err, [&] {
    if (out128 == nullptr) fail(kStatusInvalid, "out128 must not be NULL");
    ncclUniqueId id{};
    check_nccl(usable_api().GetUniqueId(&id), "ncclGetUniqueId", 0);
    std::memcpy(out128, id.internal, sizeof id.internal);
  });
}

DRC_NCCL_EXPORT int32_t drc_nccl_plugin_create(const drc_nccl_create_args* args, const drc_comm_vtable** vtable,
                                               void** self, drc_plugin_error* err) {
  return guarded(err, [&] {
    if (args == nullptr || vtable == nullptr || self == nullptr || args->unique_id == nullptr)
      fail(kStatusInvalid, "NULL argument");
    if (args->struct_size < sizeof(drc_nccl_create_args))
      fail(kStatusInvalid, "drc_nccl_create_args is too small (struct_size " + std::to_string(args->struct_size) + ")");
    ncclUniqueId id{};
    std::memcpy(id.internal, args->unique_id, sizeof id.internal);
    *self = std::make_unique<Instance>(id, args->rank, args->size, args->device).release();
    *vtable = &kVtable;
  });
}
