// NCCL communicators over the NCCL plugin (libdeeprc_nccl.so, native/plugins/nccl), which
// dlopens libnccl.so.2 and libcudart at run time. Rank 0's unique id travels by the host
// communicator's bcast.
#include <array>
#include <string>

#include "comm/backends.h"
#include "comm/plugin_comm.h"
#include "core/error.h"

namespace deeprc::comm {

void check_nccl_available() {
  drc_nccl_plugin_available_fn available = nullptr;
  try {
    available = reinterpret_cast<drc_nccl_plugin_available_fn>(plugin_symbol("nccl", DRC_NCCL_PLUGIN_AVAILABLE));
  } catch (const Error& e) {  // no plugin is one more reason NCCL cannot be used here
    if (e.code() != ErrorCode::NotFound) throw;
    throw_unsupported(std::string("NCCL not available: ") + e.what());
  }
  drc_plugin_error err{};
  if (const int32_t rc = available(&err); rc != 0) throw_plugin_error(rc, err, "NCCL availability check");
}

std::unique_ptr<Communicator> make_nccl(Communicator& host, int device) {
  if (host.device_memory()) throw_invalid("the host communicator of an NCCL communicator must use host memory");
  if (device < 0) throw_invalid("device " + std::to_string(device) + " is not a CUDA device ordinal");
  // Every rank checks locally, then agrees, so that no rank waits in NCCL init for one that failed.
  int64_t ok = 1;
  std::string why;
  try {
    check_nccl_available();
  } catch (const Error& e) {
    ok = 0;
    why = e.what();
  }
  if (allreduce_i64(host, ok, ReduceOp::Min) == 0) {
    if (!why.empty()) throw_unsupported(why);
    throw_unsupported("NCCL not available on another rank of the host communicator");
  }
  std::array<uint8_t, 128> id{};
  drc_plugin_error err{};
  int64_t id_ok = 1;
  if (host.rank() == 0) {
    auto unique_id = reinterpret_cast<drc_nccl_plugin_unique_id_fn>(plugin_symbol("nccl", DRC_NCCL_PLUGIN_UNIQUE_ID));
    if (unique_id(id.data(), &err) != 0) id_ok = 0;
  }
  if (allreduce_i64(host, id_ok, ReduceOp::Min) == 0) {
    if (host.rank() == 0) throw_plugin_error(err.code, err, "ncclGetUniqueId");
    throw_comm("NCCL: rank 0 could not create the unique id");
  }
  host.bcast(id.data(), static_cast<int64_t>(id.size()), 0);
  auto create = reinterpret_cast<drc_nccl_plugin_create_fn>(plugin_symbol("nccl", DRC_NCCL_PLUGIN_CREATE));
  drc_nccl_create_args args{};
  args.struct_size = sizeof args;
  args.rank = host.rank();
  args.size = host.size();
  args.device = device;
  args.unique_id = id.data();
  const drc_comm_vtable* vtable = nullptr;
  void* self = nullptr;
  if (const int32_t rc = create(&args, &vtable, &self, &err); rc != 0) throw_plugin_error(rc, err, "NCCL communicator");
  return wrap_plugin(vtable, self);
}

}  // namespace deeprc::comm
