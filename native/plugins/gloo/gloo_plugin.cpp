// libdeeprc_gloo.so: the drc_comm_vtable over Gloo's TCP transport. Rendezvous runs through the
// core's drc_kv_store (kept for create_group, which connects a new gloo context over the subset
// under "<prefix>/g<tag>..." in the same store). Nothing here throws across the C boundary.
#include <unistd.h>

#include <chrono>
#include <map>
#include <memory>
#include <string>

#include "deeprc/deeprc_comm_plugin.h"
#include "gloo/rendezvous/context.h"
#include "gloo/rendezvous/prefix_store.h"
#include "gloo/transport/tcp/device.h"
#include "gloo_collectives.h"
#include "gloo_kv_adapter.h"
#include "gloo_plugin_error.h"

namespace deeprc::gloo_plugin {
namespace {

struct Instance {
  std::shared_ptr<::gloo::transport::Device> device;
  std::unique_ptr<Collectives> coll;
  drc_kv_store store{};
  std::string prefix;
  std::chrono::milliseconds timeout{300000};
  std::map<std::string, int> group_counts;  // creations of each (ranks, tag), for unique prefixes
};

Instance* as(void* self) { return static_cast<Instance*>(self); }

// Connects a gloo context of `size` ranks through the store under `prefix`.
std::unique_ptr<Collectives> connect(Instance& inst, int rank, int size, const std::string& prefix) {
  auto ctx = std::make_shared<::gloo::rendezvous::Context>(rank, size);
  ctx->setTimeout(inst.timeout);
  KvAdapter adapter(inst.store, inst.timeout);
  ::gloo::rendezvous::PrefixStore prefixed(prefix, adapter);
  try {
    ctx->connectFullMesh(prefixed, inst.device);
  } catch (const PluginError& e) {
    fail(e.code, "rank " + std::to_string(rank) + " of " + std::to_string(size) + " (prefix '" + prefix + "'): " +
                     e.what());
  } catch (const ::gloo::Exception& e) {
    fail(DRC_STATUS_COMM, "rank " + std::to_string(rank) + " of " + std::to_string(size) + " (prefix '" + prefix +
                              "') could not connect to its peers: " + e.what());
  }
  return std::make_unique<Collectives>(std::move(ctx), inst.timeout);
}

std::string hex64(uint64_t v) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string s(16, '0');
  for (int i = 15; i >= 0; --i, v >>= 4) s[static_cast<size_t>(i)] = kHex[v & 15];
  return s;
}

int32_t v_rank(void* self) { return as(self)->coll->rank(); }
int32_t v_size(void* self) { return as(self)->coll->size(); }

int32_t v_barrier(void* self, drc_plugin_error* err) {
  return guarded(err, "barrier", [&] { as(self)->coll->barrier(); });
}

int32_t v_alltoallv(void* self, const void* send, const int64_t* sc, const int64_t* sd, void* recv, const int64_t* rc,
                    const int64_t* rd, drc_plugin_error* err) {
  return guarded(err, "alltoallv", [&] { as(self)->coll->alltoallv(send, sc, sd, recv, rc, rd); });
}

int32_t v_allgatherv(void* self, const void* send, int64_t count, void* recv, const int64_t* rc, const int64_t* rd,
                     drc_plugin_error* err) {
  return guarded(err, "allgatherv", [&] { as(self)->coll->allgatherv(send, count, recv, rc, rd); });
}

int32_t v_gatherv(void* self, const void* send, int64_t count, void* recv, const int64_t* rc, const int64_t* rd,
                  int32_t root, drc_plugin_error* err) {
  return guarded(err, "gatherv", [&] { as(self)->coll->gatherv(send, count, recv, rc, rd, root); });
}

int32_t v_bcast(void* self, void* buffer, int64_t size, int32_t root, drc_plugin_error* err) {
  return guarded(err, "bcast", [&] { as(self)->coll->bcast(buffer, size, root); });
}

int32_t v_allreduce(void* self, const void* send, void* recv, int64_t count, int32_t dtype, int32_t op,
                    drc_plugin_error* err) {
  return guarded(err, "allreduce", [&] { as(self)->coll->allreduce(send, recv, count, dtype, op); });
}

int32_t v_create_group(void* self, const int32_t* ranks, int32_t n, int64_t tag, void** out_self,
                       drc_plugin_error* err);

int32_t v_destroy(void* self, drc_plugin_error* err) {
  std::unique_ptr<Instance> owned(as(self));
  // A barrier first, so that no rank tears its sockets down while a peer still sends to it.
  if (owned->coll->broken()) return 0;
  return guarded(err, "close", [&] { owned->coll->barrier(); });
}

void v_abandon(void* self) { std::unique_ptr<Instance> owned(as(self)); }

const drc_comm_vtable kVtable = {
    DRC_COMM_PLUGIN_ABI_VERSION, sizeof(drc_comm_vtable), "gloo", 0, 0, &v_rank, &v_size, &v_barrier,
    &v_alltoallv, &v_allgatherv, &v_gatherv, &v_bcast, &v_allreduce, &v_create_group, &v_destroy, &v_abandon};

int32_t v_create_group(void* self, const int32_t* ranks, int32_t n, int64_t tag, void** out_self,
                       drc_plugin_error* err) {
  return guarded(err, "create_group", [&] {
    Instance& parent = *as(self);
    if (ranks == nullptr || n < 1 || out_self == nullptr) fail(DRC_STATUS_INVALID, "no ranks");
    int index = -1;
    uint64_t hash = 1469598103934665603ull;  // FNV-1a over the member ranks
    for (int32_t i = 0; i < n; ++i) {
      if (ranks[i] < 0 || ranks[i] >= parent.coll->size() || (i > 0 && ranks[i] <= ranks[i - 1]))
        fail(DRC_STATUS_INVALID, "ranks must be strictly increasing and in [0, " +
                                     std::to_string(parent.coll->size()) + ")");
      if (ranks[i] == parent.coll->rank()) index = i;
      for (int b = 0; b < 4; ++b) {
        hash ^= (static_cast<uint32_t>(ranks[i]) >> (8 * b)) & 0xff;
        hash *= 1099511628211ull;
      }
    }
    if (index < 0) fail(DRC_STATUS_INVALID, "rank " + std::to_string(parent.coll->rank()) + " is not in the group");
    const std::string id = "g" + std::to_string(tag) + "." + std::to_string(n) + "." + hex64(hash);
    const int nth = parent.group_counts[id]++;
    auto child = std::make_unique<Instance>();
    child->device = parent.device;
    child->store = parent.store;
    child->timeout = parent.timeout;
    child->prefix = parent.prefix + "/" + id + "." + std::to_string(nth);
    child->coll = connect(*child, index, n, child->prefix);
    *out_self = child.release();
  });
}

}  // namespace
}  // namespace deeprc::gloo_plugin

