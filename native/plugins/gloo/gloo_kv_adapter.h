// A gloo::rendezvous::Store over the core's drc_kv_store callbacks. wait() fetches and caches
// the values (so get() after wait() does not ask the store again); a missing key after the
// timeout is a PluginError (DRC_STATUS_COMM) naming the key and the rank it belongs to.
#pragma once
#include <chrono>
#include <map>
#include <string>
#include <vector>

#include "deeprc/deeprc_comm_plugin.h"
#include "gloo/rendezvous/store.h"

namespace deeprc::gloo_plugin {

class KvAdapter final : public ::gloo::rendezvous::Store {
 public:
  KvAdapter(const drc_kv_store& store, std::chrono::milliseconds timeout) : store_(store), timeout_(timeout) {}
  void set(const std::string& key, const std::vector<char>& data) override;
  std::vector<char> get(const std::string& key) override;
  void wait(const std::vector<std::string>& keys) override { wait(keys, timeout_); }
  void wait(const std::vector<std::string>& keys, const std::chrono::milliseconds& timeout) override;

 private:
  std::vector<char> fetch(const std::string& key, std::chrono::milliseconds wait, std::chrono::milliseconds timeout);
  drc_kv_store store_;
  std::chrono::milliseconds timeout_;
  std::map<std::string, std::vector<char>> cache_;
};

}  // namespace deeprc::gloo_plugin
