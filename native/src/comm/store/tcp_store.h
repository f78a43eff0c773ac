// The TCP key-value store: a server (one poll() thread) and a client. Authenticated by a shared
// secret: on connect the server sends a random 32-byte nonce, the client answers with
// HMAC-SHA256(secret, nonce); a wrong answer is refused (logged to stderr) and the client throws
// Comm "store refused: bad secret". A get blocks in the server until the key is set or its timeout
// passes. Wire format: tcp_store_protocol.h.
#pragma once
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <utility>

#include "comm/store/kv_store.h"

namespace deeprc::comm {

// "HOST:PORT" or "[V6ADDR]:PORT" -> (host, port); Invalid naming the text otherwise.
std::pair<std::string, int> parse_host_port(const std::string& text);

class TcpStoreServer {
 public:
  // Binds bind_host:port (empty host = all interfaces; port 0 = any free port) and starts serving.
  TcpStoreServer(const std::string& bind_host, int port, std::string secret);
  ~TcpStoreServer();  // stops the thread, closes every connection
  TcpStoreServer(const TcpStoreServer&) = delete;
  TcpStoreServer& operator=(const TcpStoreServer&) = delete;

  int port() const;
  // Connections refused so far (bad secret or malformed messages), for tests.
  int64_t refused() const;

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

class TcpStoreClient final : public KvStore {
 public:
  // Connects (retrying until connect_timeout_ms: the server may start after the client) and
  // authenticates.
  TcpStoreClient(std::string host, int port, std::string secret, int64_t connect_timeout_ms = 60000);
  ~TcpStoreClient() override;
  void set(const std::string& key, const std::vector<uint8_t>& value) override;
  std::vector<uint8_t> get(const std::string& key, int64_t timeout_ms) override;
  std::string describe() const override;

 private:
  std::vector<uint8_t> request(uint8_t op, const std::string& key, const std::vector<uint8_t>& value,
                               int64_t wait_ms, uint8_t& status);
  std::string host_;
  int port_;
  std::string secret_;
  int fd_ = -1;
  std::mutex mu_;  // one request at a time
};

}  // namespace deeprc::comm