extern "C" __attribute__((visibility("default"))) int32_t drc_gloo_plugin_create(const drc_gloo_create_args* args,
                                                                                   const drc_comm_vtable** vtable,
                                                                                   void** self,
                                                                                   drc_plugin_error* err) {
  using namespace deeprc::gloo_plugin;
  return guarded(err, "create", [&] {
    if (args == nullptr || vtable == nullptr || self == nullptr || args->store == nullptr)
      fail(DRC_STATUS_INVALID, "missing arguments");
    if (args->struct_size < sizeof(drc_gloo_create_args))
      fail(DRC_STATUS_UNSUPPORTED, "create args of " + std::to_string(args->struct_size) + " bytes, expected " +
                                       std::to_string(sizeof(drc_gloo_create_args)) + " (a DeepRC of another version?)");
    if (args->size < 1 || args->rank < 0 || args->rank >= args->size)
      fail(DRC_STATUS_INVALID, "rank " + std::to_string(args->rank) + " is not in [0, size " +
                                   std::to_string(args->size) + ")");
    auto inst = std::make_unique<Instance>();
    inst->store = *args->store;
    inst->prefix = args->prefix != nullptr ? args->prefix : "";
    inst->timeout = std::chrono::milliseconds(args->timeout_ms > 0 ? args->timeout_ms : 300000);
    ::gloo::transport::tcp::attr attr;
    if (args->iface != nullptr && *args->iface != '\0') {
      attr.iface = args->iface;
    } else if (args->hostname != nullptr && *args->hostname != '\0') {
      attr.hostname = args->hostname;
    } else {
      char host[256] = {};
      if (::gethostname(host, sizeof host - 1) != 0) fail(DRC_STATUS_IO, "gethostname failed");
      attr.hostname = host;
    }
    try {
      inst->device = ::gloo::transport::tcp::CreateDevice(attr);
    } catch (const ::gloo::Exception& e) {
      fail(DRC_STATUS_COMM, "cannot open a TCP device on " +
                                (attr.iface.empty() ? "host '" + attr.hostname + "'" : "interface '" + attr.iface + "'") +
                                ": " + e.what());
    }
    inst->coll = connect(*inst, args->rank, args->size, inst->prefix);
    *vtable = &kVtable;
    *self = inst.release();
  });
}
