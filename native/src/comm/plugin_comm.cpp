// Loading communicator plugins and wrapping their C vtable as a Communicator.
#include "comm/plugin_comm.h"

#include <dlfcn.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "core/error.h"

namespace deeprc::comm {
namespace {

// Directory of the module (libdeeprc.so or the executable linking the core) holding this code.
std::string own_directory() {
  Dl_info info{};
  if (dladdr(reinterpret_cast<void*>(&plugin_symbol), &info) == 0 || info.dli_fname == nullptr) return {};
  return std::filesystem::path(info.dli_fname).parent_path().string();
}

void* load_library(const std::string& name) {
  static std::mutex mu;
  static std::map<std::string, void*> loaded;  // plugins stay loaded for the process lifetime
  std::lock_guard lock(mu);
  if (auto it = loaded.find(name); it != loaded.end()) return it->second;
  const std::string file = "libdeeprc_" + name + ".so";
  std::vector<std::string> dirs;
  if (const char* env = std::getenv("DEEPRC_PLUGIN_DIR"); env != nullptr && *env != '\0') dirs.emplace_back(env);
  if (std::string own = own_directory(); !own.empty()) dirs.push_back(own);
  std::string tried, last_error;
  for (const auto& dir : dirs) {
    const std::string path = (std::filesystem::path(dir) / file).string();
    tried += (tried.empty() ? "" : ", ") + dir;
    if (!std::filesystem::exists(path)) continue;
    dlerror();
    if (void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_GLOBAL)) {
      loaded.emplace(name, handle);
      return handle;
    }
    const char* err = dlerror();
    last_error = err != nullptr ? err : "unknown dlopen error";
    throw_not_found("cannot load the " + name + " plugin " + path + ": " + last_error);
  }
  throw_not_found("the " + name + " plugin " + file + " was not found (searched: " +
                  (tried.empty() ? std::string("no directory") : tried) +
                  "; set DEEPRC_PLUGIN_DIR or install the plugin next to libdeeprc.so)");
}

class PluginComm final : public Communicator {
 public:
  PluginComm(const drc_comm_vtable* vt, void* self) : vt_(vt), self_(self) {}
  ~PluginComm() override {
    if (self_ != nullptr) vt_->abandon(self_);
  }

  int rank() const override { return vt_->rank(self_); }
  int size() const override { return vt_->size(self_); }
  std::string backend() const override { return vt_->backend; }
  bool device_memory() const override { return vt_->device_memory != 0; }

  void barrier() override { check(vt_->barrier(live(), &err_), "barrier"); }
  void alltoallv(const void* send, const int64_t* scounts, const int64_t* sdispls, void* recv, const int64_t* rcounts,
                 const int64_t* rdispls) override {
    check(vt_->alltoallv(live(), send, scounts, sdispls, recv, rcounts, rdispls, &err_), "alltoallv");
  }
  void allgatherv(const void* send, int64_t count, void* recv, const int64_t* rcounts, const int64_t* rdispls) override {
    check(vt_->allgatherv(live(), send, count, recv, rcounts, rdispls, &err_), "allgatherv");
  }
  void gatherv(const void* send, int64_t count, void* recv, const int64_t* rcounts, const int64_t* rdispls,
               int root) override {
    check(vt_->gatherv(live(), send, count, recv, rcounts, rdispls, root, &err_), "gatherv");
  }
  void bcast(void* buffer, int64_t bytes, int root) override {
    check(vt_->bcast(live(), buffer, bytes, root, &err_), "bcast");
  }
  void allreduce(const void* send, void* recv, int64_t count, TypeId type, ReduceOp op) override {
    check(vt_->allreduce(live(), send, recv, count, static_cast<int32_t>(type), static_cast<int32_t>(op), &err_),
          "allreduce");
  }
  std::unique_ptr<Communicator> create_group(std::span<const int> ranks, int64_t tag) override {
    std::vector<int32_t> r(ranks.begin(), ranks.end());
    void* out = nullptr;
    check(vt_->create_group(live(), r.data(), static_cast<int32_t>(r.size()), tag, &out, &err_), "create_group");
    return std::make_unique<PluginComm>(vt_, out);
  }
  void close() override {
    if (self_ == nullptr) return;
    void* self = self_;
    self_ = nullptr;  // destroy frees the instance even when it reports an error
    check(vt_->destroy(self, &err_), "close");
  }

 private:
  void* live() const {
    if (self_ == nullptr) throw_invalid(std::string("the ") + vt_->backend + " communicator is closed");
    return self_;
  }
  void check(int32_t rc, const char* what) {
    if (rc != 0) throw_plugin_error(rc, err_, what);
  }

  const drc_comm_vtable* vt_;
  void* self_;
  drc_plugin_error err_{};
};

}  // namespace

void* plugin_symbol(const std::string& name, const char* symbol) {
  void* handle = load_library(name);
  dlerror();
  void* sym = dlsym(handle, symbol);
  if (sym == nullptr)
    throw_not_found("the " + name + " plugin has no symbol " + symbol +
                    " (a plugin from another DeepRC version?)");
  return sym;
}

std::unique_ptr<Communicator> wrap_plugin(const drc_comm_vtable* vtable, void* self) {
  DRC_CHECK(vtable != nullptr && self != nullptr, "plugin returned no communicator");
  if (vtable->abi_version != DRC_COMM_PLUGIN_ABI_VERSION || vtable->struct_size < sizeof(drc_comm_vtable)) {
    if (vtable->abandon != nullptr) vtable->abandon(self);
    throw_unsupported("communicator plugin ABI version " + std::to_string(vtable->abi_version) + " (vtable size " +
                      std::to_string(vtable->struct_size) + ") does not match this DeepRC's version " +
                      std::to_string(DRC_COMM_PLUGIN_ABI_VERSION) + "; rebuild the plugin");
  }
  return std::make_unique<PluginComm>(vtable, self);
}

[[noreturn]] void throw_plugin_error(int32_t code, const drc_plugin_error& err, const char* what) {
  std::string message(err.message, ::strnlen(err.message, sizeof err.message));
  if (message.empty()) message = std::string(what) + " failed (code " + std::to_string(code) + ")";
  const int32_t c = err.code != 0 ? err.code : code;
  if (c >= static_cast<int32_t>(ErrorCode::Invalid) && c <= static_cast<int32_t>(ErrorCode::Comm))
    throw Error(static_cast<ErrorCode>(c), message);
  throw Error(ErrorCode::Comm, message);
}

}  // namespace deeprc::comm
