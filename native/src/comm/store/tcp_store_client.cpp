// TcpStoreClient: a blocking socket to a TcpStoreServer; connect retries with backoff until the
// server is up, then the nonce/HMAC handshake; one request at a time.
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <thread>

#include "comm/store/sha256.h"
#include "comm/store/tcp_store.h"
#include "comm/store/tcp_store_protocol.h"
#include "core/error.h"

namespace deeprc::comm {

using namespace tcpstore;
using Clock = std::chrono::steady_clock;

namespace {

int connect_once(const std::string& host, int port, std::string& why) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_NUMERICSERV;
  addrinfo* res = nullptr;
  const int rc = ::getaddrinfo(host.c_str(), std::to_string(port).c_str(), &hints, &res);
  if (rc != 0) {
    why = std::string("cannot resolve: ") + ::gai_strerror(rc);
    return -1;
  }
  int fd = -1;
  for (addrinfo* ai = res; ai != nullptr && fd < 0; ai = ai->ai_next) {
    fd = ::socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC, ai->ai_protocol);
    if (fd < 0) continue;
    if (::connect(fd, ai->ai_addr, ai->ai_addrlen) != 0) {
      why = std::strerror(errno);
      ::close(fd);
      fd = -1;
    }
  }
  ::freeaddrinfo(res);
  if (fd >= 0) {
    const int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  }
  return fd;
}

void send_all(int fd, const std::vector<uint8_t>& bytes, const std::string& what) {
  size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::send(fd, bytes.data() + done, bytes.size() - done, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) throw_comm(what + ": send failed: " + std::strerror(errno));
    done += static_cast<size_t>(n);
  }
}

// Reads one frame, waiting at most until `deadline`.
Message recv_msg(int fd, Clock::time_point deadline, const std::string& what) {
  std::vector<uint8_t> buf;
  uint8_t chunk[65536];
  for (;;) {
    Message m;
    size_t used = 0;
    std::string why;
    const Decode d = decode(buf.data(), buf.size(), m, used, why);
    if (d == Decode::kOk) return m;
    if (d == Decode::kBad) throw_comm(what + ": malformed reply from the server: " + why);
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    if (left <= 0) throw_comm(what + ": no reply from the server in time");
    pollfd p{fd, POLLIN, 0};
    const int rc = ::poll(&p, 1, static_cast<int>(std::min<int64_t>(left, 1 << 30)));
    if (rc < 0 && errno == EINTR) continue;
    if (rc < 0) throw_comm(what + ": poll failed: " + std::strerror(errno));
    if (rc == 0) continue;
    // The server has at most one outstanding reply for us, so reading past it is impossible.
    const size_t want = buf.size() >= 4 ? 4 + ((size_t{buf[0]} << 24) | (size_t{buf[1]} << 16) |
                                               (size_t{buf[2]} << 8) | buf[3]) - buf.size()
                                         : 4 - buf.size();
    const ssize_t n = ::recv(fd, chunk, std::min(sizeof chunk, std::max<size_t>(want, 1)), 0);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) throw_comm(what + ": connection closed by the server");
    buf.insert(buf.end(), chunk, chunk + n);
  }
}

}  // namespace

std::pair<std::string, int> parse_host_port(const std::string& text) {
  std::string host, port;
  if (!text.empty() && text[0] == '[') {
    const size_t close = text.find(']');
    if (close == std::string::npos || close + 1 >= text.size() || text[close + 1] != ':')
      throw_invalid("'" + text + "' is not HOST:PORT");
    host = text.substr(1, close - 1);
    port = text.substr(close + 2);
  } else {
    const size_t colon = text.rfind(':');
    if (colon == std::string::npos) throw_invalid("'" + text + "' is not HOST:PORT");
    host = text.substr(0, colon);
    port = text.substr(colon + 1);
  }
  if (host.empty() || port.empty() || port.size() > 5 ||
      !std::all_of(port.begin(), port.end(), [](char c) { return c >= '0' && c <= '9'; }) || std::stoi(port) > 65535)
    throw_invalid("'" + text + "' is not HOST:PORT (port 0..65535)");
  return {host, std::stoi(port)};
}

