// comm::make_gloo(): resolves rank/size, the rendezvous store and the key prefix, then creates
// the plugin communicator (libdeeprc_gloo.so). A GlooComm wrapper owns the store (and, on rank 0
// with serve_store, the TCP store server) for as long as the communicator or any group created
// from it lives: the plugin keeps the drc_kv_store for create_group.
#include <unistd.h>

#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <mutex>
#include <utility>

#include "comm/backends.h"
#include "comm/plugin_comm.h"
#include "comm/store/file_store.h"
#include "comm/store/kv_store.h"
#include "comm/store/tcp_store.h"
#include "core/error.h"

namespace deeprc::comm {
namespace {

struct StoreHolder {
  std::unique_ptr<TcpStoreServer> server;  // rank 0 with serve_store; declared first, dies last
  std::unique_ptr<KvStore> store;
  drc_kv_store c{};
  std::string auto_dir;  // the job-unique directory we created; rank 0 removes it at close
};

class GlooComm final : public Communicator {
 public:
  GlooComm(std::shared_ptr<StoreHolder> holder, std::unique_ptr<Communicator> inner, bool world)
      : holder_(std::move(holder)), inner_(std::move(inner)), world_(world) {}
  ~GlooComm() override { inner_.reset(); }  // the plugin instance before the store

  int rank() const override { return inner_->rank(); }
  int size() const override { return inner_->size(); }
  std::string backend() const override { return inner_->backend(); }
  void barrier() override { inner_->barrier(); }
  void alltoallv(const void* s, const int64_t* sc, const int64_t* sd, void* r, const int64_t* rc,
                 const int64_t* rd) override {
    inner_->alltoallv(s, sc, sd, r, rc, rd);
  }
  void allgatherv(const void* s, int64_t n, void* r, const int64_t* rc, const int64_t* rd) override {
    inner_->allgatherv(s, n, r, rc, rd);
  }
  void gatherv(const void* s, int64_t n, void* r, const int64_t* rc, const int64_t* rd, int root) override {
    inner_->gatherv(s, n, r, rc, rd, root);
  }
  void bcast(void* b, int64_t n, int root) override { inner_->bcast(b, n, root); }
  void allreduce(const void* s, void* r, int64_t n, TypeId t, ReduceOp op) override { inner_->allreduce(s, r, n, t, op); }
  std::unique_ptr<Communicator> create_group(std::span<const int> ranks, int64_t tag) override {
    return std::make_unique<GlooComm>(holder_, inner_->create_group(ranks, tag), false);
  }
  void close() override {
    const bool remove = world_ && !closed_ && inner_->rank() == 0 && !holder_->auto_dir.empty();
    closed_ = true;
    inner_->close();  // ends with a barrier: every rank is done with the store's world keys
    if (remove) {
      std::error_code ec;
      std::filesystem::remove_all(holder_->auto_dir, ec);
    }
  }

 private:
  std::shared_ptr<StoreHolder> holder_;
  std::unique_ptr<Communicator> inner_;
  bool world_;
  bool closed_ = false;
};

std::string safe_name(const std::string& s) {
  std::string out;
  for (char c : s) out.push_back(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.' ? c : '_');
  return out;
}

// How many communicators this process created so far for (store, prefix, rank, size): appended
// to the derived prefix so that a second world in the same job does not read the first's keys.
int creation_number(const std::string& key) {
  static std::mutex mu;
  static std::map<std::string, int> counts;
  std::lock_guard lock(mu);
  return counts[key]++;
}

}  // namespace

std::unique_ptr<Communicator> make_gloo(const GlooOptions& options) {
  GlooOptions o = options;
  std::string job_id;
  // A tcp:// store is fresh per session, so its default prefix needs no job id; a directory may
  // hold an earlier job's keys, so there the job id keeps them apart.
  const bool tcp = o.store.rfind("tcp://", 0) == 0;
  const bool need_launcher = o.rank < 0 || o.size < 0 || o.store.empty() || (o.prefix.empty() && !tcp);
  if (need_launcher) {
    LauncherInfo info;
    try {
      info = launcher_info();
    } catch (const Error& e) {
      throw_invalid(std::string("gloo: ") + e.what() +
                    (o.rank >= 0 && o.size >= 0 ? " (needed for the default store / prefix: give both explicitly)" : ""));
    }
    if (o.rank < 0) o.rank = info.rank;
    if (o.size < 0) o.size = info.size;
    job_id = info.job_id;
  }
  if (o.size < 1 || o.rank < 0 || o.rank >= o.size)
    throw_invalid("gloo: rank " + std::to_string(o.rank) + " is not in [0, size " + std::to_string(o.size) + ")");

  auto holder = std::make_shared<StoreHolder>();
  std::string secret = o.secret;
  if (secret.empty())
    if (const char* s = std::getenv("DEEPRC_STORE_SECRET")) secret = s;
  std::string uri = o.store;
  if (uri.empty()) {
    holder->auto_dir =
        (std::filesystem::temp_directory_path() / ("deeprc-gloo-" + safe_name(job_id))).string();
    uri = holder->auto_dir;
  }
  std::pair<std::string, int> host_port;
  if (tcp) {
    host_port = parse_host_port(uri.substr(6));
    if (o.serve_store && host_port.second == 0 && o.size > 1)
      throw_invalid("gloo: serve_store needs a fixed port in '" + uri + "' (the other ranks must know it)");
  } else if (o.serve_store) {
    throw_invalid("gloo: serve_store needs a tcp:// store, got '" + uri + "'");
  }

  // The plugin before the store: a missing plugin is reported without starting a server.
  auto create = reinterpret_cast<drc_gloo_plugin_create_fn>(plugin_symbol("gloo", DRC_GLOO_PLUGIN_CREATE));
  if (tcp) {
    const auto& [host, port] = host_port;
    if (o.serve_store && o.rank == 0) {
      holder->server = std::make_unique<TcpStoreServer>(host, port, secret);
      holder->store = std::make_unique<TcpStoreClient>(host, holder->server->port(), secret, o.timeout_ms);
    } else {
      holder->store = std::make_unique<TcpStoreClient>(host, port, secret, o.timeout_ms);
    }
  } else {
    holder->store = open_store(uri, secret);
  }
  holder->c = c_store(*holder->store);

  std::string prefix = o.prefix;
  if (prefix.empty()) {
    prefix = job_id.empty() ? std::string("deeprc") : "deeprc-" + safe_name(job_id);
    prefix += "/c" + std::to_string(creation_number(uri + "\n" + prefix + "\n" + std::to_string(o.rank) + "/" +
                                                    std::to_string(o.size)));
  }
  drc_gloo_create_args args{};
  args.struct_size = sizeof args;
  args.rank = o.rank;
  args.size = o.size;
  args.store = &holder->c;
  args.prefix = prefix.c_str();
  args.hostname = o.hostname.c_str();
  args.iface = o.iface.c_str();
  args.timeout_ms = o.timeout_ms;
  const drc_comm_vtable* vt = nullptr;
  void* self = nullptr;
  drc_plugin_error err{};
  const int32_t rc = create(&args, &vt, &self, &err);
  if (rc != 0) throw_plugin_error(rc, err, "gloo create");
  return std::make_unique<GlooComm>(std::move(holder), wrap_plugin(vt, self), true);
}

}  // namespace deeprc::comm
