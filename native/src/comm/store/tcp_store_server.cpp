// TcpStoreServer: one thread poll()ing the listening socket, a wake-up pipe and every client.
// Clients are non-blocking; a get on a missing key parks the connection until a set of that key
// or its deadline. Unauthenticated connections are dropped after 10 s; malformed frames drop the
// connection (logged to stderr) without affecting the others.
#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <map>
#include <thread>

#include "comm/store/sha256.h"
#include "comm/store/tcp_store.h"
#include "comm/store/tcp_store_protocol.h"
#include "core/error.h"

namespace deeprc::comm {

using namespace tcpstore;
using Clock = std::chrono::steady_clock;

namespace {

constexpr auto kAuthWindow = std::chrono::seconds(10);
constexpr uint32_t kMaxAuthBody = 1024;

struct Conn {
  int fd = -1;
  std::string peer;
  std::vector<uint8_t> in, out;
  std::array<uint8_t, kNonceBytes> nonce{};
  bool authed = false;
  bool closing = false;  // close once `out` is flushed
  bool waiting = false;
  std::string wait_key;
  Clock::time_point deadline{};
  Clock::time_point accepted{};
};

std::string peer_name(const sockaddr_storage& ss) {
  char host[NI_MAXHOST] = "?", serv[NI_MAXSERV] = "?";
  ::getnameinfo(reinterpret_cast<const sockaddr*>(&ss), sizeof ss, host, sizeof host, serv, sizeof serv,
                NI_NUMERICHOST | NI_NUMERICSERV);
  return std::string(host) + ":" + serv;
}

void random_bytes(uint8_t* p, size_t n) {
  size_t done = 0;
  while (done < n) {
    const ssize_t r = ::getrandom(p + done, n - done, 0);
    if (r < 0 && errno == EINTR) continue;
    if (r < 0) throw_io(std::string("getrandom failed: ") + std::strerror(errno));
    done += static_cast<size_t>(r);
  }
}

}  // namespace

struct TcpStoreServer::Impl {
  std::string secret;
  int listen_fd = -1;
  int wake[2] = {-1, -1};
  int port = 0;
  std::atomic<int64_t> refused{0};
  std::map<int, Conn> conns;
  std::map<std::string, std::vector<uint8_t>> data;
  std::thread thread;

  ~Impl() {
    for (auto& [fd, c] : conns) ::close(fd);
    if (listen_fd >= 0) ::close(listen_fd);
    for (int fd : wake)
      if (fd >= 0) ::close(fd);
  }

  void bind_listen(const std::string& host, int want_port) {
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
    addrinfo* res = nullptr;
    const std::string service = std::to_string(want_port);
    const int rc = ::getaddrinfo(host.empty() ? nullptr : host.c_str(), service.c_str(), &hints, &res);
    if (rc != 0) throw_io("tcp store server: cannot resolve '" + host + "': " + ::gai_strerror(rc));
    std::string last = "no address";
    for (addrinfo* ai = res; ai != nullptr; ai = ai->ai_next) {
      const int fd = ::socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC | SOCK_NONBLOCK, ai->ai_protocol);
      if (fd < 0) continue;
      const int one = 1;
      ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
      if (::bind(fd, ai->ai_addr, ai->ai_addrlen) == 0 && ::listen(fd, 512) == 0) {
        listen_fd = fd;
        break;
      }
      last = std::strerror(errno);
      ::close(fd);
    }
    ::freeaddrinfo(res);
    if (listen_fd < 0)
      throw_io("tcp store server: cannot listen on " + host + ":" + std::to_string(want_port) + ": " + last);
    sockaddr_storage ss{};
    socklen_t len = sizeof ss;
    ::getsockname(listen_fd, reinterpret_cast<sockaddr*>(&ss), &len);
    port = ss.ss_family == AF_INET6 ? ntohs(reinterpret_cast<sockaddr_in6*>(&ss)->sin6_port)
                                    : ntohs(reinterpret_cast<sockaddr_in*>(&ss)->sin_port);
  }

