// KvAdapter: gloo's rendezvous Store interface on the drc_kv_store C callbacks.
#include "gloo_kv_adapter.h"

#include "gloo_plugin_error.h"

namespace deeprc::gloo_plugin {
namespace {

// Gloo names rendezvous keys after the rank ("<prefix>/3" or "<prefix>/rank_3"): the rank, or "".
std::string rank_of_key(const std::string& key) {
  size_t end = key.size(), begin = end;
  while (begin > 0 && key[begin - 1] >= '0' && key[begin - 1] <= '9') --begin;
  if (begin == end) return "";
  return key.substr(begin);
}

}  // namespace

void KvAdapter::set(const std::string& key, const std::vector<char>& data) {
  drc_plugin_error err{};
  const int32_t rc = store_.set(store_.self, key.c_str(), data.data(), static_cast<int64_t>(data.size()), &err);
  if (rc != 0) fail(DRC_STATUS_COMM, std::string("rendezvous store set of key '") + key + "' failed: " + err.message);
}

std::vector<char> KvAdapter::fetch(const std::string& key, std::chrono::milliseconds wait,
                                   std::chrono::milliseconds timeout) {
  drc_plugin_error err{};
  void* value = nullptr;
  int64_t size = 0;
  const int32_t rc = store_.get(store_.self, key.c_str(), wait.count(), &value, &size, &err);
  if (rc != 0) {
    const std::string rank = rank_of_key(key);
    fail(DRC_STATUS_COMM, (rank.empty() ? std::string("a peer") : "rank " + rank) +
                              " did not arrive at the rendezvous within " + std::to_string(timeout.count()) +
                              " ms: " + err.message);
  }
  const auto* p = static_cast<const char*>(value);
  std::vector<char> out(p, p + size);
  store_.free_value(store_.self, value);
  return out;
}

std::vector<char> KvAdapter::get(const std::string& key) {
  if (auto it = cache_.find(key); it != cache_.end()) {
    std::vector<char> v = std::move(it->second);
    cache_.erase(it);
    return v;
  }
  return fetch(key, timeout_, timeout_);
}

void KvAdapter::wait(const std::vector<std::string>& keys, const std::chrono::milliseconds& timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (const auto& key : keys) {
    if (cache_.count(key) != 0) continue;
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    cache_[key] = fetch(key, std::max(left, std::chrono::milliseconds(0)), timeout);
  }
}

}  // namespace deeprc::gloo_plugin
