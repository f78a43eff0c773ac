// The rendezvous key-value store: the C++ interface (file store, TCP store client) and its C
// adapter drc_kv_store (deeprc_comm_plugin.h) handed to plugins.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "deeprc/deeprc_comm_plugin.h"

namespace deeprc::comm {

class KvStore {
 public:
  virtual ~KvStore() = default;
  // Sets (or overwrites) `key`. Throws deeprc::Error.
  virtual void set(const std::string& key, const std::vector<uint8_t>& value) = 0;
  // Waits until `key` exists, at most timeout_ms, and returns its value. A timeout is IO naming
  // the key; transport failures are Comm.
  virtual std::vector<uint8_t> get(const std::string& key, int64_t timeout_ms) = 0;
  // A short description for messages ("file store /dir", "tcp store host:port").
  virtual std::string describe() const = 0;
};

// A C view of `store` (which must outlive every use of the returned struct). The callbacks never
// throw: errors become a drc_status_code + message in drc_plugin_error.
drc_kv_store c_store(KvStore& store);

// Opens the store named by `uri`: "DIR", "file://DIR" or "tcp://HOST:PORT" (with `secret`).
std::unique_ptr<KvStore> open_store(const std::string& uri, const std::string& secret);

}  // namespace deeprc::comm