  void send_msg(Conn& c, uint8_t op, const std::string& key, std::vector<uint8_t> value = {}) {
    encode(Message{op, key, std::move(value)}, c.out);
  }

  void refuse(Conn& c, const std::string& why) {
    std::fprintf(stderr, "deeprc tcp store (port %d): refused client %s: %s\n", port, c.peer.c_str(), why.c_str());
    ++refused;
    const std::string reason = why;
    send_msg(c, kRefused, "", std::vector<uint8_t>(reason.begin(), reason.end()));
    c.closing = true;
  }

  void accept_all() {
    for (;;) {
      sockaddr_storage ss{};
      socklen_t len = sizeof ss;
      const int fd = ::accept4(listen_fd, reinterpret_cast<sockaddr*>(&ss), &len, SOCK_NONBLOCK | SOCK_CLOEXEC);
      if (fd < 0) return;  // EAGAIN, or a transient error: poll again
      const int one = 1;
      ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
      Conn& c = conns[fd];
      c.fd = fd;
      c.peer = peer_name(ss);
      c.accepted = Clock::now();
      random_bytes(c.nonce.data(), c.nonce.size());
      send_msg(c, kHello, "", std::vector<uint8_t>(c.nonce.begin(), c.nonce.end()));
    }
  }

  void handle(Conn& c, Message& m) {
    if (!c.authed) {
      if (m.op != kAuth) return refuse(c, "protocol error: expected authentication, got op " + std::to_string(m.op));
      if (!secret.empty()) {
        const Sha256Digest want = hmac_sha256({reinterpret_cast<const uint8_t*>(secret.data()), secret.size()},
                                              c.nonce);
        if (!constant_time_equal(want, m.value)) return refuse(c, "bad secret");
      }
      c.authed = true;
      return send_msg(c, kOk, "");
    }
    if (m.op == kSet) {
      auto& slot = data[m.key];
      slot = std::move(m.value);
      send_msg(c, kOk, m.key);
      for (auto& [fd, w] : conns) {
        if (w.waiting && w.wait_key == m.key) {
          w.waiting = false;
          send_msg(w, kOk, w.wait_key, slot);
          flush(w);
        }
      }
      return;
    }
    if (m.op == kGet) {
      if (auto it = data.find(m.key); it != data.end()) return send_msg(c, kOk, m.key, it->second);
      const auto wait_ms = static_cast<int64_t>(std::min<uint64_t>(get_u64(m.value), uint64_t{1} << 40));
      c.waiting = true;
      c.wait_key = m.key;
      c.deadline = Clock::now() + std::chrono::milliseconds(wait_ms);
      return;
    }
    refuse(c, "protocol error: unknown op " + std::to_string(m.op));
  }

  void read_from(Conn& c) {
    uint8_t buf[65536];
    for (;;) {
      const ssize_t n = ::recv(c.fd, buf, sizeof buf, 0);
      if (n > 0) {
        c.in.insert(c.in.end(), buf, buf + n);
        continue;
      }
      if (n == 0 || (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)) {
        c.closing = true;
        c.out.clear();
      }
      break;
    }
    size_t pos = 0;
    while (!c.closing && !c.waiting) {
      // Before authentication only a small frame (the HMAC) is acceptable: nobody unauthenticated
      // makes the server buffer much.
      if (!c.authed && c.in.size() - pos >= 4) {
        const uint32_t len = (uint32_t{c.in[pos]} << 24) | (uint32_t{c.in[pos + 1]} << 16) |
                             (uint32_t{c.in[pos + 2]} << 8) | c.in[pos + 3];
        if (len > kMaxAuthBody) {
          refuse(c, "malformed message: a " + std::to_string(len) + "-byte frame before authentication");
          break;
        }
      }
      Message m;
      size_t used = 0;
      std::string why;
      const Decode d = decode(c.in.data() + pos, c.in.size() - pos, m, used, why);
      if (d == Decode::kNeedMore) break;
      if (d == Decode::kBad) {
        refuse(c, "malformed message: " + why);
        break;
      }
      pos += used;
      handle(c, m);
    }
    c.in.erase(c.in.begin(), c.in.begin() + static_cast<std::ptrdiff_t>(pos));
  }

