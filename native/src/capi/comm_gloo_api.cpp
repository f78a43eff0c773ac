// C ABI: the Gloo communicator (drc_comm_gloo) and the TCP rendezvous store server.
#include <memory>
#include <string>

#include "capi/capi_util.h"
#include "capi/comm_handle.h"
#include "comm/backends.h"
#include "comm/store/tcp_store.h"

using namespace deeprc;
using namespace deeprc::capi;

struct drc_store_server {
  std::unique_ptr<comm::TcpStoreServer> server;
};

extern "C" {

DRC_API void drc_gloo_options_init(drc_gloo_options* options) {
  if (options == nullptr) return;
  *options = drc_gloo_options{};
  options->rank = -1;
  options->size = -1;
  options->timeout_ms = 300000;
}

DRC_API drc_status* drc_comm_gloo(const drc_gloo_options* options, drc_comm** out) {
  DRC_TRY({
    require_arg(options, "options");
    require_arg(out, "out");
    const auto str = [](const char* s) { return s != nullptr ? std::string(s) : std::string(); };
    comm::GlooOptions o;
    o.rank = options->rank;
    o.size = options->size;
    if ((o.rank < 0) != (o.size < 0))
      throw_invalid("options.rank and options.size must both be given or both be < 0 (rank " +
                    std::to_string(o.rank) + ", size " + std::to_string(o.size) + ")");
    o.store = str(options->store);
    o.prefix = str(options->prefix);
    o.hostname = str(options->hostname);
    o.iface = str(options->iface);
    o.secret = str(options->secret);
    if (options->timeout_ms < 0) throw_invalid("options.timeout_ms must be >= 0 (0 = default)");
    o.timeout_ms = options->timeout_ms > 0 ? options->timeout_ms : 300000;
    o.serve_store = options->serve_store != 0;
    *out = make_handle<drc_comm>(comm::make_gloo(o));
  });
}

DRC_API drc_status* drc_store_server_start(const char* bind_host, int32_t port, const char* secret,
                                           drc_store_server** out) {
  DRC_TRY({
    require_arg(out, "out");
    auto server = std::make_unique<comm::TcpStoreServer>(bind_host != nullptr ? bind_host : "", port,
                                                         secret != nullptr ? secret : "");
    *out = make_handle<drc_store_server>(std::move(server));
  });
}

DRC_API int32_t drc_store_server_port(const drc_store_server* server) {
  return server != nullptr && server->server ? server->server->port() : -1;
}

DRC_API void drc_store_server_stop(drc_store_server* server) { std::unique_ptr<drc_store_server> owned(server); }

}  // extern "C"
