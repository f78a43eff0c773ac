// C ABI: the drc_comm handle (local and thread-group backends) and the byte collectives.
// Backend constructors of the plugins live beside: comm_mpi_api.cpp, comm_gloo_api.cpp.
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "capi/capi_util.h"
#include "capi/comm_handle.h"
#include "comm/communicator.h"

using namespace deeprc;
using namespace deeprc::capi;

static_assert(DRC_REDUCE_SUM == static_cast<int>(comm::ReduceOp::Sum));
static_assert(DRC_REDUCE_MIN == static_cast<int>(comm::ReduceOp::Min));
static_assert(DRC_REDUCE_MAX == static_cast<int>(comm::ReduceOp::Max));

namespace deeprc::capi {

comm::Communicator& comm_of(drc_comm* handle, bool host_buffers) {
  if (handle == nullptr || !handle->comm) throw_invalid("argument 'comm' must not be NULL");
  if (host_buffers && handle->comm->device_memory())
    throw_invalid("the " + handle->comm->backend() +
                  " communicator works on device buffers; table operators need a host communicator (mpi, gloo)");
  return *handle->comm;
}

}  // namespace deeprc::capi

namespace {

comm::ReduceOp reduce_op(int32_t op) {
  if (op < DRC_REDUCE_SUM || op > DRC_REDUCE_MAX)
    throw_invalid("op " + std::to_string(op) + " is not a drc_reduce_op (0 sum, 1 min, 2 max)");
  return static_cast<comm::ReduceOp>(op);
}

void require_root(const comm::Communicator& c, int32_t root) {
  if (root < 0 || root >= c.size())
    throw_invalid("root " + std::to_string(root) + " is not a rank of this communicator (size " +
                  std::to_string(c.size()) + ")");
}

void require_size(int64_t size, const char* name) {
  if (size < 0) throw_invalid(std::string("argument '") + name + "' must be >= 0");
}

}  // namespace

extern "C" {

DRC_API drc_status* drc_comm_local(drc_comm** out) {
  DRC_TRY({
    require_arg(out, "out");
    *out = make_handle<drc_comm>(comm::make_local());
  });
}

DRC_API drc_status* drc_comm_thread_group(int32_t size, drc_comm** out) {
  DRC_TRY({
    require_arg(out, "out");
    if (size < 1) throw_invalid("size must be >= 1, got " + std::to_string(size));
    auto comms = comm::make_thread_group(size);
    std::vector<std::unique_ptr<drc_comm>> handles;
    for (auto& c : comms) handles.push_back(std::make_unique<drc_comm>(drc_comm{std::move(c)}));
    for (int32_t r = 0; r < size; ++r) out[r] = handles[static_cast<size_t>(r)].release();
  });
}

DRC_API int32_t drc_comm_rank(const drc_comm* comm) { return comm && comm->comm ? comm->comm->rank() : -1; }
DRC_API int32_t drc_comm_size(const drc_comm* comm) { return comm && comm->comm ? comm->comm->size() : 0; }

DRC_API const char* drc_comm_backend(const drc_comm* comm) {
  if (comm == nullptr || !comm->comm) return "";
  // Static strings, as documented (the Communicator returns std::string).
  const std::string b = comm->comm->backend();
  for (const char* s : {"local", "threads", "mpi", "gloo", "nccl"})
    if (b == s) return s;
  return "unknown";
}

DRC_API drc_status* drc_comm_barrier(drc_comm* comm) { DRC_TRY({ comm_of(comm, false).barrier(); }); }

DRC_API drc_status* drc_comm_allreduce(drc_comm* comm, const void* send, void* recv, int64_t count, int32_t type_id,
                                       int32_t op) {
  DRC_TRY({
    auto& c = comm_of(comm, false);
    require_size(count, "count");
    if (count > 0) {
      require_arg(send, "send");
      require_arg(recv, "recv");
    }
    const auto type = static_cast<TypeId>(type_id);
    if (type_id < static_cast<int32_t>(TypeId::Int8) || type_id > static_cast<int32_t>(TypeId::Float64))
      throw_invalid("allreduce needs a numeric type_id (int8..uint64, float32, float64), got " +
                    std::to_string(type_id));
    c.allreduce(send, recv, count, type, reduce_op(op));
  });
}

DRC_API drc_status* drc_comm_bcast(drc_comm* comm, void* buffer, int64_t size, int32_t root) {
  DRC_TRY({
    auto& c = comm_of(comm, false);
    require_size(size, "size");
    if (size > 0) require_arg(buffer, "buffer");
    require_root(c, root);
    c.bcast(buffer, size, root);
  });
}

DRC_API drc_status* drc_comm_allgather(drc_comm* comm, const void* send, int64_t size, void* recv) {
  DRC_TRY({
    auto& c = comm_of(comm, false);
    require_size(size, "size");
    if (size > 0) {
      require_arg(send, "send");
      require_arg(recv, "recv");
    }
    std::vector<int64_t> counts(static_cast<size_t>(c.size()), size);
    std::vector<int64_t> displs(counts.size());
    comm::exclusive_scan(counts, displs);
    c.allgatherv(send, size, recv, counts.data(), displs.data());
  });
}

DRC_API drc_status* drc_comm_alltoallv(drc_comm* comm, const void* send, const int64_t* send_counts,
                                       const int64_t* send_displs, void* recv, const int64_t* recv_counts,
                                       const int64_t* recv_displs) {
  DRC_TRY({
    auto& c = comm_of(comm, false);
    require_arg(send_counts, "send_counts");
    require_arg(send_displs, "send_displs");
    require_arg(recv_counts, "recv_counts");
    require_arg(recv_displs, "recv_displs");
    for (int r = 0; r < c.size(); ++r)
      if (send_counts[r] < 0 || recv_counts[r] < 0 || send_displs[r] < 0 || recv_displs[r] < 0)
        throw_invalid("negative count or displacement for rank " + std::to_string(r));
    c.alltoallv(send, send_counts, send_displs, recv, recv_counts, recv_displs);
  });
}

DRC_API drc_status* drc_comm_create_group(drc_comm* comm, const int32_t* ranks, int32_t n, int64_t tag,
                                          drc_comm** out) {
  DRC_TRY({
    auto& c = comm_of(comm, false);
    require_arg(out, "out");
    if (n < 1) throw_invalid("a group needs at least one rank");
    require_arg(ranks, "ranks");
    bool self = false;
    for (int32_t i = 0; i < n; ++i) {
      if (ranks[i] < 0 || ranks[i] >= c.size())
        throw_invalid("ranks[" + std::to_string(i) + "] = " + std::to_string(ranks[i]) + " is not a rank (size " +
                      std::to_string(c.size()) + ")");
      if (i > 0 && ranks[i] <= ranks[i - 1]) throw_invalid("ranks must be strictly increasing");
      self = self || ranks[i] == c.rank();
    }
    if (!self) throw_invalid("rank " + std::to_string(c.rank()) + " is not in the group it creates");
    std::vector<int> r(ranks, ranks + n);
    *out = make_handle<drc_comm>(c.create_group(r, tag));
  });
}

DRC_API drc_status* drc_comm_close(drc_comm* comm) {
  DRC_TRY({
    if (comm != nullptr && comm->comm) comm->comm->close();
  });
}

DRC_API void drc_comm_free(drc_comm* comm) { std::unique_ptr<drc_comm> owned(comm); }

}  // extern "C"