  void flush(Conn& c) {
    while (!c.out.empty()) {
      const ssize_t n = ::send(c.fd, c.out.data(), c.out.size(), MSG_NOSIGNAL);
      if (n > 0) {
        c.out.erase(c.out.begin(), c.out.begin() + n);
        continue;
      }
      if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) return;
      c.out.clear();
      c.closing = true;
      return;
    }
  }

  void run() {
    std::vector<pollfd> fds;
    std::vector<int> order;
    for (;;) {
      const auto now = Clock::now();
      auto next = now + std::chrono::seconds(3600);
      for (auto& [fd, c] : conns) {
        if (c.waiting && c.deadline <= now) {
          c.waiting = false;
          send_msg(c, kTimeout, c.wait_key);
          flush(c);
        }
        if (!c.authed && !c.closing && now - c.accepted > kAuthWindow) {
          refuse(c, "no authentication within 10 s");
          flush(c);
        }
        if (c.waiting) next = std::min(next, c.deadline);
        if (!c.authed) next = std::min(next, c.accepted + kAuthWindow + std::chrono::milliseconds(1));
      }
      for (auto it = conns.begin(); it != conns.end();) {
        if (it->second.closing && it->second.out.empty()) {
          ::close(it->first);
          it = conns.erase(it);
        } else {
          ++it;
        }
      }
      fds.clear();
      order.clear();
      fds.push_back({wake[0], POLLIN, 0});
      fds.push_back({listen_fd, POLLIN, 0});
      for (auto& [fd, c] : conns) {
        short ev = c.closing ? 0 : POLLIN;
        if (!c.out.empty()) ev = static_cast<short>(ev | POLLOUT);
        fds.push_back({fd, ev, 0});
        order.push_back(fd);
      }
      const auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(next - now).count() + 1;
      const int rc = ::poll(fds.data(), fds.size(), static_cast<int>(std::clamp<int64_t>(wait, 0, 3600000)));
      if (rc < 0 && errno != EINTR) {
        std::fprintf(stderr, "deeprc tcp store (port %d): poll failed: %s\n", port, std::strerror(errno));
        return;
      }
      if (rc <= 0) continue;
      if (fds[0].revents != 0) return;  // stop requested
      if (fds[1].revents & POLLIN) accept_all();
      for (size_t i = 0; i < order.size(); ++i) {
        auto it = conns.find(order[i]);
        if (it == conns.end()) continue;
        Conn& c = it->second;
        const short re = fds[i + 2].revents;
        if (re & (POLLIN | POLLHUP | POLLERR)) read_from(c);
        flush(c);
      }
    }
  }
};

TcpStoreServer::TcpStoreServer(const std::string& bind_host, int port, std::string secret)
    : impl_(std::make_unique<Impl>()) {
  if (port < 0 || port > 65535) throw_invalid("tcp store server: port " + std::to_string(port) + " is not in [0, 65535]");
  impl_->secret = std::move(secret);
  impl_->bind_listen(bind_host, port);
  if (::pipe2(impl_->wake, O_CLOEXEC) != 0) throw_io(std::string("tcp store server: pipe: ") + std::strerror(errno));
  impl_->thread = std::thread([impl = impl_.get()] {
    try {
      impl->run();
    } catch (const std::exception& e) {  // never terminate the host process from the server thread
      std::fprintf(stderr, "deeprc tcp store (port %d): stopped: %s\n", impl->port, e.what());
    }
  });
}

TcpStoreServer::~TcpStoreServer() {
  const char b = 1;
  [[maybe_unused]] const ssize_t n = ::write(impl_->wake[1], &b, 1);
  if (impl_->thread.joinable()) impl_->thread.join();
}

int TcpStoreServer::port() const { return impl_->port; }
int64_t TcpStoreServer::refused() const { return impl_->refused.load(); }

}  // namespace deeprc::comm