TcpStoreClient::TcpStoreClient(std::string host, int port, std::string secret, int64_t connect_timeout_ms)
    : host_(std::move(host)), port_(port), secret_(std::move(secret)) {
  const std::string what = describe();
  const auto deadline = Clock::now() + std::chrono::milliseconds(std::max<int64_t>(connect_timeout_ms, 0));
  auto pause = std::chrono::milliseconds(10);
  std::string why;
  while ((fd_ = connect_once(host_, port_, why)) < 0) {
    if (Clock::now() >= deadline)
      throw_comm(what + ": cannot connect within " + std::to_string(connect_timeout_ms) + " ms: " + why);
    std::this_thread::sleep_for(pause);
    pause = std::min(pause * 2, std::chrono::milliseconds(500));
  }
  try {
    const auto hs_deadline = Clock::now() + std::chrono::seconds(30);
    const Message hello = recv_msg(fd_, hs_deadline, what);
    if (hello.op == kRefused)
      throw_comm("store refused: " + std::string(hello.value.begin(), hello.value.end()) + " (" + what + ")");
    if (hello.op != kHello || hello.value.size() != kNonceBytes)
      throw_comm(what + ": the server did not greet with a nonce (not a DeepRC store?)");
    Message auth{kAuth, "", {}};
    if (!secret_.empty()) {
      const Sha256Digest mac =
          hmac_sha256({reinterpret_cast<const uint8_t*>(secret_.data()), secret_.size()}, hello.value);
      auth.value.assign(mac.begin(), mac.end());
    }
    std::vector<uint8_t> frame;
    encode(auth, frame);
    send_all(fd_, frame, what);
    const Message reply = recv_msg(fd_, hs_deadline, what);
    if (reply.op == kRefused)
      throw_comm("store refused: " + std::string(reply.value.begin(), reply.value.end()) + " (" + what + ")");
    if (reply.op != kOk) throw_comm(what + ": unexpected handshake reply op " + std::to_string(reply.op));
  } catch (...) {
    ::close(fd_);
    fd_ = -1;
    throw;
  }
}

TcpStoreClient::~TcpStoreClient() {
  if (fd_ >= 0) ::close(fd_);
}

std::string TcpStoreClient::describe() const { return "tcp store " + host_ + ":" + std::to_string(port_); }

std::vector<uint8_t> TcpStoreClient::request(uint8_t op, const std::string& key, const std::vector<uint8_t>& value,
                                             int64_t wait_ms, uint8_t& status) {
  std::lock_guard lock(mu_);
  const std::string what = describe() + (op == kSet ? " set" : " get") + " of key '" + key + "'";
  if (fd_ < 0) throw_comm(what + ": the connection was lost earlier");
  if (key.size() > kMaxKey) throw_invalid(what + ": the key is longer than " + std::to_string(kMaxKey) + " bytes");
  if (value.size() > kMaxBody - kMaxKey - 16)
    throw_invalid(what + ": the value (" + std::to_string(value.size()) + " bytes) exceeds the store's limit");
  std::vector<uint8_t> frame;
  encode(Message{op, key, value}, frame);
  try {
    send_all(fd_, frame, what);
    // The server answers a get at its deadline; allow slack for the network.
    const Message reply = recv_msg(fd_, Clock::now() + std::chrono::milliseconds(wait_ms + 30000), what);
    status = reply.op;
    return reply.value;
  } catch (...) {
    ::close(fd_);
    fd_ = -1;
    throw;
  }
}

void TcpStoreClient::set(const std::string& key, const std::vector<uint8_t>& value) {
  uint8_t status = 0;
  request(kSet, key, value, 0, status);
  if (status != kOk) throw_comm(describe() + ": set of key '" + key + "' failed (reply op " + std::to_string(status) + ")");
}

std::vector<uint8_t> TcpStoreClient::get(const std::string& key, int64_t timeout_ms) {
  const int64_t wait = std::max<int64_t>(timeout_ms, 0);
  std::vector<uint8_t> arg;
  put_u64(arg, static_cast<uint64_t>(wait));
  uint8_t status = 0;
  std::vector<uint8_t> value = request(kGet, key, arg, wait, status);
  if (status == kTimeout)
    throw_io(describe() + ": timed out after " + std::to_string(timeout_ms) + " ms waiting for key '" + key + "'");
  if (status != kOk) throw_comm(describe() + ": get of key '" + key + "' failed (reply op " + std::to_string(status) + ")");
  return value;
}

}  // namespace deeprc::comm
