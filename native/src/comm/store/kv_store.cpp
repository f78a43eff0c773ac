// The drc_kv_store C adapter over a KvStore, and open_store() parsing store URIs.
#include "comm/store/kv_store.h"

#include <cstdlib>
#include <cstring>
#include <new>

#include "comm/store/file_store.h"
#include "comm/store/tcp_store.h"
#include "core/error.h"

namespace deeprc::comm {
namespace {

void fill(drc_plugin_error* err, int32_t code, const char* message) {
  if (err == nullptr) return;
  err->code = code;
  std::strncpy(err->message, message, sizeof err->message - 1);
  err->message[sizeof err->message - 1] = '\0';
}

template <typename F>
int32_t guarded(drc_plugin_error* err, F&& f) {
  try {
    f();
    return 0;
  } catch (const Error& e) {
    fill(err, static_cast<int32_t>(e.code()), e.what());
    return static_cast<int32_t>(e.code());
  } catch (const std::bad_alloc&) {
    fill(err, static_cast<int32_t>(ErrorCode::OutOfMemory), "out of memory");
    return static_cast<int32_t>(ErrorCode::OutOfMemory);
  } catch (const std::exception& e) {
    fill(err, static_cast<int32_t>(ErrorCode::Internal), e.what());
    return static_cast<int32_t>(ErrorCode::Internal);
  } catch (...) {
    fill(err, static_cast<int32_t>(ErrorCode::Internal), "unknown exception in the store");
    return static_cast<int32_t>(ErrorCode::Internal);
  }
}

int32_t c_set(void* self, const char* key, const void* value, int64_t size, drc_plugin_error* err) {
  return guarded(err, [&] {
    if (key == nullptr || size < 0 || (size > 0 && value == nullptr)) throw_invalid("store set: bad arguments");
    const auto* p = static_cast<const uint8_t*>(value);
    static_cast<KvStore*>(self)->set(key, std::vector<uint8_t>(p, p + size));
  });
}

int32_t c_get(void* self, const char* key, int64_t timeout_ms, void** value, int64_t* size, drc_plugin_error* err) {
  return guarded(err, [&] {
    if (key == nullptr || value == nullptr || size == nullptr) throw_invalid("store get: bad arguments");
    const std::vector<uint8_t> v = static_cast<KvStore*>(self)->get(key, timeout_ms);
    void* out = std::malloc(v.empty() ? 1 : v.size());
    if (out == nullptr) throw std::bad_alloc();
    if (!v.empty()) std::memcpy(out, v.data(), v.size());
    *value = out;
    *size = static_cast<int64_t>(v.size());
  });
}

void c_free(void* /*self*/, void* value) { std::free(value); }

}  // namespace

drc_kv_store c_store(KvStore& store) { return drc_kv_store{&store, &c_set, &c_get, &c_free}; }

std::unique_ptr<KvStore> open_store(const std::string& uri, const std::string& secret) {
  if (uri.rfind("tcp://", 0) == 0) {
    const auto [host, port] = parse_host_port(uri.substr(6));
    return std::make_unique<TcpStoreClient>(host, port, secret);
  }
  std::string dir = uri.rfind("file://", 0) == 0 ? uri.substr(7) : uri;
  if (dir.empty()) throw_invalid("store '" + uri + "' names no directory");
  return std::make_unique<FileStore>(dir);
}

}  // namespace deeprc::comm
